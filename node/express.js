// alipay-notify/express: middleware for Express (or any Connect-style server) that verifies
// Alipay's notify_url POSTs and return_url redirects with a Verifier.
'use strict'

const { AlipayNotifyError, FAIL } = require('./index.js')
const { handleNotify, bodyLimit, report, ensureVerifier, ensureHandler, ensureLedger } = require('./notify-flow.js')
const { readBody } = require('./read-body.js')
const { logFailure } = require('./adapter.js')

/**
 * A `verify` function for `express.urlencoded()` (or any body-parser) that keeps the raw
 * body as `req.rawBody`, so that notifyHandler can verify the bytes Alipay signed even when
 * the body was parsed first:
 *
 *   app.use(express.urlencoded({ extended: false, verify: keepRawBody }))
 */
function keepRawBody(req, res, buffer) {
  req.rawBody = buffer
}

function defaultOnError(err, req) {
  logFailure(err, req.method, req.originalUrl || req.url)
}

/**
 * The raw body: kept by a body parser (`req.rawBody`, see keepRawBody), read by
 * `express.raw()` (a Buffer `req.body`), or read here from the request stream, at most
 * `limit` bytes.
 */
function rawBody(req, limit) {
  if (Buffer.isBuffer(req.rawBody)) return Promise.resolve(req.rawBody)
  if (Buffer.isBuffer(req.body)) return Promise.resolve(req.body)
  if (req._body || req.readableEnded) {
    return Promise.reject(
      new AlipayNotifyError(
        'the request body was already read by a body parser that did not keep the raw bytes: ' +
          'mount notifyHandler before express.urlencoded(), or give the parser ' +
          '`verify: keepRawBody` (from alipay-notify/express) so that req.rawBody holds them',
        'INVALID_CONFIG',
      ),
    )
  }
  return readBody(req, limit)
}

/** Answers Alipay with exactly `success` or `fail`, unless the handler answered already. */
function answer(res, text, closeConnection) {
  if (res.headersSent) {
    if (!res.writableEnded) res.end()
    return
  }
  res.statusCode = 200
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.setHeader('Cache-Control', 'no-store')
  if (closeConnection) res.setHeader('Connection', 'close')
  res.end(text)
}

/**
 * Middleware for notify_url. It reads the raw body itself (or takes the one a body parser kept
 * in `req.rawBody`), verifies it, then awaits `handler(notification, req)`. It answers exactly
 * `success` when the handler resolves, and `fail` when verification fails or the handler throws
 * (Alipay then retries). Errors never reach Alipay: they go to `options.onError(err, req,
 * notification)` (default: one line on stderr; `null` for none). With `options.ledger` every
 * delivery is recorded and the handler runs at most once per transition, inside the ledger's
 * transaction, as `handler(notification, req, apply)` (`apply.client`: the transaction's
 * connection); see notify-flow.js.
 */
function notifyHandler(verifier, handler, options = {}) {
  ensureVerifier(verifier, 'verifyNotify', 'notifyHandler')
  ensureHandler(handler, 'notifyHandler')
  ensureLedger(options.ledger, 'notifyHandler')
  const onError = options.onError === undefined ? defaultOnError : options.onError
  const limit = bodyLimit(verifier)
  return function alipayNotify(req, res) {
    rawBody(req, limit).then(
      async (body) => {
        const { reply, error } = await handleNotify(verifier, body, handler, { ledger: options.ledger, onError, context: req })
        answer(res, reply, reply === FAIL && error && error.code === 'INPUT_TOO_LARGE')
      },
      (err) => {
        answer(res, FAIL, err && err.code === 'INPUT_TOO_LARGE')
        report(onError, err, req, undefined)
      },
    )
  }
}

/**
 * Middleware for return_url (the buyer's browser, redirected by Alipay with a signed query).
 * It verifies the raw query string of `req.originalUrl`, then awaits
 * `handler(notification, req, res)`, which renders the page. A message that does not verify,
 * or a handler that throws, goes to `next(err)` (Express's error handling). return_url is for
 * display only: the order is paid when notify_url says so.
 */
function returnHandler(verifier, handler) {
  ensureVerifier(verifier, 'verifyReturn', 'returnHandler')
  ensureHandler(handler, 'returnHandler')
  return function alipayReturn(req, res, next) {
    let notification
    try {
      const url = String(req.originalUrl || req.url || '')
      const start = url.indexOf('?')
      notification = verifier.verifyReturn(start < 0 ? '' : url.slice(start + 1))
    } catch (err) {
      next(err)
      return
    }
    Promise.resolve()
      .then(() => handler(notification, req, res))
      .catch(next)
  }
}

module.exports = { notifyHandler, returnHandler, keepRawBody }
