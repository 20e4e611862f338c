// The ledger (docs/ledger.md) on the embedded SQLite file and on PostgreSQL: every delivery
// recorded, the merchant's callback at most once per transition, `success` only after the
// commit, a crash in the callback rolled back and applied by the retry.
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const { describe, it, before, after, beforeEach } = require('node:test')
const assert = require('node:assert/strict')
const { api, ROOT } = require('./helpers.js')
const { sqliteBackend, pgBackend } = require('./ledger-backends.js')
const { ddl, failureName } = require('../ledger/index.js')

const verifier = new api.Verifier({ md5Key: 'k' })
const signed = (params) => Buffer.from(api.signedForm({ app_id: '2021000000000001', ...params }, { md5Key: 'k' }))
const PAID = { out_trade_no: 'L1', trade_no: 'T1', total_amount: '88.00', trade_status: 'TRADE_SUCCESS', notify_id: 'n1' }

for (const make of [sqliteBackend, pgBackend]) {
  describe(`ledger on ${make.name === 'sqliteBackend' ? 'SQLite' : 'PostgreSQL'}`, { timeout: 60_000 }, () => {
    let backend
    let ledger

    // The shop's "mark paid": a conditional update, and a count of the callbacks run.
    const markPaid = async (message, apply) => {
      await backend.run(apply.client, "UPDATE orders SET status = 'paid' WHERE out_trade_no = ? AND status = 'unpaid'", [
        message.outTradeNo,
      ])
      await backend.run(apply.client, 'INSERT INTO callbacks (id, out_trade_no, transition) VALUES (?, ?, ?)', [
        apply.id,
        message.outTradeNo,
        apply.transition,
      ])
    }
    const rows = () => backend.all(ledger, 'SELECT * FROM alipay_notify_ledger ORDER BY id')
    const status = async (no) => (await backend.all(ledger, 'SELECT status FROM orders WHERE out_trade_no = ?', [no]))[0].status
    const callbacks = async () => (await backend.all(ledger, 'SELECT * FROM callbacks')).length

    before(async () => {
      backend = make()
      await backend.setup()
    })
    beforeEach(async () => {
      if (ledger) await ledger.close()
      ledger = backend.open()
      await backend.reset(ledger)
      await backend.exec(ledger, "INSERT INTO orders VALUES ('L1', 8800, 'unpaid')")
    })
    after(async () => {
      if (ledger) await ledger.close()
      backend.cleanup()
    })

    it('applies a paid notification once; the retry is a recorded duplicate', async () => {
      const first = await ledger.applyOnce({ verifier, body: signed(PAID), handler: markPaid })
      assert.deepEqual(
        [first.reply, first.changedOrder, first.duplicate, first.transition, first.verdict],
        ['success', true, false, 'PAID', 'verified'],
      )
      assert.equal(first.notification.outTradeNo, 'L1')
      const again = await ledger.applyOnce({ verifier, body: signed(PAID), handler: markPaid })
      assert.deepEqual([again.reply, again.changedOrder, again.duplicate, again.transition], ['success', false, true, 'PAID'])
      assert.equal(await status('L1'), 'paid')
      assert.equal(await callbacks(), 1)
      const recorded = await rows()
      assert.equal(recorded.length, 2)
      assert.deepEqual(
        recorded.map((r) => [Number(r.id) === first.id || Number(r.id) === again.id, r.transition, Boolean(r.changed_order), r.reply]),
        [
          [true, 'PAID', true, 'success'],
          [true, null, false, 'success'],
        ],
      )
      const row = recorded[0]
      assert.equal(row.source, 'notify')
      assert.equal(row.app_id, '2021000000000001')
      assert.equal(row.notify_id, 'n1')
      assert.equal(Number(row.total_amount_fen), 8800)
      assert.equal(row.sign_type, 'MD5')
      assert.equal(row.body_sha256.length, 64)
      assert.equal(row.raw_body, null)
      assert.ok(row.received_at)
    })

    it('records WAIT_BUYER_PAY without running the callback', async () => {
      const waiting = { ...PAID, trade_status: 'WAIT_BUYER_PAY', notify_id: 'n0' }
      const outcome = await ledger.applyOnce({ verifier, body: signed(waiting), handler: () => assert.fail('ran') })
      assert.deepEqual([outcome.reply, outcome.changedOrder, outcome.transition], ['success', false, null])
      assert.equal((await rows()).length, 1)
      assert.equal(await status('L1'), 'unpaid')
    })

    it('records a rejected delivery with its error name and nothing of the body', async () => {
      const forged = Buffer.from(signed(PAID).toString().replace('88.00', '0.01'))
      const outcome = await ledger.applyOnce({ verifier, body: forged, handler: () => assert.fail('ran') })
      assert.deepEqual([outcome.reply, outcome.verdict, outcome.error.code], ['fail', 'rejected', 'INVALID_SIGNATURE'])
      const [row] = await rows()
      assert.deepEqual(
        [row.verdict, row.error_name, row.out_trade_no, row.total_amount_fen, row.reply, row.transition],
        ['rejected', 'INVALID_SIGNATURE', null, null, 'fail', null],
      )
    })

    it('a callback that throws rolls back its writes and the transition; the retry applies it once', async () => {
      const crash = async (message, apply) => {
        await markPaid(message, apply)
        throw Object.assign(new Error('password=hunter2 connection lost'), { name: 'ShopError' })
      }
      const failed = await ledger.applyOnce({ verifier, body: signed(PAID), handler: crash })
      assert.deepEqual([failed.reply, failed.changedOrder, failed.transition], ['fail', false, 'PAID'])
      assert.equal(failed.error.name, 'ShopError')
      assert.equal(await status('L1'), 'unpaid')
      assert.equal(await callbacks(), 0)
      const retry = await ledger.applyOnce({ verifier, body: signed(PAID), handler: markPaid })
      assert.deepEqual([retry.reply, retry.changedOrder], ['success', true])
      assert.equal(await status('L1'), 'paid')
      assert.equal(await callbacks(), 1)
      const recorded = await rows()
      assert.deepEqual(
        recorded.map((r) => [r.transition, Boolean(r.changed_order), r.reply, r.error_name]),
        [
          [null, false, 'fail', 'ShopError'],
          ['PAID', true, 'success', null],
        ],
      )
      assert.ok(!JSON.stringify(recorded).includes('hunter2'))
    })

    it('many deliveries at once on several connections: the callback runs once', async () => {
      const others = [backend.open(), backend.open()]
      try {
        const all = [ledger, ...others]
        const outcomes = await Promise.all(
          Array.from({ length: 24 }, (_, i) => all[i % all.length].applyOnce({ verifier, body: signed(PAID), handler: markPaid })),
        )
        assert.ok(outcomes.every((o) => o.reply === 'success'))
        assert.equal(outcomes.filter((o) => o.changedOrder).length, 1)
        assert.equal(await callbacks(), 1)
        assert.equal((await rows()).length, 24)
      } finally {
        for (const other of others) await other.close()
      }
    })

    it('a refund and a close are transitions of their own', async () => {
      await ledger.applyOnce({ verifier, body: signed(PAID), handler: markPaid })
      const refund = { ...PAID, refund_fee: '8.00', out_biz_no: 'R1', gmt_refund: '2024-01-02 10:00:00', notify_id: 'n2' }
      const outcome = await ledger.applyOnce({ verifier, body: signed(refund), handler: markPaid })
      assert.deepEqual([outcome.transition, outcome.changedOrder], ['REFUND:R1', true])
      const twice = await ledger.applyOnce({ verifier, body: signed(refund), handler: markPaid })
      assert.deepEqual([twice.transition, twice.duplicate], ['REFUND:R1', true])
      assert.equal(await callbacks(), 2)
    })

    it('keepRawBody keeps the bytes exactly', async () => {
      await ledger.close()
      ledger = backend.open({ keepRawBody: true })
      const body = signed(PAID)
      await ledger.applyOnce({ verifier, body, handler: markPaid })
      const [row] = await rows()
      assert.ok(Buffer.from(row.raw_body).equals(body))
    })

    it('createTable is idempotent', async () => {
      await ledger.createTable()
      await ledger.createTable()
      assert.equal((await rows()).length, 0)
    })
  })
}

describe('ledger helpers', () => {
  it('the DDL is the one docs/ledger.md prints', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ledger.md'), 'utf8')
    assert.ok(doc.includes('### SQLite\n\n```sql\n' + ddl.SQLITE + '```'))
    assert.ok(doc.includes('### PostgreSQL\n\n```sql\n' + ddl.POSTGRESQL + '```'))
  })

  it('failureName keeps a code or a class name, never a message', () => {
    assert.equal(failureName(Object.assign(new Error('x'), { code: '40001' })), '40001')
    assert.equal(failureName(Object.assign(new Error('x'), { code: 'SQLITE_BUSY' })), 'SQLITE_BUSY')
    assert.equal(failureName(new TypeError('secret')), 'TypeError')
    assert.equal(failureName(Object.assign(new Error('x'), { code: 'has spaces and secret' })), 'Error')
    assert.equal(failureName('a string'), 'Error')
  })
})
