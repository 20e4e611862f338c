// The Node soak driver of scripts/soak.sh: one Verifier, N verifications of a mixed corpus
// (Buffers, as a server reads them), every answer checked against the corpus's expected status,
// resident memory sampled after warm-up and at the end (each after a full collection: run with
// --expose-gc, so only what is kept is counted).
//
// It yields to the event loop every YIELD_EVERY verifications, as a server does between
// requests: Node runs the finalizers of native objects (each Notification holds its message)
// only then, so a loop that never yields keeps every Notification it made until it does
// (nodejs/node#39037, expected behaviour per the Node-API team).
//
//   node --expose-gc --min-semi-space-size=1 --max-semi-space-size=1 soak.js CORPUS PUBLIC_KEY_FILE APP_ID N WARMUP
//
// (scripts/soak.sh fixes the young generation's size: V8 grows it in steps as a program
// allocates, which the memory check is not about.)
'use strict'

const fs = require('node:fs')
const { setImmediate: nextTurn } = require('node:timers/promises')
const { Verifier, AlipayNotifyError } = require('../../node/index.js')

const [corpus, keyFile, appId, nText, warmupText] = process.argv.slice(2)
const n = Number(nText)
const warmup = Number(warmupText)
const YIELD_EVERY = 1000

const messages = fs
  .readFileSync(corpus)
  .toString('latin1')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => {
    const space = line.indexOf(' ')
    return { expected: Number(line.slice(0, space)), body: Buffer.from(line.slice(space + 1), 'latin1') }
  })
const verifier = new Verifier({ alipayPublicKey: fs.readFileSync(keyFile, 'utf8'), appId })

function verify(body) {
  try {
    // Read a field, as a handler would.
    return verifier.verifyNotify(body).outTradeNo ? 0 : -1
  } catch (err) {
    return err instanceof AlipayNotifyError ? err.status : -2
  }
}

async function rssKib() {
  global.gc()
  await nextTurn() // the finalizers of what the collection found
  global.gc()
  return Math.round(process.memoryUsage.rss() / 1024)
}

async function main() {
  let wrong = 0
  let rssWarm = 0
  let started = 0n
  let cpuStarted
  for (let i = 0; i < n; i++) {
    if (i === warmup) {
      rssWarm = await rssKib()
      started = process.hrtime.bigint()
      cpuStarted = process.cpuUsage()
    } else if (i % YIELD_EVERY === 0) {
      await nextTurn()
    }
    const { expected, body } = messages[i % messages.length]
    const got = verify(body)
    if (got !== expected && ++wrong <= 5) console.error(`message ${i % messages.length}: status ${got}, expected ${expected}`)
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const cpu = process.cpuUsage(cpuStarted)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  console.log(
    `binding=node n=${n} timed=${n - warmup} seconds=${seconds.toFixed(3)} cpu_seconds=${cpuSeconds.toFixed(3)} ` +
      `rss_warm_kib=${rssWarm} rss_end_kib=${await rssKib()} wrong=${wrong}`,
  )
  process.exitCode = wrong === 0 ? 0 : 1
}

main()
