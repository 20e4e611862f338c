// alipay-notify/fastify: a Fastify plugin for Alipay's notify_url POSTs, and a route handler
// for return_url redirects.
'use strict'

const { AlipayNotifyError, FAIL } = require('./index.js')
const { handleNotify, bodyLimit, report, ensureVerifier, ensureHandler, ensureLedger } = require('./notify-flow.js')
const { logFailure } = require('./adapter.js')

const FORM = 'application/x-www-form-urlencoded'

function answer(reply, text, closeConnection) {
  reply.code(200).type('text/plain; charset=utf-8').header('cache-control', 'no-store')
  if (closeConnection) reply.header('connection', 'close')
  return reply.send(text)
}

const keepBuffer = (request, body, done) => done(null, body)

/**
 * The plugin: `app.register(notifyPlugin, { url, verifier, handler, ledger, onError })`.
 * It adds one POST route, `url`, whose body is the raw bytes (a content-type parser with
 * `parseAs: 'buffer'` and the verifier's maxSize as body limit), hands them to the notify flow
 * (verification, then `await handler(notification, request)`; with `ledger`, every delivery
 * recorded and `handler(notification, request, apply)` run at most once per transition inside
 * the ledger's transaction), and answers exactly `success` or `fail`, also for a body Fastify
 * refused (too large). Errors never reach Alipay: they go to `onError(err, request,
 * notification)` (default: one line on stderr; `null` for none).
 *
 * Fastify encapsulates a plugin: the parsers and the error handler set here apply to this
 * route only, so the app's other routes keep theirs (@fastify/formbody ...). Do not wrap it in
 * fastify-plugin.
 */
async function notifyPlugin(fastify, options) {
  const { url, verifier, handler, ledger, onError = defaultOnError } = options || {}
  ensureVerifier(verifier, 'verifyNotify', 'notifyPlugin')
  ensureHandler(handler, 'notifyPlugin')
  ensureLedger(ledger, 'notifyPlugin')
  if (typeof url !== 'string' || !url.startsWith('/')) {
    throw new TypeError('notifyPlugin options: url must be the notify path, like "/alipay/notify"')
  }
  const limit = bodyLimit(verifier)

  // Alipay sends a form; any other type (or a charset parameter) still reaches the flow as bytes.
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser(FORM, { parseAs: 'buffer', bodyLimit: limit }, keepBuffer)
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, keepBuffer)

  // What Fastify refuses before the route runs (a body over the limit, a broken stream).
  fastify.setErrorHandler((err, request, reply) => {
    const error =
      err && err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? new AlipayNotifyError(`the body is over the limit of ${limit} bytes`, 'INPUT_TOO_LARGE', { cause: err })
        : err
    report(onError, error, request, undefined)
    return answer(reply, FAIL, true)
  })

  fastify.post(url, { bodyLimit: limit }, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const result = await handleNotify(verifier, body, handler, { ledger, onError, context: request })
    return answer(reply, result.reply, false)
  })
}

function defaultOnError(err, request) {
  logFailure(err, request.method, request.url)
}

/**
 * A route handler for return_url: `app.get('/alipay/return', returnHandler(verifier, handler))`.
 * It verifies the raw query of the request URL, then returns what `handler(notification,
 * request, reply)` returns (the page). A message that does not verify is a 400 through
 * Fastify's error handling, with the AlipayNotifyError as `cause`.
 */
function returnHandler(verifier, handler) {
  ensureVerifier(verifier, 'verifyReturn', 'returnHandler')
  ensureHandler(handler, 'returnHandler')
  return async function alipayReturn(request, reply) {
    const url = String(request.raw.url || '')
    const start = url.indexOf('?')
    let notification
    try {
      notification = verifier.verifyReturn(start < 0 ? '' : url.slice(start + 1))
    } catch (err) {
      // Not thrown as it is: its `status` is the error's number, not an HTTP status.
      const refused = new Error('the return_url message does not verify', { cause: err })
      refused.statusCode = 400
      throw refused
    }
    return handler(notification, request, reply)
  }
}

module.exports = { notifyPlugin, returnHandler }
