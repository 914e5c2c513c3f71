<?php
// notes-board: a small app for PHP's built-in web server (php -S 127.0.0.1:8089 router.php).
// Reads config.ini, keeps a session under var/sessions, caches the rendered list in the
// system temporary directory, and appends one line per request to var/log/requests.log.
declare(strict_types=1);

$root = __DIR__;
$cfg = parse_ini_file("$root/config.ini", true)['app'];
$uri = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/';

function log_request(string $root, array $cfg, string $uri, int $status): void {
    $dir = dirname("$root/{$cfg['request_log']}");
    if (!is_dir($dir)) {
        mkdir($dir, 0755, true);
    }
    $line = sprintf("%s %s %s %d\n", date('c'), $_SERVER['REMOTE_ADDR'], $uri, $status);
    file_put_contents("$root/{$cfg['request_log']}", $line, FILE_APPEND | LOCK_EX);
}

// Static files are served by the built-in server itself.
if ($uri !== '/' && is_file("$root/public$uri")) {
    log_request($root, $cfg, $uri, 200);
    header('Content-Type: text/css');
    readfile("$root/public$uri");
    return true;
}

if ($uri === '/api/status') {
    log_request($root, $cfg, $uri, 200);
    header('Content-Type: application/json');
    echo json_encode(['app' => $cfg['name'], 'php' => PHP_VERSION, 'time' => time()]);
    return true;
}

if ($uri === '/notes' && $_SERVER['REQUEST_METHOD'] === 'POST') {
    $sessions = "$root/{$cfg['session_dir']}";
    if (!is_dir($sessions)) {
        mkdir($sessions, 0700, true);
    }
    session_save_path($sessions);
    session_start();
    $_SESSION['notes'][] = substr((string)file_get_contents('php://input'), 0, 200);
    session_write_close();
    log_request($root, $cfg, $uri, 201);
    http_response_code(201);
    echo "saved\n";
    return true;
}

if ($uri === '/') {
    $cache = sys_get_temp_dir() . '/notes-board-index.html';
    if (!is_file($cache) || filemtime($cache) < time() - (int)$cfg['cache_ttl']) {
        $html = "<html><head><link rel=stylesheet href=/style.css></head><body><h1>"
              . htmlspecialchars($cfg['name']) . "</h1><p>Nothing here yet.</p></body></html>\n";
        file_put_contents($cache, $html, LOCK_EX);
    }
    log_request($root, $cfg, $uri, 200);
    readfile($cache);
    return true;
}

log_request($root, $cfg, $uri, 404);
http_response_code(404);
echo "not found\n";
return true;
