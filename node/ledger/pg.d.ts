// Types of alipay-notify/ledger/pg: the ledger on PostgreSQL through pg (node-postgres).

import type { Ledger, LedgerOptions } from './index'

export interface PgLedgerOptions extends LedgerOptions {
  /** The shop's pg.Pool; the callback gets one of its clients inside the transaction. */
  pool: any
}

export declare class PgLedger implements Ledger<any> {
  constructor(options: PgLedgerOptions)
  readonly pool: any
  readonly keepRawBody: boolean
  applyOnce: Ledger<any>['applyOnce']
  /** Creates the table of docs/ledger.md unless it exists. */
  createTable(): Promise<void>
  /** The pool is the shop's: nothing to close. */
  close(): void
}

export declare function pgLedger(options: PgLedgerOptions): PgLedger
