// Every shared vector in tests/vectors/ through the Node API, asserting the exact outcome
// (tests/vectors/README.md is the schema).
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const { api, vectorFiles, input, verifierOptions } = require('./helpers.js')

const { Verifier, AlipayNotifyError } = api

/** Runs `fn`; for an `invalid` vector asserts it throws that error, else returns its value. */
function outcome(vector, fn) {
  if (vector.expect === 'invalid') {
    assert.throws(fn, (err) => {
      assert.ok(err instanceof AlipayNotifyError, `not an AlipayNotifyError: ${err && err.stack}`)
      assert.equal(err.code, vector.error, err.message)
      return true
    })
    return undefined
  }
  return fn()
}

function checkNotification(vector, notification) {
  const verification = notification.verification
  if (vector.rule) assert.equal(verification.rule, vector.rule)
  if (vector.key_index !== undefined) assert.equal(verification.keyIndex, vector.key_index)
  if (vector.params_out) {
    assert.deepEqual(notification.toJSON(), vector.params_out)
    assert.equal(notification.size, Object.keys(vector.params_out).length)
    for (const [name, value] of notification.entries()) assert.equal(notification.get(name), value)
  }
  if (vector.typed) {
    const typed = vector.typed
    if (typed.trade_status !== undefined) assert.equal(notification.tradeStatus, typed.trade_status)
    if (typed.is_paid !== undefined) assert.equal(notification.isPaid, typed.is_paid)
    if (typed.total_amount_fen !== undefined) assert.equal(notification.totalAmountFen, typed.total_amount_fen)
  }
  if (vector.check_order) {
    const check = vector.check_order
    const run = () => notification.checkOrder(check.out_trade_no, check.total_amount)
    if (check.error === null) run()
    else assert.throws(run, (err) => err instanceof AlipayNotifyError && err.code === check.error)
  }
}

function runVerify(keys, vector) {
  const notification = outcome(vector, () => {
    const verifier = new Verifier(verifierOptions(keys, vector))
    switch (vector.kind) {
      case 'notify':
        return verifier.verifyNotify(input(vector))
      case 'return':
        return verifier.verifyReturn(input(vector))
      case 'params':
        // Pairs, not an object: a vector may hold a name twice.
        return verifier.verifyNotify(vector.params)
      default:
        throw new Error(`unknown kind ${vector.kind}`)
    }
  })
  if (vector.expect === 'valid') checkNotification(vector, notification)
}

function runSign(keys, vector) {
  const params = vector.params.map(([name, value]) => [name, value])
  if (vector.charset && !params.some(([name]) => name === 'charset')) params.push(['charset', vector.charset])
  const sign = outcome(vector, () =>
    api.sign(params, {
      privateKey: keys[vector.private_key],
      signType: vector.sign_type || 'RSA2',
      rule: vector.rule || 'v1',
    }),
  )
  if (vector.expect !== 'invalid') assert.equal(sign, vector.sign)
}

function diagnoseOptionsOf(keys, vector) {
  const options = vector.options || {}
  const diagnoseOptions = {}
  if (options.app_public_keys) diagnoseOptions.appPublicKeys = options.app_public_keys.map((id) => keys[id])
  if (options.app_private_key) diagnoseOptions.appPrivateKey = keys[options.app_private_key]
  return diagnoseOptions
}

function checkDiagnosis(diagnosis, vector) {
  const expected = vector.diagnosis
  assert.equal(diagnosis.verified, expected.verified)
  const causes = diagnosis.findings.filter((f) => f.certain).map((f) => f.code)
  assert.deepEqual(causes.sort(), [...(expected.causes || [])].sort(), JSON.stringify(diagnosis.findings))
  for (const hint of expected.hints || []) {
    assert.ok(
      diagnosis.findings.some((f) => f.code === hint && !f.certain),
      `hint ${hint} missing: ${JSON.stringify(diagnosis.findings)}`,
    )
  }
  assert.equal(diagnosis.error == null, diagnosis.verified)
  for (const finding of diagnosis.findings) {
    for (const field of ['explanation', 'explanationZh', 'fix', 'fixZh']) assert.equal(typeof finding[field], 'string')
  }
}

function runDiagnose(keys, vector) {
  const verifier = new Verifier(verifierOptions(keys, vector))
  checkDiagnosis(verifier.diagnose(input(vector), diagnoseOptionsOf(keys, vector)), vector)
}

function runDiagnoseResponse(keys, vector) {
  const verifier = new Verifier(verifierOptions(keys, vector))
  const diagnosis = verifier.diagnoseResponse(vector.input, vector.method, diagnoseOptionsOf(keys, vector))
  checkDiagnosis(diagnosis, vector)
}

function runDiagnoseV3(keys, vector) {
  const verifier = new Verifier(verifierOptions(keys, vector))
  const body = Buffer.from(vector.body, 'utf8')
  checkDiagnosis(verifier.diagnoseV3(vector.headers, body, diagnoseOptionsOf(keys, vector)), vector)
}

function runResponse(keys, vector) {
  const response = outcome(vector, () =>
    new Verifier(verifierOptions(keys, vector)).verifyResponse(vector.input, vector.method),
  )
  if (vector.expect !== 'valid') return
  assert.equal(response.method, vector.method_out)
  assert.equal(response.keyIndex, vector.key_index)
  assert.deepEqual(response.value, vector.response_out)
  assert.deepEqual(JSON.parse(JSON.stringify(response)), vector.response_out)
}

function runCertSn(keys, vector) {
  const text = keys[vector.cert]
  const sn = outcome(vector, () => (vector.root ? api.rootCertSn(text) : api.certSn(text)))
  if (vector.expect === 'valid') assert.equal(sn, vector.sn)
}

/** A typed getter's value, or the code of the error it throws. */
function valueOrCode(read) {
  try {
    return read()
  } catch (err) {
    assert.ok(err instanceof AlipayNotifyError, `not an AlipayNotifyError: ${err && err.stack}`)
    return err.code
  }
}

// wap.json: WAP notifications and 消息服务 messages are notify bodies, app results have their
// own call; a 消息服务 vector's `message` holds its typed fields.
function runWapFamily(keys, vector) {
  const notification = outcome(vector, () => {
    const verifier = new Verifier(verifierOptions(keys, vector))
    const body = input(vector)
    return vector.kind === 'app_result' ? verifier.verifyAppResult(body) : verifier.verifyNotify(body)
  })
  if (vector.expect !== 'valid') return
  checkNotification(vector, notification)
  const message = vector.message
  if (!message) return
  assert.equal(notification.msgMethod, message.msg_method ?? null)
  assert.deepEqual(
    valueOrCode(() => notification.bizContent),
    message.biz_content ?? message.biz_content_error,
  )
  if (message.utc_timestamp_ms !== undefined) {
    assert.equal(notification.utcTimestampMs, message.utc_timestamp_ms)
    assert.equal(notification.utcTimestamp.getTime(), message.utc_timestamp_ms)
  } else {
    assert.equal(valueOrCode(() => notification.utcTimestampMs), message.utc_timestamp_error)
    assert.equal(valueOrCode(() => notification.utcTimestamp), message.utc_timestamp_error)
  }
}

/** SM2 signatures are randomized: the one made is verified with `public_key`, not compared. */
function runSm2Sign(keys, vector) {
  const params = vector.params.map(([name, value]) => [name, value])
  const sign = outcome(vector, () =>
    api.sign(params, { privateKey: keys[vector.private_key], signType: 'SM2', rule: vector.rule || 'v1' }),
  )
  if (vector.expect === 'invalid') return
  const verifier = new Verifier({ alipayPublicKey: keys[vector.public_key], signTypes: ['SM2'] })
  const notification = verifier.verifyNotify([...params, ['sign', sign]])
  assert.equal(notification.verification.signType, 'SM2')
  checkNotification(vector, notification)
}

function runV3Response(keys, vector) {
  const names = vector.headers.map(([name]) => name)
  // An object, as res.headers gives them, when it can hold them all; else the pairs.
  const headers = new Set(names).size === names.length ? Object.fromEntries(vector.headers) : vector.headers
  const response = outcome(vector, () =>
    new Verifier(verifierOptions(keys, vector)).verifyV3(headers, Buffer.from(vector.body, 'utf8'), vector.now),
  )
  if (vector.expect !== 'valid') return
  assert.deepEqual(response.body, Buffer.from(vector.body_out, 'utf8'))
  assert.equal(response.keyIndex, vector.key_index)
}

function runV3Request(keys, vector) {
  const authorization = outcome(vector, () =>
    new api.V3Signer(keys[vector.private_key], vector.app_id, vector.app_cert_sn).authorization(
      vector.method,
      vector.uri,
      vector.body,
      { appAuthToken: vector.app_auth_token, nonce: vector.nonce, timestamp: vector.timestamp },
    ),
  )
  if (vector.expect === 'valid') assert.equal(authorization, vector.authorization)
}

// ---- aes.json: AES-encrypted content

function runAesDecrypt(keys, vector) {
  const plaintext = outcome(vector, () => api.decrypt(keys[vector.aes_key], vector.input))
  if (vector.expect === 'valid') assert.equal(plaintext, vector.plaintext)
}

function runAesResponse(keys, vector) {
  runResponse(keys, vector)
  if (vector.expect !== 'valid') return
  const response = new Verifier(verifierOptions(keys, vector)).verifyResponse(vector.input, vector.method)
  assert.equal(response.isDecrypted, vector.decrypted)
  const content = response.decryptedContent
  assert.deepEqual(content === null ? null : JSON.parse(content), vector.decrypted ? vector.response_out : null)
}

function runOpenData(keys, vector) {
  const data = outcome(vector, () => new Verifier(verifierOptions(keys, vector)).verifyOpenData(vector.input))
  if (vector.expect !== 'valid') return
  assert.equal(data.keyIndex, vector.key_index)
  assert.equal(data.signType, vector.sign_type)
  assert.equal(data.isEncrypted, vector.encrypted)
  assert.deepEqual(data.value, vector.data_out)
  assert.deepEqual(JSON.parse(data.content), vector.data_out)
}

function runRsaBizContent(keys, vector) {
  const notification = outcome(vector, () => new Verifier(verifierOptions(keys, vector)).verifyNotify(input(vector)))
  if (vector.expect === 'valid') assert.equal(notification.decryptedBizContent, vector.biz_content_out)
}

const RUNNERS = {
  notify: runVerify,
  return: runVerify,
  params: runVerify,
  sign: runSign,
  diagnose: runDiagnose,
  diagnose_response: runDiagnoseResponse,
  diagnose_v3: runDiagnoseV3,
  response: runResponse,
  cert_sn: runCertSn,
  wap_notify: runWapFamily, message_service: runWapFamily, app_result: runWapFamily,
  sm2_sign: runSm2Sign,
  v3_response: runV3Response,
  v3_request: runV3Request,
  aes_decrypt: runAesDecrypt,
  aes_response: runAesResponse,
  open_data: runOpenData,
  rsa_biz_content: runRsaBizContent,
}

const files = vectorFiles()

describe('shared vectors', () => {
  it('are all here', () => {
    const count = files.reduce((n, file) => n + file.vectors.length, 0)
    assert.ok(files.length >= 10 && count >= 300, `${files.length} files, ${count} vectors`)
    for (const file of files) {
      for (const v of file.vectors) assert.ok(RUNNERS[v.kind], `${file.name}: ${v.id}: unknown kind ${v.kind}`)
    }
  })
})

for (const file of files) {
  describe(file.name, () => {
    for (const v of file.vectors) {
      it(v.id, () => RUNNERS[v.kind](file.keys, v))
    }
  })
}
