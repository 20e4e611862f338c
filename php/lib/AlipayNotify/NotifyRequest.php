<?php
declare(strict_types=1);

namespace AlipayNotify;

/**
 * The notify_url endpoint in one call: read the raw body, verify it, apply it once through the
 * Ledger, answer exactly "success" or "fail".
 *
 *     NotifyRequest::handle($verifier, function (Notification $n, \PDO $pdo, array $entry) {
 *         // $entry['transition']: "PAID", "CLOSED" or "REFUND:<no>"; change the order on $pdo
 *     }, $ledger);
 *
 * php-fpm, mod_php and php -S read php://input; servers where it is empty (Swoole, Webman,
 * Hyperf, RoadRunner) pass the body they read; PSR-7 code passes (string) $request->getBody()
 * to process() and writes the reply itself.
 */
final class NotifyRequest
{
    /**
     * process(), then echoes the reply (as text/plain when headers can still be sent).
     *
     * @param callable(Notification, ?\PDO, array<string, mixed>): void $apply
     */
    public static function handle(Verifier $verifier, callable $apply, ?Ledger $ledger = null, ?string $body = null): LedgerOutcome
    {
        $outcome = self::process($verifier, $apply, $ledger, $body);
        if (!headers_sent()) {
            header('Content-Type: text/plain; charset=utf-8');
        }
        echo $outcome->reply;
        return $outcome;
    }

    /**
     * Verifies $body (null: php://input) and applies it: through $ledger when given (the
     * callback runs at most once per transition, inside the transaction, and gets the PDO);
     * without one, the callback gets null for the PDO and runs for every verified delivery
     * that has a transition, so it must be idempotent itself. Returns what to answer.
     *
     * @param callable(Notification, ?\PDO, array<string, mixed>): void $apply
     */
    public static function process(Verifier $verifier, callable $apply, ?Ledger $ledger = null, ?string $body = null): LedgerOutcome
    {
        $body ??= request_body();
        if ($ledger !== null) {
            try {
                return $ledger->applyOnce($verifier, $body, $apply);
            } catch (\Throwable $e) {
                // The database cannot even record the delivery: Alipay retries on "fail".
                error_log('alipay notify: the ledger failed: ' . get_class($e) . ': ' . $e->getMessage());
                return new LedgerOutcome(FAIL, false, false, null, null, Ledger::failureName($e));
            }
        }
        try {
            $notification = $verifier->verifyNotify($body);
        } catch (Exception $e) {
            error_log('alipay notify rejected: ' . $e->getMessage());
            return new LedgerOutcome(FAIL, false, false, null, null, $e->getErrorName());
        }
        $entry = $notification->ledgerEntry($body);
        if ($entry['transition'] === null) {
            return new LedgerOutcome(SUCCESS, false, false, null, null);
        }
        try {
            $apply($notification, null, $entry);
        } catch (\Throwable $e) {
            error_log('alipay notify: the callback failed: ' . get_class($e) . ': ' . $e->getMessage());
            return new LedgerOutcome(FAIL, false, false, $entry['transition'], null, Ledger::failureName($e));
        }
        return new LedgerOutcome(SUCCESS, true, false, $entry['transition'], null);
    }
}
