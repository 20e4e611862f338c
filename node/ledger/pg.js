// alipay-notify/ledger/pg: the ledger on PostgreSQL through `pg` (node-postgres, installed by
// the shop), for any number of processes and servers on one database. The unique constraint
// decides who applies a transition: INSERT ... ON CONFLICT DO NOTHING RETURNING id waits for
// a concurrent transaction holding the same key, then returns a row or none.
'use strict'

const { Ledger, COLUMNS } = require('./ledger.js')
const { POSTGRESQL } = require('./ddl.js')

const INSERT = `INSERT INTO alipay_notify_ledger (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => '$' + (i + 1)).join(', ')})`
const CLAIM = `${INSERT} ON CONFLICT (app_id, out_trade_no, transition) DO NOTHING RETURNING id`

function values(row) {
  return COLUMNS.map((column) => (row[column] === undefined ? null : row[column]))
}

class PgLedger extends Ledger {
  /**
   * @param {{ pool: object, keepRawBody?: boolean }} options `pool`: the shop's pg.Pool (the
   *   callback gets one of its clients, inside the transaction).
   */
  constructor(options = {}) {
    super(options)
    if (!options.pool || typeof options.pool.connect !== 'function') {
      throw new TypeError('pgLedger({ pool }): pool must be a pg.Pool')
    }
    this.pool = options.pool
  }

  /** Creates the table and indexes of docs/ledger.md (the exact DDL) unless they exist. */
  async createTable() {
    const client = await this.pool.connect()
    try {
      // Two processes starting together must not both create it: one waits for the other.
      await client.query('BEGIN')
      await client.query("SELECT pg_advisory_xact_lock(hashtext('alipay_notify_ledger'))")
      const { rows } = await client.query("SELECT to_regclass('alipay_notify_ledger') AS t")
      if (rows[0].t === null) await client.query(POSTGRESQL)
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  /** The pool is the shop's: closing it is the shop's call. */
  close() {}

  async _record(row) {
    const { rows } = await this.pool.query(`${INSERT} RETURNING id`, values(row))
    return Number(rows[0].id)
  }

  async _applyTransition(row, reply, run) {
    const client = await this.pool.connect()
    let broken
    try {
      await client.query('BEGIN')
      const claimed = await client.query(CLAIM, values(row))
      const owned = claimed.rows.length === 1
      let id
      if (owned) {
        id = Number(claimed.rows[0].id)
        await run(client, id)
        await client.query('UPDATE alipay_notify_ledger SET changed_order = TRUE, reply = $1 WHERE id = $2', [reply, id])
      } else {
        const duplicate = await client.query(`${INSERT} RETURNING id`, values({ ...row, transition: null, reply }))
        id = Number(duplicate.rows[0].id)
      }
      await client.query('COMMIT')
      return { owned, id }
    } catch (err) {
      // A connection whose ROLLBACK fails is not handed back to the pool.
      await client.query('ROLLBACK').catch((rollbackError) => {
        broken = rollbackError
      })
      throw err
    } finally {
      client.release(broken)
    }
  }
}

/** The PostgreSQL ledger: `pgLedger({ pool: new pg.Pool({ connectionString }) })`. */
function pgLedger(options) {
  return new PgLedger(options)
}

module.exports = { PgLedger, pgLedger }
