#!/usr/bin/env node
// Runs the example shop: `npm start` after `npm install` (which builds alipay-notify).
//
//   ALIPAY_PUBLIC_KEY    Alipay's public key (支付宝公钥) as the console shows it, or a file
//                        holding it (PEM, base64 or alipayCertPublicKey_RSA2.crt); required
//   ALIPAY_APP_ID        your app_id: messages for other apps are refused
//   APP_PRIVATE_KEY      your app's private key (text or file): checkout then answers a signed
//                        alipay.trade.page.pay URL
//   ALIPAY_GATEWAY       default https://openapi.alipay.com/gateway.do
//   PUBLIC_URL           where Alipay reaches this app, for notify_url and return_url
//   ORDERS_DB            the SQLite file of the orders and the ledger, default orders.sqlite
//   DATABASE_URL         PostgreSQL instead (postgresql://user:password@host/db): for
//                        several servers on one database
//   HOST, PORT           default 127.0.0.1:3000
'use strict'

const fs = require('node:fs')
const { Verifier } = require('alipay-notify')
const { createApp } = require('./app.js')
const { openStore } = require('./store.js')

function textOrFile(value) {
  return value && fs.existsSync(value) ? fs.readFileSync(value, 'utf8') : value
}

async function main() {
  const alipayPublicKey = textOrFile(process.env.ALIPAY_PUBLIC_KEY)
  if (!alipayPublicKey) {
    console.error('Set ALIPAY_PUBLIC_KEY to Alipay\'s public key (支付宝公钥) or a file holding it.')
    process.exit(2)
  }
  const appId = process.env.ALIPAY_APP_ID
  const verifier = new Verifier({ alipayPublicKey, ...(appId ? { appId } : {}) })
  const store = await openStore({
    file: process.env.ORDERS_DB || 'orders.sqlite',
    databaseUrl: process.env.DATABASE_URL || undefined,
  })
  const host = process.env.HOST || '127.0.0.1'
  const port = Number(process.env.PORT || 3000)
  const publicUrl = process.env.PUBLIC_URL || `http://${host}:${port}`
  const appPrivateKey = textOrFile(process.env.APP_PRIVATE_KEY)
  const payment =
    appPrivateKey && appId
      ? {
          appId,
          appPrivateKey,
          gateway: process.env.ALIPAY_GATEWAY || 'https://openapi.alipay.com/gateway.do',
          notifyUrl: `${publicUrl}/alipay/notify`,
          returnUrl: `${publicUrl}/alipay/return`,
        }
      : undefined
  const server = createApp({ verifier, store, payment }).listen(port, host, () => {
    console.log(
      `shop on http://${host}:${server.address().port} (notify_url ${publicUrl}/alipay/notify, ${store.kind})`,
    )
  })
  const stop = () => server.close(() => store.close())
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
