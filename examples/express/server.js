#!/usr/bin/env node
// Runs the example shop: `npm start` after `npm install` (which builds alipay-notify).
// Settings: see config.js (ALIPAY_PUBLIC_KEY, ALIPAY_APP_ID, APP_PRIVATE_KEY, ALIPAY_GATEWAY,
// ORDERS_DB or DATABASE_URL), and
//
//   PUBLIC_URL           where Alipay reaches this app, for notify_url and return_url
//   HOST, PORT           default 127.0.0.1:3000
'use strict'

const { createApp } = require('./app.js')
const { fromEnvironment } = require('./config.js')

async function main() {
  const { appId, verifier, appPrivateKey, gateway, store } = await fromEnvironment()
  const host = process.env.HOST || '127.0.0.1'
  const port = Number(process.env.PORT || 3000)
  const publicUrl = process.env.PUBLIC_URL || `http://${host}:${port}`
  const payment =
    appPrivateKey && appId
      ? {
          appId,
          appPrivateKey,
          gateway,
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
