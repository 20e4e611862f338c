// Plays Alipay for the demo and the tests: signs notify_url bodies and return_url queries with a
// throwaway key standing in for Alipay's, as Alipay builds them.
'use strict'

const crypto = require('node:crypto')
const { signedForm } = require('alipay-notify')
const { alipayTimestamp } = require('./app.js')

/** A throwaway RSA-2048 key pair in PEM. */
function keyPair() {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
}

/** The parameters of a trade_status_sync notification for an order, in Alipay's order. */
function notificationParams(order, { appId = '2021000000000000', charset = 'utf-8', ...overrides } = {}) {
  const now = alipayTimestamp()
  const params = {
    gmt_create: now,
    charset,
    seller_email: 'merchant@example.com',
    subject: order.subject,
    buyer_id: '2088102177846880',
    invoice_amount: order.total_amount,
    notify_id: crypto.randomBytes(16).toString('hex'),
    notify_type: 'trade_status_sync',
    trade_status: 'TRADE_SUCCESS',
    receipt_amount: order.total_amount,
    app_id: appId,
    buyer_pay_amount: order.total_amount,
    seller_id: '2088102177846883',
    gmt_payment: now,
    notify_time: now,
    version: '1.0',
    out_trade_no: order.out_trade_no,
    total_amount: order.total_amount,
    trade_no: `2024${crypto.randomInt(1e9, 1e10)}${crypto.randomInt(1e9, 1e10)}`,
    auth_app_id: appId,
    buyer_logon_id: '158****1234',
    point_amount: '0.00',
    ...overrides,
  }
  return Object.entries(params)
}

/**
 * A notify_url POST body signed with `alipayPrivateKey` (RSA2), percent-encoded in the
 * charset of its `charset` parameter (UTF-8 or GBK).
 */
function notifyBody(alipayPrivateKey, order, options) {
  return signedForm(notificationParams(order, options), { privateKey: alipayPrivateKey })
}

/** A return_url query (without `?`) for an order, signed with `alipayPrivateKey`. */
function returnQuery(alipayPrivateKey, order, { appId = '2021000000000000' } = {}) {
  return signedForm(
    [
      ['charset', 'utf-8'],
      ['out_trade_no', order.out_trade_no],
      ['method', 'alipay.trade.page.pay.return'],
      ['total_amount', order.total_amount],
      ['trade_no', `2024${crypto.randomInt(1e9, 1e10)}`],
      ['auth_app_id', appId],
      ['version', '1.0'],
      ['app_id', appId],
      ['seller_id', '2088102177846883'],
      ['timestamp', alipayTimestamp()],
    ],
    { privateKey: alipayPrivateKey },
  )
}

module.exports = { keyPair, notificationParams, notifyBody, returnQuery }
