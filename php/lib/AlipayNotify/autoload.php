<?php
/*
 * The PHP half of alipay-notify (Ledger, LedgerOutcome, NotifyRequest, Reconcile): plain
 * classes over the extension's, loaded by this PSR-4 autoloader until the library is a
 * Composer package. require_once it once, e.g. in your front controller:
 *
 *     require_once '/path/to/alipay-notify/php/lib/AlipayNotify/autoload.php';
 *
 * With Composer, the same mapping: "autoload": {"psr-4": {"AlipayNotify\\": "path/to/php/lib/AlipayNotify/"}}.
 */
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    $prefix = 'AlipayNotify\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    // The extension's classes (Verifier, Notification ...) have no file: nothing to load.
    if (is_file($file)) {
        require $file;
    }
});
