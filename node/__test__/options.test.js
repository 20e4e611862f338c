// The options of new Verifier(), diagnose() and sign() are exactly the core's option tables
// (optionTables()), by their camelCase names; the TypeScript declarations list the same names;
// values are judged by the core; deprecated spellings keep working with a warning.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { api, vector, alipayKeys } = require('./helpers.js')

const { Verifier, AlipayNotifyError } = api
const { publicKey, privateKey } = alipayKeys()
const tables = api.optionTables()

const CALLS = {
  verifier: (options) => new Verifier({ alipayPublicKey: publicKey, ...options }),
  diagnose: (options) => new Verifier({ alipayPublicKey: publicKey }).diagnose('a=b', options),
  signer: (options) => api.sign({ a: 'b' }, { md5Key: 'k', ...options }),
}

/** The property names of an interface of binding.d.ts. */
function declared(name) {
  const dts = fs.readFileSync(path.join(__dirname, '..', 'binding.d.ts'), 'utf8')
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(dts)[1]
  return [...body.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1])
}

function invalidConfig(pattern) {
  return (err) => err instanceof AlipayNotifyError && err.code === 'INVALID_CONFIG' && pattern.test(err.message)
}

describe('options', () => {
  it('are the core tables, in camelCase', () => {
    for (const table of Object.values(tables)) {
      for (const option of table) {
        assert.equal(option.name, option.canonicalName.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()))
        assert.ok(option.kind && option.meaning, option.name)
      }
    }
    assert.deepEqual(
      tables.verifier.map((o) => o.canonicalName),
      ['alipay_public_key', 'sign_types', 'rule', 'app_id', 'seller_id', 'allow_embedded_pairs', 'md5_key',
        'max_size', 'min_key_bits', 'default_charset', 'check_certificates', 'check_certificates_at',
        'max_response_age', 'aes_key', 'app_private_key'],
    )
    assert.equal(tables.verifier.find((o) => o.name === 'checkCertificatesAt').requires, 'checkCertificates')
  })

  it('the TypeScript declarations list exactly the options of the tables', () => {
    assert.deepEqual(declared('VerifierOptions'), tables.verifier.map((o) => o.name))
    assert.deepEqual(declared('DiagnoseOptions'), tables.diagnose.map((o) => o.name))
    assert.deepEqual(declared('SignOptions'), tables.signer.map((o) => o.name))
  })

  it('every option of a table is accepted by its name, and no other spelling', () => {
    for (const [table, call] of Object.entries(CALLS)) {
      for (const option of tables[table]) {
        // undefined leaves an option at its default: the name alone is checked.
        try {
          call({ [option.name]: undefined })
        } catch (err) {
          assert.doesNotMatch(err.message, /unknown option/, `${table} ${option.name}`)
        }
        if (option.canonicalName === option.name) continue
        assert.throws(
          () => call({ [option.canonicalName]: undefined }),
          invalidConfig(new RegExp(`unknown option "${option.canonicalName}" \\(did you mean ${option.name}\\?\\)`)),
          `${table} ${option.canonicalName}`,
        )
      }
    }
    assert.throws(() => CALLS.verifier({ appid: '2021' }), invalidConfig(/did you mean appId\?.*the options are: alipayPublicKey, /))
  })

  it('wrong values are the core errors, naming the option as written', () => {
    for (const [options, pattern] of [
      [{ maxSize: -1 }, /^new Verifier\(\): option maxSize must not be negative$/],
      [{ maxSize: 2 ** 64 }, /option maxSize must be a whole number/],
      [{ minKeyBits: '2048' }, /option minKeyBits must be a whole number/],
      [{ signTypes: ['RSA2', 'RSA3'] }, /option signTypes: .*RSA3/],
      [{ checkCertificatesAt: 'tomorrow' }, /option checkCertificatesAt must be a Date or a number/],
      [{ checkCertificatesAt: new Date(NaN) }, /option checkCertificatesAt/],
    ]) {
      assert.throws(() => CALLS.verifier(options), invalidConfig(pattern), JSON.stringify(options))
    }
    // A text or a list of texts, as the table says of sign types.
    assert.deepEqual(CALLS.verifier({ signTypes: 'RSA' }).signTypes, ['RSA'])
    assert.equal(CALLS.verifier({ maxSize: 1024 }).maxSize, 1024)
  })

  it('sign(): the core chooses the defaults and refuses contradictions', () => {
    const params = { out_trade_no: 'T1', total_amount: '1.00' }
    assert.equal(api.sign(params, { privateKey }), api.sign(params, { privateKey, signType: 'RSA2', rule: 'v1' }))
    assert.equal(api.sign(params, { md5Key: 'k' }), api.sign(params, { md5Key: 'k', signType: 'MD5' }))
    // signType used to be ignored next to md5Key.
    assert.throws(() => api.sign(params, { md5Key: 'k', signType: 'RSA2' }), invalidConfig(/md5_key signs MD5 only/))
    assert.throws(() => api.sign(params, { privateKey, signType: 'MD5' }), invalidConfig(/MD5/))
    assert.throws(() => api.sign(params, {}), invalidConfig(/exactly one of/))
  })
})

describe('certificate mode', () => {
  const { keys } = vector('responses-cert-check-trusted')
  const cert = keys.alipay_a_cert
  const root = keys.test_root
  const validFrom = Date.UTC(2024, 0, 1) // the certificate's notBefore

  it('checkCertificatesAt: a Date or milliseconds, before or after checkCertificates, to the second', () => {
    for (const options of [
      { checkCertificates: root, checkCertificatesAt: new Date(validFrom) },
      { checkCertificatesAt: new Date(validFrom), checkCertificates: root },
      { checkCertificates: root, checkCertificatesAt: validFrom + 999 },
    ]) {
      assert.equal(new Verifier({ alipayPublicKey: cert, ...options }).keyFingerprints.length, 1)
    }
    // Half a second before the validity is the whole second before it, not the second it starts.
    assert.throws(
      () => new Verifier({ alipayPublicKey: cert, checkCertificates: root, checkCertificatesAt: validFrom - 500 }),
      { code: 'CERT_EXPIRED' },
    )
    assert.throws(() => new Verifier({ alipayPublicKey: cert, checkCertificatesAt: validFrom }), invalidConfig(/check_certificates/))
  })

  it('checkCertificates: { root, at } still works, with one DeprecationWarning', async () => {
    const warnings = []
    const listener = (warning) => warnings.push(warning)
    process.on('warning', listener)
    try {
      const old = new Verifier({ alipayPublicKey: cert, checkCertificates: { root, at: new Date(validFrom) } })
      assert.deepEqual(old.keyFingerprints, new Verifier({ alipayPublicKey: cert, checkCertificates: root }).keyFingerprints)
      assert.throws(
        () => new Verifier({ alipayPublicKey: cert, checkCertificates: { root, at: validFrom - 500 } }),
        { code: 'CERT_EXPIRED' },
      )
      assert.throws(() => new Verifier({ alipayPublicKey: cert, checkCertificates: { root, when: 1 } }), invalidConfig(/"when"/))
      assert.throws(() => new Verifier({ alipayPublicKey: cert, checkCertificates: {} }), invalidConfig(/checkCertificates\.root \(alipayRootCert\.crt\) is required/))
      await new Promise((resolve) => setImmediate(resolve)) // warnings are emitted on the next tick
    } finally {
      process.off('warning', listener)
    }
    const deprecations = warnings.filter((w) => w.code === 'ALIPAY_NOTIFY_CHECK_CERTIFICATES_OBJECT')
    assert.equal(deprecations.length, 1)
    assert.equal(deprecations[0].name, 'DeprecationWarning')
    assert.match(deprecations[0].message, /checkCertificatesAt/)
  })
})
