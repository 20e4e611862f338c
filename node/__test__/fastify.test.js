// alipay-notify/fastify on a real Fastify server (127.0.0.1, a free port), next to routes that
// parse forms with @fastify/formbody: the plugin's buffer parser stays in its own context.
'use strict'

const { describe, it, before, after } = require('node:test')
const assert = require('node:assert/strict')
const Fastify = require('fastify')
const formbody = require('@fastify/formbody')
const { notifyPlugin, returnHandler } = require('alipay-notify/fastify')
const f = require('./frameworks.js')

describe('alipay-notify/fastify', { timeout: 60_000 }, () => {
  const errors = []
  const seen = []
  let app
  let base

  before(async () => {
    const onError = (err, request, notification) => errors.push({ err, url: request.url, notification })
    const handler = async (notification, request) => {
      seen.push({ notification, url: request.url })
      if (request.url.endsWith('/throws')) throw new Error('database down: secret detail')
    }
    app = Fastify()
    // The app parses forms everywhere, before the plugin is registered.
    await app.register(formbody)
    app.post('/form', async (request) => request.body)
    app.register(notifyPlugin, { url: '/alipay/notify', verifier: f.verifier, handler, onError })
    app.register(notifyPlugin, { url: '/alipay/notify/throws', verifier: f.verifier, handler, onError })
    app.register(notifyPlugin, { url: '/small', verifier: f.small, handler, onError })
    app.register(notifyPlugin, { url: '/quiet', verifier: f.verifier, handler, onError: null })
    app.get('/alipay/return', returnHandler(f.verifier, (n) => `paid ${n.outTradeNo}`))
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${app.server.address().port}`
  })

  after(() => app.close())

  it('a UTF-8 and a GBK notification (charset=GBK) verify over their raw bytes', async () => {
    f.assertSuccess(await f.post(`${base}/alipay/notify`, f.bodies.utf8))
    f.assertOrder(seen.at(-1).notification)
    f.assertSuccess(await f.post(`${base}/alipay/notify`, f.bodies.gbk, `${f.FORM}; charset=GBK`))
    f.assertOrder(seen.at(-1).notification, 'GBK')
    // Whatever the content type says, the route gets the bytes.
    f.assertSuccess(await f.post(`${base}/alipay/notify`, f.bodies.gbk, 'text/plain'))
    assert.equal(errors.length, 0)
  })

  it("the app's other routes keep their form parser", async () => {
    const form = await f.post(`${base}/form`, 'a=1&b=x+y')
    assert.equal(form.status, 200)
    assert.deepEqual(JSON.parse(form.text), { a: '1', b: 'x y' })
  })

  it('a forged notification gets fail, reported to onError', async () => {
    const count = seen.length
    f.assertFail(await f.post(`${base}/alipay/notify`, f.bodies.forged))
    assert.equal(seen.length, count, 'the handler did not run')
    assert.equal(errors.at(-1).err.code, 'INVALID_SIGNATURE')
  })

  it('a handler that throws gets fail, and the error stays in the server', async () => {
    f.assertFail(await f.post(`${base}/alipay/notify/throws`, f.bodies.utf8))
    assert.match(errors.at(-1).err.message, /database down/)
    assert.equal(errors.at(-1).notification.outTradeNo, 'T1001')
  })

  it('a body over maxSize gets fail (not a 413), with the connection closed', async () => {
    f.assertSuccess(await f.post(`${base}/small`, f.smallBody))
    const reply = await f.post(`${base}/small`, f.oversized)
    f.assertFail(reply)
    assert.equal(reply.connection, 'close')
    assert.equal(errors.at(-1).err.code, 'INPUT_TOO_LARGE')
  })

  it('an empty body gets fail; onError null reports nothing', async () => {
    const count = errors.length
    f.assertFail(await f.post(`${base}/quiet`, ''))
    f.assertSuccess(await f.post(`${base}/quiet`, f.bodies.utf8))
    assert.equal(errors.length, count)
  })

  it('returnHandler verifies the raw query; a tampered one is a 400', async () => {
    const query = f.returnQuery()
    assert.deepEqual(await f.get(`${base}/alipay/return?${query}`), { status: 200, text: 'paid T1001' })
    const tampered = await f.get(`${base}/alipay/return?${query.replace('T1001', 'T1002')}`)
    assert.equal(tampered.status, 400)
    assert.equal(JSON.parse(tampered.text).message, 'the return_url message does not verify')
  })

  it('refuses options without a verifier, a handler or a url', async () => {
    for (const options of [
      { url: '/n', verifier: {}, handler: () => {} },
      { url: '/n', verifier: f.verifier },
      { verifier: f.verifier, handler: () => {} },
    ]) {
      const bad = Fastify()
      bad.register(notifyPlugin, options)
      await assert.rejects(bad.ready(), TypeError)
      await bad.close()
    }
  })
})
