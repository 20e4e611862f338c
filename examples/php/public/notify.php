<?php
/*
 * notify_url: Alipay's asynchronous notification. Verified over the raw body (never $_POST),
 * recorded in the ledger (alipay_notify_ledger, docs/ledger.md), and applied at most once per
 * order and transition: apply_transition() checks the order and its amount and marks it paid
 * (or refunded, closed) inside the ledger's transaction. The answer is exactly "success"
 * (once that transaction committed: Alipay stops) or "fail" (it retries later).
 */

declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

// A warning printed into the body would turn "success" into something Alipay does not accept.
ini_set('display_errors', '0');
try {
    AlipayNotify\NotifyRequest::handle(alipay_verifier(), 'apply_transition', shop_ledger());
} catch (Throwable $e) {
    // The ledger could not even record the delivery (the database is down): Alipay retries.
    error_log('alipay notify not handled: ' . $e->getMessage());
    header('Content-Type: text/plain; charset=utf-8');
    echo AlipayNotify\FAIL;
}
