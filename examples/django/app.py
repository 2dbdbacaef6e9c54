"""A small Django site with its own sign-in and Django's CSRF middleware on, embedding the
review tags: the way a Django site deploys offline-review. One file, no database (signed-cookie
sessions). Run it with Debian's Django (examples/README.md):

    OFFLINE_REVIEW_JWT_SECRET=... OFFLINE_REVIEW_SYNC_URL=http://127.0.0.1:8787 \\
    OFFLINE_REVIEW_DIST=../../dist /usr/bin/python3 app.py runserver --noreload 127.0.0.1:8000

What it shows:
- the site's own session sign-in, never the sync server's;
- /review-token: a short-lived HS256 token for the signed-in learner (standard library only);
- /api/review/*: the sync API on the site's own origin, passed on to the sync server, behind
  Django's CSRF middleware: the tags send the `csrftoken` cookie back as `X-CSRFToken`;
- /offline-review-sw.js: the one-line worker file;
- a deck page the worker may keep for offline use, and a sign-out page whose tags name no user.
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "example-only-set-DJANGO_SECRET_KEY-in-production"),
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    SESSION_COOKIE_HTTPONLY=True,
    CSRF_FAILURE_VIEW=__name__ + ".csrf_failure",
)

from django.core.management import execute_from_command_line  # noqa: E402
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse  # noqa: E402
from django.middleware.csrf import get_token  # noqa: E402
from django.urls import path, re_path  # noqa: E402
from django.utils.html import escape  # noqa: E402
from django.views.decorators.cache import never_cache  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402
from django.views.static import serve  # noqa: E402

# The site's own users. A real site uses django.contrib.auth.
USERS = {
    "ana": {"id": "user-1001", "name": "Ana", "password": "ana-password"},
    "ben": {"id": "user-1002", "name": "Ben", "password": "ben-password"},
}

DECK = [
    {"id": "de-1", "prompt": "das Wasser", "answer": "water"},
    {"id": "de-2", "prompt": "das Feuer", "answer": "fire"},
    {"id": "de-3", "prompt": "die Erde", "answer": "earth"},
    {"id": "de-4", "prompt": "die Luft", "answer": "air"},
    {"id": "de-5", "prompt": "die Sonne", "answer": "sun"},
    {"id": "de-6", "prompt": "der Mond", "answer": "moon"},
]

SYNC_URL = os.environ.get("OFFLINE_REVIEW_SYNC_URL", "http://127.0.0.1:8787").rstrip("/")
DIST = os.path.abspath(os.environ.get("OFFLINE_REVIEW_DIST", os.path.join(os.path.dirname(__file__), "..", "..", "dist")))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def offline_review_token(user_id: str) -> str:
    """A short-lived HS256 token for the sync server (docs/server.md, "Minting the token")."""
    secret = os.environ.get("OFFLINE_REVIEW_JWT_SECRET", "")
    if len(secret) < 32:
        raise RuntimeError("Set OFFLINE_REVIEW_JWT_SECRET (at least 32 bytes), the same as the sync server's.")
    now = int(time.time())
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {"sub": user_id, "iss": os.environ.get("OFFLINE_REVIEW_ISSUER", "django-example"),
              "aud": "offline-review", "iat": now, "exp": now + 600}
    signed = _b64url(json.dumps(header).encode()) + "." + _b64url(json.dumps(claims).encode())
    return signed + "." + _b64url(hmac.new(secret.encode(), signed.encode("ascii"), hashlib.sha256).digest())


def current_user(request):
    user_id = request.session.get("user_id")
    return next((user for user in USERS.values() if user["id"] == user_id), None)


def page(title: str, body: str, status: int = 200) -> HttpResponse:
    return HttpResponse(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · Django example</title>"
        '<script type="module" src="/dist/cdn/offline-review.js"></script>'
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style>"
        f"</head><body><h1>{escape(title)}</h1>{body}</body></html>",
        status=status,
    )


def sign_in_form(request, error=None) -> str:
    alert = f'<p role="alert">{escape(error)}</p>' if error else ""
    return (
        alert + '<form method="post" action="/sign-in">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
        '<p><label>Name <input name="name" autocomplete="username" required></label></p>'
        '<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>'
        "<p><button>Sign in</button></p></form>"
    )


def sign_out_form(request) -> str:
    return (
        '<form method="post" action="/sign-out">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
        "<button>Sign out</button></form>"
    )


@never_cache
def index(request):
    user = current_user(request)
    if user is None:
        return page("Sign in", sign_in_form(request))
    return page("Sign in", f'<p>Signed in as {escape(user["name"])}. <a href="/deck">Review your deck</a></p>' + sign_out_form(request))


@never_cache
@require_POST
def sign_in(request):
    user = USERS.get(request.POST.get("name", "").strip().lower())
    if user is None or not hmac.compare_digest(user["password"], request.POST.get("password", "")):
        return page("Sign in", sign_in_form(request, "That name and password do not match."), status=401)
    request.session.cycle_key()
    request.session["user_id"] = user["id"]
    return HttpResponseRedirect("/deck")


@require_POST
def sign_out(request):
    request.session.flush()
    return HttpResponseRedirect("/signed-out")


@never_cache
def signed_out(request):
    # The tags with no user: the device forgets the learner and deletes their cached pages and
    # API reads. Their unsent answers stay on the device until they sign in again.
    return page("Signed out", '<p>You are signed out.</p><p><a href="/">Sign in</a></p><sync-indicator></sync-indicator>')


def deck(request):
    # Not never_cache: the worker keeps this page for offline use, for this learner only.
    user = current_user(request)
    if user is None:
        return HttpResponseRedirect("/")
    get_token(request)  # sets the csrftoken cookie the tags send back as X-CSRFToken
    items = json.dumps(DECK).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    uid = escape(user["id"])
    # The tags send Django's CSRF token: the csrftoken cookie, as the X-CSRFToken header.
    csrf = 'csrf-cookie="csrftoken" csrf-header="X-CSRFToken"'
    body = (
        f'<p>Signed in as {escape(user["name"])}.</p>' + sign_out_form(request)
        + f'<sync-indicator user="{uid}" token-url="/review-token" {csrf}></sync-indicator>'
        + f'<review-session deck="de-basics" user="{uid}" token-url="/review-token" {csrf} sw="/offline-review-sw.js">'
        + f'<script type="application/json">{items}</script></review-session>'
    )
    response = page("Basic German", body)
    response["Cache-Control"] = "no-cache"
    return response


@never_cache
def review_token(request):
    user = current_user(request)
    if user is None:
        return JsonResponse({"token": None}, status=401)
    return JsonResponse({"token": offline_review_token(user["id"])})


def worker(request):
    response = HttpResponse("importScripts('/dist/sw/offline-review-sw.js');\n", content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


def csrf_failure(request, reason=""):
    """Django's CSRF refusal as the protocol's JSON error, so the tags can tell what happened."""
    return JsonResponse({"error": {"code": "csrf-failed", "message": f"CSRF check failed: {reason}"}}, status=403)


def sync_api(request, rest):
    """Passes a sync API request on to the sync server, as a reverse proxy on the site's origin
    would: the method, the body and the headers the server checks."""
    headers = {name: request.headers[name] for name in ("Authorization", "Content-Type", "Origin", "Sec-Fetch-Site", "Accept")
               if name in request.headers}
    upstream_request = urllib.request.Request(
        SYNC_URL + request.get_full_path(),
        data=request.body if request.method == "POST" else None,
        headers=headers,
        method=request.method,
    )
    try:
        with urllib.request.urlopen(upstream_request, timeout=30) as upstream:
            status, body, upstream_headers = upstream.status, upstream.read(), upstream.headers
    except urllib.error.HTTPError as error:
        status, body, upstream_headers = error.code, error.read(), error.headers
    except (urllib.error.URLError, OSError):
        return JsonResponse({"error": {"code": "bad-gateway", "message": "The sync server did not answer."}}, status=502)
    response = HttpResponse(body, status=status, content_type=upstream_headers.get("Content-Type", "application/json"))
    for name in ("Cache-Control", "Retry-After", "WWW-Authenticate"):
        if upstream_headers.get(name):
            response[name] = upstream_headers[name]
    return response


def dist(request, file):
    response = serve(request, file, document_root=DIST)
    response["Cache-Control"] = "no-cache"
    return response


urlpatterns = [
    path("", index),
    path("sign-in", sign_in),
    path("sign-out", sign_out),
    path("signed-out", signed_out),
    path("deck", deck),
    path("review-token", review_token),
    path("offline-review-sw.js", worker),
    re_path(r"^dist/(?P<file>.+)$", dist),
    re_path(r"^api/review/(?P<rest>.*)$", sync_api),
]

if __name__ == "__main__":
    execute_from_command_line(sys.argv)
