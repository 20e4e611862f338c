// alipay-notify/ledger/sqlite: the embedded ledger, one SQLite file on one machine, on
// better-sqlite3 (install it next to alipay-notify). WAL, a busy timeout, BEGIN IMMEDIATE:
// several processes of one machine (a cluster, pm2) share the file safely. Several servers
// need PostgreSQL (alipay-notify/ledger/pg).
'use strict'

const { Ledger, COLUMNS } = require('./ledger.js')
const { SQLITE } = require('./ddl.js')
const path = require('node:path')

// Per database file, in this process: the queue of work on it. better-sqlite3 waits for a lock
// synchronously (the busy timeout blocks the event loop), so a second connection of this
// process waiting for the first one's open transaction would also stop the first one from
// ever finishing. Connections of one process to one file therefore take turns here; between
// processes, SQLite's lock decides.
const QUEUES = new Map()

function queueKey(db) {
  return typeof db.name === 'string' && db.name !== '' && db.name !== ':memory:' && !db.memory ? path.resolve(db.name) : db
}

const INSERT = `INSERT INTO alipay_notify_ledger (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`

function loadDriver() {
  try {
    return require('better-sqlite3')
  } catch (err) {
    const error = new Error(
      'the embedded ledger needs better-sqlite3: npm install better-sqlite3 (built from source where ' +
        'no prebuilt binary can be downloaded: npm_config_build_from_source=true)',
      { cause: err },
    )
    error.code = 'MODULE_NOT_FOUND'
    throw error
  }
}

function sqliteValues(row) {
  const values = {}
  for (const column of COLUMNS) {
    let value = row[column]
    if (value === undefined) value = null
    if (value instanceof Date) value = value.toISOString()
    if (typeof value === 'boolean') value = value ? 1 : 0
    values[column] = value
  }
  return values
}

class SqliteLedger extends Ledger {
  /**
   * @param {{ filename?: string, db?: object, busyTimeout?: number, keepRawBody?: boolean }} options
   *   `filename` opens the file (and closes it in close()); `db` takes an open better-sqlite3
   *   Database the shop also uses for its orders. busyTimeout: milliseconds a writer waits for
   *   another process's transaction (default 5000).
   */
  constructor(options = {}) {
    super(options)
    const busyTimeout = options.busyTimeout === undefined ? 5000 : options.busyTimeout
    if (!Number.isSafeInteger(busyTimeout) || busyTimeout < 0) throw new TypeError('busyTimeout must be milliseconds')
    if (options.db) {
      this.db = options.db
      this.ownsDb = false
    } else if (typeof options.filename === 'string' && options.filename !== '') {
      const Database = loadDriver()
      this.db = new Database(options.filename)
      this.ownsDb = true
    } else {
      throw new TypeError('sqliteLedger({ filename }) or sqliteLedger({ db }): the database is required')
    }
    this.db.pragma(`busy_timeout = ${busyTimeout}`)
    // WAL: readers never block the one writer, and the file survives a crash mid-write.
    this.db.pragma('journal_mode = WAL')
    this.insert = null
    this.queueKey = queueKey(this.db)
  }

  /**
   * Runs `fn(db)` when no ledger transaction is open on the connection. Use it for the shop's
   * own writes on the shared Database, so that none lands inside a delivery's transaction.
   */
  withDb(fn) {
    const turn = (QUEUES.get(this.queueKey) || Promise.resolve()).then(() => fn(this.db))
    const settled = turn.then(
      () => {},
      () => {},
    )
    QUEUES.set(this.queueKey, settled)
    // The map keeps no entry for a file nobody is waiting on.
    settled.then(() => {
      if (QUEUES.get(this.queueKey) === settled) QUEUES.delete(this.queueKey)
    })
    return turn
  }

  /** Creates the table and indexes of docs/ledger.md (the exact DDL) unless they exist. */
  createTable() {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alipay_notify_ledger'").get()
    if (!exists) this.db.exec(SQLITE)
  }

  close() {
    if (this.ownsDb) this.db.close()
  }

  #insert(row) {
    if (!this.insert) this.insert = this.db.prepare(INSERT)
    return this.insert.run(sqliteValues(row))
  }

  _record(row) {
    return this.withDb(() => Number(this.#insert(row).lastInsertRowid))
  }

  _applyTransition(row, reply, run) {
    return this.withDb(async (db) => {
      // IMMEDIATE takes the write lock now: a second process waits here (busy timeout), not at
      // a later write where SQLite would have to fail one of the two.
      db.exec('BEGIN IMMEDIATE')
      try {
        const values = sqliteValues(row)
        const sql = `${INSERT} ON CONFLICT (app_id, out_trade_no, transition) DO NOTHING`
        const inserted = db.prepare(sql).run(values)
        const owned = inserted.changes === 1
        let id
        if (owned) {
          id = Number(inserted.lastInsertRowid)
          await run(db, id)
          db.prepare('UPDATE alipay_notify_ledger SET changed_order = 1, reply = ? WHERE id = ?').run(reply, id)
        } else {
          id = Number(this.#insert({ ...row, transition: null, reply }).lastInsertRowid)
        }
        db.exec('COMMIT')
        return { owned, id }
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw err
      }
    })
  }
}

/** The embedded ledger: `sqliteLedger({ filename: 'shop.db' })`. */
function sqliteLedger(options) {
  return new SqliteLedger(options)
}

module.exports = { SqliteLedger, sqliteLedger }
