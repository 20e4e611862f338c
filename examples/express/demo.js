#!/usr/bin/env node
// The shop end to end, with a throwaway key standing in for Alipay's: `npm run demo`.
// Starts the app on 127.0.0.1 (a free port), checks out an order, lets "Alipay" post signed
// notifications (one tampered, one in GBK) and redirect the buyer back, then stops.
'use strict'

const { Verifier } = require('alipay-notify')
const { createApp } = require('./app.js')
const { openStore } = require('./store.js')
const { keyPair, notifyBody, returnQuery } = require('./simulate.js')

const APP_ID = '2021000000000000'

async function main() {
  const alipay = keyPair()
  const app = keyPair()
  const verifier = new Verifier({ alipayPublicKey: alipay.publicKey, appId: APP_ID })
  const store = await openStore() // SQLite in memory
  const rejections = []
  const server = createApp({
    verifier,
    store,
    payment: {
      appId: APP_ID,
      appPrivateKey: app.privateKey,
      gateway: 'https://openapi.alipay.com/gateway.do',
      notifyUrl: 'https://shop.example/alipay/notify',
      returnUrl: 'https://shop.example/alipay/return',
    },
    onNotifyError: (err) => rejections.push(`${err.code}: ${err.message.split('. ')[0]}`),
  }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  const post = (path, body, contentType = 'application/x-www-form-urlencoded') =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': contentType }, body })

  try {
    console.log('1. The buyer checks out an order of 88.00 yuan')
    const checkout = await (await post('/checkout', 'subject=Test+order&total_amount=88.00')).json()
    console.log(`   order ${checkout.outTradeNo}; the browser goes to ${checkout.payUrl.slice(0, 60)}…`)
    const order = await store.find(checkout.outTradeNo)

    console.log('2. Alipay posts a signed notification to notify_url')
    const body = notifyBody(alipay.privateKey, order, { appId: APP_ID })
    let reply = await post('/alipay/notify', body)
    console.log(`   answer: ${await reply.text()}; order status: ${(await store.find(order.out_trade_no)).status}`)

    console.log('3. The same notification again (Alipay retries until it hears "success")')
    reply = await post('/alipay/notify', body)
    const rows = await store.ledgerRows(order.out_trade_no)
    console.log(`   answer: ${await reply.text()}; still paid once: ${(await store.find(order.out_trade_no)).status}`)
    console.log(`   the ledger: ${rows.map((r) => `#${r.id} ${r.transition ?? 'duplicate'} changed=${r.changed_order}`).join(', ')}`)

    console.log('4. A tampered copy (total_amount 88.00 changed to 0.01)')
    reply = await post('/alipay/notify', body.replace('total_amount=88.00', 'total_amount=0.01'))
    console.log(`   answer: ${await reply.text()} (logged: ${rejections.at(-1)})`)

    console.log('5. A GBK notification for a second order, with a Chinese subject')
    const second = await store.create('测试商品：中文', '12.50')
    reply = await post(
      '/alipay/notify',
      notifyBody(alipay.privateKey, second, { appId: APP_ID, charset: 'GBK' }),
      'application/x-www-form-urlencoded; charset=GBK',
    )
    console.log(`   answer: ${await reply.text()}; order status: ${(await store.find(second.out_trade_no)).status}`)

    console.log('6. The buyer is redirected back to return_url')
    const page = await (await fetch(`${base}/alipay/return?${returnQuery(alipay.privateKey, order)}`)).text()
    console.log(`   ${page.split('\n').at(-1).replace(/<[^>]+>/g, '')}`)
  } finally {
    server.close()
    await store.close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
