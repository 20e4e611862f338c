'use strict'
// The Express server of scripts/bench-e2e.sh: a cluster of E2E_WORKERS (2) workers on
// 127.0.0.1:E2E_PORT, two notify_url routes doing the same job. No database: each verifies the
// POSTed form, checks app_id, seller_id, out_trade_no and total_amount against one fixed order
// and answers `success` or `fail`.
// - POST /library: this library's middleware (notifyHandler); app_id and seller_id are
//   verifier options, the order is checked with checkOrder().
// - POST /sdk: npm alipay-sdk as its README shows it: express.urlencoded(), then
//   checkNotifySignV2(req.body), then the same checks by hand. V2, not checkNotifySign: that one
//   decodes values a second time and refuses this notification (its URL-encoded
//   passback_params), the SDK's issue #45 that V2 answers (docs/compatibility.md,
//   `double_decoding`).
//
// `node server.js cost BODY_FILE` prints the CPU time per call of the two verifications alone
// (process.cpuUsage), with the objects the routes use: the library's share of a request.
// Environment: E2E_PUBLIC_KEY (Alipay's public key, PEM file), E2E_APP_KEY (the app's private
// key, PEM: alipay-sdk's constructor requires one).
const cluster = require('node:cluster')
const fs = require('node:fs')
const querystring = require('node:querystring')

// The order the notification is for: the defaults of `alipay-notify simulate`.
const APP_ID = '2021000000000000'
const SELLER_ID = '2088000000000000'
const OUT_TRADE_NO = 'T20240102000001'
const TOTAL_AMOUNT = '88.00'

function build() {
  const { Verifier } = require('alipay-notify')
  const { AlipaySdk } = require('alipay-sdk')
  const publicKey = fs.readFileSync(process.env.E2E_PUBLIC_KEY, 'utf8')
  const verifier = new Verifier({ alipayPublicKey: publicKey, appId: APP_ID, sellerId: SELLER_ID })
  const sdk = new AlipaySdk({
    appId: APP_ID,
    privateKey: fs.readFileSync(process.env.E2E_APP_KEY, 'utf8'),
    alipayPublicKey: publicKey.replace(/-----[A-Z ]+-----|\s/g, ''),
    signType: 'RSA2',
  })
  const sdkAccepts = (form) =>
    sdk.checkNotifySignV2(form) === true &&
    form.app_id === APP_ID &&
    form.seller_id === SELLER_ID &&
    form.out_trade_no === OUT_TRADE_NO &&
    form.total_amount === TOTAL_AMOUNT
  return { verifier, sdkAccepts }
}

function serve() {
  const express = require('express')
  const { notifyHandler } = require('alipay-notify/express')
  const { verifier, sdkAccepts } = build()
  const app = express()
  app.post(
    '/library',
    notifyHandler(verifier, (notification) => {
      notification.checkOrder(OUT_TRADE_NO, TOTAL_AMOUNT)
    }),
  )
  app.post('/sdk', express.urlencoded({ extended: false }), (req, res) => {
    let ok = false
    try {
      ok = sdkAccepts(req.body)
    } catch (err) {
      console.error('alipay-sdk:', err.message)
    }
    res.type('text/plain').send(ok ? 'success' : 'fail')
  })
  app.listen(Number(process.env.E2E_PORT), '127.0.0.1')
}

function cost(bodyFile, rounds = 5, calls = Number(process.env.E2E_COST_CALLS || 400)) {
  const { verifier, sdkAccepts } = build()
  const body = fs.readFileSync(bodyFile)
  const form = querystring.parse(body.toString())
  const runs = {
    library: () => verifier.verifyNotify(body).checkOrder(OUT_TRADE_NO, TOTAL_AMOUNT),
    sdk: () => {
      if (!sdkAccepts({ ...form })) throw new Error('alipay-sdk rejected the notification')
    },
  }
  const figures = { library: [], sdk: [] }
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(runs)) {
      const started = process.cpuUsage()
      for (let i = 0; i < calls; i++) run()
      const used = process.cpuUsage(started)
      figures[name].push((used.user + used.system) / calls)
    }
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
  console.log(`cost library_us=${median(figures.library).toFixed(1)} sdk_us=${median(figures.sdk).toFixed(1)}`)
}

if (process.argv[2] === 'cost') {
  cost(process.argv[3])
} else if (cluster.isPrimary) {
  const workers = Number(process.env.E2E_WORKERS || 2)
  for (let i = 0; i < workers; i++) cluster.fork()
  cluster.on('exit', (worker, code, signal) => {
    if (signal !== 'SIGTERM') console.error(`worker ${worker.process.pid} exited (${signal || code})`)
  })
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM')
    process.exit(0)
  })
} else {
  serve()
}
