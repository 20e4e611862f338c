// alipay-notify/reconcile: ask Alipay about an order whose notification never came (掉单,
// docs/ledger.md §5). The core builds the signed alipay.trade.query form and verifies the
// signed answer; this file only POSTs it with the global fetch, under a timeout.
'use strict'

const { TradeRequest } = require('./index.js')

/** Alipay's OpenAPI gateway. */
const DEFAULT_GATEWAY = 'https://openapi.alipay.com/gateway.do'
/** Seconds to wait for the answer (as `alipay-notify query --timeout`). */
const DEFAULT_TIMEOUT = 15
// Far above any trade answer; a gateway (or something posing as one) sending more is refused.
const MAX_RESPONSE_BYTES = 1 << 20

/**
 * The transport failed: `code` is 'TIMEOUT' (no answer in time), 'NETWORK' (no connection,
 * a reset, an unreadable answer) or 'HTTP_STATUS' (not 2xx; `httpStatus` says which). A
 * signature or business problem of the answer is an AlipayNotifyError instead.
 */
class ReconcileError extends Error {
  constructor(message, code, options) {
    super(message, options)
    this.code = code
  }
}
ReconcileError.prototype.name = 'ReconcileError'

function settings(options, caller) {
  if (!options || typeof options !== 'object') throw new TypeError(`${caller}: pass an options object`)
  const { appId, appPrivateKey, verifier } = options
  if (typeof appId !== 'string' || appId === '') throw new TypeError(`${caller}: appId is required`)
  if (!appPrivateKey) throw new TypeError(`${caller}: appPrivateKey (应用私钥) is required`)
  if (!verifier || typeof verifier.verifyResponse !== 'function') {
    throw new TypeError(`${caller}: verifier must be an alipay-notify Verifier with Alipay's public key`)
  }
  const gateway = options.gateway === undefined ? DEFAULT_GATEWAY : options.gateway
  let url
  try {
    url = new URL(gateway)
  } catch {
    throw new TypeError(`${caller}: gateway is not a URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${caller}: gateway must be http(s)`)
  const timeout = options.timeout === undefined ? DEFAULT_TIMEOUT : options.timeout
  if (typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout)) {
    throw new TypeError(`${caller}: timeout is seconds, a positive number`)
  }
  return { appId, appPrivateKey, verifier, gateway: url.href, timeout, fetch: options.fetch || globalThis.fetch }
}

/** The gateway's host and path, for messages: never its query (it may hold a token). */
function where(gateway) {
  const url = new URL(gateway)
  return `${url.origin}${url.pathname}`
}

// POSTs one signed TradeRequest: the verified TradeResult and the answer's raw bytes (kept in
// the ledger's raw_body when the ledger keeps bodies).
async function post(request, options) {
  const { appPrivateKey, verifier, gateway, timeout, fetch } = settings(
    { appId: request && request.appId, ...options },
    'sendTradeRequest()',
  )
  const form = request.signedForm(appPrivateKey)
  let response
  let body
  try {
    response = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: form,
      redirect: 'error',
      signal: AbortSignal.timeout(timeout * 1000),
    })
    if (!response.ok) {
      const error = new ReconcileError(`${where(gateway)} answered HTTP ${response.status}`, 'HTTP_STATUS')
      error.httpStatus = response.status
      throw error
    }
    const declared = Number(response.headers.get('content-length'))
    if (declared > MAX_RESPONSE_BYTES) throw new ReconcileError(`${where(gateway)}: the answer is too large`, 'NETWORK')
    body = Buffer.from(await response.arrayBuffer())
  } catch (err) {
    if (err instanceof ReconcileError) throw err
    if (err && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new ReconcileError(`${where(gateway)} did not answer within ${timeout} s`, 'TIMEOUT', { cause: err })
    }
    throw new ReconcileError(`${where(gateway)}: ${err && err.message ? err.message : 'the request failed'}`, 'NETWORK', {
      cause: err,
    })
  }
  if (body.length > MAX_RESPONSE_BYTES) throw new ReconcileError(`${where(gateway)}: the answer is too large`, 'NETWORK')
  return { result: request.verifyResponse(verifier, body), body }
}

/**
 * POSTs one signed TradeRequest (query, close, refundQuery) and returns the verified
 * TradeResult. Options as queryTrade's, without the order.
 */
async function sendTradeRequest(request, options) {
  return (await post(request, options)).result
}

/**
 * `alipay.trade.query` for one order: `{ gateway, appId, appPrivateKey, verifier, outTradeNo
 * | tradeNo, timeout }`. Resolves to the verified TradeResult (`isPaid`, `tradeStatus`,
 * `totalAmountFen` ...; `isNotFound` when Alipay knows no such trade). Rejects with a
 * ReconcileError (transport) or an AlipayNotifyError (an answer that does not verify, or is
 * about another trade).
 */
async function queryTrade(options) {
  const { appId } = settings(options, 'queryTrade()')
  const { outTradeNo, tradeNo } = options
  const trade = outTradeNo !== undefined && outTradeNo !== null ? { outTradeNo } : { tradeNo }
  return sendTradeRequest(TradeRequest.query(appId, trade), options)
}

/**
 * Reconciles orders still unpaid: queries each one and runs every paid answer through the
 * ledger's apply-once path (source `query`), so `handler(tradeResult, apply)` marks the order
 * paid exactly once, whether the notification arrives before, after or never.
 *
 * @param {{ ledger: object, orders: Iterable<string | { outTradeNo?: string, tradeNo?: string }>,
 *   handler: Function, gateway?: string, appId: string, appPrivateKey: string,
 *   verifier: object, timeout?: number }} options
 * @returns {Promise<Array<{ outTradeNo?: string, tradeNo?: string, result?: object,
 *   outcome?: object, error?: unknown }>>} one report per order, in order; an order whose
 *   query failed has `error` and is left for the next run.
 */
async function reconcile(options) {
  settings(options, 'reconcile()')
  const { ledger, orders, handler } = options
  if (!ledger || typeof ledger.applyOnce !== 'function') throw new TypeError('reconcile(): ledger is required')
  if (typeof handler !== 'function') throw new TypeError('reconcile(): handler must be a function')
  if (!orders || typeof orders[Symbol.iterator] !== 'function') throw new TypeError('reconcile(): orders must be iterable')
  const reports = []
  for (const order of orders) {
    const trade = typeof order === 'string' ? { outTradeNo: order } : order
    const report = { ...trade }
    reports.push(report)
    try {
      const request = TradeRequest.query(options.appId, trade)
      const { result, body } = await post(request, options)
      report.result = result
      // Only an answer that applies something goes through the ledger: a trade Alipay does not
      // know, or one still waiting for the buyer, is not a delivery to record.
      if (report.result.transition) {
        report.outcome = await ledger.applyOnce({ tradeResult: result, body, source: 'query', handler })
        if (report.outcome.reply !== 'success') report.error = report.outcome.error
      }
    } catch (err) {
      report.error = err
    }
  }
  return reports
}

module.exports = { queryTrade, sendTradeRequest, reconcile, ReconcileError, DEFAULT_GATEWAY, DEFAULT_TIMEOUT }
