<?php
// The example site's helpers: its users, its session, the token, the sync API pass-through.
declare(strict_types=1);

/** The site's own users. A real site has a table with password_hash()es. */
const USERS = [
    'ana' => ['id' => 'user-1001', 'name' => 'Ana', 'password' => 'ana-password'],
    'ben' => ['id' => 'user-1002', 'name' => 'Ben', 'password' => 'ben-password'],
];

const DECK = [
    ['id' => 'es-1', 'prompt' => 'el agua', 'answer' => 'water'],
    ['id' => 'es-2', 'prompt' => 'el fuego', 'answer' => 'fire'],
    ['id' => 'es-3', 'prompt' => 'la tierra', 'answer' => 'earth'],
    ['id' => 'es-4', 'prompt' => 'el aire', 'answer' => 'air'],
    ['id' => 'es-5', 'prompt' => 'el sol', 'answer' => 'sun'],
    ['id' => 'es-6', 'prompt' => 'la luna', 'answer' => 'moon'],
];

function h(string $text): string
{
    return htmlspecialchars($text, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

function sync_server_url(): string
{
    return rtrim(getenv('OFFLINE_REVIEW_SYNC_URL') ?: 'http://127.0.0.1:8787', '/');
}

/**
 * PHP's session sends `Cache-Control: no-store` by default, and the worker never keeps such a
 * page for offline use. A page meant for offline review turns that off; the worker then keeps
 * it for this learner only.
 */
function start_session(bool $offlinePage): void
{
    if ($offlinePage) {
        session_cache_limiter('');
        header('Cache-Control: no-cache');
    }
    session_start(['cookie_httponly' => true, 'cookie_samesite' => 'Lax']);
}

/** @return array{id: string, name: string, password: string}|null */
function current_user(): ?array
{
    $id = $_SESSION['user_id'] ?? null;
    foreach (USERS as $user) {
        if ($user['id'] === $id) {
            return $user;
        }
    }
    return null;
}

/** @return array{id: string, name: string, password: string}|null */
function check_password(string $name, string $password): ?array
{
    $user = USERS[strtolower(trim($name))] ?? null;
    return $user !== null && hash_equals($user['password'], $password) ? $user : null;
}

function offline_review_base64url(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

/** A short-lived HS256 token for the sync server (docs/server.md, "Minting the token"). */
function offline_review_token(string $userId): string
{
    $secret = getenv('OFFLINE_REVIEW_JWT_SECRET');
    if ($secret === false || strlen($secret) < 32) {
        throw new RuntimeException('Set OFFLINE_REVIEW_JWT_SECRET (at least 32 bytes), the same as the sync server\'s.');
    }
    $now = time();
    $header = ['alg' => 'HS256', 'typ' => 'JWT'];
    $claims = ['sub' => $userId, 'iss' => getenv('OFFLINE_REVIEW_ISSUER') ?: 'php-example',
               'aud' => 'offline-review', 'iat' => $now, 'exp' => $now + 600];
    $signed = offline_review_base64url(json_encode($header)) . '.'
            . offline_review_base64url(json_encode($claims, JSON_UNESCAPED_SLASHES));
    return $signed . '.' . offline_review_base64url(hash_hmac('sha256', $signed, $secret, true));
}

/**
 * Passes a sync API request on to the sync server, as a reverse proxy on the site's origin
 * would: the method, the body and the headers the server checks (the bearer token, the JSON
 * content type, and the browser's Origin and Sec-Fetch-Site for its cross-site checks).
 */
function proxy_to_sync_server(string $upstream): void
{
    $incoming = array_change_key_case(getallheaders(), CASE_LOWER);
    $headers = [];
    foreach (['authorization', 'content-type', 'origin', 'sec-fetch-site', 'accept'] as $name) {
        if (isset($incoming[$name])) {
            $headers[] = $name . ': ' . $incoming[$name];
        }
    }
    $context = stream_context_create(['http' => [
        'method' => $_SERVER['REQUEST_METHOD'],
        'header' => implode("\r\n", $headers),
        'content' => file_get_contents('php://input'),
        'ignore_errors' => true,
        'timeout' => 30,
    ]]);
    $body = @file_get_contents($upstream . $_SERVER['REQUEST_URI'], false, $context);
    if ($body === false || !isset($http_response_header[0])) {
        http_response_code(502);
        header('Content-Type: application/json');
        echo '{"error":{"code":"bad-gateway","message":"The sync server did not answer."}}';
        return;
    }
    preg_match('#^HTTP/\S+\s+(\d{3})#', $http_response_header[0], $status);
    http_response_code((int) ($status[1] ?? 502));
    foreach (array_slice($http_response_header, 1) as $line) {
        if (preg_match('/^(content-type|cache-control|retry-after|www-authenticate):/i', $line)) {
            header($line);
        }
    }
    echo $body;
}

/** The built files (dist/cdn, dist/sw) side by side, as docs/deployment.md hosts them. */
function serve_dist_file(string $relative): void
{
    $root = realpath(getenv('OFFLINE_REVIEW_DIST') ?: __DIR__ . '/../../dist');
    $file = $root === false ? false : realpath($root . '/' . $relative);
    if ($file === false || !str_starts_with($file, $root . DIRECTORY_SEPARATOR) || !is_file($file)) {
        http_response_code(404);
        return;
    }
    $types = ['js' => 'text/javascript', 'map' => 'application/json', 'json' => 'application/json'];
    header('Content-Type: ' . ($types[pathinfo($file, PATHINFO_EXTENSION)] ?? 'application/octet-stream'));
    header('Cache-Control: no-cache');
    readfile($file);
}

function redirect(string $to): never
{
    header('Location: ' . $to, true, 303);
    exit;
}

function sign_in_form(?string $error): string
{
    return ($error === null ? '' : '<p role="alert">' . h($error) . '</p>')
        . '<form method="post" action="/sign-in">'
        . '<p><label>Name <input name="name" autocomplete="username" required></label></p>'
        . '<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>'
        . '<p><button>Sign in</button></p></form>';
}

function sign_out_form(): string
{
    return '<form method="post" action="/sign-out"><button>Sign out</button></form>';
}

/** @param array{id: string, name: string, password: string} $user */
function deck_page(array $user): string
{
    $items = json_encode(DECK, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE);
    $id = h($user['id']);
    return '<p>Signed in as ' . h($user['name']) . '.</p>' . sign_out_form()
        . '<sync-indicator user="' . $id . '" token-url="/review-token"></sync-indicator>'
        . '<review-session deck="es-basics" user="' . $id . '" token-url="/review-token" sw="/offline-review-sw.js">'
        . '<script type="application/json">' . $items . '</script></review-session>';
}

function render_page(string $title, string $body): void
{
    header('Content-Type: text/html; charset=utf-8');
    echo '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        . '<meta name="viewport" content="width=device-width, initial-scale=1">'
        . '<title>' . h($title) . ' · PHP example</title>'
        . '<script type="module" src="/dist/cdn/offline-review.js"></script>'
        . '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style>'
        . '</head><body><h1>' . h($title) . '</h1>' . $body . '</body></html>';
}
