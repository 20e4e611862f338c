// The legacy families through Node: WAP notifications (their XML trade fields as parameters),
// mobile.securitypay app results, 消息服务 getters.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const { api, vector, alipayKeys } = require('./helpers.js')

const { Verifier, AlipayNotifyError } = api
const MD5_KEY = 'wap-partner-key-0123456789abcdef'

function wap(id) {
  const found = vector(id)
  return { keys: found.keys, input: found.vector.input }
}

function throwsCode(fn, code) {
  assert.throws(fn, (err) => err instanceof AlipayNotifyError && err.code === code)
}

describe('legacy WAP notifications', () => {
  it('verify in their fixed order and read the trade fields of notify_data', () => {
    const n = new Verifier({ md5Key: MD5_KEY }).verifyNotify(wap('wap-md5-notify').input)
    assert.equal(n.verification.rule, 'wap')
    assert.equal(n.verification.signType, 'MD5')
    assert.deepEqual(n.entries().slice(0, 3).map(([name]) => name), ['service', 'v', 'sec_id'])
    assert.equal(n.outTradeNo, 'W20160102001')
    assert.equal(n.subject, 'WAP 测试订单')
    assert.equal(n.tradeStatus, 'TRADE_SUCCESS')
    assert.equal(n.isPaid, true)
    assert.equal(n.notifyTime.toISOString(), '2016-01-02T02:20:31.000Z')
    n.checkOrder('W20160102001', '0.01')
    throwsCode(() => n.checkOrder('W20160102001', '0.02'), 'AMOUNT_MISMATCH')
  })

  it('with sec_id 0001 need RSA and 1024-bit keys allowed', () => {
    const { keys, input } = wap('wap-rsa-notify')
    const n = new Verifier({ alipayPublicKey: keys.legacy1024, signTypes: ['RSA'], minKeyBits: 1024 }).verifyNotify(input)
    assert.equal(n.verification.signType, 'RSA')
    assert.equal(n.verification.keyIndex, 0)
    throwsCode(() => new Verifier({ alipayPublicKey: keys.legacy1024, signTypes: ['RSA'] }).verifyNotify(input), 'WEAK_KEY')
    throwsCode(
      () => new Verifier({ alipayPublicKey: keys.legacy1024, minKeyBits: 1024 }).verifyNotify(input),
      'SIGN_TYPE_NOT_ALLOWED',
    )
  })

  it("rule 'wap' forces the fixed order; rule 'v1' reads it sorted", () => {
    const { input } = wap('wap-md5-notify')
    assert.equal(new Verifier({ md5Key: MD5_KEY, rule: 'wap' }).verifyNotify(input).verification.rule, 'wap')
    assert.equal(new Verifier({ md5Key: MD5_KEY, rule: 'v1' }).isValid(input), false)
    throwsCode(() => new Verifier({ md5Key: MD5_KEY, rule: 'wap' }).verifyNotify(wap('wap-rule-wap-not-wap').input), 'MALFORMED_INPUT')
    throwsCode(() => new Verifier({ md5Key: MD5_KEY, rule: 'wapp' }), 'INVALID_CONFIG')
  })

  it('refuse notify_data with a DTD', () => {
    throwsCode(() => new Verifier({ md5Key: MD5_KEY }).verifyNotify(wap('wap-md5-external-entity').input), 'MALFORMED_INPUT')
  })
})

describe('mobile.securitypay app results', () => {
  const { keys, input } = wap('wap-app-result-real-tobias')
  const verifier = new Verifier({ alipayPublicKey: keys['real-alipay-legacy-1024'], signTypes: ['RSA'], minKeyBits: 1024 })

  it('verify a real result, as a string, Buffer or Uint8Array', () => {
    for (const shape of [input, Buffer.from(input), new Uint8Array(Buffer.from(input))]) {
      const n = verifier.verifyAppResult(shape)
      assert.equal(n.verification.rule, 'app_result')
      assert.equal(n.kind, 'return')
      assert.equal(n.outTradeNo, '180926084213001')
      assert.equal(n.get('success'), 'true')
      assert.equal(n.has('sign'), false)
      assert.equal(n.msgMethod, null)
      assert.equal(n.bizContent, null)
      assert.equal(n.utcTimestamp, null)
      n.checkOrder('180926084213001', '0.01')
    }
  })

  it('refuse a changed result, the whole answer, and other types', () => {
    throwsCode(() => verifier.verifyAppResult(wap('wap-app-result-real-tobias-amount-changed').input), 'INVALID_SIGNATURE')
    throwsCode(() => verifier.verifyAppResult('resultStatus={9000};memo={};result={}'), 'MALFORMED_INPUT')
    assert.throws(() => verifier.verifyAppResult({ partner: 'x' }), TypeError)
    assert.throws(() => verifier.verifyAppResult(), TypeError)
  })
})

describe('消息服务 messages', () => {
  it('have msgMethod, bizContent and utcTimestamp', () => {
    const found = vector('wap-msg-fund-trans-order-changed')
    const n = new Verifier({ alipayPublicKey: found.keys.alipay_a }).verifyNotify(found.vector.input)
    assert.equal(n.verification.rule, 'v1')
    assert.equal(n.msgMethod, 'alipay.fund.trans.order.changed')
    assert.deepEqual(n.bizContent, found.vector.message.biz_content)
    assert.equal(n.utcTimestampMs, 1642588201981)
    assert.ok(n.utcTimestamp instanceof Date)
    assert.equal(n.utcTimestamp.toISOString(), '2022-01-19T10:30:01.981Z')
  })

  it('throw MALFORMED_INPUT for signed fields that are not typed', () => {
    const found = vector('wap-msg-fields-not-typed')
    const n = new Verifier({ alipayPublicKey: found.keys.alipay_a }).verifyNotify(found.vector.input)
    throwsCode(() => n.bizContent, 'MALFORMED_INPUT')
    throwsCode(() => n.utcTimestamp, 'MALFORMED_INPUT')
    throwsCode(() => n.utcTimestampMs, 'MALFORMED_INPUT')
  })

  it('read the largest utc_timestamp as a Date', () => {
    const { publicKey, privateKey } = alipayKeys()
    const params = [
      ['msg_method', 'alipay.fund.trans.order.changed'],
      ['utc_timestamp', '999999999999999'],
      ['biz_content', '{}'],
      ['version', '1.1'],
    ]
    const n = new Verifier({ alipayPublicKey: publicKey }).verifyNotify(api.signedForm(params, { privateKey }))
    assert.equal(n.utcTimestamp.getTime(), 999999999999999)
    assert.deepEqual(n.bizContent, {})
  })
})
