// SM2 (国密): sign_type=SM2 verified only when allowed, SM2 keys for signing, key mix-ups.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const { api, vectorFiles } = require('./helpers.js')

const { Verifier, AlipayNotifyError } = api
const KEYS = vectorFiles().find((file) => file.name === 'sm2.json').keys

const PARAMS = [
  ['notify_time', '2024-01-02 10:20:31'],
  ['notify_type', 'trade_status_sync'],
  ['notify_id', 'ac05099524730693a8b330c5ecf72da9786'],
  ['app_id', '2021000000000000'],
  ['charset', 'utf-8'],
  ['out_trade_no', 'T1001'],
  ['trade_status', 'TRADE_SUCCESS'],
  ['total_amount', '88.00'],
  ['subject', '测试商品'],
]
const BODY = api.signedForm(PARAMS, { privateKey: KEYS.sm2_a_private_pem, signType: 'SM2' })
const sm2Verifier = new Verifier({ alipayPublicKey: KEYS.sm2_a, signTypes: ['SM2'] })

/** Asserts that `fn` throws the AlipayNotifyError `code`; returns it. */
function throwsCode(fn, code) {
  let caught
  assert.throws(fn, (err) => {
    assert.ok(err instanceof AlipayNotifyError, String(err))
    assert.equal(err.code, code, err.message)
    caught = err
    return true
  })
  return caught
}

describe('SM2', () => {
  it('verifies an SM2-signed notification when SM2 is allowed', () => {
    assert.match(BODY, /(^|&)sign_type=SM2(&|$)/)
    const notification = sm2Verifier.verifyNotify(BODY)
    assert.equal(notification.verification.signType, 'SM2')
    assert.equal(notification.verification.rule, 'v1')
    assert.equal(notification.get('out_trade_no'), 'T1001')
    assert.deepEqual(sm2Verifier.signTypes, ['SM2'])
  })

  it('signs with randomized signatures, each of which verifies', () => {
    const options = { privateKey: KEYS.sm2_a_private_b64, signType: 'SM2' }
    const [first, second] = [api.sign(PARAMS, options), api.sign(PARAMS, options)]
    assert.notEqual(first, second)
    for (const sign of [first, second]) sm2Verifier.verifyNotify([...PARAMS, ['sign_type', 'SM2'], ['sign', sign]])
  })

  it('rejects a changed byte and another SM2 key', () => {
    const forged = BODY.replace('total_amount=88.00', 'total_amount=88.01')
    assert.notEqual(forged, BODY)
    throwsCode(() => sm2Verifier.verifyNotify(forged), 'INVALID_SIGNATURE')
    const other = new Verifier({ alipayPublicKey: KEYS.sm2_b, signTypes: ['SM2'] })
    throwsCode(() => other.verifyNotify(BODY), 'INVALID_SIGNATURE')
  })

  it('refuses SM2 unless it is listed', () => {
    // The default allowlist is RSA2: the message is refused before any key is tried.
    throwsCode(() => new Verifier({ alipayPublicKey: KEYS.rsa_a }).verifyNotify(BODY), 'SIGN_TYPE_NOT_ALLOWED')
    // An SM2 key that serves no allowed sign type is a configuration error.
    const err = throwsCode(() => new Verifier({ alipayPublicKey: KEYS.sm2_a }), 'INVALID_KEY')
    assert.match(err.message, /SM2/)
  })

  it('verifies with RSA and SM2 keys side by side', () => {
    const both = new Verifier({ alipayPublicKey: [KEYS.rsa_a, KEYS.sm2_a], signTypes: ['RSA2', 'SM2'] })
    assert.equal(both.verifyNotify(BODY).verification.keyIndex, 1)
  })

  it('refuses key mix-ups as INVALID_KEY without echoing the key', () => {
    throwsCode(() => api.sign(PARAMS, { privateKey: KEYS.rsa_a_private_pem, signType: 'SM2' }), 'INVALID_KEY')
    throwsCode(() => api.sign(PARAMS, { privateKey: KEYS.sm2_a_private_pem, signType: 'RSA2' }), 'INVALID_KEY')
    throwsCode(() => new Verifier({ alipayPublicKey: KEYS.rsa_a, signTypes: ['SM2'] }), 'INVALID_KEY')
    const sec1 = KEYS.sm2_a_private_sec1_b64
    const err = throwsCode(() => api.sign(PARAMS, { privateKey: sec1, signType: 'SM2' }), 'INVALID_KEY')
    assert.ok(!err.message.includes(sec1.slice(20, 40)))
  })
})
