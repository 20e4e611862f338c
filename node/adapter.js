// What the framework adapters (koa.js, fastify.js) share: argument checks, the body limit and
// the error report. The verification and the ledger live in notify-flow.js; an adapter only
// reads the raw body, calls it and writes the reply.
'use strict'

/** Throws a TypeError naming the caller when the verifier or the handler is not usable. */
function checkArguments(verifier, method, handler, caller) {
  if (!verifier || typeof verifier[method] !== 'function') {
    throw new TypeError(`${caller}: verifier must be an alipay-notify Verifier`)
  }
  if (typeof handler !== 'function') {
    throw new TypeError(`${caller}: handler must be a function`)
  }
}

/** The most bytes an adapter reads: the verifier's own maxSize, beyond which it refuses. */
function bodyLimit(verifier) {
  return Number.isSafeInteger(verifier.maxSize) ? verifier.maxSize : 64 * 1024
}

/** A request's method and path, without the query (personal data) and control characters
 *  (a forged log line). */
function describeRequest(method, url) {
  const path = String(url || '').split('?')[0]
  return `${method} ${path}`.replace(/[\x00-\x1f\x7f]/g, '?')
}

/** The default onError: one line on stderr with the error name. */
function logError(err, where) {
  const what = err && err.code ? `${err.code}: ${err.message}` : String((err && err.message) || err)
  console.error(`alipay-notify: ${where} answered "fail": ${what}`)
}

/** Calls the merchant's onError; a hook that throws or rejects must not take the server down. */
function report(onError, ...args) {
  if (!onError) return
  try {
    const reported = onError(...args)
    if (reported && typeof reported.catch === 'function') reported.catch(() => {})
  } catch {
    // Nothing to do: the reply is already decided.
  }
}

module.exports = { checkArguments, bodyLimit, describeRequest, logError, report }
