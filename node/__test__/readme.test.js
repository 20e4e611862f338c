// Every JavaScript sample of node/README.md (the npm page) and of the repository's README, run
// as a merchant would run it: against a signed notification for the order, one for another
// amount and a forged one; the Express samples on a real server (127.0.0.1, a free port). A
// `<!-- sample: NAME -->` line before a block names what it is.
'use strict'

const { describe, it, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const http = require('node:http')
const os = require('node:os')
const path = require('node:path')
const vm = require('node:vm')
const { api, ROOT, alipayKeys } = require('./helpers.js')

const READMES = ['node/README.md', 'README.md']
// koa and fastify: run by readme-frameworks.test.js, with the TypeScript samples (nestjs, nextjs).
const MARKERS = ['notify-function', 'express', 'ledger', 'koa', 'fastify']

/** The ```js blocks of a README: `{ readme, line, marker, code }`. */
function samples(readme) {
  const lines = fs.readFileSync(path.join(ROOT, readme), 'utf8').split('\n')
  const found = []
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)/.exec(lines[i])
    if (!fence) continue
    const marker = /^<!-- sample: (\S+) -->$/.exec((lines[i - 1] || '').trim())
    const start = i + 1
    for (i = start; i < lines.length && !lines[i].startsWith('```'); i++);
    if (fence[1] === 'js') {
      found.push({ readme, line: start + 1, marker: marker && marker[1], code: lines.slice(start, i).join('\n') })
    }
  }
  return found
}

/** The samples' require(): the package's own names resolve to this checkout. */
function sampleRequire(name) {
  if (name === 'alipay-notify') return require('../index.js')
  if (name === 'alipay-notify/express') return require('../express.js')
  if (name === 'alipay-notify/ledger') return require('../ledger/index.js')
  return require(name)
}

/** Runs a sample with the placeholders it uses and returns the bindings named in `names`. */
function run(sample, placeholders, names) {
  const params = ['require', ...Object.keys(placeholders)]
  const body = `${sample.code}\nreturn { ${names.join(', ')} }`
  const fn = vm.compileFunction(body, params, { filename: sample.readme, lineOffset: sample.line - 1 })
  return fn(sampleRequire, ...Object.values(placeholders))
}

/** A console that keeps what the samples log out of the test output. */
function quietConsole(lines) {
  const log = (...args) => lines.push(args.join(' '))
  return { log, info: log, warn: log, error: log }
}

const keys = alipayKeys()
const PARAMS = {
  notify_type: 'trade_status_sync',
  notify_id: '2024010200222102031000591437250001',
  app_id: '2021000000000000',
  charset: 'utf-8',
  version: '1.0',
  trade_no: '2024010222001446880500001234',
  out_trade_no: 'T1001',
  subject: '测试商品',
  total_amount: '88.00',
  trade_status: 'TRADE_SUCCESS',
}
const PAID = api.signedForm(PARAMS, { privateKey: keys.privateKey })
const NOTIFICATIONS = {
  'the order': PAID,
  'another amount': api.signedForm({ ...PARAMS, total_amount: '8.80' }, { privateKey: keys.privateKey }),
  'forged amount': PAID.replace('total_amount=88.00', 'total_amount=0.01'),
}
const EXPECTED = [
  'the order: success',
  'another amount: fail',
  'forged amount: fail',
  'paid T1001 2024010222001446880500001234',
]

/** The notify() of a sample on each notification, and what it marked paid. */
function answersOf(sample) {
  const paid = []
  const orders = {
    find: (no) => (no === 'T1001' ? { outTradeNo: 'T1001', totalAmount: '88.00' } : undefined),
    markPaid: (order, tradeNo) => paid.push(`paid ${order.outTradeNo} ${tradeNo}`),
  }
  const { notify } = run(sample, { orders, console: quietConsole([]) }, ['notify'])
  return [...Object.entries(NOTIFICATIONS).map(([name, body]) => `${name}: ${notify(Buffer.from(body))}`), ...paid]
}

/** Whether an Express sample also serves return_url (the README's one-screen sample does not). */
function hasReturnRoute(sample) {
  return sample.code.includes("'/alipay/return'")
}

/** The Express app of a sample on a real server: the answers to each notification and to a
 * return_url redirect, genuine and tampered. */
async function expressAnswers(sample) {
  const paid = []
  const Orders = {
    find: async (no) => (no === 'T1001' ? { outTradeNo: 'T1001', totalAmount: '88.00' } : undefined),
    markPaidOnce: async (no, tradeNo) => paid.push(`paid ${no} ${tradeNo}`),
  }
  const { app } = run(sample, { Orders }, ['app'])
  const server = http.createServer(app)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  const stderr = process.stderr.write
  // notifyHandler's default onError reports each rejection on stderr.
  process.stderr.write = () => true
  try {
    const answers = []
    for (const [name, body] of Object.entries(NOTIFICATIONS)) {
      const response = await fetch(`${base}/alipay/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      answers.push(`${name}: ${await response.text()}`)
    }
    const returns = hasReturnRoute(sample)
      ? [
          ['return_url', PAID],
          ['tampered return_url', PAID.replace('T1001', 'T1002')],
        ]
      : []
    for (const [name, query] of returns) {
      const response = await fetch(`${base}/alipay/return?${query}`, { signal: AbortSignal.timeout(10_000) })
      const text = await response.text()
      answers.push(`${name}: ${response.status}${response.ok ? ` ${text}` : ''}`)
    }
    return [...answers, ...paid]
  } finally {
    process.stderr.write = stderr
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

/** The ledger sample on a real server: the answers, the order, and the ledger's rows. */
async function ledgerAnswers(sample) {
  const { app, db, ledger } = run(sample, {}, ['app', 'db', 'ledger'])
  db.prepare("INSERT INTO orders (out_trade_no, total_amount) VALUES ('T1001', '88.00')").run()
  const server = http.createServer(app)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  const stderr = process.stderr.write
  process.stderr.write = () => true
  try {
    const answers = []
    // The amount check runs in the callback, for the delivery that applies the transition: a
    // copy for another amount after the order is paid is a recorded duplicate.
    const deliveries = [
      ['another amount', NOTIFICATIONS['another amount']],
      ['forged amount', NOTIFICATIONS['forged amount']],
      ['the order', PAID],
      ['the order again', PAID],
      ['another amount, once paid', NOTIFICATIONS['another amount']],
    ]
    for (const [name, body] of deliveries) {
      const response = await fetch(`${base}/alipay/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
      answers.push(`${name}: ${await response.text()}`)
    }
    const order = db.prepare('SELECT status, trade_no FROM orders').get()
    answers.push(`order ${order.status} ${order.trade_no}`)
    for (const row of db.prepare('SELECT * FROM alipay_notify_ledger ORDER BY id').all()) {
      answers.push(`row ${row.verdict} ${row.transition} ${row.changed_order} ${row.error_name} ${row.reply}`)
    }
    return answers
  } finally {
    process.stderr.write = stderr
    await new Promise((resolve) => server.close(resolve))
    ledger.close()
    db.close()
  }
}

describe('README samples', () => {
  const cwd = process.cwd()
  let dir
  before(() => {
    // The samples read alipay_public_key.txt from the working directory.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-notify-readme-'))
    fs.writeFileSync(path.join(dir, 'alipay_public_key.txt'), keys.publicKey)
    process.chdir(dir)
  })
  after(() => {
    process.chdir(cwd)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('each README has JavaScript samples, and each sample a test', () => {
    for (const readme of READMES) {
      const found = samples(readme)
      assert.ok(found.length > 0, `${readme} has no JavaScript sample`)
      for (const sample of found) {
        assert.ok(MARKERS.includes(sample.marker), `${readme}:${sample.line}: no test for the marker ${sample.marker}`)
      }
    }
    assert.deepEqual(new Set(samples('node/README.md').map((s) => s.marker)), new Set(MARKERS))
  })

  for (const sample of READMES.flatMap(samples)) {
    const name = `${sample.readme}:${sample.line} (${sample.marker})`
    if (sample.marker === 'notify-function') {
      it(`${name} answers success only for the order`, () => {
        assert.deepEqual(answersOf(sample), EXPECTED)
      })
    } else if (sample.marker === 'ledger') {
      it(`${name} applies the order once, records every delivery`, async () => {
        assert.deepEqual(await ledgerAnswers(sample), [
          'another amount: fail',
          'forged amount: fail',
          'the order: success',
          'the order again: success',
          'another amount, once paid: success',
          'order paid 2024010222001446880500001234',
          'row verified null 0 AMOUNT_MISMATCH fail',
          'row rejected null 0 INVALID_SIGNATURE fail',
          'row verified PAID 1 null success',
          'row verified null 0 null success',
          'row verified null 0 null success',
        ])
      })
    } else if (sample.marker === 'express') {
      it(`${name} answers success only for the order, on a real server`, async () => {
        const returns = hasReturnRoute(sample)
          ? ['return_url: 200 Order T1001: payment received, confirming.', 'tampered return_url: 500']
          : []
        assert.deepEqual(await expressAnswers(sample), [
          'the order: success',
          'another amount: fail',
          'forged amount: fail',
          ...returns,
          'paid T1001 2024010222001446880500001234',
        ])
      })
    }
  }

  it('fails a sample that breaks', () => {
    const sample = samples('node/README.md').find((s) => s.marker === 'notify-function')
    // Without the order check, the cheaper notification would be answered "success".
    const broken = { ...sample, code: sample.code.replace(/\n.*checkOrder\(.*/, '') }
    assert.notEqual(broken.code, sample.code)
    assert.notDeepEqual(answersOf(broken), EXPECTED)
  })
})
