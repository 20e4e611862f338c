<?php
/*
 * The notify_url of the parallel-duplicate test, served by php-fpm: NotifyRequest on a Ledger
 * over the database the script chose ($LEDGER_DB). The callback sleeps a little so that
 * duplicates really overlap inside the transaction.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/harness.php';

use AlipayNotify\{Ledger, NotifyRequest};

// Which worker process served the delivery: the test wants several.
file_put_contents(getenv('LEDGER_PIDS'), getmypid() . "\n", FILE_APPEND | LOCK_EX);
$apply = mark_order();
NotifyRequest::handle(notify_verifier(), function ($message, PDO $pdo, array $entry) use ($apply): void {
    usleep(50000);
    $apply($message, $pdo, $entry);
}, new Ledger(connect(getenv('LEDGER_DB'))));
