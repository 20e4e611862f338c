// Issue #9, item 1: a genuine signature over text that reads as other parameters is refused,
// however the parameters reach the verifier (raw body, query, object, array of pairs).
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const { api, alipayKeys } = require('./helpers.js')

const { Verifier, AlipayNotifyError } = api
const { publicKey, privateKey } = alipayKeys()

const genuine = [
  ['app_id', '2021000000000000'],
  ['out_trade_no', 'T1001'],
  ['subject', 'x&total_amount=88.88&total_amount_x='],
  ['total_amount', '0.01'],
  ['trade_status', 'TRADE_SUCCESS'],
]

/** The re-split forgery: the same signed bytes re-cut so that total_amount reads 88.88. */
function forged() {
  const sign = api.sign(genuine, { privateKey })
  return {
    app_id: '2021000000000000',
    out_trade_no: 'T1001',
    subject: 'x',
    total_amount: '88.88',
    total_amount_x: '&total_amount=0.01',
    trade_status: 'TRADE_SUCCESS',
    sign_type: 'RSA2',
    sign,
  }
}

const ambiguous = (err) => {
  assert.ok(err instanceof AlipayNotifyError, String(err && err.stack))
  assert.equal(err.code, 'AMBIGUOUS_SIGNED_CONTENT')
  assert.equal(err.status, 113)
  assert.equal(err.category, 'sender')
  assert.match(err.message, /total_amount_x/)
  return true
}

describe('one reading of the signed text', () => {
  const verifier = new Verifier({ alipayPublicKey: publicKey })

  it('refuses the re-split forgery as a body, a query, an object and pairs', () => {
    const params = forged()
    const body = new URLSearchParams(params).toString()
    for (const message of [body, Buffer.from(body), params, Object.entries(params)]) {
      assert.throws(() => verifier.verifyNotify(message), ambiguous)
      assert.equal(verifier.isValid(message), false)
    }
    assert.throws(() => verifier.verifyReturn(`?${body}`), ambiguous)
  })

  it('keeps verifying genuine values with & that form no pair', () => {
    const params = [
      ['subject', 'A&B 套餐'],
      ['body', 'AT&T & co'],
      ['passback_params', 'x&=y'],
      ['seller_email', '100% & more=fun'],
    ]
    const n = verifier.verifyNotify(api.signedForm(params, { privateKey }))
    assert.equal(n.get('subject'), 'A&B 套餐')
    assert.equal(n.get('seller_email'), '100% & more=fun')
  })

  it('accepts embedded pairs only in the fields named by allowEmbeddedPairs', () => {
    const body = api.signedForm([['out_trade_no', 'T1'], ['passback_params', 'orderType=vip&from=app']], {
      privateKey,
    })
    assert.throws(() => verifier.verifyNotify(body), (err) => err.code === 'AMBIGUOUS_SIGNED_CONTENT')
    const other = new Verifier({ alipayPublicKey: publicKey, allowEmbeddedPairs: 'body' })
    assert.throws(() => other.verifyNotify(body), (err) => err.code === 'AMBIGUOUS_SIGNED_CONTENT')
    for (const allowed of ['passback_params', ['passback_params']]) {
      const lenient = new Verifier({ alipayPublicKey: publicKey, allowEmbeddedPairs: allowed })
      assert.equal(lenient.verifyNotify(body).get('passback_params'), 'orderType=vip&from=app')
    }
    assert.throws(
      () => new Verifier({ alipayPublicKey: publicKey, allowEmbeddedPairs: ['passback params'] }),
      (err) => err.code === 'INVALID_CONFIG',
    )
    assert.throws(() => new Verifier({ alipayPublicKey: publicKey, allowEmbeddedPairs: 42 }), (err) =>
      ['INVALID_CONFIG', 'ERR_INVALID_ARG_TYPE'].includes(err.code),
    )
  })

  it('diagnose names the field that holds the embedded pair', () => {
    const body = new URLSearchParams(forged()).toString()
    const diagnosis = verifier.diagnose(body)
    assert.equal(diagnosis.verified, false)
    const [cause] = diagnosis.findings.filter((f) => f.certain)
    assert.equal(cause.code, 'AMBIGUOUS_SIGNED_CONTENT')
    assert.match(cause.explanation, /total_amount_x holds &total_amount=/)
    assert.match(cause.explanationZh, /重新拆分/)
  })
})
