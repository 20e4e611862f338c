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
  DECRYPTION_FAILED: () => fromVector('aes-biz-content-other-app-key'),
  STALE_RESPONSE: () => {
    const { keys, vector: v } = vector('v3-response-max-age-stale')
    return new Verifier(verifierOptions(keys, v)).verifyV3(v.headers, v.body, v.now)
  },
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
const KIND_OF = Object.fromEntries(api.errorKinds().map((kind) => [kind.name, kind]))

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
        assert.equal(err.group, KIND_OF[code].group)
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
  it('carries the group of its code, from the core\'s table, however it is made', () => {
    const groups = new Set()
    for (const kind of api.errorKinds()) {
      groups.add(kind.group)
      const err = new AlipayNotifyError('example', kind.name)
      assert.equal(err.group, kind.group, kind.name)
      assert.equal(err.category, kind.category, kind.name)
    }
    assert.deepEqual([...groups].sort(), [
      'business_mismatch',
      'configuration',
      'library',
      'malformed_input',
      'notify_verify',
      'signature',
    ])
    // The grouping the other bindings share, spelled out for the cases that differ from the
    // code's hundred.
    const expected = {
      MISSING_SIGNATURE: 'signature',
      SIGN_TYPE_NOT_ALLOWED: 'signature',
      INVALID_SIGNATURE: 'signature',
      UNSIGNED_RESPONSE: 'signature',
      AMBIGUOUS_SIGNED_CONTENT: 'signature',
      UNSUPPORTED_CHARSET: 'malformed_input',
      NOTIFY_VERIFY_REJECTED: 'notify_verify',
      NOTIFY_VERIFY_UNEXPECTED: 'notify_verify',
      NOTIFY_VERIFY_INVALID: 'notify_verify',
      METHOD_MISMATCH: 'business_mismatch',
      CERT_UNTRUSTED: 'configuration',
      NULL_PARAMETER: 'library',
    }
    for (const [code, group] of Object.entries(expected)) {
      assert.equal(new AlipayNotifyError('x', code).group, group, code)
    }
  })

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

  it('has the README table\'s codes', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      assert.ok(readme.includes(`| ${status} | \`${code}\``), `README error table lacks ${status} ${code}`)
    }
  })
})

// The ErrorCode type is generated from the core's table, so a kind added to the core needs no
// hand edit: this test writes it with UPDATE_TABLES=1 and fails when it is out of date.
const ERROR_CODES_DTS = path.join(__dirname, '..', 'error-codes.d.ts')

function renderErrorCodes(kinds) {
  const lines = [
    "// Generated from the core's error table (errorKinds()) by __test__/errors.test.js: do not",
    '// edit. After a change to the core\'s error kinds, run the Node tests with UPDATE_TABLES=1.',
    '',
    "/** Every error name of the core's taxonomy (the README's error table). */",
    'export type ErrorCode =',
    ...kinds.map((kind) => `  | '${kind.name}' // ${kind.code}, ${kind.group}`),
    '',
  ]
  return lines.join('\n')
}

describe('error-codes.d.ts', () => {
  it('is generated from the core\'s table', () => {
    const expected = renderErrorCodes(api.errorKinds())
    if (process.env.UPDATE_TABLES) fs.writeFileSync(ERROR_CODES_DTS, expected)
    const current = fs.existsSync(ERROR_CODES_DTS) ? fs.readFileSync(ERROR_CODES_DTS, 'utf8') : ''
    assert.equal(current, expected, 'node/error-codes.d.ts is out of date: run the Node tests with UPDATE_TABLES=1')
    const packaged = require('../package.json').files
    assert.ok(packaged.includes('error-codes.d.ts'), 'package.json files lists error-codes.d.ts')
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
      [{ alipayPublicKey: publicKey, signTypes: 2 }, /signTypes/],
      [{ alipayPublicKey: publicKey, signTypes: ['SHA256'] }, /SHA256/],
      [{ alipayPublicKey: publicKey, rule: 'v3' }, /rule/],
      [{ alipayPublicKey: publicKey, maxSize: -1 }, /maxSize/],
      [{ alipayPublicKey: publicKey, maxSize: 1.5 }, /maxSize/],
      [{ alipayPublicKey: publicKey, appId: 2021 }, /appId/],
      [{ alipayPublicKey: publicKey, defaultCharset: 'latin1' }, /unknown charset "latin1"/],
      [{ alipayPublicKey: publicKey, checkCertificates: 42 }, /checkCertificates/],
      [{ alipayPublicKey: publicKey, checkCertificatesAt: 'now' }, /checkCertificatesAt/],
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

describe('stack traces of thrown errors', () => {
  it('leave Error.stackTraceLimit as it was, and start at the caller', () => {
    const verifier = new Verifier({ alipayPublicKey: publicKey })
    const before = Error.stackTraceLimit
    for (const body of [Buffer.from('a=1&sign=AAAA'), 'a=1&sign=AAAA', Buffer.from('not a form')]) {
      assert.throws(
        () => verifier.verifyNotify(body),
        (err) => {
          assert.ok(err instanceof AlipayNotifyError, String(err && err.stack))
          assert.match(err.stack.split('\n')[1], /errors\.test\.js/)
          return true
        },
      )
      assert.equal(Error.stackTraceLimit, before)
    }
  })

  it('keep the stack of an exception thrown by a getter of an argument', () => {
    const verifier = new Verifier({ alipayPublicKey: publicKey })
    const params = {
      get sign() {
        throw new Error('from a getter')
      },
    }
    assert.throws(
      () => verifier.verifyNotify(params),
      (err) => {
        assert.ok(err instanceof AlipayNotifyError, String(err && err.stack))
        assert.match(err.cause.stack, /errors\.test\.js/)
        return true
      },
    )
    assert.ok(Error.stackTraceLimit > 0)
  })
})
