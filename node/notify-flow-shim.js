// TEMPORARY stand-in for notify-flow.js (branch i13/node-ledger), with its exports and
// signatures, until that branch is merged; removed at the merge. No ledger here.
'use strict'

const { SUCCESS, FAIL } = require('./index.js')

function bodyLimit(verifier) {
  return verifier && Number.isSafeInteger(verifier.maxSize) ? verifier.maxSize : 64 * 1024
}

function ensureVerifier(verifier, method, caller) {
  if (!verifier || typeof verifier[method] !== 'function') {
    throw new TypeError(`${caller}(verifier, handler): verifier must be an alipay-notify Verifier`)
  }
}

function ensureHandler(handler, caller) {
  if (typeof handler !== 'function') throw new TypeError(`${caller}(verifier, handler): handler must be a function`)
}

function ensureLedger(ledger, caller) {
  if (ledger) throw new TypeError(`${caller}(): no ledger before the merge of i13/node-ledger`)
}

function report(onError, err, context, notification) {
  if (typeof onError !== 'function') return
  try {
    const reported = onError(err, context, notification)
    if (reported && typeof reported.catch === 'function') reported.catch(() => {})
  } catch {}
}

async function handleNotify(verifier, body, handler, options = {}) {
  const { onError, context } = options
  let notification
  try {
    notification = verifier.verifyNotify(body)
    await handler(notification, context)
    return { reply: SUCCESS, notification, error: undefined, outcome: null }
  } catch (error) {
    report(onError, error, context, notification)
    return { reply: FAIL, notification, error, outcome: null }
  }
}

module.exports = { handleNotify, bodyLimit, report, ensureVerifier, ensureHandler, ensureLedger }
