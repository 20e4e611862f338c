// The Koa middleware and the Fastify plugin with a ledger (docs/ledger.md), on the embedded
// SQLite file and on PostgreSQL: many copies of one notification at once all answered
// `success` and applied once, every delivery recorded; a handler that throws answered `fail`
// with nothing applied, and the retry applies it once.
'use strict'

const { describe, it, before, after, beforeEach } = require('node:test')
const assert = require('node:assert/strict')
const Koa = require('koa')
const Router = require('@koa/router')
const Fastify = require('fastify')
const koa = require('alipay-notify/koa')
const { notifyPlugin } = require('alipay-notify/fastify')
const { sqliteBackend, pgBackend } = require('./ledger-backends.js')
const f = require('./frameworks.js')

const COPIES = 20

/** Starts `framework`'s app with `options` for the notify route; resolves to { url, close }. */
const SERVERS = {
  async koa(handler, options) {
    const app = new Koa()
    const router = new Router()
    router.post('/alipay/notify', koa.notifyHandler(f.verifier, handler, options))
    app.use(router.routes())
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    return {
      url: `http://127.0.0.1:${server.address().port}/alipay/notify`,
      close: () => {
        server.closeAllConnections()
        return new Promise((resolve) => server.close(resolve))
      },
    }
  },
  async fastify(handler, options) {
    const app = Fastify()
    app.register(notifyPlugin, { url: '/alipay/notify', verifier: f.verifier, handler, ...options })
    await app.listen({ port: 0, host: '127.0.0.1' })
    return { url: `http://127.0.0.1:${app.server.address().port}/alipay/notify`, close: () => app.close() }
  },
}

for (const make of [sqliteBackend, pgBackend]) {
  for (const framework of Object.keys(SERVERS)) {
    const name = `${framework} with the ledger on ${make === sqliteBackend ? 'SQLite' : 'PostgreSQL'}`
    describe(name, { timeout: 60_000 }, () => {
      const errors = []
      let backend
      let ledger
      let server
      let crash = false

      // The shop's "mark paid", on the transaction's connection; it counts its runs there.
      const handler = async (notification, context, apply) => {
        assert.ok(context, 'the framework context comes second')
        notification.checkOrder('T1001', '88.00')
        await backend.run(apply.client, "UPDATE orders SET status = 'paid' WHERE out_trade_no = ? AND status = 'unpaid'", [
          notification.outTradeNo,
        ])
        await backend.run(apply.client, 'INSERT INTO callbacks (id, out_trade_no, transition) VALUES (?, ?, ?)', [
          apply.id,
          notification.outTradeNo,
          apply.transition,
        ])
        if (crash) throw new Error('the process died here')
      }
      const all = (sql) => backend.all(ledger, sql)

      before(async () => {
        backend = make(`frameworks_${framework}`)
        await backend.setup()
      })
      beforeEach(async () => {
        if (server) await server.close()
        if (ledger) await ledger.close()
        ledger = backend.open()
        await backend.reset(ledger)
        await backend.exec(ledger, "INSERT INTO orders VALUES ('T1001', 8800, 'unpaid')")
        server = await SERVERS[framework](handler, { ledger, onError: (err) => errors.push(err) })
        crash = false
      })
      after(async () => {
        if (server) await server.close()
        if (ledger) await ledger.close()
        backend.cleanup()
      })

      it(`${COPIES} copies of a GBK notification at once: all success, applied once, all recorded`, async () => {
        const copies = Array.from({ length: COPIES }, () => f.post(server.url, f.bodies.gbk, `${f.FORM}; charset=GBK`))
        for (const reply of await Promise.all(copies)) f.assertSuccess(reply)
        f.assertSuccess(await f.post(server.url, f.bodies.gbk, `${f.FORM}; charset=GBK`))
        assert.deepEqual(errors, [])
        assert.equal((await all('SELECT * FROM callbacks')).length, 1)
        const rows = await all('SELECT * FROM alipay_notify_ledger ORDER BY id')
        assert.equal(rows.length, COPIES + 1)
        assert.deepEqual(
          rows.filter((row) => Boolean(row.changed_order)).map((row) => [row.transition, row.out_trade_no]),
          [['PAID', 'T1001']],
        )
        assert.ok(rows.every((row) => row.reply === 'success' && row.verdict === 'verified'))
        assert.equal((await all("SELECT status FROM orders WHERE out_trade_no = 'T1001'"))[0].status, 'paid')
      })

      it('a handler that throws: fail, nothing applied; the retry applies it once', async () => {
        crash = true
        f.assertFail(await f.post(server.url, f.bodies.utf8))
        assert.match(String(errors.at(-1) && errors.at(-1).message), /the process died here/)
        assert.equal((await all('SELECT * FROM callbacks')).length, 0)
        assert.equal((await all("SELECT status FROM orders WHERE out_trade_no = 'T1001'"))[0].status, 'unpaid')
        crash = false
        f.assertSuccess(await f.post(server.url, f.bodies.utf8))
        f.assertSuccess(await f.post(server.url, f.bodies.utf8))
        assert.equal((await all('SELECT * FROM callbacks')).length, 1)
        const rows = await all('SELECT reply, changed_order FROM alipay_notify_ledger ORDER BY id')
        assert.deepEqual(
          rows.map((row) => [row.reply, Boolean(row.changed_order)]),
          [['fail', false], ['success', true], ['success', false]],
        )
      })

      it('a forged copy is recorded as rejected and answered fail', async () => {
        f.assertFail(await f.post(server.url, f.bodies.forged))
        const rows = await all('SELECT verdict, error_name, reply FROM alipay_notify_ledger')
        assert.deepEqual(rows.map((row) => [row.verdict, row.error_name, row.reply]), [['rejected', 'INVALID_SIGNATURE', 'fail']])
      })
    })
  }
}
