// Reconciliation (主动查询) against the real sandbox (`alipay-notify sandbox`, built by
// scripts/test-node.sh): an order paid with the dropped-notify fault ends paid exactly once, by
// examples/express/reconcile.js, with a `query` row in the ledger; a later notification is a
// recorded duplicate. On SQLite and on PostgreSQL. Then queryTrade's typed transport errors.
'use strict'

const { describe, it, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { spawn, execFile } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const os = require('node:os')
const path = require('node:path')
const { api, ROOT, EXAMPLE } = require('./helpers.js')
const { pgSchemaUrl } = require('./ledger-backends.js')
const { queryTrade, reconcile, ReconcileError } = require('../reconcile.js')

const { createApp, orderUpdater } = require(path.join(EXAMPLE, 'app.js'))
const { openStore } = require(path.join(EXAMPLE, 'store.js'))
const { keyPair, notifyBody } = require(path.join(EXAMPLE, 'simulate.js'))

const APP_ID = '2021000000000000'
const CLI = process.env.ALIPAY_NOTIFY_BIN || path.join(ROOT, 'target', 'release', 'alipay-notify')
const appKeys = keyPair()

/** Starts the sandbox on a free port: { gateway, url, dir, stop }. */
async function startSandbox(dir) {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: cargo build --release -p alipay-notify-cli (scripts/test-node.sh does)`)
  const appPublicKey = path.join(dir, 'app_public_key.pem')
  fs.writeFileSync(appPublicKey, appKeys.publicKey)
  const child = spawn(
    CLI,
    ['sandbox', '--port', '0', '--data-dir', path.join(dir, 'sandbox'), '--time-scale', '600', '--app-public-key', appPublicKey],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let log = ''
  child.stderr.on('data', (chunk) => (log += chunk))
  const gateway = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start: ${log}`)), 30_000)
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}: ${log}`)))
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const line = out.split('\n')[0]
      if (out.includes('\n')) {
        clearTimeout(timer)
        resolve(line.trim())
      }
    })
  })
  child.removeAllListeners('exit')
  return {
    gateway,
    url: gateway.replace(/\/gateway\.do$/, ''),
    privateKey: fs.readFileSync(path.join(dir, 'sandbox', 'alipay_private_key.pem'), 'utf8'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', resolve)
        child.kill('SIGTERM')
      }),
  }
}

function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }),
    )
  })
}

function run(script, args, env) {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: EXAMPLE, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? err.code : 0, stdout, stderr }),
    )
  })
}

const DATABASES = [
  { name: 'SQLite', env: async (dir) => ({ ORDERS_DB: path.join(dir, 'shop.sqlite'), DATABASE_URL: '' }) },
  { name: 'PostgreSQL', env: async () => ({ DATABASE_URL: await pgSchemaUrl('reconcile_shop') }) },
]

for (const database of DATABASES) {
  describe(`reconciliation against the sandbox, on ${database.name}`, { timeout: 120_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-reconcile-'))
    let sandbox
    let store
    let shop
    let env
    let verifier

    before(async () => {
      sandbox = await startSandbox(dir)
      const alipayPublicKey = await (await fetch(`${sandbox.url}/api/alipay-public-key`)).text()
      verifier = new api.Verifier({ alipayPublicKey, appId: APP_ID })
      const keyFile = path.join(dir, 'alipay_public_key.txt')
      const appKeyFile = path.join(dir, 'app_private_key.pem')
      fs.writeFileSync(keyFile, alipayPublicKey)
      fs.writeFileSync(appKeyFile, appKeys.privateKey)
      env = {
        ...(await database.env(dir)),
        ALIPAY_PUBLIC_KEY: keyFile,
        ALIPAY_APP_ID: APP_ID,
        APP_PRIVATE_KEY: appKeyFile,
        ALIPAY_GATEWAY: sandbox.gateway,
      }
      store = await openStore({ file: env.ORDERS_DB, databaseUrl: env.DATABASE_URL || undefined })
      // The app reads notify_url and return_url at checkout: set once the port is known.
      const payment = { appId: APP_ID, appPrivateKey: appKeys.privateKey, gateway: sandbox.gateway }
      shop = await listen(createApp({ verifier, store, payment, onNotifyError: () => {} }))
      payment.notifyUrl = `${shop.base}/alipay/notify`
      payment.returnUrl = `${shop.base}/alipay/return`
    })

    after(async () => {
      if (shop) await shop.close()
      if (store) await store.close()
      if (sandbox) await sandbox.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    })

    it('a dropped notification: reconcile.js marks the order paid once, and says so in the ledger', async () => {
      const checkout = await (
        await fetch(`${shop.base}/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'subject=Reconcile&total_amount=88.00',
        })
      ).json()
      const no = checkout.outTradeNo
      const page = await fetch(checkout.payUrl)
      assert.equal(page.status, 200, await page.text())
      const paid = await fetch(`${sandbox.url}/api/orders/${no}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ drop_notify: true }),
      })
      assert.equal(paid.status, 200)
      const seen = await (await fetch(`${sandbox.url}/api/orders/${no}`)).json()
      assert.equal(seen.notify_dropped, true)
      assert.equal((await store.find(no)).status, 'WAIT_BUYER_PAY', 'no notification came')

      // Not old enough yet: left alone.
      let result = await run('reconcile.js', ['--older-than', '1h'], env)
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /reconciled 0 unpaid order/)

      result = await run('reconcile.js', ['--older-than', '0s'], env)
      assert.equal(result.code, 0, result.stderr + result.stdout)
      assert.match(result.stdout, new RegExp(`${no}: TRADE_SUCCESS: PAID applied by this run`))
      const order = await store.find(no)
      assert.equal(order.status, 'PAID')
      assert.equal(order.notify_id, null, 'paid by a query, not a notification')

      // Run again: the order is paid, nothing pending.
      result = await run('reconcile.js', ['--older-than', '0s'], env)
      assert.match(result.stdout, /reconciled 0 unpaid order/)

      // The API directly, for the same order: the transition is already in the ledger.
      const [report] = await reconcile({
        ledger: store.ledger,
        orders: [no],
        handler: orderUpdater(store),
        appId: APP_ID,
        appPrivateKey: appKeys.privateKey,
        verifier,
        gateway: sandbox.gateway,
        timeout: 10,
      })
      assert.equal(report.error, undefined)
      assert.equal(report.result.isPaid, true)
      assert.equal(report.result.totalAmountFen, 8800)
      assert.deepEqual([report.outcome.duplicate, report.outcome.changedOrder], [true, false])

      // The notification arrives after all: a recorded duplicate.
      const late = notifyBody(sandbox.privateKey, order, { appId: APP_ID, trade_no: order.trade_no })
      const reply = await fetch(`${shop.base}/alipay/notify`, { method: 'POST', body: late, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(await reply.text(), 'success')
      assert.equal((await store.find(no)).status, 'PAID')

      const rows = await store.ledgerRows(no)
      assert.deepEqual(
        rows.map((r) => [r.source, r.transition, Boolean(r.changed_order), r.reply, r.notify_type]),
        [
          ['query', 'PAID', true, null, 'alipay.trade.query'],
          ['query', null, false, null, 'alipay.trade.query'],
          ['notify', null, false, 'success', 'trade_status_sync'],
        ],
      )
      assert.equal(rows[0].notify_id, null)
      assert.equal(Number(rows[0].total_amount_fen), 8800)
    })

    it('queryTrade: a trade Alipay does not know is a result, not an error', async () => {
      const result = await queryTrade({
        gateway: sandbox.gateway,
        appId: APP_ID,
        appPrivateKey: appKeys.privateKey,
        verifier,
        outTradeNo: 'NEVER-CHECKED-OUT',
      })
      assert.equal(result.isNotFound, true)
      assert.equal(result.isPaid, false)
      assert.equal(result.transition, null)
    })
  })
}

describe('queryTrade transport errors', () => {
  const verifier = new api.Verifier({ alipayPublicKey: keyPair().publicKey })
  const base = { appId: APP_ID, appPrivateKey: appKeys.privateKey, verifier, outTradeNo: 'T1' }

  async function server(handler) {
    const srv = http.createServer(handler)
    await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve))
    return {
      gateway: `http://127.0.0.1:${srv.address().port}/gateway.do`,
      close: () => new Promise((resolve) => (srv.closeAllConnections(), srv.close(resolve))),
    }
  }

  it('no answer within the timeout: TIMEOUT', async () => {
    const slow = await server(() => {})
    try {
      await assert.rejects(queryTrade({ ...base, gateway: slow.gateway, timeout: 0.3 }), (err) => {
        return err instanceof ReconcileError && err.code === 'TIMEOUT' && /within 0.3 s/.test(err.message)
      })
    } finally {
      await slow.close()
    }
  })

  it('an HTTP error: HTTP_STATUS; nothing listening: NETWORK', async () => {
    const broken = await server((req, res) => res.writeHead(502).end('bad gateway'))
    try {
      await assert.rejects(queryTrade({ ...base, gateway: broken.gateway }), { code: 'HTTP_STATUS', httpStatus: 502 })
    } finally {
      await broken.close()
    }
    await assert.rejects(queryTrade({ ...base, gateway: broken.gateway }), { code: 'NETWORK' })
  })

  it('an answer that does not verify is an AlipayNotifyError', async () => {
    const forged = await server((req, res) =>
      res.end('{"alipay_trade_query_response":{"code":"10000","msg":"Success","out_trade_no":"T1","trade_status":"TRADE_SUCCESS"},"sign":"AAAA"}'),
    )
    try {
      await assert.rejects(queryTrade({ ...base, gateway: forged.gateway }), (err) => err instanceof api.AlipayNotifyError)
    } finally {
      await forged.close()
    }
  })

  it('bad options are TypeErrors', async () => {
    await assert.rejects(queryTrade({ ...base, gateway: 'ftp://x' }), TypeError)
    await assert.rejects(queryTrade({ ...base, timeout: -1 }), TypeError)
    await assert.rejects(queryTrade({ ...base, appPrivateKey: undefined }), TypeError)
  })
})
