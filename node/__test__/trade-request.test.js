// The core's reconciliation requests and ledger rows through the addon: TradeRequest,
// TradeResult, notification.ledgerEntry(), rejectedLedgerEntry(). Responses are signed here
// with a throwaway "Alipay" key, over the exact text of the node, as Alipay signs them.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const path = require('node:path')
const { api, EXAMPLE } = require('./helpers.js')

const { TradeRequest, TradeResult, Verifier, AlipayNotifyError, rejectedLedgerEntry } = api
const { keyPair } = require(path.join(EXAMPLE, 'simulate.js'))

const APP_ID = '2021000000000001'
const alipay = keyPair()
const app = keyPair()
const verifier = new Verifier({ alipayPublicKey: alipay.publicKey })

/** A gateway answer: `{"<method>_response":{...},"sign":"..."}`, RSA2 over the node's text. */
function response(method, node) {
  const text = JSON.stringify(node)
  const sign = crypto.sign('sha256', Buffer.from(text), alipay.privateKey).toString('base64')
  return Buffer.from(`{"${method.replaceAll('.', '_')}_response":${text},"sign":"${sign}"}`)
}

const PAID = {
  code: '10000',
  msg: 'Success',
  out_trade_no: 'Q1',
  trade_no: '2024010222001446880500001234',
  trade_status: 'TRADE_SUCCESS',
  total_amount: '88.00',
  receipt_amount: '88.00',
  buyer_pay_amount: '80.50',
  send_pay_date: '2024-01-02 10:20:30',
}

describe('TradeRequest', () => {
  it('signs the query with the app key (RSA2, rule v2) at the given Beijing time', () => {
    const request = TradeRequest.query(APP_ID, { outTradeNo: 'Q1' })
    assert.ok(request instanceof TradeRequest)
    assert.deepEqual([request.method, request.appId, request.outTradeNo, request.outRequestNo], [
      'alipay.trade.query',
      APP_ID,
      'Q1',
      null,
    ])
    const form = request.signedForm(app.privateKey, '2024-01-02 10:00:00')
    const signed = new Verifier({ alipayPublicKey: app.publicKey, rule: 'v2' }).verifyReturn(form)
    assert.equal(signed.get('method'), 'alipay.trade.query')
    assert.equal(signed.get('timestamp'), '2024-01-02 10:00:00')
    assert.deepEqual(JSON.parse(signed.get('biz_content')), { out_trade_no: 'Q1' })
  })

  it('without a timestamp, signs at the current Beijing time', () => {
    const form = new URLSearchParams(TradeRequest.close(APP_ID, { tradeNo: 'T9' }).signedForm(app.privateKey))
    const beijing = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
    assert.equal(form.get('timestamp').slice(0, 10), beijing)
    assert.equal(form.get('method'), 'alipay.trade.close')
    assert.deepEqual(JSON.parse(form.get('biz_content')), { trade_no: 'T9' })
  })

  it('refuses a request naming both trades or none, and arguments of the wrong type', () => {
    for (const trade of [{}, { outTradeNo: 'A', tradeNo: 'B' }]) {
      assert.throws(() => TradeRequest.query(APP_ID, trade), (err) => {
        return err instanceof AlipayNotifyError && err.code === 'INVALID_CONFIG' && /exactly one/.test(err.message)
      })
    }
    assert.throws(() => TradeRequest.query(42, { outTradeNo: 'A' }), TypeError)
    assert.throws(() => new TradeRequest(), TypeError)
    assert.throws(() => TradeRequest.query(APP_ID, { outTradeNo: 'A' }).signedForm('not a key', '2024-01-02 10:00:00'), {
      code: 'INVALID_KEY',
    })
    assert.throws(() => TradeRequest.query(APP_ID, { outTradeNo: 'A' }).signedForm(app.privateKey, 'yesterday'), {
      code: 'INVALID_CONFIG',
    })
  })

  it('verifies a paid answer into a TradeResult: camelCase, fen and yuan, its ledger row', () => {
    const body = response('alipay.trade.query', PAID)
    const result = TradeRequest.query(APP_ID, { outTradeNo: 'Q1' }).verifyResponse(verifier, body)
    assert.ok(result instanceof TradeResult)
    assert.deepEqual(
      [result.isSuccess, result.isPaid, result.isNotFound, result.tradeStatus, result.transition],
      [true, true, false, 'TRADE_SUCCESS', 'PAID'],
    )
    assert.deepEqual([result.totalAmount, result.totalAmountFen, result.buyerPayAmount, result.buyerPayAmountFen], [
      '88.00',
      8800,
      '80.50',
      8050,
    ])
    assert.equal(result.tradeNo, PAID.trade_no)
    assert.equal(result.sendPayDate, '2024-01-02 10:20:30')
    assert.equal(result.signType, 'RSA2')
    const entry = result.ledgerEntry()
    assert.equal(entry.source, 'query')
    assert.equal(entry.app_id, APP_ID)
    assert.equal(entry.notify_id, null)
    assert.equal(entry.notify_type, 'alipay.trade.query')
    assert.equal(entry.out_trade_no, 'Q1')
    assert.equal(entry.total_amount_fen, 8800)
    assert.equal(entry.transition, 'PAID')
    assert.equal(entry.body_sha256, crypto.createHash('sha256').update(body).digest('hex'))
  })

  it('an answer about another trade is ORDER_MISMATCH; a forged one INVALID_SIGNATURE', () => {
    const request = TradeRequest.query(APP_ID, { outTradeNo: 'Q2' })
    assert.throws(() => request.verifyResponse(verifier, response('alipay.trade.query', PAID)), {
      code: 'ORDER_MISMATCH',
    })
    const forged = response('alipay.trade.query', PAID).toString().replace('88.00', '0.01')
    assert.throws(() => TradeRequest.query(APP_ID, { outTradeNo: 'Q1' }).verifyResponse(verifier, forged), (err) => {
      return err instanceof AlipayNotifyError && err.code === 'INVALID_SIGNATURE'
    })
  })

  it('a trade Alipay does not know is a result with no transition', () => {
    const body = response('alipay.trade.query', {
      code: '40004',
      msg: 'Business Failed',
      sub_code: 'ACQ.TRADE_NOT_EXIST',
      sub_msg: '交易不存在',
    })
    const result = TradeRequest.query(APP_ID, { outTradeNo: 'Q1' }).verifyResponse(verifier, body)
    assert.deepEqual([result.isSuccess, result.isNotFound, result.isPaid, result.transition], [false, true, false, null])
    assert.equal(result.subMsg, '交易不存在')
    assert.equal(result.totalAmountFen, null)
  })

  it('a refund query that found the refund applies REFUND:<out_request_no>', () => {
    const request = TradeRequest.refundQuery(APP_ID, 'R1', { outTradeNo: 'Q1' })
    assert.equal(request.outRequestNo, 'R1')
    const body = response('alipay.trade.fastpay.refund.query', {
      code: '10000',
      msg: 'Success',
      out_trade_no: 'Q1',
      out_request_no: 'R1',
      total_amount: '88.00',
      refund_amount: '8.00',
      refund_status: 'REFUND_SUCCESS',
    })
    const result = request.verifyResponse(verifier, body)
    assert.deepEqual([result.refundAmountFen, result.refundStatus, result.transition], [800, 'REFUND_SUCCESS', 'REFUND:R1'])
    assert.equal(result.ledgerEntry().out_biz_no, 'R1')
  })
})

describe('ledger rows from the core', () => {
  const md5 = new Verifier({ md5Key: 'k' })
  const params = { app_id: APP_ID, out_trade_no: 'L1', total_amount: '1.00', notify_id: 'n1', trade_status: 'TRADE_SUCCESS' }
  const body = Buffer.from(api.signedForm(params, { md5Key: 'k' }))

  it('notification.ledgerEntry(body): the columns, snake_case, the transition', () => {
    const entry = md5.verifyNotify(body).ledgerEntry(body)
    assert.deepEqual(Object.keys(entry).sort(), [
      'app_id', 'body_sha256', 'buyer_pay_amount_fen', 'error_name', 'key_fingerprint', 'notify_id', 'notify_type',
      'out_biz_no', 'out_trade_no', 'receipt_amount_fen', 'refund_fee_fen', 'rule', 'sign_type', 'source',
      'total_amount_fen', 'trade_no', 'trade_status', 'transition', 'verdict',
    ])
    assert.deepEqual(
      [entry.source, entry.verdict, entry.transition, entry.total_amount_fen, entry.rule, entry.sign_type],
      ['notify', 'verified', 'PAID', 100, 'md5', 'MD5'],
    )
    // A return_url message is display only: no transition, whatever it says.
    assert.equal(md5.verifyReturn(body).ledgerEntry(body).transition, null)
  })

  it('rejectedLedgerEntry keeps the error name and the digest, nothing of the body', () => {
    const forged = Buffer.from(body.toString().replace('1.00', '0.01'))
    let err
    try {
      md5.verifyNotify(forged)
    } catch (e) {
      err = e
    }
    const entry = rejectedLedgerEntry('notify', forged, err)
    assert.deepEqual([entry.verdict, entry.error_name, entry.out_trade_no, entry.app_id, entry.transition], [
      'rejected',
      'INVALID_SIGNATURE',
      null,
      '',
      null,
    ])
    assert.equal(entry.body_sha256, crypto.createHash('sha256').update(forged).digest('hex'))
    assert.throws(() => rejectedLedgerEntry('notify', forged, new Error('x')), TypeError)
    assert.throws(() => rejectedLedgerEntry('elsewhere', forged, err), { code: 'INVALID_CONFIG' })
  })
})
