<?php
// build-index: reads data/posts.json, writes out/index.json (slug => title, word count), logs to var/log.
declare(strict_types=1);
require __DIR__ . '/../vendor/autoload.php';

use App\Report\Builder;
use MonologLite\Logger;

$root = dirname(__DIR__);
@mkdir("$root/var/log", 0755, true);
@mkdir("$root/out", 0755, true);
$log = new Logger('build-index', "$root/var/log/build.log");
$posts = json_decode(file_get_contents("$root/data/posts.json"), true, 8, JSON_THROW_ON_ERROR);
$index = (new Builder())->build($posts);
$tmp = "$root/out/index.json.tmp";
file_put_contents($tmp, json_encode($index, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
rename($tmp, "$root/out/index.json");
$log->info(sprintf('indexed %d posts', count($index)));
fprintf(STDERR, "build-index: %d posts -> out/index.json\n", count($index));
