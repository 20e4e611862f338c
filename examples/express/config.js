// The shop's settings from the environment, shared by server.js and reconcile.js.
//
//   ALIPAY_PUBLIC_KEY    Alipay's public key (支付宝公钥) as the console shows it, or a file
//                        holding it (PEM, base64 or alipayCertPublicKey_RSA2.crt); required
//   ALIPAY_APP_ID        your app_id: messages for other apps are refused
//   APP_PRIVATE_KEY      your app's private key (text or file): checkout then answers a signed
//                        alipay.trade.page.pay URL, and reconcile.js can query Alipay
//   ALIPAY_GATEWAY       default https://openapi.alipay.com/gateway.do
//   ORDERS_DB            the SQLite file of the orders and the ledger, default orders.sqlite
//   DATABASE_URL         PostgreSQL instead (postgresql://user:password@host/db): for
//                        several servers on one database
'use strict'

const fs = require('node:fs')
const { Verifier } = require('alipay-notify')
const { openStore } = require('./store.js')

function textOrFile(value) {
  return value && fs.existsSync(value) ? fs.readFileSync(value, 'utf8') : value
}

/** Verifier, keys and store from the environment; exits with a message when a key is missing. */
async function fromEnvironment(env = process.env) {
  const alipayPublicKey = textOrFile(env.ALIPAY_PUBLIC_KEY)
  if (!alipayPublicKey) {
    console.error("Set ALIPAY_PUBLIC_KEY to Alipay's public key (支付宝公钥) or a file holding it.")
    process.exit(2)
  }
  const appId = env.ALIPAY_APP_ID || undefined
  return {
    appId,
    verifier: new Verifier({ alipayPublicKey, ...(appId ? { appId } : {}) }),
    appPrivateKey: textOrFile(env.APP_PRIVATE_KEY),
    gateway: env.ALIPAY_GATEWAY || 'https://openapi.alipay.com/gateway.do',
    store: await openStore({ file: env.ORDERS_DB || 'orders.sqlite', databaseUrl: env.DATABASE_URL || undefined }),
  }
}

module.exports = { fromEnvironment }
