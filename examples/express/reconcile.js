#!/usr/bin/env node
// 主动查询: asks Alipay about every order still unpaid some minutes after checkout (its
// notification may never have come: 掉单) and marks the paid ones paid, through the same
// ledger and the same updateOrder as notify_url, so a notification arriving later is a
// recorded duplicate. Run it from cron:
//
//   node reconcile.js --older-than 15m
//
// Settings as the shop's (config.js); APP_PRIVATE_KEY and ALIPAY_APP_ID are required. Prints
// one line per order; exits 1 when a query failed (those orders are left for the next run).
'use strict'

const { parseArgs } = require('node:util')
const { reconcile } = require('alipay-notify/reconcile')
const { orderUpdater } = require('./app.js')
const { fromEnvironment } = require('./config.js')

const UNITS = { s: 1, m: 60, h: 3600, d: 86400 }

/** '15m', '2h', '30s', '1d' in seconds. */
function duration(text) {
  const match = /^(\d+)([smhd])$/.exec(text)
  if (!match) throw new Error(`--older-than ${JSON.stringify(text)}: use a number and s, m, h or d (15m)`)
  return Number(match[1]) * UNITS[match[2]]
}

function describe(report) {
  if (report.error) {
    const err = report.error
    return `error ${err.code || err.name}: ${String(err.message).split('\n')[0]}`
  }
  const { result, outcome } = report
  if (result.isNotFound) return 'not found at Alipay (the buyer never paid)'
  if (!result.isSuccess) return `Alipay answered ${result.code} ${result.subCode ?? ''}`.trim()
  if (!outcome) return `${result.tradeStatus}: nothing to apply`
  if (outcome.changedOrder) return `${result.tradeStatus}: ${outcome.transition} applied by this run (ledger row ${outcome.id})`
  return `${result.tradeStatus}: ${outcome.transition} was already applied`
}

async function main() {
  const { values } = parseArgs({ options: { 'older-than': { type: 'string', default: '15m' }, timeout: { type: 'string' } } })
  const olderThan = duration(values['older-than'])
  const { appId, verifier, appPrivateKey, gateway, store } = await fromEnvironment()
  if (!appId || !appPrivateKey) {
    console.error('Set ALIPAY_APP_ID and APP_PRIVATE_KEY (应用私钥): the query is signed with it.')
    process.exit(2)
  }
  let failed = 0
  try {
    const orders = await store.pendingSince(new Date(Date.now() - olderThan * 1000))
    const reports = await reconcile({
      ledger: store.ledger,
      orders,
      handler: orderUpdater(store),
      appId,
      appPrivateKey,
      verifier,
      gateway,
      ...(values.timeout ? { timeout: Number(values.timeout) } : {}),
    })
    for (const report of reports) {
      if (report.error) failed += 1
      console.log(`${report.outTradeNo}: ${describe(report)}`)
    }
    console.log(`reconciled ${reports.length} unpaid order(s) older than ${values['older-than']}; ${failed} failed`)
  } finally {
    await store.close()
  }
  process.exitCode = failed ? 1 : 0
}

main().catch((err) => {
  console.error(err.message)
  process.exit(1)
})
