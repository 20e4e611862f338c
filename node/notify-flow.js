// alipay-notify/notify-flow: what every framework adapter does between "I have the raw body"
// and "I answer Alipay": verify, apply (through the ledger when one is given), pick the reply,
// report errors. The adapters (express.js, koa.js, fastify.js ...) only read the raw body and
// write the reply, so the frameworks cannot drift apart in what they answer.
'use strict'

const { SUCCESS, FAIL } = require('./index.js')

/** The largest body an adapter should read for `verifier`: its maxSize, else 64 KiB. */
function bodyLimit(verifier) {
  return verifier && Number.isSafeInteger(verifier.maxSize) ? verifier.maxSize : 64 * 1024
}

function ensureVerifier(verifier, method, caller) {
  if (!verifier || typeof verifier[method] !== 'function') {
    throw new TypeError(`${caller}(verifier, handler): verifier must be an alipay-notify Verifier`)
  }
}

function ensureHandler(handler, caller) {
  if (typeof handler !== 'function') {
    throw new TypeError(`${caller}(verifier, handler): handler must be a function`)
  }
}

function ensureLedger(ledger, caller) {
  if (ledger !== undefined && ledger !== null && (typeof ledger !== 'object' || typeof ledger.applyOnce !== 'function')) {
    throw new TypeError(`${caller}(): options.ledger must be a ledger (an object with applyOnce())`)
  }
}

/**
 * Calls `onError(err, context, notification)` when given; a hook that throws or rejects must
 * not take the server down, nor change the reply already chosen.
 */
function report(onError, err, context, notification) {
  if (typeof onError !== 'function') return
  try {
    const reported = onError(err, context, notification)
    if (reported && typeof reported.catch === 'function') reported.catch(() => {})
  } catch {
    // The reply stands whatever the hook does.
  }
}

/**
 * From the raw body to the reply. Never throws: every failure becomes `reply: 'fail'` with the
 * error in `error` (and given to `options.onError`).
 *
 * - Without a ledger: verifies, awaits `handler(notification, options.context)`, answers
 *   `success` when it resolves. `outcome` is null.
 * - With `options.ledger`: `ledger.applyOnce()` verifies, records the delivery and runs
 *   `handler(notification, options.context, apply)` at most once per transition, inside the
 *   transaction (`apply.client` is the transaction's connection). The reply is the outcome's:
 *   `success` only after the commit.
 *
 * @param {object} verifier an alipay-notify Verifier
 * @param {Buffer} body the raw body, byte-exact
 * @param {Function} handler the merchant's callback
 * @param {{ ledger?: object, onError?: Function|null, context?: unknown }} [options]
 *   `context` is what the framework hands the handler second (Express: req; Koa: ctx ...)
 *   and the hook; `onError(err, context, notification)`.
 * @returns {Promise<{ reply: 'success'|'fail', notification: object|undefined, error: unknown, outcome: object|null }>}
 */
async function handleNotify(verifier, body, handler, options = {}) {
  const { ledger, onError, context } = options
  let notification
  let outcome = null
  let error
  try {
    if (ledger) {
      outcome = await ledger.applyOnce({
        verifier,
        body,
        source: 'notify',
        handler: (message, apply) => handler(message, context, apply),
      })
      notification = outcome.notification
      error = outcome.error
    } else {
      notification = verifier.verifyNotify(body)
      await handler(notification, context)
    }
  } catch (err) {
    error = err === undefined ? new Error('the handler threw undefined') : err
  }
  const reply = error === undefined && (!outcome || outcome.reply === SUCCESS) ? SUCCESS : FAIL
  if (reply === FAIL) {
    if (error === undefined) error = new Error('the ledger answered fail')
    report(onError, error, context, notification)
  }
  return { reply, notification, error, outcome }
}

module.exports = { handleNotify, bodyLimit, report, ensureVerifier, ensureHandler, ensureLedger }
