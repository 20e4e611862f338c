// Shared by the tests: the package, the shared vectors, and vector options in the Node API's
// shape.
'use strict'

const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

const api = require('../index.js')

const ROOT = path.join(__dirname, '..', '..')
const VECTORS = path.join(ROOT, 'tests', 'vectors')
const EXAMPLE = path.join(ROOT, 'examples', 'express')

/** Every vector file: `{ name, keys, vectors }`, sorted by name. */
function vectorFiles() {
  return fs
    .readdirSync(VECTORS)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, ...JSON.parse(fs.readFileSync(path.join(VECTORS, name), 'utf8')) }))
}

/** One vector by id, with its file's keys. */
function vector(id) {
  for (const file of vectorFiles()) {
    const found = file.vectors.find((v) => v.id === id)
    if (found) return { keys: file.keys, vector: found }
  }
  throw new Error(`no vector ${id}`)
}

/** The raw input bytes of a vector. */
function input(vector) {
  if (vector.input !== undefined) return Buffer.from(vector.input, 'utf8')
  if (vector.input_hex !== undefined) return Buffer.from(vector.input_hex, 'hex')
  return Buffer.alloc(0)
}

/** `new Verifier()` options for a vector's keys and options. */
function verifierOptions(keys, vector) {
  const o = vector.options || {}
  const options = { alipayPublicKey: (vector.keys || []).map((id) => keys[id]) }
  if (o.sign_types) options.signTypes = o.sign_types
  if (o.rule) options.rule = o.rule
  if (o.app_id) options.appId = o.app_id
  if (o.seller_ids) options.sellerId = o.seller_ids
  if (o.allow_embedded_pairs) options.allowEmbeddedPairs = o.allow_embedded_pairs
  if (o.min_key_bits !== undefined) options.minKeyBits = o.min_key_bits
  if (o.max_size !== undefined) options.maxSize = o.max_size
  if (o.md5_key !== undefined) options.md5Key = o.md5_key
  if (o.default_charset) options.defaultCharset = o.default_charset
  if (o.max_response_age !== undefined) options.maxResponseAge = o.max_response_age
  if (o.check_certificates) {
    options.checkCertificates = keys[o.check_certificates.root]
    options.checkCertificatesAt = new Date(o.check_certificates.at * 1000)
  }
  // aes.json: decryption keys, by key id.
  if (o.aes_key) options.aesKey = keys[o.aes_key]
  if (o.app_private_key) options.appPrivateKey = keys[o.app_private_key]
  return options
}

/** A throwaway Alipay key pair from the vectors (alipay_a). */
function alipayKeys() {
  const { keys } = vector('notify-basic-rsa2')
  const privateKey = fs.readFileSync(path.join(VECTORS, 'keys', 'alipay_a.key.pem'), 'utf8')
  return { publicKey: keys.alipay_a, privateKey }
}

/** A gateway answer: `{"<method>_response":{...},"sign":"..."}`, RSA2 over the node's text. */
function gatewayResponse(method, node, alipayPrivateKey) {
  const text = JSON.stringify(node)
  const sign = crypto.sign('sha256', Buffer.from(text), alipayPrivateKey).toString('base64')
  return Buffer.from(`{"${method.replaceAll('.', '_')}_response":${text},"sign":"${sign}"}`)
}

/** What verifyNotify answered: the signed parameters, or the error's status and message. */
function answer(verifier, body) {
  try {
    return { status: 0, text: JSON.stringify(verifier.verifyNotify(body)) }
  } catch (err) {
    if (!(err instanceof api.AlipayNotifyError)) throw err
    return { status: err.status, text: err.message }
  }
}

module.exports = {
  api,
  ROOT,
  VECTORS,
  EXAMPLE,
  vectorFiles,
  vector,
  input,
  verifierOptions,
  alipayKeys,
  gatewayResponse,
  answer,
}
