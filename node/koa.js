// alipay-notify/koa: Koa middleware for Alipay's notify_url POSTs and return_url redirects.
'use strict'

const { AlipayNotifyError, FAIL } = require('./index.js')
const { handleNotify, bodyLimit, report, ensureVerifier, ensureHandler, ensureLedger } = require('./notify-flow.js')
const { readBody } = require('./read-body.js')
const { logFailure } = require('./adapter.js')

/**
 * The raw body of a Koa request: a Buffer some middleware kept in `ctx.request.rawBody`, or
 * the request stream read here. koa-bodyparser (and @koa/bodyparser) keep a UTF-8 *string*
 * there: a GBK body decoded as UTF-8 cannot be turned back into the bytes Alipay signed, so it
 * is refused with an error that says how to mount the middleware.
 */
function rawBody(ctx, limit) {
  const kept = ctx.request.rawBody
  if (Buffer.isBuffer(kept)) return Promise.resolve(kept)
  if (kept !== undefined || ctx.request.body !== undefined || ctx.req.readableEnded) {
    return Promise.reject(
      new AlipayNotifyError(
        'the request body was already read by a body parser' +
          (typeof kept === 'string' ? ' that kept it as a UTF-8 string (a GBK body is lost)' : '') +
          ': mount notifyHandler before koa-bodyparser (app.use order), ' +
          'or set ctx.disableBodyParser = true for the notify path before the parser runs',
        'INVALID_CONFIG',
      ),
    )
  }
  return readBody(ctx.req, limit)
}

/** Exactly `success` or `fail`, as plain text with status 200. */
function answer(ctx, text, closeConnection) {
  ctx.status = 200
  ctx.body = text
  ctx.type = 'text/plain; charset=utf-8'
  ctx.set('Cache-Control', 'no-store')
  if (closeConnection) ctx.set('Connection', 'close')
}

/**
 * Middleware for notify_url. It reads the raw body (at most the verifier's maxSize bytes) and
 * hands it to the notify flow: verification, then `await handler(notification, ctx)`; with
 * `options.ledger`, every delivery recorded and `handler(notification, ctx, apply)` run at most
 * once per transition inside the ledger's transaction. It answers exactly `success` or `fail`.
 * Errors never reach Alipay: they go to `options.onError(err, ctx, notification)` (default:
 * one line on stderr; `null` for none).
 */
function notifyHandler(verifier, handler, options = {}) {
  ensureVerifier(verifier, 'verifyNotify', 'notifyHandler')
  ensureHandler(handler, 'notifyHandler')
  ensureLedger(options.ledger, 'notifyHandler')
  const onError = options.onError === undefined ? defaultOnError : options.onError
  const limit = bodyLimit(verifier)
  return async function alipayNotify(ctx) {
    let body
    try {
      body = await rawBody(ctx, limit)
    } catch (err) {
      answer(ctx, FAIL, err && err.code === 'INPUT_TOO_LARGE')
      report(onError, err, ctx, undefined)
      return
    }
    const { reply } = await handleNotify(verifier, body, handler, { ledger: options.ledger, onError, context: ctx })
    answer(ctx, reply, false)
  }
}

function defaultOnError(err, ctx) {
  logFailure(err, ctx.method, ctx.originalUrl)
}

/**
 * Middleware for return_url: verifies the raw query string (`ctx.querystring`), then awaits
 * `handler(notification, ctx)`, which renders the page. A message that does not verify, or an
 * AlipayNotifyError the handler throws (`checkOrder` ...), is a 400 thrown into Koa's error
 * handling with that error as its `cause`; the handler's other errors propagate as they are.
 * return_url is for display only: the order is paid when notify_url says so.
 */
function returnHandler(verifier, handler) {
  ensureVerifier(verifier, 'verifyReturn', 'returnHandler')
  ensureHandler(handler, 'returnHandler')
  return async function alipayReturn(ctx) {
    try {
      await handler(verifier.verifyReturn(ctx.querystring), ctx)
    } catch (err) {
      // Not rethrown as it is: Koa takes an error's `status` for the HTTP status, and an
      // AlipayNotifyError's is its number (200 for APP_ID_MISMATCH: a refusal answered "OK").
      if (err instanceof AlipayNotifyError) ctx.throw(400, 'the return_url message does not verify', { cause: err })
      throw err
    }
  }
}

module.exports = { notifyHandler, returnHandler }
