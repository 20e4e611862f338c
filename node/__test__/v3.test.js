// OpenAPI v3: responses verified from their headers as Node's HTTP libraries give them, and the
// Authorization header of requests. The shared vectors (v3.json) run in vectors.test.js.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { api, VECTORS } = require('./helpers.js')

const { Verifier, V3Signer, AlipayNotifyError } = api
const doc = JSON.parse(fs.readFileSync(path.join(VECTORS, 'v3.json'), 'utf8'))
const byId = Object.fromEntries(doc.vectors.map((v) => [v.id, v]))
const basic = byId['v3-response-basic']
const BODY = Buffer.from(basic.body, 'utf8')
const HEADERS = Object.fromEntries(basic.headers)
const verifier = new Verifier({ alipayPublicKey: doc.keys.alipay_a })

function code(expected) {
  return (err) => {
    assert.ok(err instanceof AlipayNotifyError, `not an AlipayNotifyError: ${err && err.stack}`)
    assert.equal(err.code, expected, err.message)
    return true
  }
}

describe('verifyV3', () => {
  it('takes the headers as each HTTP library gives them', () => {
    const titled = Object.fromEntries(basic.headers.map(([n, v]) => [n.replace(/\b\w/g, (c) => c.toUpperCase()), v]))
    const shapes = {
      'res.headers (lowercase, a set-cookie array among them)': {
        'content-type': 'application/json',
        'set-cookie': ['a=1', 'b=2'],
        'x-number': 42,
        ...HEADERS,
      },
      'title-case names': titled,
      'pairs': basic.headers,
      "fetch's Headers": new Headers(HEADERS),
      'a Map': new Map(Object.entries(HEADERS)),
    }
    for (const [shape, headers] of Object.entries(shapes)) {
      const response = verifier.verifyV3(headers, BODY)
      assert.deepEqual(response.body, BODY, shape)
      assert.equal(response.text, basic.body)
      assert.deepEqual(response.json(), JSON.parse(basic.body))
      assert.equal(response.timestamp, HEADERS['alipay-timestamp'])
      assert.equal(response.timestampMillis, Number(HEADERS['alipay-timestamp']))
      assert.equal(response.nonce, HEADERS['alipay-nonce'])
      assert.equal(response.certSn, null)
      assert.equal(response.keyIndex, 0)
      assert.equal(response.keyFingerprint, verifier.keyFingerprints[0])
      const signed = Buffer.concat([Buffer.from(`${response.timestamp}\n${response.nonce}\n`), BODY, Buffer.from('\n')])
      assert.deepEqual(response.signedContent, signed)
    }
    assert.deepEqual(verifier.verifyV3(HEADERS, basic.body).body, BODY, 'a string body is its UTF-8 bytes')
    assert.deepEqual(verifier.verifyV3(HEADERS, new Uint8Array(BODY)).body, BODY)
  })

  it('refuses a changed byte and a re-encoded body', () => {
    const changed = Buffer.from(BODY)
    changed[3] ^= 1
    assert.throws(() => verifier.verifyV3(HEADERS, changed), code('INVALID_SIGNATURE'))
    const reencoded = JSON.stringify(JSON.parse(basic.body), null, 1)
    assert.throws(() => verifier.verifyV3(HEADERS, reencoded), code('INVALID_SIGNATURE'))
  })

  it('refuses a header twice, as pairs, as an array value, or joined by the library', () => {
    const signature = HEADERS['alipay-signature']
    for (const headers of [
      [...basic.headers, ['Alipay-Signature', signature]],
      { ...HEADERS, 'alipay-signature': [signature, signature] },
      { ...HEADERS, 'alipay-signature': `${signature}, ${signature}` },
    ]) {
      assert.throws(() => verifier.verifyV3(headers, BODY), code('DUPLICATE_PARAMETER'))
    }
    assert.throws(() => verifier.verifyV3({ ...HEADERS, 'alipay-nonce': 7 }, BODY), code('MALFORMED_INPUT'))
    assert.throws(() => verifier.verifyV3([['alipay-nonce']], BODY), code('MALFORMED_INPUT'))
  })

  it('never accepts an unsigned response', () => {
    assert.throws(
      () => verifier.verifyV3({ 'content-type': 'text/html' }, '<html>502</html>'),
      (err) => code('UNSIGNED_RESPONSE')(err) && err.group === 'signature' && err.status === 112,
    )
  })

  it('picks the certificate by alipay-sn', () => {
    const v = byId['v3-response-cert-sn']
    const both = new Verifier({ alipayPublicKey: v.keys.map((id) => doc.keys[id]) })
    const response = both.verifyV3(v.headers, v.body)
    assert.equal(response.keyIndex, 1)
    assert.equal(response.certSn, Object.fromEntries(v.headers)['alipay-sn'])
    const unknown = byId['v3-response-cert-unknown-sn']
    const verifierOfUnknown = new Verifier({ alipayPublicKey: unknown.keys.map((id) => doc.keys[id]) })
    assert.throws(() => verifierOfUnknown.verifyV3(unknown.headers, unknown.body), code('UNKNOWN_CERT_SN'))
  })

  it('maxResponseAge refuses a stale response; off by default', () => {
    const now = Number(HEADERS['alipay-timestamp'])
    const fresh = new Verifier({ alipayPublicKey: doc.keys.alipay_a, maxResponseAge: 300 })
    assert.deepEqual(fresh.verifyV3(HEADERS, BODY, now + 300000).body, BODY)
    assert.throws(
      () => fresh.verifyV3(HEADERS, BODY, now + 300001),
      (err) => code('STALE_RESPONSE')(err) && err.status === 115 && err.group === 'signature',
    )
    assert.throws(() => fresh.verifyV3(HEADERS, BODY), code('STALE_RESPONSE'), 'signed in 2024, judged now')
    assert.deepEqual(verifier.verifyV3(HEADERS, BODY).body, BODY)
    assert.throws(() => new Verifier({ alipayPublicKey: doc.keys.alipay_a, maxResponseAge: 0 }), code('INVALID_CONFIG'))
  })

  it('wrong JavaScript types are TypeErrors', () => {
    assert.throws(() => verifier.verifyV3('alipay-signature: x', BODY), TypeError)
    assert.throws(() => verifier.verifyV3(HEADERS, 42), TypeError)
  })

  it('a throwing iterator is an AlipayNotifyError with the cause', () => {
    const boom = new Error('boom')
    const headers = {
      *[Symbol.iterator]() {
        yield ['alipay-nonce', 'n']
        throw boom
      },
    }
    assert.throws(() => verifier.verifyV3(headers, BODY), (err) => code('MALFORMED_INPUT')(err) && err.cause === boom)
  })
})

describe('V3Signer', () => {
  it('reproduces the vectors and draws a nonce', () => {
    const v = byId['v3-request-app-auth-token']
    const signer = new V3Signer(doc.keys[v.private_key], v.app_id)
    const options = { appAuthToken: v.app_auth_token, nonce: v.nonce, timestamp: v.timestamp }
    assert.equal(signer.authorization(v.method, v.uri, Buffer.from(v.body), options), v.authorization)
    const first = signer.authorization('GET', '/v3/alipay/trade/query?out_trade_no=1')
    const second = signer.authorization('GET', '/v3/alipay/trade/query?out_trade_no=1')
    assert.ok(first.startsWith(`ALIPAY-SHA256withRSA app_id=${v.app_id},nonce=`), first)
    assert.notEqual(first, second)
    const cert = new V3Signer(doc.keys.app_private, '2014060600164699', '866efef280dec9137a87d047ac446315')
    assert.match(cert.authorization('GET', '/v3/x'), /,app_cert_sn=866efef280dec9137a87d047ac446315,nonce=/)
  })

  it('refuses a bad key without echoing it, and a whole URL', () => {
    const bad = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ' + 'x'.repeat(40)
    assert.throws(
      () => new V3Signer(bad, '2014060600164699'),
      (err) => code('INVALID_KEY')(err) && !err.message.includes('xxxxxxxx') && !err.message.includes('MIIEvQ'),
    )
    assert.throws(() => new V3Signer(doc.keys.app_private, ''), code('INVALID_CONFIG'))
    const signer = new V3Signer(doc.keys.app_private, '2014060600164699')
    assert.throws(() => signer.authorization('GET', 'https://openapi.alipay.com/v3/alipay/trade/query'), code('INVALID_CONFIG'))
  })
})
