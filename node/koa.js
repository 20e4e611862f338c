// alipay-notify/koa: Koa middleware for Alipay's notify_url POSTs and return_url redirects.
'use strict'

const { AlipayNotifyError, SUCCESS, FAIL } = require('./index.js')
const { handleNotify } = require('./notify-flow-shim.js')
const { readBody } = require('./read-body.js')
const { checkArguments, bodyLimit, describeRequest, logError, report } = require('./adapter.js')

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
 * Middleware for notify_url. It reads the raw body (at most the verifier's maxSize bytes),
 * hands it to the notify flow (verification, the ledger when `options.ledger` is given, then
 * `await handler(notification, ctx)`), and answers exactly `success` or `fail`. Errors never
 * reach Alipay: they go to `options.onError(err, ctx, notification)` (default: one line on
 * stderr; `null` for none). The other options go to the flow.
 */
function notifyHandler(verifier, handler, options = {}) {
  checkArguments(verifier, 'verifyNotify', handler, 'notifyHandler(verifier, handler)')
  const { onError = (err, ctx) => logError(err, describeRequest(ctx.method, ctx.originalUrl)), ...flow } = options
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
    const result = await handleNotify(verifier, body, (notification, ...rest) => handler(notification, ctx, ...rest), flow)
    answer(ctx, result.reply === SUCCESS ? SUCCESS : FAIL, false)
    if (result.error !== undefined) report(onError, result.error, ctx, result.notification)
  }
}

/**
 * Middleware for return_url: verifies the raw query string (`ctx.querystring`), then awaits
 * `handler(notification, ctx)`, which renders the page. A message that does not verify is a
 * 400 thrown into Koa's error handling, with the AlipayNotifyError as its `cause`; what the
 * handler throws propagates as it is. return_url is for display only: the order is paid when
 * notify_url says so.
 */
function returnHandler(verifier, handler) {
  checkArguments(verifier, 'verifyReturn', handler, 'returnHandler(verifier, handler)')
  return async function alipayReturn(ctx) {
    let notification
    try {
      notification = verifier.verifyReturn(ctx.querystring)
    } catch (err) {
      // Not thrown as it is: Koa would take its `status` (the error's number, e.g. 200 for
      // APP_ID_MISMATCH) for an HTTP status.
      ctx.throw(400, 'the return_url message does not verify', { cause: err })
    }
    await handler(notification, ctx)
  }
}

module.exports = { notifyHandler, returnHandler }
