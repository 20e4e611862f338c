// alipay-notify/express on real servers (127.0.0.1, a free port): the example shop of
// examples/express, and the middleware mounted after body parsers.
'use strict'

const { describe, it, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const http = require('node:http')
const os = require('node:os')
const path = require('node:path')
const express = require('express')
const { api, EXAMPLE } = require('./helpers.js')
const { notifyHandler, returnHandler, keepRawBody } = require('../express.js')

const { Verifier } = api
const { createApp } = require(path.join(EXAMPLE, 'app.js'))
const { openStore } = require(path.join(EXAMPLE, 'store.js'))
const { pgSchemaUrl } = require('./ledger-backends.js')
const { keyPair, notifyBody, returnQuery } = require(path.join(EXAMPLE, 'simulate.js'))

const APP_ID = '2021000000000000'
const FORM = 'application/x-www-form-urlencoded'
const alipay = keyPair()
const app = keyPair()
const verifier = new Verifier({ alipayPublicKey: alipay.publicKey, appId: APP_ID })

/** Starts `handler` on 127.0.0.1, port 0; resolves to { base, close }. */
async function listen(handler) {
  const server = http.createServer(handler)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve)
        server.closeAllConnections()
      }),
  }
}

async function post(url, body, contentType = FORM) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
}

async function get(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  return { status: response.status, text: await response.text() }
}

function assertSuccess(reply) {
  assert.equal(reply.status, 200)
  assert.equal(reply.text, 'success')
  assert.equal(reply.type, 'text/plain; charset=utf-8')
}

function assertFail(reply) {
  assert.equal(reply.status, 200)
  assert.equal(reply.text, 'fail')
}

let shopUrl
// The shop on the embedded SQLite file, and on PostgreSQL (DATABASE_URL) as with several servers.
const DATABASES = [
  { name: 'SQLite', open: async (file) => openStore({ file }) },
  { name: 'PostgreSQL', open: async () => openStore({ databaseUrl: (shopUrl ??= await pgSchemaUrl('express_shop')) }) },
]

for (const database of DATABASES) describe(`the example shop (examples/express) on ${database.name}`, { timeout: 60_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-notify-shop-'))
  const file = path.join(dir, 'orders.sqlite')
  const rejections = []
  let orders
  let reopen
  let shop

  before(async () => {
    orders = await database.open(file)
    reopen = () => database.open(file)
    const payment = {
      appId: APP_ID,
      appPrivateKey: app.privateKey,
      gateway: 'https://openapi.alipay.com/gateway.do',
      notifyUrl: 'https://shop.example/alipay/notify',
      returnUrl: 'https://shop.example/alipay/return',
    }
    shop = await listen(createApp({ verifier, store: orders, payment, onNotifyError: (err) => rejections.push(err) }))
  })

  after(async () => {
    await shop.close()
    await orders.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  async function checkout(subject, totalAmount) {
    const reply = await fetch(`${shop.base}/checkout`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: new URLSearchParams({ subject, total_amount: totalAmount }),
    })
    assert.equal(reply.status, 201)
    const order = await reply.json()
    return { answer: order, order: await orders.find(order.outTradeNo) }
  }

  it('checkout creates an order and a signed page-pay URL', async () => {
    const { answer, order } = await checkout('Test order', '88.00')
    assert.equal(order.status, 'WAIT_BUYER_PAY')
    assert.equal(order.total_amount, '88.00')
    // The request is signed with the app's key under rule v2, as Alipay's gateway checks it.
    const request = new Verifier({ alipayPublicKey: app.publicKey, rule: 'v2' }).verifyReturn(answer.payUrl)
    assert.equal(request.get('method'), 'alipay.trade.page.pay')
    assert.equal(JSON.parse(request.get('biz_content')).out_trade_no, order.out_trade_no)
    const bad = await fetch(`${shop.base}/checkout`, { method: 'POST', headers: { 'content-type': FORM }, body: 'total_amount=1.234' })
    assert.equal(bad.status, 400)
  })

  it('a signed UTF-8 notification marks the order paid; a retry changes nothing', async () => {
    const { order } = await checkout('Test order', '88.00')
    const body = notifyBody(alipay.privateKey, order, { appId: APP_ID })
    assertSuccess(await post(`${shop.base}/alipay/notify`, body))
    const paid = await orders.find(order.out_trade_no)
    assert.equal(paid.status, 'PAID')
    assert.match(paid.trade_no, /^2024\d+$/)
    assertSuccess(await post(`${shop.base}/alipay/notify`, body))
    assert.deepEqual(await orders.find(order.out_trade_no), paid)
  })

  it('a signed GBK notification (charset=GBK) verifies over its own bytes', async () => {
    const { order } = await checkout('测试商品：中文', '12.50')
    const body = notifyBody(alipay.privateKey, order, { appId: APP_ID, charset: 'GBK' })
    assert.match(body, /subject=%B2%E2%CA%D4/, 'the body is GBK, percent-encoded')
    assertSuccess(await post(`${shop.base}/alipay/notify`, body, `${FORM}; charset=GBK`))
    assert.equal((await orders.find(order.out_trade_no)).status, 'PAID')
  })

  it('a tampered notification gets fail and changes nothing', async () => {
    const { order } = await checkout('Test order', '88.00')
    const body = notifyBody(alipay.privateKey, order, { appId: APP_ID })
    const count = rejections.length
    assertFail(await post(`${shop.base}/alipay/notify`, body.replace('total_amount=88.00', 'total_amount=0.01')))
    assert.equal((await orders.find(order.out_trade_no)).status, 'WAIT_BUYER_PAY')
    assert.equal(rejections.length, count + 1)
    assert.equal(rejections.at(-1).code, 'INVALID_SIGNATURE')
  })

  it('an authentic notification for another amount or order gets fail', async () => {
    const { order } = await checkout('Test order', '88.00')
    const wrongAmount = notifyBody(alipay.privateKey, { ...order, total_amount: '8.80' }, { appId: APP_ID })
    assertFail(await post(`${shop.base}/alipay/notify`, wrongAmount))
    assert.equal(rejections.at(-1).code, 'AMOUNT_MISMATCH')
    const unknown = notifyBody(alipay.privateKey, { ...order, out_trade_no: 'NOPE' }, { appId: APP_ID })
    assertFail(await post(`${shop.base}/alipay/notify`, unknown))
    assert.equal(rejections.at(-1).code, 'ORDER_MISMATCH')
    const otherApp = notifyBody(alipay.privateKey, order, { appId: '2021999999999999' })
    assertFail(await post(`${shop.base}/alipay/notify`, otherApp))
    assert.equal(rejections.at(-1).code, 'APP_ID_MISMATCH')
    assert.equal((await orders.find(order.out_trade_no)).status, 'WAIT_BUYER_PAY')
  })

  it('TRADE_CLOSED closes an unpaid order', async () => {
    const { order } = await checkout('Test order', '1.00')
    const closed = notifyBody(alipay.privateKey, order, { appId: APP_ID, trade_status: 'TRADE_CLOSED' })
    assertSuccess(await post(`${shop.base}/alipay/notify`, closed))
    assert.equal((await orders.find(order.out_trade_no)).status, 'CLOSED')
  })

  it('return_url shows the order; a tampered one is refused', async () => {
    const { order } = await checkout('<b>Bold</b> order', '5.00')
    const query = returnQuery(alipay.privateKey, order, { appId: APP_ID })
    let page = await get(`${shop.base}/alipay/return?${query}`)
    assert.equal(page.status, 200)
    assert.match(page.text, new RegExp(`Order ${order.out_trade_no} \\(&#60;b&#62;Bold`))
    assert.match(page.text, /waiting for its confirmation/)
    assertSuccess(await post(`${shop.base}/alipay/notify`, notifyBody(alipay.privateKey, order, { appId: APP_ID })))
    page = await get(`${shop.base}/alipay/return?${query}`)
    assert.match(page.text, /paid, thank you/)
    page = await get(`${shop.base}/alipay/return?${query.replace('total_amount=5.00', 'total_amount=0.05')}`)
    assert.equal(page.status, 400)
    assert.match(page.text, /INVALID_SIGNATURE/)
    page = await get(`${shop.base}/alipay/return`)
    assert.equal(page.status, 400)
  })

  it('keeps the orders and the ledger in the database', async () => {
    const { order } = await checkout('Persisted', '3.00')
    assertSuccess(await post(`${shop.base}/alipay/notify`, notifyBody(alipay.privateKey, order, { appId: APP_ID })))
    const reopened = await reopen()
    try {
      assert.equal((await reopened.find(order.out_trade_no)).status, 'PAID')
      const rows = await reopened.ledgerRows(order.out_trade_no)
      assert.deepEqual(
        rows.map((r) => [r.transition, Boolean(r.changed_order), r.reply]),
        [['PAID', true, 'success']],
      )
    } finally {
      await reopened.close()
    }
    const reply = await get(`${shop.base}/orders/${order.out_trade_no}`)
    assert.equal(JSON.parse(reply.text).status, 'PAID')
  })
})

describe('notifyHandler and body parsers', { timeout: 60_000 }, () => {
  const order = { out_trade_no: 'T1001', total_amount: '88.00', subject: '测试' }
  const utf8 = notifyBody(alipay.privateKey, order, { appId: APP_ID })
  const gbk = notifyBody(alipay.privateKey, order, { appId: APP_ID, charset: 'GBK' })
  const errors = []
  const seen = []
  let server

  before(async () => {
    const onError = (err, req, notification) => errors.push({ err, notification })
    const handler = async (notification, req) => {
      seen.push({ notification, path: req.path })
      if (req.path.endsWith('/throws')) throw new Error('database down: secret detail')
    }
    const shop = express()
    // Mounted after express.urlencoded(), which kept the raw body (the documented pattern).
    const kept = express.Router()
    kept.use(express.urlencoded({ extended: false, verify: keepRawBody }))
    kept.post('/notify', notifyHandler(verifier, handler, { onError }))
    kept.post('/notify/throws', notifyHandler(verifier, handler, { onError }))
    shop.use('/kept', kept)
    // Mounted after express.urlencoded() that did not keep it.
    const lost = express.Router()
    lost.use(express.urlencoded({ extended: true }))
    lost.post('/notify', notifyHandler(verifier, handler, { onError }))
    shop.use('/lost', lost)
    // After express.raw(): req.body is the Buffer.
    shop.post('/raw', express.raw({ type: FORM }), notifyHandler(verifier, handler, { onError }))
    // Reading the body itself, with a small limit.
    const small = new Verifier({ alipayPublicKey: alipay.publicKey, maxSize: 512 })
    shop.post('/small', notifyHandler(small, handler, { onError }))
    shop.post('/hook-throws', notifyHandler(verifier, handler, { onError: () => { throw new Error('hook') } }))
    shop.get('/return', returnHandler(verifier, (n, req, res) => res.send(`paid ${n.outTradeNo}`)))
    shop.use((err, req, res, next) => res.status(400).send(err.code))
    server = await listen(shop)
  })

  after(() => server.close())

  it('after express.urlencoded with the raw body kept: UTF-8 and GBK verify', async () => {
    assertSuccess(await post(`${server.base}/kept/notify`, utf8))
    assert.equal(seen.at(-1).notification.subject, '测试')
    assert.equal(seen.at(-1).path, '/notify')
    // body-parser refuses `charset=GBK` content types itself (415), so this one has none: the
    // raw bytes still verify.
    assertSuccess(await post(`${server.base}/kept/notify`, gbk))
    assert.equal(seen.at(-1).notification.verification.charset, 'GBK')
    assertFail(await post(`${server.base}/kept/notify`, utf8.replace('T1001', 'T1002')))
    assert.equal(errors.at(-1).err.code, 'INVALID_SIGNATURE')
    assert.equal(errors.at(-1).notification, undefined)
  })

  it('after a body parser that lost the raw body: fail, and an INVALID_CONFIG that says why', async () => {
    assertFail(await post(`${server.base}/lost/notify`, utf8))
    assert.equal(errors.at(-1).err.code, 'INVALID_CONFIG')
    assert.match(errors.at(-1).err.message, /keepRawBody/)
  })

  it('after express.raw()', async () => {
    assertSuccess(await post(`${server.base}/raw`, gbk))
  })

  it('a handler that throws gets fail, and the error stays in the server', async () => {
    const reply = await post(`${server.base}/kept/notify/throws`, utf8)
    assertFail(reply)
    assert.doesNotMatch(reply.text, /secret/)
    assert.match(errors.at(-1).err.message, /database down/)
    assert.equal(errors.at(-1).notification.outTradeNo, 'T1001')
  })

  it('a body over maxSize gets fail without being read whole', async () => {
    assertSuccess(await post(`${server.base}/small`, smallBody()))
    assertFail(await post(`${server.base}/small`, utf8 + '&pad=' + 'x'.repeat(100_000)))
    assert.equal(errors.at(-1).err.code, 'INPUT_TOO_LARGE')
  })

  it('an onError hook that throws does not break the answer', async () => {
    assertFail(await post(`${server.base}/hook-throws`, 'a=b'))
    assertSuccess(await post(`${server.base}/hook-throws`, utf8))
  })

  it('returnHandler verifies the raw query of req.originalUrl', async () => {
    const query = returnQuery(alipay.privateKey, order, { appId: APP_ID })
    assert.deepEqual(await get(`${server.base}/return?${query}`), { status: 200, text: 'paid T1001' })
    assert.deepEqual(await get(`${server.base}/return?${query.replace('T1001', 'T1002')}`), {
      status: 400,
      text: 'INVALID_SIGNATURE',
    })
  })

  it('works on a plain Node http server', async () => {
    const plain = await listen(notifyHandler(verifier, () => {}, { onError: null }))
    try {
      assertSuccess(await post(plain.base, utf8))
      assertFail(await post(plain.base, 'sign=x'))
    } finally {
      await plain.close()
    }
  })

  it('refuses to be built without a verifier or a handler', () => {
    assert.throws(() => notifyHandler({}, () => {}), TypeError)
    assert.throws(() => notifyHandler(verifier), TypeError)
    assert.throws(() => returnHandler(verifier, 'page'), TypeError)
  })

  function smallBody() {
    return api.signedForm([['out_trade_no', 'T1001'], ['app_id', APP_ID]], { privateKey: alipay.privateKey })
  }
})
