// The two ledger databases the tests run on, behind one small interface: the embedded SQLite
// file and PostgreSQL (DATABASE_URL, started by scripts/test-node.sh through services.sh).
'use strict'

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const assert = require('node:assert/strict')
const { sqliteLedger, pgLedger } = require('../ledger/index.js')

const SHOP_TABLES = [
  'CREATE TABLE orders (out_trade_no VARCHAR(64) PRIMARY KEY, total_fen BIGINT NOT NULL, status VARCHAR(16) NOT NULL)',
  'CREATE TABLE callbacks (id INTEGER, out_trade_no VARCHAR(64), transition VARCHAR(80), pid INTEGER)',
]

// `?` placeholders, numbered for PostgreSQL.
function numbered(sql) {
  let n = 0
  return sql.replace(/\?/g, () => '$' + ++n)
}

function sqliteBackend() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-ledger-'))
  const filename = path.join(dir, 'shop.db')
  return {
    name: 'sqlite',
    filename,
    async setup() {},
    open(options = {}) {
      return sqliteLedger({ filename, ...options })
    },
    // The shop's statements inside the callback, on the transaction's connection.
    async run(client, sql, params = []) {
      client.prepare(sql).run(...params)
    },
    async reset(ledger) {
      await ledger.withDb((db) => {
        for (const t of ['alipay_notify_ledger', 'orders', 'callbacks']) db.exec(`DROP TABLE IF EXISTS ${t}`)
        for (const sql of SHOP_TABLES) db.exec(sql)
      })
      await ledger.createTable()
    },
    async all(ledger, sql, params = []) {
      return ledger.withDb((db) => db.prepare(sql).all(...params))
    },
    async exec(ledger, sql, params = []) {
      await ledger.withDb((db) => db.prepare(sql).run(...params))
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * DATABASE_URL with its own schema first on the search path, emptied: test files run in
 * parallel on one PostgreSQL database, each in its schema.
 */
async function pgSchemaUrl(schema) {
  const base = process.env.DATABASE_URL
  assert.ok(base, 'DATABASE_URL is not set: run scripts/test-node.sh, which starts PostgreSQL (scripts/services.sh)')
  const pg = require('pg')
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.query(`CREATE SCHEMA ${schema}`)
  } finally {
    await client.end()
  }
  return `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`
}

function pgBackend(schema = 'ledger_test') {
  const pg = require('pg')
  let url
  return {
    name: 'postgresql',
    async setup() {
      url = await pgSchemaUrl(schema)
    },
    open(options = {}) {
      const pool = new pg.Pool({ connectionString: url, max: 8 })
      const ledger = pgLedger({ pool, ...options })
      ledger.close = () => pool.end()
      return ledger
    },
    async run(client, sql, params = []) {
      await client.query(numbered(sql), params)
    },
    async reset(ledger) {
      for (const t of ['alipay_notify_ledger', 'orders', 'callbacks']) await ledger.pool.query(`DROP TABLE IF EXISTS ${t}`)
      for (const sql of SHOP_TABLES) await ledger.pool.query(sql)
      await ledger.createTable()
    },
    async all(ledger, sql, params = []) {
      const { rows } = await ledger.pool.query(numbered(sql), params)
      return rows
    },
    async exec(ledger, sql, params = []) {
      await ledger.pool.query(numbered(sql), params)
    },
    cleanup() {},
  }
}

module.exports = { sqliteBackend, pgBackend, pgSchemaUrl, numbered }
