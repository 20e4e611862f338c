// AES-encrypted content through Node: decrypt(), encrypted responses, open data and 生活号
// biz_content (the byte rules are the core's; this checks what JavaScript receives and throws).
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')
const { api, vector } = require('./helpers.js')

const { Verifier, OpenData, AlipayNotifyError } = api
const { keys } = vector('aes-decrypt-java-sdk')
// The Java SDK's own AES test: its key and its ciphertext of 'test1234567'.
const JAVA_KEY = keys.java_sdk_aes
const JAVA_CIPHERTEXT = 'ILpoMowjIQjfYMR847rnFQ=='

const verifier = (options = {}) => new Verifier({ alipayPublicKey: keys.alipay_a, ...options })
const input = (id) => vector(id).vector.input

/** A matcher for assert.throws: an AlipayNotifyError with `code` whose message hides `secret`. */
function fails(code, secret) {
  return (err) => {
    assert.ok(err instanceof AlipayNotifyError, String(err && err.stack))
    assert.equal(err.code, code, err.message)
    if (secret) assert.ok(!err.message.includes(secret), err.message)
    return true
  }
}

describe('decrypt()', () => {
  it('takes the ciphertext as a string, Buffer or Uint8Array', () => {
    assert.equal(api.decrypt(JAVA_KEY, JAVA_CIPHERTEXT), 'test1234567')
    assert.equal(api.decrypt(JAVA_KEY, Buffer.from(JAVA_CIPHERTEXT)), 'test1234567')
    assert.equal(api.decrypt(JAVA_KEY, new TextEncoder().encode(JAVA_CIPHERTEXT)), 'test1234567')
  })

  it('throws typed errors that never show the key', () => {
    assert.throws(() => api.decrypt(keys.node_sdk_aes, JAVA_CIPHERTEXT), fails('DECRYPTION_FAILED', keys.node_sdk_aes))
    assert.throws(() => api.decrypt(keys.aes_10_bytes, JAVA_CIPHERTEXT), fails('INVALID_KEY', keys.aes_10_bytes))
    const failed = (() => {
      try {
        api.decrypt(keys.node_sdk_aes, JAVA_CIPHERTEXT)
      } catch (err) {
        return err
      }
    })()
    assert.equal(failed.status, 114)
    assert.equal(failed.group, 'malformed_input')
  })

  it('throws a TypeError for a value of the wrong type', () => {
    assert.throws(() => api.decrypt(JAVA_KEY, 12), TypeError)
    assert.throws(() => api.decrypt(Buffer.from(JAVA_KEY), JAVA_CIPHERTEXT), TypeError)
  })
})

describe('encrypted responses', () => {
  const body = input('aes-response-trade-query')

  it('are decrypted with aesKey, and stay the ciphertext without it', () => {
    const decrypted = verifier({ aesKey: keys.aes128 }).verifyResponse(body, 'alipay.trade.query')
    assert.equal(decrypted.isDecrypted, true)
    assert.equal(decrypted.value.total_amount, '88.00')
    assert.equal(decrypted.isSuccess, true)
    assert.deepEqual(JSON.parse(decrypted.decryptedContent), decrypted.value)
    // The signed text stays the ciphertext string, quotes included.
    assert.ok(decrypted.signedContent.startsWith('"'))
    const plain = verifier().verifyResponse(body)
    assert.equal(plain.isDecrypted, false)
    assert.equal(plain.decryptedContent, null)
    assert.equal(typeof plain.value, 'string')
  })

  it('under another key or altered are refused', () => {
    assert.throws(() => verifier({ aesKey: keys.aes256 }).verifyResponse(body), fails('DECRYPTION_FAILED'))
    const forged = body.replace('":"', '":"A')
    assert.throws(() => verifier({ aesKey: keys.aes128 }).verifyResponse(forged), fails('INVALID_SIGNATURE'))
  })
})

describe('verifyOpenData()', () => {
  const envelope = input('aes-open-data-phone-number')

  it('gives the verified plaintext from a string or a Buffer', () => {
    for (const given of [envelope, Buffer.from(envelope)]) {
      const data = verifier({ aesKey: keys.aes128 }).verifyOpenData(given)
      assert.ok(data instanceof OpenData)
      assert.equal(data.value.mobile, '15900000000')
      assert.equal(data.code, '10000')
      assert.equal(data.isEncrypted, true)
      assert.equal(data.signType, 'RSA2')
      assert.equal(data.keyIndex, 0)
      assert.equal(data.keyFingerprint, verifier().keyFingerprints[0])
      assert.deepEqual(JSON.parse(data.content), data.value)
      assert.deepEqual(JSON.parse(JSON.stringify(data)), data.value)
      assert.ok(!util.inspect(data).includes('15900000000'), util.inspect(data))
    }
  })

  it('throws typed errors', () => {
    const forged = envelope.replace('"response":"', '"response":"A')
    assert.throws(() => verifier({ aesKey: keys.aes128 }).verifyOpenData(forged), fails('INVALID_SIGNATURE'))
    assert.throws(() => verifier().verifyOpenData(envelope), fails('INVALID_CONFIG'))
    assert.throws(() => verifier({ aesKey: keys.aes192 }).verifyOpenData(envelope), fails('DECRYPTION_FAILED'))
    const small = verifier({ aesKey: keys.aes128, maxSize: 100 })
    assert.throws(() => small.verifyOpenData(envelope), fails('INPUT_TOO_LARGE'))
    // Parsed JSON is not the text that was signed.
    assert.throws(() => verifier({ aesKey: keys.aes128 }).verifyOpenData(JSON.parse(envelope)), TypeError)
  })
})

describe('生活号 messages', () => {
  it('give their decrypted biz_content with appPrivateKey', () => {
    const { vector: v } = vector('aes-biz-content-rsa2048')
    const n = verifier({ rule: 'v2', appPrivateKey: keys.app }).verifyNotify(v.input)
    assert.equal(n.decryptedBizContent, v.biz_content_out)
    // The signed value stays what was signed.
    assert.notEqual(n.get('biz_content'), v.biz_content_out)
    assert.equal(verifier({ rule: 'v2' }).verifyNotify(v.input).decryptedBizContent, null)
  })
})

describe('decryption keys', () => {
  it('are judged when the verifier is built, and never shown', () => {
    assert.throws(() => verifier({ aesKey: keys.aes_not_base64 }), fails('INVALID_KEY', keys.aes_not_base64))
    assert.throws(() => verifier({ appPrivateKey: keys.alipay_a }), fails('INVALID_KEY'))
    // Not text at all: a configuration error, as for md5Key.
    assert.throws(() => verifier({ aesKey: 12 }), fails('INVALID_CONFIG'))
  })
})
