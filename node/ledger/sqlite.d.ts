// Types of alipay-notify/ledger/sqlite: the embedded ledger on better-sqlite3.

import type { Ledger, LedgerOptions } from './index'

export interface SqliteLedgerOptions extends LedgerOptions {
  /** The database file to open (closed by close()). */
  filename?: string
  /** An open better-sqlite3 Database the shop also keeps its orders in (not closed by close()). */
  db?: any
  /** Milliseconds a writer waits for another process's transaction (default 5000). */
  busyTimeout?: number
}

export declare class SqliteLedger implements Ledger<any> {
  constructor(options: SqliteLedgerOptions)
  /** The better-sqlite3 Database: the callback's `apply.client`. */
  readonly db: any
  readonly keepRawBody: boolean
  applyOnce: Ledger<any>['applyOnce']
  /** Creates the table of docs/ledger.md unless it exists. */
  createTable(): void
  /** Runs `fn(db)` when no delivery's transaction is open on this file in this process. */
  withDb<T>(fn: (db: any) => T | Promise<T>): Promise<T>
  close(): void
}

export declare function sqliteLedger(options: SqliteLedgerOptions): SqliteLedger
