// Shared by the framework adapter tests (koa, fastify, nest, next): the signed bodies Alipay
// would send, and the HTTP calls and assertions on the replies.
'use strict'

const assert = require('node:assert/strict')
const path = require('node:path')
const { api, EXAMPLE } = require('./helpers.js')

const { keyPair, notifyBody, returnQuery } = require(path.join(EXAMPLE, 'simulate.js'))

const APP_ID = '2021000000000000'
const FORM = 'application/x-www-form-urlencoded'
const alipay = keyPair()
const verifier = new api.Verifier({ alipayPublicKey: alipay.publicKey, appId: APP_ID })
const order = { out_trade_no: 'T1001', total_amount: '88.00', subject: '测试 A+B' }

/** A notification Alipay signed for `order` with `changes` (out_trade_no, total_amount ...). */
function signed(changes = {}, options = {}) {
  return notifyBody(alipay.privateKey, { ...order, ...changes }, { appId: APP_ID, ...options })
}

/** The notifications of one order: UTF-8, GBK, and an amount forged after signing. */
const bodies = { utf8: signed(), gbk: signed({}, { charset: 'GBK' }) }
bodies.forged = bodies.utf8.replace('total_amount=88.00', 'total_amount=0.01')
// A space is `+` and a plus `%2B` in the body: a parser that re-encodes the form loses one.
assert.match(bodies.utf8, /subject=%E6%B5%8B%E8%AF%95\+A%2BB&/)
assert.match(bodies.gbk, /subject=%B2%E2%CA%D4\+A%2BB&/)

/** Checks what a handler got from `bodies.utf8` or `bodies.gbk`. */
function assertOrder(notification, charset = 'utf-8') {
  assert.equal(notification.outTradeNo, 'T1001')
  assert.equal(notification.subject, '测试 A+B')
  assert.equal(notification.verification.charset, charset)
}

/** A verifier for the same key with a small maxSize, and a body it takes. */
const small = new api.Verifier({ alipayPublicKey: alipay.publicKey, maxSize: 512 })
const smallBody = api.signedForm([['out_trade_no', 'T1001'], ['app_id', APP_ID]], { privateKey: alipay.privateKey })
const oversized = `${bodies.utf8}&pad=${'x'.repeat(100_000)}`

async function post(url, body, contentType = FORM) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    connection: response.headers.get('connection'),
    text: await response.text(),
  }
}

async function get(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  return { status: response.status, text: await response.text() }
}

/** Exactly `success`: status 200, plain text, nothing else. */
function assertSuccess(reply) {
  assert.deepEqual([reply.status, reply.type, reply.text], [200, 'text/plain; charset=utf-8', 'success'])
}

function assertFail(reply) {
  assert.deepEqual([reply.status, reply.type, reply.text], [200, 'text/plain; charset=utf-8', 'fail'])
}

module.exports = {
  APP_ID,
  FORM,
  alipay,
  verifier,
  order,
  signed,
  bodies,
  small,
  smallBody,
  oversized,
  returnQuery: (appId = APP_ID) => returnQuery(alipay.privateKey, order, { appId }),
  assertOrder,
  post,
  get,
  assertSuccess,
  assertFail,
}
