<?php
/*
 * A php-fpm worker dying mid-delivery, for ledger_test.php: applies a notification and is
 * killed (SIGKILL, no shutdown, no rollback of its own) inside the merchant's callback, after the
 * order change and the ledger row were written but before the commit.
 */
declare(strict_types=1);

require __DIR__ . '/harness.php';

use AlipayNotify\Ledger;

[, $db, $no] = $argv;
$ledger = new Ledger(connect($db));
$apply = mark_order();
$ledger->applyOnce(notify_verifier(), notify_body($no), function ($message, PDO $pdo, array $entry) use ($apply): void {
    $apply($message, $pdo, $entry);
    echo "in the callback\n";
    posix_kill(getmypid(), 9);
});
echo "not killed\n";
