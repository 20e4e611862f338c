// A minimal merchant app: a checkout that creates orders (SQLite, or PostgreSQL: store.js),
// Alipay's notify_url (which marks orders paid, exactly once, through the ledger) and
// return_url (which shows the buyer the order's status).
'use strict'

const express = require('express')
const { AlipayNotifyError, signedForm } = require('alipay-notify')
const { notifyHandler, returnHandler, keepRawBody } = require('alipay-notify/express')

const YUAN = /^(0|[1-9]\d{0,8})(\.\d{1,2})?$/

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Alipay's time format, in China Standard Time. */
function alipayTimestamp(date = new Date()) {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

/** A yuan string ('88.00') in fen, in integers: amounts are never floats. */
function fen(yuan) {
  const [whole, cents = ''] = String(yuan).split('.')
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'))
}

/**
 * The shop's "mark paid / closed", run by the ledger at most once per transition, inside its
 * transaction (`apply.client` is the connection): for a notification (a Notification) and for
 * a reconciliation answer (a TradeResult) alike.
 */
function orderUpdater(store) {
  return async (message, apply) => {
    const order = await store.find(message.outTradeNo ?? '', apply.client)
    if (!order) throw new AlipayNotifyError('no such order', 'ORDER_MISMATCH')
    // Alipay's second check: this order, this amount (compared exactly, in fen).
    if (typeof message.checkOrder === 'function') message.checkOrder(order.out_trade_no, order.total_amount)
    else if (message.totalAmountFen !== fen(order.total_amount)) {
      throw new AlipayNotifyError('the amount is not the order\'s', 'AMOUNT_MISMATCH')
    }
    if (apply.transition === 'PAID') {
      await store.markPaid(apply.client, order.out_trade_no, {
        tradeNo: message.tradeNo,
        notifyId: message.notifyId ?? null,
        paidAt: (message.gmtPayment ?? new Date()).toISOString(),
      })
    } else if (apply.transition === 'CLOSED') {
      await store.markClosed(apply.client, order.out_trade_no, message.notifyId ?? null)
    }
    // A refund (REFUND:<no>) is in the ledger; this shop keeps no refund table.
  }
}

/**
 * The app. `verifier` checks Alipay's messages; `store` holds the orders and the ledger
 * (store.js); `payment` (optional: { appId, appPrivateKey, gateway, notifyUrl, returnUrl })
 * makes checkout answer a signed alipay.trade.page.pay URL; `onNotifyError` receives every
 * notify_url rejection (default: logged on stderr).
 */
function createApp({ verifier, store, payment, onNotifyError }) {
  const app = express()
  const updateOrder = orderUpdater(store)

  // notify_url comes first: the middleware reads the raw body itself, in whatever charset
  // Alipay signed it (body-parser refuses a `charset=GBK` content type). The ledger records
  // every delivery and runs updateOrder once per transition, however many servers receive
  // the same notification at the same moment.
  app.post(
    '/alipay/notify',
    notifyHandler(verifier, (notification, req, apply) => updateOrder(notification, apply), {
      ledger: store.ledger,
      onError: onNotifyError,
    }),
  )

  // The shop's own forms. `keepRawBody` keeps the raw bytes too: a notify route mounted after
  // this parser would still verify (see node/README.md, "Express").
  app.use(express.urlencoded({ extended: false, verify: keepRawBody }))

  app.get('/', (req, res) => {
    res.type('html').send(`<!doctype html>
<title>alipay-notify example shop</title>
<form method="post" action="/checkout">
  <input name="subject" value="Test order" required>
  <input name="total_amount" value="88.00" pattern="\\d+(\\.\\d{1,2})?" required> yuan
  <button>Pay with Alipay</button>
</form>`)
  })

  app.post('/checkout', async (req, res) => {
    const subject = String(req.body?.subject ?? '').trim()
    const totalAmount = String(req.body?.total_amount ?? '')
    if (!subject || !YUAN.test(totalAmount)) {
      res.status(400).json({ error: 'subject and total_amount (yuan, at most two decimals) are required' })
      return
    }
    const order = await store.create(subject, totalAmount)
    const answer = { outTradeNo: order.out_trade_no, subject, totalAmount, status: order.status }
    if (payment) {
      // The page-pay request, signed with the app's private key (request signatures cover
      // sign_type: rule v2).
      const query = signedForm(
        [
          ['app_id', payment.appId],
          ['method', 'alipay.trade.page.pay'],
          ['charset', 'utf-8'],
          ['sign_type', 'RSA2'],
          ['timestamp', alipayTimestamp()],
          ['version', '1.0'],
          ['notify_url', payment.notifyUrl],
          ['return_url', payment.returnUrl],
          [
            'biz_content',
            JSON.stringify({
              out_trade_no: order.out_trade_no,
              total_amount: totalAmount,
              subject,
              product_code: 'FAST_INSTANT_TRADE_PAY',
            }),
          ],
        ],
        { privateKey: payment.appPrivateKey, rule: 'v2' },
      )
      answer.payUrl = `${payment.gateway}?${query}`
    }
    res.status(201).json(answer)
  })

  app.get('/orders/:outTradeNo', async (req, res) => {
    const order = await store.find(req.params.outTradeNo)
    if (!order) res.status(404).json({ error: 'no such order' })
    else res.json(order)
  })

  // return_url: the buyer's browser, back from Alipay. For display only: the order is paid
  // when notify_url says so, which may happen a moment later.
  app.get(
    '/alipay/return',
    returnHandler(verifier, async (notification, req, res) => {
      const order = await store.find(notification.outTradeNo ?? '')
      if (!order) throw new AlipayNotifyError('no such order', 'ORDER_MISMATCH')
      notification.checkOrder(order.out_trade_no, order.total_amount)
      const status =
        order.status === 'PAID' ? 'paid, thank you' : 'payment received by Alipay, waiting for its confirmation'
      res.type('html').send(`<!doctype html>
<title>Order ${escapeHtml(order.out_trade_no)}</title>
<p>Order ${escapeHtml(order.out_trade_no)} (${escapeHtml(order.subject)}, ${escapeHtml(order.total_amount)} yuan): ${status}.</p>`)
    }),
  )

  // Errors of return_url (a message that does not verify) and of the shop.
  app.use((err, req, res, next) => {
    if (res.headersSent) {
      next(err)
      return
    }
    if (err instanceof AlipayNotifyError) {
      res.status(400).type('text').send(`This payment result could not be verified (${err.code}).`)
      return
    }
    console.error(err)
    res.status(500).type('text').send('Internal error')
  })

  return app
}

module.exports = { createApp, orderUpdater, alipayTimestamp }
