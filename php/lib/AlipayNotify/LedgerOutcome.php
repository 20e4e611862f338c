<?php
declare(strict_types=1);

namespace AlipayNotify;

/**
 * What Ledger::applyOnce() did with one delivery. $reply is what to answer Alipay: "success"
 * only once the transaction committed, else "fail" (Alipay retries).
 */
final class LedgerOutcome
{
    public function __construct(
        /** "success" or "fail". */
        public readonly string $reply,
        /** True when this delivery ran the merchant's callback and committed. */
        public readonly bool $changedOrder,
        /** True when the transition was already in the ledger: recorded, nothing applied. */
        public readonly bool $duplicate,
        /** "PAID", "CLOSED", "REFUND:<no>" or null (WAIT_BUYER_PAY, rejected, failures). */
        public readonly ?string $transition,
        /** The ledger row recording this delivery; null when none was written. */
        public readonly ?int $id,
        /** The error's stable name when the delivery was rejected or the callback failed. */
        public readonly ?string $errorName = null,
    ) {
    }

    public function isSuccess(): bool
    {
        return $this->reply === SUCCESS;
    }
}
