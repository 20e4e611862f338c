// worker_threads verifying concurrently: the addon loads in every thread, and verifiers built
// from one shared key agree with the main thread's.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { Worker } = require('node:worker_threads')
const { api, alipayKeys } = require('./helpers.js')

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

function run(workerData) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'fixtures', 'verify-worker.js'), { workerData })
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

  it('a worker can be started again after others exited', async () => {
    const seen = await run({ publicKey, bodies: bodies().slice(0, 2), rounds: 1 })
    assert.deepEqual([seen.valid, seen.invalidSignature], [1, 1])
  })
})
