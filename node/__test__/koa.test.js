// alipay-notify/koa on a real Koa server (127.0.0.1, a free port), routed by @koa/router, with
// koa-bodyparser mounted the wrong way and the right way.
'use strict'

const { describe, it, before, after } = require('node:test')
const assert = require('node:assert/strict')
const Koa = require('koa')
const Router = require('@koa/router')
const bodyParser = require('koa-bodyparser')
const { notifyHandler, returnHandler } = require('alipay-notify/koa')
const f = require('./frameworks.js')

describe('alipay-notify/koa', { timeout: 60_000 }, () => {
  const errors = []
  const seen = []
  let server
  let base

  before(async () => {
    const onError = (err, ctx, notification) => errors.push({ err, path: ctx.path, notification })
    const handler = async (notification, ctx) => {
      seen.push({ notification, path: ctx.path })
      if (ctx.path.endsWith('/throws')) throw new Error('database down: secret detail')
    }
    const app = new Koa()
    // The documented order: the notify routes first, then the body parser for the shop's forms.
    const alipay = new Router()
    alipay.post('/alipay/notify', notifyHandler(f.verifier, handler, { onError }))
    alipay.post('/alipay/notify/throws', notifyHandler(f.verifier, handler, { onError }))
    alipay.post('/small', notifyHandler(f.small, handler, { onError }))
    alipay.post('/hook-throws', notifyHandler(f.verifier, handler, { onError: () => { throw new Error('hook') } }))
    // A middleware that kept the raw bytes as a Buffer in ctx.request.rawBody.
    alipay.post(
      '/buffer-kept',
      async (ctx, next) => {
        const chunks = []
        for await (const chunk of ctx.req) chunks.push(chunk)
        ctx.request.rawBody = Buffer.concat(chunks)
        await next()
      },
      notifyHandler(f.verifier, handler, { onError }),
    )
    alipay.get('/alipay/return', returnHandler(f.verifier, (n, ctx) => { ctx.body = `paid ${n.outTradeNo}` }))
    // A page that checks the amount (AMOUNT_MISMATCH is number 203) or fails on its own.
    alipay.get('/alipay/return/checked', returnHandler(f.verifier, (n) => n.checkOrder('T1001', '8.80')))
    alipay.get('/alipay/return/down', returnHandler(f.verifier, () => { throw new Error('the page store is down') }))
    app.use(alipay.routes())
    app.use(bodyParser())
    // The wrong order: koa-bodyparser read the body first and kept a UTF-8 string.
    const late = new Router()
    late.post('/late/notify', notifyHandler(f.verifier, handler, { onError }))
    late.post('/form', (ctx) => { ctx.body = ctx.request.body })
    app.use(late.routes())
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${server.address().port}`
  })

  after(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('a UTF-8 and a GBK notification verify over their raw bytes (+ and %2B intact)', async () => {
    f.assertSuccess(await f.post(`${base}/alipay/notify`, f.bodies.utf8))
    f.assertOrder(seen.at(-1).notification)
    f.assertSuccess(await f.post(`${base}/alipay/notify`, f.bodies.gbk, `${f.FORM}; charset=GBK`))
    f.assertOrder(seen.at(-1).notification, 'GBK')
    assert.equal(errors.length, 0)
  })

  it('a forged notification gets fail, reported to onError', async () => {
    const count = seen.length
    f.assertFail(await f.post(`${base}/alipay/notify`, f.bodies.forged))
    assert.equal(seen.length, count, 'the handler did not run')
    assert.equal(errors.at(-1).err.code, 'INVALID_SIGNATURE')
    assert.equal(errors.at(-1).notification, undefined)
  })

  it('a handler that throws gets fail, and the error stays in the server', async () => {
    const reply = await f.post(`${base}/alipay/notify/throws`, f.bodies.utf8)
    f.assertFail(reply)
    assert.match(errors.at(-1).err.message, /database down/)
    assert.equal(errors.at(-1).notification.outTradeNo, 'T1001')
  })

  it('a body over maxSize gets fail, with the connection closed', async () => {
    f.assertSuccess(await f.post(`${base}/small`, f.smallBody))
    const reply = await f.post(`${base}/small`, f.oversized)
    f.assertFail(reply)
    assert.equal(reply.connection, 'close')
    assert.equal(errors.at(-1).err.code, 'INPUT_TOO_LARGE')
  })

  it('after koa-bodyparser (a UTF-8 string rawBody): fail, and an INVALID_CONFIG that says why', async () => {
    f.assertFail(await f.post(`${base}/late/notify`, f.bodies.utf8))
    const { err } = errors.at(-1)
    assert.equal(err.code, 'INVALID_CONFIG')
    assert.match(err.message, /UTF-8 string \(a GBK body is lost\): mount notifyHandler before koa-bodyparser/)
    // The shop's own forms still go through the parser.
    const form = await f.post(`${base}/form`, 'a=1&b=x+y')
    assert.deepEqual(JSON.parse(form.text), { a: '1', b: 'x y' })
  })

  it('takes a Buffer kept in ctx.request.rawBody', async () => {
    f.assertSuccess(await f.post(`${base}/buffer-kept`, f.bodies.gbk))
    f.assertOrder(seen.at(-1).notification, 'GBK')
  })

  it('an onError hook that throws does not break the answer', async () => {
    f.assertFail(await f.post(`${base}/hook-throws`, 'a=b'))
    f.assertSuccess(await f.post(`${base}/hook-throws`, f.bodies.utf8))
  })

  it('returnHandler verifies ctx.querystring; a tampered one is a 400', async () => {
    const query = f.returnQuery()
    assert.deepEqual(await f.get(`${base}/alipay/return?${query}`), { status: 200, text: 'paid T1001' })
    assert.deepEqual(await f.get(`${base}/alipay/return?${query.replace('T1001', 'T1002')}`), {
      status: 400,
      text: 'the return_url message does not verify',
    })
    // APP_ID_MISMATCH's number is 200: taken for an HTTP status, the page would say "OK".
    const otherApp = await f.get(`${base}/alipay/return?${f.returnQuery('2021999999999999')}`)
    assert.equal(otherApp.status, 400)
    // An AlipayNotifyError from the page's own check: 400 too (not 203); its other errors: 500.
    assert.equal((await f.get(`${base}/alipay/return/checked?${query}`)).status, 400)
    assert.equal((await f.get(`${base}/alipay/return/down?${query}`)).status, 500)
  })

  it('refuses to be built without a verifier or a handler', () => {
    assert.throws(() => notifyHandler({}, () => {}), TypeError)
    assert.throws(() => notifyHandler(f.verifier), TypeError)
    assert.throws(() => returnHandler(f.verifier, 'page'), TypeError)
  })
})
