// Each error code of the core's taxonomy, as an AlipayNotifyError whose `code` is its name.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { api, ROOT, vector, input, verifierOptions, alipayKeys } = require('./helpers.js')

const { Verifier, AlipayNotifyError, ERROR_CODES } = api
const { publicKey, privateKey } = alipayKeys()

/** The outcome a vector's call gets (the way vectors.test.js makes it). */
function fromVector(id) {
  const { keys, vector: v } = vector(id)
  const verifier = new Verifier(verifierOptions(keys, v))
  if (v.kind === 'response') return verifier.verifyResponse(v.input, v.method)
  if (v.kind === 'return') return verifier.verifyReturn(input(v))
  return verifier.verifyNotify(input(v))
}

const signed = (params) => api.signedForm(params, { privateKey })
const paid = signed([
  ['app_id', '2021000000000000'],
  ['seller_id', '2088000000000001'],
  ['out_trade_no', 'T1001'],
  ['total_amount', '88.00'],
  ['refund_fee', '1.234'],
  ['trade_status', 'TRADE_SUCCESS'],
])
const verifier = new Verifier({ alipayPublicKey: publicKey })

// How the Node API produces each code. The C ABI's NULL_PARAMETER and the binding boundary's
// PANIC and INTERNAL cannot be produced from JavaScript.
const TRIGGERS = {
  MALFORMED_INPUT: () => verifier.verifyNotify({ sign: 'x', total_amount: ['88.00', '0.01'] }),
  INPUT_TOO_LARGE: () => new Verifier({ alipayPublicKey: publicKey, maxSize: 16 }).verifyNotify(paid),
  MALFORMED_PERCENT_ENCODING: () => verifier.verifyNotify('a=%zz&sign=x'),
  DUPLICATE_PARAMETER: () => verifier.verifyNotify('a=1&a=2&sign=x'),
  MISSING_SIGNATURE: () => verifier.verifyNotify('out_trade_no=T1001&total_amount=88.00'),
  SIGN_TYPE_NOT_ALLOWED: () => verifier.verifyNotify('a=1&sign_type=RSA&sign=x'),
  UNSUPPORTED_CHARSET: () => verifier.verifyNotify('a=1&charset=big5&sign=x'),
  INVALID_SIGNATURE: () => verifier.verifyNotify(paid.replace('total_amount=88.00', 'total_amount=0.01')),
  INVALID_TEXT_ENCODING: () => fromVector('charset-gbk-invalid-bytes'),
  INVALID_AMOUNT: () => verifier.verifyNotify(paid).amountFen('refund_fee'),
  NOTIFY_VERIFY_REJECTED: () => api.classifyNotifyVerify('false'),
  NOTIFY_VERIFY_UNEXPECTED: () => api.classifyNotifyVerify('<html>'),
  UNSIGNED_RESPONSE: () => fromVector('responses-unsigned'),
  AMBIGUOUS_SIGNED_CONTENT: () => fromVector('notify-embedded-pair-resplit-attack'),
  APP_ID_MISMATCH: () => new Verifier({ alipayPublicKey: publicKey, appId: '2021999999999999' }).verifyNotify(paid),
  SELLER_ID_MISMATCH: () => new Verifier({ alipayPublicKey: publicKey, sellerId: ['2088000000000002'] }).verifyNotify(paid),
  ORDER_MISMATCH: () => verifier.verifyNotify(paid).checkOrder('T1002', '88.00'),
  AMOUNT_MISMATCH: () => verifier.verifyNotify(paid).checkOrder('T1001', '8.80'),
  METHOD_MISMATCH: () => fromVector('responses-method-mismatch'),
  INVALID_KEY: () => new Verifier({ alipayPublicKey: 'MIIBIjANBgkqhkiG9w0B-not-a-key' }),
  WEAK_KEY: () => fromVector('alipay-real-neg-javen-rsa1-default-min-bits'),
  INVALID_CONFIG: () => new Verifier({ alipayPublicKey: publicKey, appid: '2021000000000000' }),
  NOTIFY_VERIFY_INVALID: () => api.classifyNotifyVerify('invalid'),
  UNKNOWN_CERT_SN: () => fromVector('responses-unknown-cert-sn'),
  CERT_EXPIRED: () => fromVector('responses-cert-check-expired'),
  CERT_UNTRUSTED: () => fromVector('responses-cert-check-missing-intermediate'),
}
const NOT_FROM_JAVASCRIPT = ['INTERNAL', 'PANIC', 'NULL_PARAMETER']

describe('each error code', () => {
  it('is covered here, and the taxonomy is the core\'s', () => {
    const names = api.errorKinds().map((kind) => kind.name)
    assert.deepEqual([...Object.keys(TRIGGERS), ...NOT_FROM_JAVASCRIPT].sort(), [...names].sort())
    assert.deepEqual(Object.keys(ERROR_CODES), names)
    assert.ok(Object.isFrozen(ERROR_CODES))
  })

  for (const [code, trigger] of Object.entries(TRIGGERS)) {
    it(code, () => {
      assert.throws(trigger, (err) => {
        assert.ok(err instanceof AlipayNotifyError, `${code}: got ${err && err.stack}`)
        assert.ok(err instanceof Error)
        assert.equal(err.name, 'AlipayNotifyError')
        assert.equal(err.code, code, err.message)
        assert.equal(err.status, ERROR_CODES[code])
        assert.match(err.message, /\S/)
        // The stack starts at the caller, not inside the facade.
        assert.match(err.stack.split('\n')[1], /errors\.test\.js/)
        return true
      })
    })
  }

  for (const code of NOT_FROM_JAVASCRIPT) {
    it(`${code} (not produced by the Node API; constructible)`, () => {
      const err = new AlipayNotifyError('example', code)
      assert.equal(err.status, ERROR_CODES[code])
      assert.equal(err.category, 'library')
    })
  }
})

describe('AlipayNotifyError', () => {
  it('carries the category of its code', () => {
    const categories = {
      INVALID_SIGNATURE: 'sender',
      AMOUNT_MISMATCH: 'business',
      INVALID_KEY: 'operator',
      PANIC: 'library',
    }
    for (const [code, category] of Object.entries(categories)) {
      assert.equal(new AlipayNotifyError('x', code).category, category)
    }
    assert.equal(String(new AlipayNotifyError('bad', 'INVALID_SIGNATURE')), 'AlipayNotifyError: bad')
    assert.throws(() => new AlipayNotifyError('x', 'NOT_A_CODE'), TypeError)
  })

  it('never echoes key material', () => {
    const secret = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsecretsecretsecret'
    assert.throws(
      () => new Verifier({ alipayPublicKey: secret }),
      (err) => err.code === 'INVALID_KEY' && !err.message.includes('secretsecret'),
    )
    assert.throws(
      () => new Verifier({ md5Key: 'partner-key-123', alipayPublicKey: secret }),
      (err) => !err.message.includes('partner-key-123'),
    )
  })

  it('matches the ErrorCode type of index.d.ts and the README table', () => {
    const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8')
    const union = dts.slice(dts.indexOf('export type ErrorCode'), dts.indexOf('export type ErrorCategory'))
    assert.deepEqual([...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]), Object.keys(ERROR_CODES))
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      assert.ok(readme.includes(`| ${status} | \`${code}\``), `README error table lacks ${status} ${code}`)
    }
  })
})

describe('wrong JavaScript types', () => {
  it('throw TypeError, not AlipayNotifyError', () => {
    for (const call of [
      () => verifier.verifyNotify(42),
      () => verifier.verifyNotify(null),
      () => verifier.verifyResponse({}),
      () => verifier.verifyNotify(paid).checkOrder('T1001', 88),
      () => api.certSn(42),
    ]) {
      assert.throws(call, (err) => err instanceof TypeError && err.code === 'ERR_INVALID_ARG_TYPE')
    }
  })

  it('in options are INVALID_CONFIG naming the option', () => {
    const cases = [
      [{ alipayPublicKey: 42 }, /alipayPublicKey/],
      [{ alipayPublicKey: publicKey, signTypes: 'RSA2' }, /signTypes/],
      [{ alipayPublicKey: publicKey, signTypes: ['SHA256'] }, /SHA256/],
      [{ alipayPublicKey: publicKey, rule: 'v3' }, /rule/],
      [{ alipayPublicKey: publicKey, maxSize: -1 }, /maxSize/],
      [{ alipayPublicKey: publicKey, maxSize: 1.5 }, /maxSize/],
      [{ alipayPublicKey: publicKey, appId: 2021 }, /appId/],
      [{ alipayPublicKey: publicKey, defaultCharset: 'latin1' }, /latin1/],
      [{ alipayPublicKey: publicKey, checkCertificates: 'root.crt' }, /checkCertificates/],
      [{ alipayPublicKey: publicKey, checkCertificates: { root: publicKey, when: 1 } }, /when/],
      [{ alipayPublicKey: publicKey, publicKey }, /unknown option "publicKey"/],
      ['MIIBIjAN...', /options must be an object/],
    ]
    for (const [options, message] of cases) {
      assert.throws(
        () => new Verifier(options),
        (err) => err instanceof AlipayNotifyError && err.code === 'INVALID_CONFIG' && message.test(err.message),
        JSON.stringify(options).slice(0, 80),
      )
    }
  })
})
