// The raw body of a request read from its stream, at most `limit` bytes: for the framework
// adapters that get the bare request (Koa's ctx.req), where nothing has read the body yet.
'use strict'

const { AlipayNotifyError } = require('./index.js')

function tooLarge(size, limit) {
  return new AlipayNotifyError(`the body has ${size} bytes or more, over the limit of ${limit}`, 'INPUT_TOO_LARGE')
}

/**
 * Resolves to the body as one Buffer. Over `limit` (declared in Content-Length, or counted)
 * it rejects with INPUT_TOO_LARGE and leaves the stream paused rather than destroyed, so
 * that the caller can still answer (with `Connection: close`: the rest is never read).
 */
function readBody(req, limit) {
  const declared = Number(req.headers['content-length'])
  if (declared > limit) return Promise.reject(tooLarge(declared, limit))
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    const settle = (err, body) => {
      for (const [event, listener] of listeners) req.off(event, listener)
      if (err) reject(err)
      else resolve(body)
    }
    const listeners = [
      [
        'data',
        (chunk) => {
          size += chunk.length
          if (size <= limit) {
            chunks.push(chunk)
            return
          }
          req.pause()
          settle(tooLarge(size, limit))
        },
      ],
      ['end', () => settle(null, Buffer.concat(chunks, size))],
      ['error', (err) => settle(err)],
      ['close', () => settle(new Error('the request was closed before its body ended'))],
    ]
    for (const [event, listener] of listeners) req.on(event, listener)
  })
}

module.exports = { readBody }
