<?php
const AUTOLOAD_PSR4 = [
    'Acme\\Slugify\\' => __DIR__ . '/../acme/slugify/src',
    'MonologLite\\' => __DIR__ . '/../monolog-lite/logger/src',
    'App\\' => __DIR__ . '/../../src',
];
