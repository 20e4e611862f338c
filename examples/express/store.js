// The shop's orders and Alipay's notification ledger in one database: a SQLite file through
// the embedded ledger's connection (one machine), or PostgreSQL when DATABASE_URL is set
// (any number of servers). Orders change only through conditional updates, inside the
// ledger's transaction when a notification or a reconciliation pays them.
'use strict'

const crypto = require('node:crypto')
const { sqliteLedger, pgLedger } = require('alipay-notify/ledger')

const ORDERS = `
  CREATE TABLE IF NOT EXISTS orders (
    out_trade_no VARCHAR(64) PRIMARY KEY,
    subject      TEXT        NOT NULL,
    total_amount VARCHAR(16) NOT NULL,                          -- yuan, exactly as sent to Alipay: '88.00'
    status       VARCHAR(16) NOT NULL DEFAULT 'WAIT_BUYER_PAY', -- WAIT_BUYER_PAY, PAID, CLOSED
    trade_no     VARCHAR(64),                                   -- Alipay's trade number, once paid
    notify_id    VARCHAR(128),                                  -- the notification that changed it (null: a query)
    paid_at      TEXT,
    created_at   TEXT        NOT NULL
  )`

function newOrderNumber() {
  return `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${crypto.randomBytes(6).toString('hex')}`
}

// The statements, written once with `?` placeholders; each database runs them its own way.
const SQL = {
  insert: 'INSERT INTO orders (out_trade_no, subject, total_amount, created_at) VALUES (?, ?, ?, ?)',
  find: 'SELECT * FROM orders WHERE out_trade_no = ?',
  pendingSince: "SELECT out_trade_no FROM orders WHERE status = 'WAIT_BUYER_PAY' AND created_at <= ? ORDER BY created_at",
  markPaid: `UPDATE orders SET status = 'PAID', trade_no = ?, notify_id = ?, paid_at = ?
             WHERE out_trade_no = ? AND status = 'WAIT_BUYER_PAY'`,
  markClosed: "UPDATE orders SET status = 'CLOSED', notify_id = ? WHERE out_trade_no = ? AND status = 'WAIT_BUYER_PAY'",
}

function sqliteStore(file) {
  const Database = require('better-sqlite3')
  const db = new Database(file || ':memory:')
  const ledger = sqliteLedger({ db })
  db.exec(ORDERS)
  ledger.createTable()
  return {
    kind: 'sqlite',
    ledger,
    // Writes outside a delivery wait for the ledger's turn on the shared connection.
    run: (sql, params) => ledger.withDb((conn) => conn.prepare(sql).run(...params).changes),
    get: (sql, params) => ledger.withDb((conn) => conn.prepare(sql).get(...params)),
    all: (sql, params) => ledger.withDb((conn) => conn.prepare(sql).all(...params)),
    // Inside the ledger's transaction, on its connection.
    runIn: async (client, sql, params) => client.prepare(sql).run(...params).changes,
    getIn: async (client, sql, params) => client.prepare(sql).get(...params),
    close: async () => db.close(),
  }
}

function numbered(sql) {
  let n = 0
  return sql.replace(/\?/g, () => '$' + ++n)
}

async function pgStore(url) {
  const pg = require('pg')
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  const ledger = pgLedger({ pool })
  await pool.query(ORDERS)
  await ledger.createTable()
  return {
    kind: 'postgresql',
    ledger,
    run: async (sql, params) => (await pool.query(numbered(sql), params)).rowCount,
    get: async (sql, params) => (await pool.query(numbered(sql), params)).rows[0],
    all: async (sql, params) => (await pool.query(numbered(sql), params)).rows,
    runIn: async (client, sql, params) => (await client.query(numbered(sql), params)).rowCount,
    getIn: async (client, sql, params) => (await client.query(numbered(sql), params)).rows[0],
    close: () => pool.end(),
  }
}

/**
 * Opens the store: PostgreSQL when `databaseUrl` is given, else the SQLite `file` (in memory
 * when undefined). Every method is async.
 */
async function openStore({ file, databaseUrl } = {}) {
  const db = databaseUrl ? await pgStore(databaseUrl) : sqliteStore(file)
  return {
    kind: db.kind,
    ledger: db.ledger,

    /** A new order waiting for payment. `totalAmount` is a yuan string such as '88.00'. */
    async create(subject, totalAmount) {
      const outTradeNo = newOrderNumber()
      await db.run(SQL.insert, [outTradeNo, subject, totalAmount, new Date().toISOString()])
      return this.find(outTradeNo)
    },

    /** The order, or undefined; on the ledger transaction's connection when `client` is given. */
    find(outTradeNo, client) {
      return client === undefined ? db.get(SQL.find, [outTradeNo]) : db.getIn(client, SQL.find, [outTradeNo])
    },

    /** Order numbers still unpaid and created at or before `date` (for reconciliation). */
    async pendingSince(date) {
      return (await db.all(SQL.pendingSince, [date.toISOString()])).map((row) => row.out_trade_no)
    },

    /**
     * Marks an order paid, on the ledger transaction's connection `client`: true when this
     * call changed it. The condition on the status keeps a closed order closed.
     */
    async markPaid(client, outTradeNo, { tradeNo, notifyId, paidAt }) {
      return (await db.runIn(client, SQL.markPaid, [tradeNo, notifyId ?? null, paidAt, outTradeNo])) > 0
    },

    /** Marks an unpaid order closed (Alipay's TRADE_CLOSED), on `client`. */
    async markClosed(client, outTradeNo, notifyId) {
      return (await db.runIn(client, SQL.markClosed, [notifyId ?? null, outTradeNo])) > 0
    },

    /** The ledger rows of an order, oldest first (the audit trail). */
    ledgerRows(outTradeNo) {
      return db.all('SELECT * FROM alipay_notify_ledger WHERE out_trade_no = ? ORDER BY id', [outTradeNo])
    },

    close: db.close,
  }
}

module.exports = { openStore }
