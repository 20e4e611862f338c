// The shared body-to-reply step every framework adapter calls (notify-flow.js).
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const { api } = require('./helpers.js')
const { handleNotify, bodyLimit } = require('../notify-flow.js')

const verifier = new api.Verifier({ md5Key: 'k' })
const signed = (params) => Buffer.from(api.signedForm(params, { md5Key: 'k' }))
const PAID = { out_trade_no: 'F1', total_amount: '1.00', trade_status: 'TRADE_SUCCESS', notify_id: 'n1' }

describe('handleNotify', () => {
  it('answers success after the handler resolves, with its context', async () => {
    const seen = []
    const context = { who: 'koa ctx' }
    const result = await handleNotify(verifier, signed(PAID), async (n, ctx) => seen.push([n.outTradeNo, ctx]), {
      context,
    })
    assert.equal(result.reply, 'success')
    assert.equal(result.error, undefined)
    assert.equal(result.outcome, null)
    assert.equal(result.notification.outTradeNo, 'F1')
    assert.deepEqual(seen, [['F1', context]])
  })

  it('answers fail for a bad signature without calling the handler, and reports it', async () => {
    const errors = []
    const body = Buffer.from(signed(PAID).toString().replace('F1', 'F2'))
    const result = await handleNotify(verifier, body, () => assert.fail('handler ran'), {
      onError: (err, ctx, n) => errors.push([err.code, ctx, n]),
      context: 'req',
    })
    assert.equal(result.reply, 'fail')
    assert.equal(result.error.code, 'INVALID_SIGNATURE')
    assert.deepEqual(errors, [['INVALID_SIGNATURE', 'req', undefined]])
  })

  it('answers fail when the handler throws, and a throwing hook changes nothing', async () => {
    const boom = new Error('db down')
    const result = await handleNotify(verifier, signed(PAID), () => Promise.reject(boom), {
      onError: () => {
        throw new Error('hook')
      },
    })
    assert.equal(result.reply, 'fail')
    assert.equal(result.error, boom)
    assert.equal(result.notification.outTradeNo, 'F1')
  })

  it("with a ledger, the reply is the ledger outcome's and the handler gets apply", async () => {
    const calls = []
    const ledger = {
      async applyOnce({ verifier: v, body, source, handler }) {
        const notification = v.verifyNotify(body)
        await handler(notification, { client: 'tx', transition: 'PAID' })
        calls.push(source)
        return { reply: 'fail', notification, error: new Error('commit failed'), changedOrder: false }
      },
    }
    const result = await handleNotify(verifier, signed(PAID), (n, ctx, apply) => calls.push([ctx, apply.client]), {
      ledger,
      context: 'req',
      onError: null,
    })
    assert.deepEqual(calls, [['req', 'tx'], 'notify'])
    assert.equal(result.reply, 'fail')
    assert.equal(result.error.message, 'commit failed')
    assert.equal(result.outcome.changedOrder, false)
  })

  it('bodyLimit is the verifier maxSize, 64 KiB by default', () => {
    assert.equal(bodyLimit(new api.Verifier({ md5Key: 'k', maxSize: 1000 })), 1000)
    assert.equal(bodyLimit({}), 65536)
  })
})
