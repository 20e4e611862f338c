// The apply-once recipe of docs/ledger.md §2, written once for every database. An adapter
// (sqlite.js, pg.js) supplies two operations on its database:
//   _record(row) -> id: insert one row in a short transaction of its own;
//   _transaction(work) -> what work returns: begin, await work(tx), commit; on any failure roll
//     back and throw. tx.client is the transaction's connection (the callback's), and
//     tx.claim(row) -> id | null inserts the row with its transition and lets the unique
//     constraint decide (null: the transition is already taken); tx.insert(row) -> id inserts
//     a row as it is; tx.markApplied(id, reply) sets changed_order and the reply.
'use strict'

const { AlipayNotifyError, SUCCESS, FAIL, rejectedLedgerEntry } = require('../index.js')

const SOURCES = new Set(['notify', 'return', 'query'])

/** The columns an adapter inserts (all but id), in the order of docs/ledger.md §1. */
const COLUMNS = [
  'received_at', 'source', 'app_id', 'notify_id', 'notify_type', 'out_trade_no', 'trade_no', 'out_biz_no',
  'trade_status', 'total_amount_fen', 'receipt_amount_fen', 'buyer_pay_amount_fen', 'refund_fee_fen', 'verdict',
  'error_name', 'rule', 'sign_type', 'key_fingerprint', 'body_sha256', 'raw_body', 'transition', 'changed_order',
  'reply',
]

/**
 * The name of a callback's (or the database's) failure for `error_name`: its code when that
 * is a short identifier (AlipayNotifyError, pg's SQLSTATE, SQLITE_BUSY), else its class name.
 * Never its message: a message may quote a key, a password or the buyer's data.
 */
function failureName(err) {
  const code = err && typeof err === 'object' ? err.code : undefined
  if (typeof code === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(code)) return code
  const name = err && typeof err === 'object' && typeof err.name === 'string' ? err.name : ''
  const clean = name.replace(/[^A-Za-z0-9_]/g, '').slice(0, 64)
  return clean || 'Error'
}

function asBuffer(body) {
  if (Buffer.isBuffer(body)) return body
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  throw new TypeError('applyOnce(): body must be the raw body, a Buffer (or a string)')
}

/**
 * docs/ledger.md §3: a refund for an order whose PAID is not yet in the ledger applies PAID
 * first, in the same transaction (a refund implies the payment, and Alipay's notifications
 * arrive out of order). The delivery's second row, a copy of its own with transition PAID,
 * claims it the same way; the unique constraint needs a row per transition.
 */
async function paidFirst(tx, row, reply, run) {
  const id = await tx.claim({ ...row, transition: 'PAID' })
  if (id === null) return
  await run(id)
  await tx.markApplied(id, reply)
}

class Ledger {
  /** @param {{ keepRawBody?: boolean }} [options] */
  constructor(options = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('ledger options must be an object')
    this.keepRawBody = options.keepRawBody === true
  }

  /** A full row: the core's entry plus what only the caller knows. */
  row(entry, body, receivedAt, fields) {
    return {
      received_at: receivedAt,
      ...entry,
      raw_body: this.keepRawBody ? body : null,
      changed_order: false,
      reply: null,
      ...fields,
    }
  }

  /**
   * Verifies (unless given a verified message), records the delivery, and runs
   * `handler(message, apply)` at most once per (app_id, out_trade_no, transition), inside the
   * transaction. Resolves to the outcome; a delivery's failure (a bad signature, a callback
   * that throws, a database that fails) is `reply: 'fail'` with `error`, not a rejection.
   * Only a programming error (no handler, no body, no verifier) throws.
   */
  async applyOnce(args) {
    if (!args || typeof args !== 'object') throw new TypeError('applyOnce({ body, verifier, handler }): pass an object')
    const { handler, notification, tradeResult } = args
    if (typeof handler !== 'function') throw new TypeError('applyOnce(): handler must be a function')
    const source = args.source === undefined ? (tradeResult ? 'query' : 'notify') : args.source
    if (!SOURCES.has(source)) throw new TypeError("applyOnce(): source must be 'notify', 'return' or 'query'")
    const body = asBuffer(args.body)
    if (!tradeResult && !notification && (!args.verifier || typeof args.verifier.verifyNotify !== 'function')) {
      throw new TypeError('applyOnce(): give a verifier (or a verified notification or tradeResult)')
    }
    const receivedAt = new Date()
    // A query has no reply column (nobody is answered); the outcome still says committed or not.
    const reply = (text) => (source === 'query' ? null : text)

    let message
    let entry
    try {
      if (tradeResult) {
        message = tradeResult
        entry = tradeResult.ledgerEntry()
      } else {
        message = notification || (source === 'return' ? args.verifier.verifyReturn(body) : args.verifier.verifyNotify(body))
        entry = message.ledgerEntry(body)
      }
    } catch (err) {
      if (!(err instanceof AlipayNotifyError)) throw err
      const row = this.row(rejectedLedgerEntry(source, body, err), body, receivedAt, { reply: reply(FAIL) })
      const id = await this.#recordQuietly(row)
      return { reply: FAIL, changedOrder: false, duplicate: false, transition: null, id, verdict: 'rejected', error: err }
    }
    const known = tradeResult ? { tradeResult } : { notification: message }
    const { transition } = entry

    if (!transition) {
      try {
        const id = await this._record(this.row(entry, body, receivedAt, { reply: reply(SUCCESS) }))
        return { reply: SUCCESS, changedOrder: false, duplicate: false, transition: null, id, verdict: 'verified', ...known }
      } catch (err) {
        return { reply: FAIL, changedOrder: false, duplicate: false, transition: null, id: null, verdict: 'verified', error: err, ...known }
      }
    }

    try {
      const row = this.row(entry, body, receivedAt, {})
      const { owned, id: claimedId } = await this._transaction(async (tx) => {
        // The claim is the transaction's first write: it takes the key's lock (SQLite: the
        // write lock, already held) before anything is read.
        const claimed = await tx.claim(row)
        if (claimed === null) return { owned: false, id: null }
        if (transition.startsWith('REFUND:')) {
          const paid = { ...entry, transition: 'PAID' }
          await paidFirst(tx, row, reply(SUCCESS), (paidId) =>
            handler(message, { client: tx.client, transition: 'PAID', id: paidId, entry: paid, source }),
          )
        }
        await handler(message, { client: tx.client, transition, id: claimed, entry, source })
        await tx.markApplied(claimed, reply(SUCCESS))
        return { owned: true, id: claimed }
      })
      // Step 5, a duplicate: recorded after the claim's transaction ended, as the PHP and
      // Python ledgers do (on InnoDB the claim's next-key lock covers the gap this row goes in).
      const id = owned ? claimedId : await this._record({ ...row, transition: null, reply: reply(SUCCESS) })
      return { reply: SUCCESS, changedOrder: owned, duplicate: !owned, transition, id, verdict: 'verified', ...known }
    } catch (err) {
      // Rolled back: the transition is not taken, so Alipay's retry (or the next query) applies it.
      const failed = this.row(entry, body, receivedAt, {
        transition: null,
        error_name: failureName(err),
        reply: reply(FAIL),
      })
      const id = await this.#recordQuietly(failed)
      return { reply: FAIL, changedOrder: false, duplicate: false, transition, id, verdict: 'verified', error: err, ...known }
    }
  }

  // Recording a failure must not turn into a second failure: the reply is `fail` anyway.
  async #recordQuietly(row) {
    try {
      return await this._record(row)
    } catch {
      return null
    }
  }
}

module.exports = { Ledger, COLUMNS, failureName }
