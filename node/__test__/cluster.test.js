// The parallel-duplicate and crash tests of issue 13 on real processes: the Express shop in a
// Node cluster of two workers on one port (fixtures/cluster-shop.js), on the embedded SQLite
// file and on PostgreSQL. The same signed notification POSTed 40 times at once, a refund
// notification 10 times, a WAIT_BUYER_PAY: every reply `success`, the callback counted in the
// database once per transition, one ledger row per delivery, the order paid once. Then a
// worker killed inside the transaction: no answer, nothing applied, the retry applies it.
'use strict'

const { describe, it, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { EXAMPLE } = require('./helpers.js')
const { pgSchemaUrl, numbered } = require('./ledger-backends.js')

const { openStore } = require(path.join(EXAMPLE, 'store.js'))
const { keyPair, notifyBody } = require(path.join(EXAMPLE, 'simulate.js'))

const APP_ID = '2021000000000000'
const FORM = 'application/x-www-form-urlencoded'
const alipay = keyPair()

/** Starts the cluster; resolves when `workers` workers listen: { base, pids, stop }. */
async function startCluster(env, workers = 2) {
  const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'cluster-shop.js')], {
    env: { ...process.env, ...env, WORKERS: String(workers) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stderr.on('data', (chunk) => (log += chunk))
  const pids = new Set()
  let port
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cluster did not start: ${log}`)), 30_000)
    child.once('exit', (code) => reject(new Error(`the cluster exited with ${code}: ${log}`)))
    child.stdout.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) {
        const match = /^listening (\d+) (\d+)$/.exec(line)
        if (!match) continue
        port = match[1]
        pids.add(match[2])
        if (pids.size === workers) {
          clearTimeout(timer)
          resolve()
        }
      }
    })
  })
  child.removeAllListeners('exit')
  return {
    base: `http://127.0.0.1:${port}`,
    pids,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', resolve)
        child.kill('SIGTERM')
      }),
  }
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': FORM, connection: 'close' },
    body,
    signal: AbortSignal.timeout(30_000),
  })
  return { text: await response.text(), worker: response.headers.get('x-worker') }
}

const DATABASES = [
  { name: 'SQLite', env: async (dir) => ({ ORDERS_DB: path.join(dir, 'shop.sqlite'), DATABASE_URL: '' }) },
  { name: 'PostgreSQL', env: async () => ({ DATABASE_URL: await pgSchemaUrl('cluster_shop') }) },
]

for (const database of DATABASES) {
  describe(`the Express shop in a cluster of 2 workers, on ${database.name}`, { timeout: 120_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-cluster-'))
    let env
    let store

    before(async () => {
      const keyFile = path.join(dir, 'alipay_public_key.pem')
      fs.writeFileSync(keyFile, alipay.publicKey)
      env = { ...(await database.env(dir)), ALIPAY_PUBLIC_KEY: keyFile, ALIPAY_APP_ID: APP_ID }
      store = await openStore({ file: env.ORDERS_DB, databaseUrl: env.DATABASE_URL })
      await store.ledger.createTable()
      const ddl = 'CREATE TABLE callback_runs (transition VARCHAR(80) NOT NULL, pid INTEGER NOT NULL)'
      if (store.kind === 'sqlite') await store.ledger.withDb((db) => db.exec(ddl))
      else await store.ledger.pool.query(ddl)
    })

    after(async () => {
      if (store) await store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })

    // The store's own connection, for the assertions.
    const rows = (sql, params = []) =>
      store.kind === 'sqlite'
        ? store.ledger.withDb((db) => db.prepare(sql).all(...params))
        : store.ledger.pool.query(numbered(sql), params).then((r) => r.rows)

    it('40 duplicates, a refund and a WAIT_BUYER_PAY at once: each transition applied once', async () => {
      const cluster = await startCluster(env)
      try {
        const order = await store.create('Parallel', '88.00')
        const paid = notifyBody(alipay.privateKey, order, { appId: APP_ID })
        const refund = notifyBody(alipay.privateKey, order, {
          appId: APP_ID,
          refund_fee: '8.00',
          out_biz_no: 'R1',
          gmt_refund: '2024-01-02 10:00:00',
        })
        const waiting = notifyBody(alipay.privateKey, order, { appId: APP_ID, trade_status: 'WAIT_BUYER_PAY' })
        const bodies = [...Array(40).fill(paid), ...Array(10).fill(refund), waiting]
        const replies = await Promise.all(bodies.map((body) => post(`${cluster.base}/alipay/notify`, body)))

        assert.deepEqual(new Set(replies.map((r) => r.text)), new Set(['success']), cluster.log())
        const workers = new Set(replies.map((r) => r.worker))
        assert.ok(workers.size >= 2, `both workers answered: ${[...workers]}`)

        const runs = await rows('SELECT transition, pid FROM callback_runs ORDER BY transition')
        assert.deepEqual(
          runs.map((r) => r.transition),
          ['PAID', 'REFUND:R1'],
          'the callback ran once per transition',
        )
        const ledger = await rows('SELECT * FROM alipay_notify_ledger WHERE out_trade_no = ? ORDER BY id', [order.out_trade_no])
        assert.equal(ledger.length, bodies.length, 'one ledger row per delivery')
        const changed = ledger.filter((r) => Boolean(r.changed_order))
        assert.deepEqual(changed.map((r) => r.transition).sort(), ['PAID', 'REFUND:R1'])
        assert.equal(ledger.filter((r) => r.transition !== null).length, 2)
        assert.ok(ledger.every((r) => r.reply === 'success' && r.verdict === 'verified'))
        assert.equal(ledger.filter((r) => r.trade_status === 'WAIT_BUYER_PAY').length, 1)
        assert.equal((await store.find(order.out_trade_no)).status, 'PAID')
      } finally {
        await cluster.stop()
      }
    })

    it('a worker killed inside the transaction: no answer, nothing applied; the retry applies it once', async () => {
      const marker = path.join(dir, `crashed-${Date.now()}`)
      const cluster = await startCluster({ ...env, CRASH_ONCE: marker })
      try {
        const order = await store.create('Crash', '5.00')
        const body = notifyBody(alipay.privateKey, order, { appId: APP_ID })
        await assert.rejects(post(`${cluster.base}/alipay/notify`, body), 'the killed worker sent no answer')
        assert.ok(fs.existsSync(marker), 'the worker died inside the callback')
        assert.equal((await store.find(order.out_trade_no)).status, 'WAIT_BUYER_PAY', 'rolled back')
        assert.deepEqual(await rows('SELECT * FROM alipay_notify_ledger WHERE out_trade_no = ?', [order.out_trade_no]), [])

        // Alipay retries (the surviving worker, or the one the primary forked in its place).
        const retry = await post(`${cluster.base}/alipay/notify`, body)
        assert.equal(retry.text, 'success')
        assert.equal((await store.find(order.out_trade_no)).status, 'PAID')
        const ledger = await rows('SELECT * FROM alipay_notify_ledger WHERE out_trade_no = ?', [order.out_trade_no])
        assert.deepEqual(
          ledger.map((r) => [r.transition, Boolean(r.changed_order), r.reply]),
          [['PAID', true, 'success']],
        )
        const again = await post(`${cluster.base}/alipay/notify`, body)
        assert.equal(again.text, 'success')
        const runs = await rows("SELECT pid FROM callback_runs WHERE transition = 'PAID'")
        // The parallel test's PAID, and this order's: the killed run left no trace.
        assert.equal(runs.length, 2)
      } finally {
        await cluster.stop()
      }
    })
  })
}
