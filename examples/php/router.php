<?php
// A small PHP site with its own sign-in that embeds the review tags: the way a PHP site
// deploys offline-review. Run it with PHP's built-in server (examples/README.md):
//
//   OFFLINE_REVIEW_JWT_SECRET=… OFFLINE_REVIEW_SYNC_URL=http://127.0.0.1:8787 \
//   OFFLINE_REVIEW_DIST=../../dist PHP_CLI_SERVER_WORKERS=4 php -S 127.0.0.1:8080 router.php
//
// What it shows:
// - the site's own session sign-in (PHP sessions), never the sync server's;
// - /review-token: a short-lived HS256 token for the signed-in learner (no library needed);
// - /api/review/*: the sync API on the site's own origin, passed on to the sync server (what
//   nginx does in docs/deployment.md; here PHP itself, so the example needs nothing else);
// - /offline-review-sw.js: the one-line worker file;
// - a deck page the worker may keep for offline use (sent without `no-store`), and a sign-out
//   page whose tags name no user, which clears the previous learner's cached pages.
declare(strict_types=1);

require __DIR__ . '/lib.php';

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/';

if (str_starts_with($path, '/api/review/')) {
    proxy_to_sync_server(sync_server_url());
    return true;
}
if (str_starts_with($path, '/dist/')) {
    serve_dist_file(substr($path, strlen('/dist/')));
    return true;
}

switch ($path) {
    case '/offline-review-sw.js':
        header('Content-Type: text/javascript');
        header('Cache-Control: no-cache');
        echo "importScripts('/dist/sw/offline-review-sw.js');\n";
        return true;

    case '/review-token':
        start_session(false);
        header('Content-Type: application/json');
        header('Cache-Control: no-store');
        $user = current_user();
        if ($user === null) {
            http_response_code(401);
            echo '{"token":null}';
            return true;
        }
        echo json_encode(['token' => offline_review_token($user['id'])]);
        return true;

    case '/sign-in':
        start_session(false);
        if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
            redirect('/');
        }
        $user = check_password((string) ($_POST['name'] ?? ''), (string) ($_POST['password'] ?? ''));
        if ($user === null) {
            render_page('Sign in', sign_in_form('That name and password do not match.'));
            return true;
        }
        session_regenerate_id(true);
        $_SESSION['user_id'] = $user['id'];
        redirect('/deck');

    case '/sign-out':
        start_session(false);
        if ($_SERVER['REQUEST_METHOD'] === 'POST') {
            $_SESSION = [];
            session_destroy();
            redirect('/signed-out');
        }
        redirect('/');

    case '/signed-out':
        // The tags with no user: the device forgets the learner and deletes their cached pages
        // and API reads. Their unsent answers stay on the device until they sign in again.
        render_page('Signed out', '<p>You are signed out.</p><p><a href="/">Sign in</a></p>'
            . '<sync-indicator></sync-indicator>');
        return true;

    case '/deck':
        // The page the worker keeps for offline use: no `no-store` from the session (see
        // start_session), and served only to the learner it was cached for.
        start_session(true);
        $user = current_user();
        if ($user === null) {
            redirect('/');
        }
        render_page('Basic Spanish', deck_page($user));
        return true;

    case '/':
        start_session(false);
        $user = current_user();
        render_page('Sign in', $user === null
            ? sign_in_form(null)
            : '<p>Signed in as ' . h($user['name']) . '. <a href="/deck">Review your deck</a></p>' . sign_out_form());
        return true;
}

http_response_code(404);
render_page('Not found', '<p>No such page.</p>');
return true;
