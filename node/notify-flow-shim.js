// TEMPORARY stand-in for notify-flow.js (branch i13/node-ledger), with its signature, until
// that branch is merged. Removed at the merge.
'use strict'

const { SUCCESS, FAIL } = require('./index.js')

async function handleNotify(verifier, body, handler) {
  let notification
  try {
    notification = verifier.verifyNotify(body)
    await handler(notification)
    return { reply: SUCCESS, notification, error: undefined, outcome: undefined }
  } catch (error) {
    return { reply: FAIL, notification, error, outcome: undefined }
  }
}

module.exports = { handleNotify }
