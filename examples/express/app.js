// A minimal merchant app: a checkout that creates orders in SQLite, Alipay's notify_url (which
// marks orders paid) and return_url (which shows the buyer the order's status).
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

/**
 * The app. `verifier` checks Alipay's messages; `orders` is the store from orders.js;
 * `payment` (optional: { appId, appPrivateKey, gateway, notifyUrl, returnUrl }) makes checkout
 * answer a signed alipay.trade.page.pay URL; `onNotifyError` receives every notify_url
 * rejection (default: logged on stderr).
 */
function createApp({ verifier, orders, payment, onNotifyError }) {
  const app = express()

  // notify_url comes first: the middleware reads the raw body itself, in whatever charset
  // Alipay signed it (body-parser refuses a `charset=GBK` content type).
  app.post(
    '/alipay/notify',
    notifyHandler(
      verifier,
      async (notification) => {
        const order = orders.find(notification.outTradeNo ?? '')
        if (!order) throw new AlipayNotifyError('no such order', 'ORDER_MISMATCH')
        // Alipay's second check: this order, this amount (compared exactly, in fen).
        notification.checkOrder(order.out_trade_no, order.total_amount)
        if (notification.isPaid) {
          // Idempotent: Alipay repeats a notification until it gets `success`.
          orders.markPaid(order.out_trade_no, {
            tradeNo: notification.tradeNo,
            notifyId: notification.notifyId,
            paidAt: (notification.gmtPayment ?? new Date()).toISOString(),
          })
        } else if (notification.tradeStatus === 'TRADE_CLOSED') {
          orders.markClosed(order.out_trade_no, notification.notifyId)
        }
      },
      { onError: onNotifyError },
    ),
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

  app.post('/checkout', (req, res) => {
    const subject = String(req.body?.subject ?? '').trim()
    const totalAmount = String(req.body?.total_amount ?? '')
    if (!subject || !YUAN.test(totalAmount)) {
      res.status(400).json({ error: 'subject and total_amount (yuan, at most two decimals) are required' })
      return
    }
    const order = orders.create(subject, totalAmount)
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

  app.get('/orders/:outTradeNo', (req, res) => {
    const order = orders.find(req.params.outTradeNo)
    if (!order) res.status(404).json({ error: 'no such order' })
    else res.json(order)
  })

  // return_url: the buyer's browser, back from Alipay. For display only: the order is paid
  // when notify_url says so, which may happen a moment later.
  app.get(
    '/alipay/return',
    returnHandler(verifier, (notification, req, res) => {
      const order = orders.find(notification.outTradeNo ?? '')
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

module.exports = { createApp, alipayTimestamp }
