// worker_threads verifying concurrently: the addon loads in every thread, and verifiers built
// from one shared key agree with the main thread's.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { Worker } = require('node:worker_threads')
const { api, alipayKeys, answer } = require('./helpers.js')

const { publicKey, privateKey } = alipayKeys()
const WORKERS = 4
const ROUNDS = 50
const ORDERS = 20

function bodies() {
  const list = []
  for (let i = 0; i < ORDERS; i++) {
    const params = [
      ['out_trade_no', `T${1000 + i}`],
      ['total_amount', `${i}.00`],
      ['subject', `订单 ${i}`],
      ['trade_status', 'TRADE_SUCCESS'],
    ]
    const body = api.signedForm(params, { privateKey })
    list.push(body, body.replace(`total_amount=${i}.00`, `total_amount=${i}.01`))
  }
  return list
}

/** Valid V1 and V2 notifications, tampered ones, other apps', malformed and unsigned bodies. */
function mixedBodies() {
  const list = []
  for (let i = 0; i < 6; i++) {
    const rule = i % 2 === 0 ? 'v1' : 'v2'
    const params = (appId) => [
      ['app_id', appId],
      ['out_trade_no', `T${i}`],
      ['total_amount', `${i}.00`],
      ['subject', '测试商品 a+b=c&d'],
      ['trade_status', 'TRADE_SUCCESS'],
    ]
    const body = api.signedForm(params('2021000000000001'), { privateKey, rule })
    list.push(
      body,
      body.replace('TRADE_SUCCESS', 'TRADE_CLOSED'),
      body.replace('subject=', 'subject=%zz'),
      body.slice(0, body.indexOf('&sign=')),
      api.signedForm(params('2021000000000002'), { privateKey, rule }),
    )
  }
  return list
}

function run(workerData, fixture = 'verify-worker.js') {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'fixtures', fixture), { workerData })
    let result
    worker.once('message', (message) => {
      result = message
    })
    worker.once('error', reject)
    worker.once('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`worker exited with ${code}`))))
  })
}

describe('worker_threads', { timeout: 60_000 }, () => {
  it(`${WORKERS} workers and the main thread verify concurrently with one shared key`, async () => {
    const workerData = { publicKey, bodies: bodies(), rounds: ROUNDS }
    const running = Array.from({ length: WORKERS }, () => run(workerData))
    // The main thread verifies meanwhile, with its own verifier from the same key.
    const verifier = new api.Verifier({ alipayPublicKey: publicKey })
    let mainValid = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const body of workerData.bodies) if (verifier.isValid(body)) mainValid++
    }
    const results = await Promise.all(running)
    assert.equal(mainValid, ORDERS * ROUNDS)
    for (const seen of results) {
      assert.equal(seen.valid, ORDERS * ROUNDS)
      assert.equal(seen.invalidSignature, ORDERS * ROUNDS)
      assert.equal(seen.other, 0)
      assert.equal(Object.keys(seen.orders).length, ORDERS)
      for (const count of Object.values(seen.orders)) assert.equal(count, ROUNDS)
    }
  })

  it('workers answer mixed messages exactly as a sequential run', async () => {
    const options = { alipayPublicKey: publicKey, appId: '2021000000000001', rule: 'auto' }
    const mixed = mixedBodies()
    const verifier = new api.Verifier(options)
    const sequential = mixed.map((body) => answer(verifier, body))
    // Every kind of answer is in the corpus, so agreement means something.
    assert.deepEqual([...new Set(sequential.map((a) => a.status))].sort((a, b) => a - b), [0, 102, 104, 107, 200])
    // Each worker starts elsewhere in the corpus: different messages at the same time.
    const rounds = 10
    const running = Array.from({ length: WORKERS }, (_, w) =>
      run({ options, bodies: mixed, rounds, start: w * 7 }, 'answer-worker.js'),
    )
    const results = await Promise.all(running)
    for (const answers of results) {
      assert.equal(answers.length, rounds * mixed.length)
      for (const [index, got] of answers) assert.deepEqual(got, sequential[index], `message ${index}`)
    }
  })

  it('a worker can be started again after others exited', async () => {
    const seen = await run({ publicKey, bodies: bodies().slice(0, 2), rounds: 1 })
    assert.deepEqual([seen.valid, seen.invalidSignature], [1, 1])
  })
})
