// Types of the ledger (docs/ledger.md): one row per delivery, the merchant's callback at most
// once per (app_id, out_trade_no, transition). Adapters: alipay-notify/ledger/sqlite (the
// embedded default, one machine) and alipay-notify/ledger/pg (PostgreSQL, many servers).

import type { Notification, Verifier } from '../index'

/** One ledger row as the core builds it (docs/ledger.md §1): snake_case, the column names. */
export interface LedgerEntry {
  source: 'notify' | 'return' | 'query'
  app_id: string
  notify_id: string | null
  notify_type: string | null
  out_trade_no: string | null
  trade_no: string | null
  out_biz_no: string | null
  trade_status: string | null
  total_amount_fen: number | null
  receipt_amount_fen: number | null
  buyer_pay_amount_fen: number | null
  refund_fee_fen: number | null
  verdict: 'verified' | 'rejected'
  error_name: string | null
  rule: string | null
  sign_type: string | null
  key_fingerprint: string | null
  body_sha256: string
  /** `PAID`, `CLOSED`, `REFUND:<no>` or null: computed by the core. */
  transition: string | null
}

/** What the callback gets besides the message, inside the transaction. */
export interface ApplyContext<Client = unknown> {
  /** The transaction's connection (pg: a PoolClient; SQLite: the Database). Write the order here. */
  client: Client
  /** The transition being applied: `PAID`, `CLOSED` or `REFUND:<no>`. */
  transition: string
  /** The ledger row's id. */
  id: number
  /** The row as recorded. */
  entry: LedgerEntry
  /** `notify`, `return` or `query`. */
  source: string
}

export interface LedgerOutcome {
  /** `success` only after the commit; `fail` otherwise (Alipay retries). */
  reply: 'success' | 'fail'
  /** True when this delivery ran the callback and committed. */
  changedOrder: boolean
  /** True when the transition was already in the ledger. */
  duplicate: boolean
  /** The delivery's transition (also for a duplicate), or null. */
  transition: string | null
  /** The id of the row recorded for this delivery (null when even recording failed). */
  id: number | null
  verdict: 'verified' | 'rejected'
  /** Why the reply is `fail`. */
  error?: unknown
  /** The verified notification (notify/return). */
  notification?: Notification
  /** The verified trade result (query). */
  tradeResult?: unknown
}

export interface ApplyOnceArgs<Client = unknown> {
  /** The raw body (a notification) or the response body (a query), byte-exact. */
  body: Buffer
  /** Verifies `body` when no `notification` is given. */
  verifier?: Verifier
  /** A notification already verified from `body`. */
  notification?: Notification
  /** A verified TradeResult (reconciliation): its ledgerEntry() is recorded, source `query`. */
  tradeResult?: { ledgerEntry(): LedgerEntry }
  /** Default `notify` (or `query` with a tradeResult). */
  source?: 'notify' | 'return' | 'query'
  /** The merchant's "mark paid / refunded / closed", run at most once per transition. */
  handler: (message: any, apply: ApplyContext<Client>) => unknown
}

export interface Ledger<Client = unknown> {
  /** Verify (unless given a verified message), record, apply at most once. Never rejects for a delivery's failure: see `reply`. */
  applyOnce(args: ApplyOnceArgs<Client>): Promise<LedgerOutcome>
  /** Creates the table and its indexes (docs/ledger.md §1), if missing. */
  createTable(): unknown
  /** Closes what the ledger opened itself. */
  close(): unknown
}

export interface LedgerOptions {
  /** Keep the raw body in `raw_body` (off by default: it holds buyer data). */
  keepRawBody?: boolean
}

export { SqliteLedger, sqliteLedger, SqliteLedgerOptions } from './sqlite'
export { PgLedger, pgLedger, PgLedgerOptions } from './pg'

/** The columns an adapter inserts (all but id), in the order of docs/ledger.md §1. */
export declare const COLUMNS: readonly string[]
/** The name recorded for a failure: its code when short, else its class name; never its message. */
export declare function failureName(err: unknown): string
/** The exact DDL of docs/ledger.md. */
export declare const ddl: { SQLITE: string; POSTGRESQL: string }
