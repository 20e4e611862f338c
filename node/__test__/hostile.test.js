// Hostile JavaScript values at every entry point that converts them: huge and sparse arrays,
// objects with a million keys, getters, Proxy traps and conversions that throw, symbols,
// BigInts, nested values, names with control characters. Each call must return or throw an
// AlipayNotifyError with a known code or a TypeError, with a message free of control
// characters and of the values passed. The calls run in child processes (hostile/cases.js),
// so an abort in the addon fails a test instead of killing the runner.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { api, alipayKeys } = require('./helpers.js')
const { script } = require('./hostile/cases.js')
const { notifyHandler, returnHandler } = require('../express.js')

const { Verifier, AlipayNotifyError } = api
const { publicKey, privateKey } = alipayKeys()
const CONTROL = /[\x00-\x1f\x7f]/

/** The outcomes of a group of hostile/cases.js, run in a child process that must not die. */
function run(group, seed = 0) {
  const child = spawnSync(process.execPath, [script, group, String(seed)], {
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 256 * 1024 * 1024,
  })
  const where = `group ${group}, seed ${seed}`
  assert.equal(child.signal, null, `${where}: the child was killed by ${child.signal}\n${child.stderr.slice(-3000)}`)
  assert.equal(child.status, 0, `${where}: the child exited with ${child.status}\n${child.stderr.slice(-3000)}`)
  return JSON.parse(child.stdout)
}

/** Every outcome is a clean refusal (or a return): a known code, a short printable message
 *  that echoes nothing it was given. */
function assertClean(outcomes) {
  assert.ok(outcomes.length > 0)
  for (const o of outcomes) {
    assert.ok(['returned', 'AlipayNotifyError', 'TypeError'].includes(o.ended), `${o.name}: ended with ${o.ended}: ${o.message}`)
    if (o.ended === 'returned') continue
    if (o.ended === 'AlipayNotifyError') assert.ok(o.known, `${o.name}: unknown code ${o.code}`)
    assert.ok(!CONTROL.test(o.message), `${o.name}: control characters in ${JSON.stringify(o.message)}`)
    assert.ok(!o.message.includes('SECRET'), `${o.name}: the message echoes a parameter value: ${o.message.slice(0, 200)}`)
    assert.ok(o.message.length < 1000, `${o.name}: a message of ${o.message.length} characters`)
  }
}

function codes(outcomes) {
  return Object.fromEntries(outcomes.map((o) => [o.name, o.code || o.ended]))
}

describe('hostile inputs', () => {
  it('a sparse array of length 2**32-1 is INPUT_TOO_LARGE before anything is allocated', () => {
    const outcomes = run('sparse')
    assertClean(outcomes)
    for (const o of outcomes) assert.equal(o.code, 'INPUT_TOO_LARGE', `${o.name}: ${o.message}`)
  })

  it('sparse arrays in option lists are INVALID_CONFIG', () => {
    const outcomes = run('sparse options')
    assertClean(outcomes)
    for (const o of outcomes) assert.equal(o.code, 'INVALID_CONFIG', `${o.name}: ${o.message}`)
  })

  it('objects with a million keys are refused', () => {
    const outcomes = run('million keys')
    assertClean(outcomes)
    assert.deepEqual(codes(outcomes), {
      verifyNotify: 'INPUT_TOO_LARGE',
      'sign params': 'INPUT_TOO_LARGE',
      'new Verifier': 'INVALID_CONFIG',
      'diagnose options': 'INVALID_CONFIG',
      'sign options': 'INVALID_CONFIG',
    })
  })

  it('getters, Proxy traps and conversions that throw give AlipayNotifyError with the cause', () => {
    const outcomes = run('throwing')
    assertClean(outcomes)
    const reading = outcomes.filter((o) => /threw/.test(o.message || ''))
    assert.ok(reading.length > 0)
    for (const o of reading) assert.match(o.code, /^(MALFORMED_INPUT|INVALID_CONFIG)$/, o.name)
    // The one call that can tell: the exception itself is the cause.
    const getter = Object.defineProperty({}, 'a', {
      enumerable: true,
      get() {
        throw new RangeError('from the getter')
      },
    })
    assert.throws(
      () => new Verifier({ alipayPublicKey: publicKey }).verifyNotify(getter),
      (err) => err instanceof AlipayNotifyError && err.code === 'MALFORMED_INPUT' && err.cause.message === 'from the getter',
    )
    assert.throws(
      () => new Verifier({ get alipayPublicKey() { throw new RangeError('from the option') } }),
      (err) => err instanceof AlipayNotifyError && err.code === 'INVALID_CONFIG' && err.cause instanceof RangeError,
    )
  })

  for (const seed of [1, 2, 3, 4]) {
    it(`generated values (seed ${seed}) at every entry point`, () => {
      assertClean(run('fuzz', seed))
    })
  }
})

describe('names with control characters', () => {
  const verifier = new Verifier({ alipayPublicKey: publicKey })
  const evil = 'evil\r\nINFO order paid\x1b[2K'

  it('are escaped in messages about parameter values', () => {
    for (const params of [{ [evil]: ['x'] }, [[evil, 1]], { [evil]: Symbol('s') }, { [evil]: 1n }]) {
      assert.throws(
        () => verifier.verifyNotify(params),
        (err) =>
          err.code === 'MALFORMED_INPUT' && !CONTROL.test(err.message) && err.message.includes('"evil??INFO order paid?[2K"'),
      )
    }
    assert.throws(() => api.sign({ [evil]: null }, { privateKey }), (err) => !CONTROL.test(err.message))
  })

  it('are escaped in messages about options', () => {
    for (const call of [
      () => new Verifier({ alipayPublicKey: publicKey, [evil]: 1 }),
      () => verifier.diagnose('a=b', { [evil]: 1 }),
      () => api.sign({ a: 'b' }, { privateKey, [evil]: 1 }),
    ]) {
      assert.throws(call, (err) => err.code === 'INVALID_CONFIG' && !CONTROL.test(err.message) && err.message.includes('evil??INFO'))
    }
  })

  it('name a value of each JavaScript type', () => {
    for (const [bad, found] of [[1n, 'a bigint'], [Symbol('s'), 'a symbol'], [() => 1, 'a function']]) {
      assert.throws(() => verifier.verifyNotify({ total_amount: bad }), new RegExp(`"total_amount" is ${found}, not a string`))
    }
  })

  it('iterables such as URLSearchParams are refused, not read as empty objects', () => {
    for (const iterable of [new URLSearchParams('a=b'), new Map([['a', 'b']])]) {
      assert.throws(() => verifier.verifyNotify(iterable), (err) => err.code === 'MALFORMED_INPUT' && /URLSearchParams/.test(err.message))
    }
  })
})

describe('the Express middleware with hostile requests', () => {
  const verifier = new Verifier({ alipayPublicKey: publicKey })

  it('returnHandler passes a URL that cannot be read to next()', () => {
    const handler = returnHandler(verifier, () => assert.fail('verified'))
    const originalUrl = {
      toString() {
        throw new Error('unreadable')
      },
    }
    let passed
    handler({ originalUrl }, {}, (err) => {
      passed = err
    })
    assert.equal(passed.message, 'unreadable')
  })

  it('notifyHandler logs a path with control characters escaped', async () => {
    const lines = []
    const original = console.error
    console.error = (line) => lines.push(line)
    try {
      const handler = notifyHandler(verifier, () => assert.fail('verified'))
      const done = new Promise((resolve) => {
        const res = { headersSent: false, setHeader() {}, end: resolve }
        handler({ method: 'POST', url: '/notify\r\nforged\x1b[2K', rawBody: Buffer.from('a=b'), headers: {} }, res)
      })
      await done
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      console.error = original
    }
    assert.equal(lines.length, 1)
    assert.ok(!CONTROL.test(lines[0]), JSON.stringify(lines[0]))
  })
})
