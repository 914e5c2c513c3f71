<?php
// Hand-written stand-in for Composer's generated autoloader: PSR-4 prefixes -> folders.
require_once __DIR__ . '/composer/autoload_psr4.php';
spl_autoload_register(static function (string $class): void {
    foreach (AUTOLOAD_PSR4 as $prefix => $dir) {
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $file = $dir . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
                return;
            }
        }
    }
});
