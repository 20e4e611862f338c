// The ledger (docs/ledger.md) on the embedded SQLite file and on PostgreSQL: every delivery
// recorded, the merchant's callback at most once per transition, `success` only after the
// commit, a crash in the callback rolled back and applied by the retry.
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const { describe, it, before, after, beforeEach } = require('node:test')
const assert = require('node:assert/strict')
const { api, ROOT, EXAMPLE, gatewayResponse } = require('./helpers.js')
const { sqliteBackend, pgBackend } = require('./ledger-backends.js')
const { ddl, failureName } = require('../ledger/index.js')
const { keyPair } = require(path.join(EXAMPLE, 'simulate.js'))

const verifier = new api.Verifier({ md5Key: 'k' })
const signed = (params) => Buffer.from(api.signedForm({ app_id: '2021000000000001', ...params }, { md5Key: 'k' }))
const PAID = { out_trade_no: 'L1', trade_no: 'T1', total_amount: '88.00', trade_status: 'TRADE_SUCCESS', notify_id: 'n1' }
const REFUND = { ...PAID, refund_fee: '8.00', out_biz_no: 'R1', gmt_refund: '2024-01-02 10:00:00', notify_id: 'n2' }

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
      const refund = REFUND
      const outcome = await ledger.applyOnce({ verifier, body: signed(refund), handler: markPaid })
      assert.deepEqual([outcome.transition, outcome.changedOrder], ['REFUND:R1', true])
      const twice = await ledger.applyOnce({ verifier, body: signed(refund), handler: markPaid })
      assert.deepEqual([twice.transition, twice.duplicate], ['REFUND:R1', true])
      assert.equal(await callbacks(), 2)
    })

    // docs/ledger.md §3: notifications arrive out of order, and a refund implies the payment.
    describe('a refund before its payment', () => {
      // The transitions in the order the callback ran them, and the order's status it saw
      // then, inside the transaction.
      let seen
      const record = async (message, apply) => {
        const order = await backend.get(apply.client, 'SELECT status FROM orders WHERE out_trade_no = ?', ['L1'])
        seen.push([apply.transition, apply.id, apply.entry.transition, order.status])
        await markPaid(message, apply)
      }
      const applied = async () =>
        (await rows()).map((r) => [
          r.transition,
          Boolean(r.changed_order),
          r.reply,
          r.notify_id,
          r.refund_fee_fen === null ? null : Number(r.refund_fee_fen),
        ])
      beforeEach(() => {
        seen = []
      })

      it('applies PAID first, in the same transaction; the later PAID notification is a duplicate', async () => {
        const outcome = await ledger.applyOnce({ verifier, body: signed(REFUND), handler: record })
        assert.deepEqual(
          [outcome.reply, outcome.changedOrder, outcome.duplicate, outcome.transition, outcome.verdict],
          ['success', true, false, 'REFUND:R1', 'verified'],
        )
        const recorded = await rows()
        assert.equal(Number(recorded[0].id), outcome.id, 'the outcome is the refund row')
        const paidId = Number(recorded[1].id)
        assert.deepEqual(seen, [
          ['PAID', paidId, 'PAID', 'unpaid'],
          ['REFUND:R1', outcome.id, 'REFUND:R1', 'paid'],
        ])
        // Two rows for the one delivery: its own, and a copy of it that holds PAID.
        assert.deepEqual(await applied(), [
          ['REFUND:R1', true, 'success', 'n2', 800],
          ['PAID', true, 'success', 'n2', 800],
        ])
        assert.equal(recorded[1].body_sha256, recorded[0].body_sha256)
        assert.equal(await status('L1'), 'paid')

        const paid = await ledger.applyOnce({ verifier, body: signed(PAID), handler: record })
        assert.deepEqual([paid.reply, paid.changedOrder, paid.duplicate, paid.transition], ['success', false, true, 'PAID'])
        assert.equal(seen.length, 2)
        assert.equal(await callbacks(), 2)
        assert.deepEqual((await applied())[2], [null, false, 'success', 'n1', null])
      })

      it('after its payment, a refund applies only itself', async () => {
        await ledger.applyOnce({ verifier, body: signed(PAID), handler: record })
        const outcome = await ledger.applyOnce({ verifier, body: signed(REFUND), handler: record })
        assert.deepEqual([outcome.reply, outcome.changedOrder, outcome.transition], ['success', true, 'REFUND:R1'])
        assert.deepEqual(
          seen.map(([transition]) => transition),
          ['PAID', 'REFUND:R1'],
        )
        assert.deepEqual(await applied(), [
          ['PAID', true, 'success', 'n1', null],
          ['REFUND:R1', true, 'success', 'n2', 800],
        ])
      })

      it('a callback failing on the refund rolls back both; the retry applies both', async () => {
        const failOnRefund = async (message, apply) => {
          await record(message, apply)
          if (apply.transition !== 'PAID') throw Object.assign(new Error('refund table locked'), { name: 'ShopError' })
        }
        const failed = await ledger.applyOnce({ verifier, body: signed(REFUND), handler: failOnRefund })
        assert.deepEqual([failed.reply, failed.changedOrder, failed.transition], ['fail', false, 'REFUND:R1'])
        assert.deepEqual(
          seen.map(([transition]) => transition),
          ['PAID', 'REFUND:R1'],
        )
        assert.equal(await status('L1'), 'unpaid', 'the PAID callback was rolled back with the refund')
        assert.equal(await callbacks(), 0)
        const recorded = await rows()
        assert.deepEqual(
          recorded.map((r) => [r.transition, Boolean(r.changed_order), r.reply, r.error_name]),
          [[null, false, 'fail', 'ShopError']],
        )
        assert.equal(failed.id, Number(recorded[0].id))

        const retry = await ledger.applyOnce({ verifier, body: signed(REFUND), handler: record })
        assert.deepEqual([retry.reply, retry.changedOrder], ['success', true])
        assert.equal(await status('L1'), 'paid')
        assert.equal(await callbacks(), 2)
        assert.deepEqual(
          (await applied()).slice(1).map(([transition, changed]) => [transition, changed]),
          [
            ['REFUND:R1', true],
            ['PAID', true],
          ],
        )
      })

      it('a refund query answer does the same, source query, no reply', async () => {
        const alipay = keyPair()
        const request = api.TradeRequest.refundQuery('2021000000000001', 'R1', { outTradeNo: 'L1' })
        const body = gatewayResponse(
          'alipay.trade.fastpay.refund.query',
          { code: '10000', msg: 'Success', out_trade_no: 'L1', out_request_no: 'R1', total_amount: '88.00', refund_amount: '8.00' },
          alipay.privateKey,
        )
        const tradeResult = request.verifyResponse(new api.Verifier({ alipayPublicKey: alipay.publicKey }), body)
        const outcome = await ledger.applyOnce({ tradeResult, body, handler: record })
        assert.deepEqual([outcome.reply, outcome.changedOrder, outcome.transition], ['success', true, 'REFUND:R1'])
        assert.deepEqual(
          seen.map(([transition]) => transition),
          ['PAID', 'REFUND:R1'],
        )
        assert.deepEqual(
          (await rows()).map((r) => [r.source, r.transition, Boolean(r.changed_order), r.reply]),
          [
            ['query', 'REFUND:R1', true, null],
            ['query', 'PAID', true, null],
          ],
        )
        assert.equal(await status('L1'), 'paid')
      })
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
