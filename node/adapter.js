// The default onError of the framework adapters (koa.js, fastify.js).
'use strict'

/**
 * One line on stderr: the request's method and path, without the query (personal data) and
 * control characters (a forged log line), and the error's stable name.
 */
function logFailure(err, method, url) {
  const where = `${method} ${String(url || '').split('?')[0]}`.replace(/[\x00-\x1f\x7f]/g, '?')
  const what = err && err.code ? `${err.code}: ${err.message}` : String((err && err.message) || err)
  console.error(`alipay-notify: ${where} answered "fail": ${what}`)
}

module.exports = { logFailure }
