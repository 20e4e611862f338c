// Orders in SQLite, through sql.js (SQLite compiled to WebAssembly: no native build, no
// download at install time). The database lives in memory and is written to `file` after each
// change (write to a temporary file, then rename), so a restart keeps the orders.
'use strict'

const fs = require('node:fs')
const crypto = require('node:crypto')
const initSqlJs = require('sql.js')

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS orders (
    out_trade_no TEXT PRIMARY KEY,
    subject      TEXT NOT NULL,
    total_amount TEXT NOT NULL,              -- yuan, exactly as sent to Alipay: '88.00'
    status       TEXT NOT NULL DEFAULT 'WAIT_BUYER_PAY',  -- WAIT_BUYER_PAY, PAID, CLOSED
    trade_no     TEXT,                       -- Alipay's trade number, once paid
    notify_id    TEXT,                       -- the notification that changed the status
    paid_at      TEXT,
    created_at   TEXT NOT NULL
  )`

/** Opens (or creates) the order store; `file` undefined keeps it in memory only. */
async function openOrders(file) {
  const SQL = await initSqlJs()
  const db = file && fs.existsSync(file) ? new SQL.Database(fs.readFileSync(file)) : new SQL.Database()
  db.run(SCHEMA)

  function save() {
    if (!file) return
    const temporary = `${file}.${process.pid}.tmp`
    fs.writeFileSync(temporary, Buffer.from(db.export()))
    fs.renameSync(temporary, file)
  }

  function one(sql, params) {
    const statement = db.prepare(sql)
    try {
      statement.bind(params)
      return statement.step() ? statement.getAsObject() : undefined
    } finally {
      statement.free()
    }
  }

  return {
    /** A new order waiting for payment. `totalAmount` is a yuan string such as '88.00'. */
    create(subject, totalAmount) {
      const outTradeNo = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${crypto
        .randomBytes(6)
        .toString('hex')}`
      db.run('INSERT INTO orders (out_trade_no, subject, total_amount, created_at) VALUES (?, ?, ?, ?)', [
        outTradeNo,
        subject,
        totalAmount,
        new Date().toISOString(),
      ])
      save()
      return this.find(outTradeNo)
    },

    find(outTradeNo) {
      return one('SELECT * FROM orders WHERE out_trade_no = ?', [outTradeNo])
    },

    /** Marks an order paid once; later notifications for it (Alipay retries) change nothing. */
    markPaid(outTradeNo, { tradeNo, notifyId, paidAt }) {
      db.run(
        `UPDATE orders SET status = 'PAID', trade_no = ?, notify_id = ?, paid_at = ?
         WHERE out_trade_no = ? AND status = 'WAIT_BUYER_PAY'`,
        [tradeNo, notifyId, paidAt, outTradeNo],
      )
      const changed = db.getRowsModified() > 0
      if (changed) save()
      return changed
    },

    /** Marks an unpaid order closed (Alipay's TRADE_CLOSED). */
    markClosed(outTradeNo, notifyId) {
      db.run(
        `UPDATE orders SET status = 'CLOSED', notify_id = ? WHERE out_trade_no = ? AND status = 'WAIT_BUYER_PAY'`,
        [notifyId, outTradeNo],
      )
      const changed = db.getRowsModified() > 0
      if (changed) save()
      return changed
    },

    close() {
      save()
      db.close()
    },
  }
}

module.exports = { openOrders }
