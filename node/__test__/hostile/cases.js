// The child side of hostile.test.js: `node cases.js <group> [seed]` feeds hostile JavaScript
// values to the package's entry points and prints one JSON line per call saying how it ended.
// It runs in its own process so that an abort in the addon (an allocation of hundreds of
// gigabytes, say) fails the test that started it instead of killing the test runner.
'use strict'

const path = require('node:path')
const api = require('../../index.js')
const { alipayKeys } = require('../helpers.js')

const { publicKey, privateKey } = alipayKeys()
const verifier = new api.Verifier({ alipayPublicKey: publicKey })
const md5 = new api.Verifier({ md5Key: 'k8m2q7x4w9z1c6v3b5n0a8s2d4f6g1h3' })
const notification = verifier.verifyNotify(
  api.signedForm([['out_trade_no', 'T1'], ['total_amount', '1.00']], { privateKey }),
)

/** How a call ended: returned, or the class, code and message of what it threw. */
function outcome(call) {
  try {
    call()
    return { ended: 'returned' }
  } catch (err) {
    if (err instanceof api.AlipayNotifyError) {
      return { ended: 'AlipayNotifyError', code: err.code, known: err.code in api.ERROR_CODES, message: err.message }
    }
    if (err instanceof TypeError) return { ended: 'TypeError', message: err.message }
    let message
    try {
      message = String(err && err.message)
    } catch {
      message = '(unreadable)'
    }
    return { ended: 'other', message }
  }
}

/** An array of `length` holes (`[]` with its length set: nothing is allocated). */
function sparse(length) {
  const array = []
  array.length = length
  return array
}

/** A Proxy whose every trap throws. */
function trap(target = {}) {
  const fail = (name) => () => {
    throw new Error(`${name} trap`)
  }
  const traps = {}
  for (const name of ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'set', 'apply']) {
    traps[name] = fail(name)
  }
  return new Proxy(target, traps)
}

function throwingGetter() {
  return Object.defineProperty({ out_trade_no: 'T1' }, 'total_amount', {
    enumerable: true,
    get() {
      throw new Error('getter')
    },
  })
}

function throwingConversions() {
  const fail = () => {
    throw new Error('conversion')
  }
  return { toString: fail, valueOf: fail, toJSON: fail, [Symbol.toPrimitive]: fail }
}

function millionKeys() {
  const object = {}
  for (let i = 0; i < 1e6; i++) object[`k${i}`] = 'v'
  return object
}

// Every entry point that converts a JavaScript value, as `(value, other) => ...`.
const ENTRY_POINTS = {
  verifyNotify: (v) => verifier.verifyNotify(v),
  verifyReturn: (v) => verifier.verifyReturn(v),
  'isValid(message)': (v) => verifier.isValid(v),
  'isValid(message, kind)': (v, w) => verifier.isValid('a=b', w),
  'md5 verifyNotify': (v) => md5.verifyNotify(v),
  diagnose: (v) => verifier.diagnose(v),
  'diagnose options': (v, w) => verifier.diagnose('a=b&sign=x', w),
  'diagnose appPublicKeys': (v) => verifier.diagnose('a=b&sign=x', { appPublicKeys: v }),
  'diagnose appPrivateKey': (v) => verifier.diagnose('a=b&sign=x', { appPrivateKey: v }),
  'diagnose kind': (v) => verifier.diagnose('a=b&sign=x', { kind: v }),
  verifyResponse: (v) => verifier.verifyResponse(v),
  'verifyResponse method': (v) => verifier.verifyResponse('{}', v),
  'sign params': (v) => api.sign(v, { privateKey }),
  'sign options': (v) => api.sign({ a: 'b' }, v),
  'sign privateKey': (v) => api.sign({ a: 'b' }, { privateKey: v }),
  'signedForm params': (v) => api.signedForm(v, { md5Key: 'k' }),
  'signedForm md5Key': (v) => api.signedForm({ a: 'b' }, { md5Key: v }),
  'new Verifier': (v) => new api.Verifier(v),
  alipayPublicKey: (v) => new api.Verifier({ alipayPublicKey: v }),
  signTypes: (v) => new api.Verifier({ alipayPublicKey: publicKey, signTypes: v }),
  sellerId: (v) => new api.Verifier({ alipayPublicKey: publicKey, sellerId: v }),
  appId: (v) => new api.Verifier({ alipayPublicKey: publicKey, appId: v }),
  maxSize: (v) => new api.Verifier({ alipayPublicKey: publicKey, maxSize: v }),
  defaultCharset: (v) => new api.Verifier({ alipayPublicKey: publicKey, defaultCharset: v }),
  checkCertificates: (v) => new api.Verifier({ alipayPublicKey: publicKey, checkCertificates: v }),
  'checkCertificates.at': (v) => new api.Verifier({ alipayPublicKey: publicKey, checkCertificates: { root: publicKey, at: v } }),
  certSn: (v) => api.certSn(v),
  rootCertSn: (v) => api.rootCertSn(v),
  notifyVerifyUrl: (v, w) => api.notifyVerifyUrl(v, w),
  'notifyVerifyUrl gateway': (v) => api.notifyVerifyUrl('2088', 'id', v),
  classifyNotifyVerify: (v) => api.classifyNotifyVerify(v),
  'Notification.get': (v) => notification.get(v),
  'Notification.has': (v) => notification.has(v),
  'Notification.amountFen': (v) => notification.amountFen(v),
  'Notification.checkOrder': (v, w) => notification.checkOrder(v, w),
  checkCertificatesAt: (v) => new api.Verifier({ alipayPublicKey: publicKey, checkCertificates: publicKey, checkCertificatesAt: v }),
}
// Every option of the core's tables, by its Node name.
for (const { name } of api.optionTables().verifier) {
  ENTRY_POINTS[`option ${name}`] = (v) => new api.Verifier({ alipayPublicKey: publicKey, [name]: v })
}
for (const { name } of api.optionTables().signer) {
  ENTRY_POINTS[`sign option ${name}`] = (v) => api.sign({ a: 'b' }, { [name]: v })
}

// A small deterministic generator (mulberry32), so that a failing seed can be replayed.
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CHARS = ['a', 'Z', '0', '_', '=', '&', '%', '+', ' ', '\r', '\n', '\x1b', '\0', '\u2028', '测', '\ud800']
const LENGTHS = [0, 1, 2, 3, 1000, 2 ** 20, 2 ** 31, 2 ** 32 - 1]

function generator(seed) {
  const r = random(seed)
  const pick = (list) => list[Math.floor(r() * list.length)]
  const count = (max) => Math.floor(r() * (max + 1))
  const text = () => Array.from({ length: count(12) }, () => pick(CHARS)).join('')
  // Messages may quote a name or an answer, never a parameter value: values carry a marker.
  const secret = () => `SECRET${text()}`
  const object = (depth) => {
    const o = r() < 0.2 ? Object.create(null) : {}
    for (let i = count(4); i > 0; i--) o[text()] = r() < 0.5 ? secret() : value(depth - 1)
    if (r() < 0.1) o[Symbol(text())] = value(depth - 1)
    return o
  }
  const makers = [
    () => text(),
    () => text(),
    () => 'x'.repeat(pick([1, 70_000, 1_100_000])),
    () => pick([0, -0, 1.5, NaN, Infinity, 2 ** 53, -1]),
    () => BigInt(count(1000)),
    () => Symbol(text()),
    () => pick([true, false, null, undefined]),
    () => Buffer.from(text()),
    () => new Uint16Array(count(4)),
    () => new Date(pick([0, NaN, 8.64e15])),
    () => new Map([[text(), text()]]),
    () => new URLSearchParams(text()),
    () => sparse(pick(LENGTHS)),
    (depth) => Array.from({ length: count(3) }, () => value(depth - 1)),
    (depth) => Array.from({ length: count(3) }, () => [text(), r() < 0.5 ? secret() : value(depth - 1)]),
    (depth) => object(depth),
    (depth) => object(depth),
    () => throwingGetter(),
    (depth) => trap(r() < 0.5 ? [] : object(depth)),
    () => throwingConversions(),
    () => function named() {},
  ]
  const value = (depth = 3) => (depth <= 0 ? text() : pick(makers)(depth))
  return { value, pick }
}

const GROUPS = {
  // The case of the review: a sparse array of length 2**32-1 at every message entry point.
  sparse() {
    const huge = sparse(2 ** 32 - 1)
    return ['verifyNotify', 'verifyReturn', 'isValid(message)', 'md5 verifyNotify', 'sign params', 'signedForm params'].map(
      (name) => ({ name, ...outcome(() => ENTRY_POINTS[name](huge)) }),
    )
  },
  // The same in option lists, which napi would read into a Vec sized by the length.
  'sparse options'() {
    const huge = sparse(2 ** 32 - 1)
    return ['alipayPublicKey', 'signTypes', 'sellerId', 'diagnose appPublicKeys'].map((name) => ({
      name,
      ...outcome(() => ENTRY_POINTS[name](huge)),
    }))
  },
  'million keys'() {
    const many = millionKeys()
    return ['verifyNotify', 'sign params', 'new Verifier', 'diagnose options', 'sign options'].map((name) => ({
      name,
      ...outcome(() => ENTRY_POINTS[name](many, many)),
    }))
  },
  // Caller code that throws while an argument is read: getters, Proxy traps, conversions.
  throwing() {
    const results = []
    const values = { getter: throwingGetter, proxy: trap, 'array proxy': () => trap([]), conversions: throwingConversions }
    for (const [what, make] of Object.entries(values)) {
      for (const [name, call] of Object.entries(ENTRY_POINTS)) {
        results.push({ name: `${name} <- ${what}`, ...outcome(() => call(make(), make())) })
      }
    }
    return results
  },
  fuzz(seed) {
    const { value, pick } = generator(seed)
    const names = Object.keys(ENTRY_POINTS)
    const results = []
    for (let i = 0; i < 1500; i++) {
      const name = pick(names)
      results.push({ name: `${name} #${i}`, ...outcome(() => ENTRY_POINTS[name](value(), value())) })
    }
    return results
  },
}

if (require.main === module) {
  const [group, seed] = process.argv.slice(2)
  process.stdout.write(JSON.stringify(GROUPS[group](Number(seed))))
} else {
  module.exports = { GROUPS: Object.keys(GROUPS), script: path.join(__dirname, 'cases.js') }
}
