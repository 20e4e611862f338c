// The Koa, Fastify, NestJS and Next.js samples of node/README.md, run as a merchant would run
// them: Koa, Fastify and NestJS (the real frameworks) on a real server (127.0.0.1, a free
// port); the Next.js route handler called with Node's standard Request, as Next.js calls it.
// The TypeScript samples are compiled with the typescript package first. Each gets the same
// deliveries: the order in UTF-8 and in GBK (`charset=GBK`), another amount, a forged amount,
// an unknown order, and an order whose store is down.
'use strict'

const { describe, it, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const http = require('node:http')
const os = require('node:os')
const path = require('node:path')
const vm = require('node:vm')
const ts = require('typescript')
const f = require('./frameworks.js')
const { ROOT } = require('./helpers.js')

const README = 'node/README.md'

/** The samples of the README by marker: `{ marker, lang, line, code }`. */
function samples() {
  const lines = fs.readFileSync(path.join(ROOT, README), 'utf8').split('\n')
  const found = new Map()
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!-- sample: (\S+) -->$/.exec(lines[i].trim())
    const fence = marker && /^```(js|ts)$/.exec(lines[i + 1] || '')
    if (!fence) continue
    const start = i + 2
    let end = start
    while (end < lines.length && !lines[end].startsWith('```')) end++
    found.set(marker[1], { marker: marker[1], lang: fence[1], line: start + 1, code: lines.slice(start, end).join('\n') })
  }
  return found
}

/** TypeScript to CommonJS, with the decorators Nest's samples use. */
function compile(sample) {
  if (sample.lang === 'js') return sample.code
  const { outputText, diagnostics } = ts.transpileModule(sample.code, {
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  })
  assert.deepEqual(diagnostics, [], `${README}:${sample.line}: the sample does not compile`)
  return outputText
}

/** The samples' require(): the package's own names resolve to this checkout. */
function sampleRequire(overrides) {
  return (name) => {
    if (name in overrides) return overrides[name]
    return require(name)
  }
}

/**
 * Runs a sample with `Orders` (the merchant's store, which records what it marked paid) and
 * returns `{ exports, bindings, paid }`; `names` are the top-level bindings to return.
 */
function run(sample, { names = [], overrides = {}, code = compile(sample) } = {}) {
  const paid = []
  const Orders = {
    find: async (no) => {
      if (no === 'T-DOWN') throw new Error('the order store is down')
      return no === 'T1001' || no === 'T-DOWN' ? { outTradeNo: no, totalAmount: '88.00' } : undefined
    },
    markPaidOnce: async (no, tradeNo) => paid.push(`paid ${no} ${/^2024\d+$/.test(tradeNo)}`),
  }
  const module = { exports: {} }
  const quiet = { ...console, warn: () => {}, error: () => {}, log: () => {} }
  const body = `${code}\nreturn { ${names.join(', ')} }`
  const params = ['require', 'module', 'exports', 'Orders', 'console']
  const fn = vm.compileFunction(body, params, { filename: README, lineOffset: sample.line - 1 })
  const bindings = fn(sampleRequire(overrides), module, module.exports, Orders, quiet)
  return { exports: module.exports, bindings, paid }
}

const DELIVERIES = [
  ['the order', f.bodies.utf8, f.FORM],
  ['the order in GBK', f.bodies.gbk, `${f.FORM}; charset=GBK`],
  ['another amount', f.signed({ total_amount: '8.80' }), f.FORM],
  ['forged amount', f.bodies.forged, f.FORM],
  ['an unknown order', f.signed({ out_trade_no: 'T1002' }), f.FORM],
  ['the store is down', f.signed({ out_trade_no: 'T-DOWN' }), f.FORM],
]
const EXPECTED = [
  'the order: 200 success',
  'the order in GBK: 200 success',
  'another amount: 200 fail',
  'forged amount: 200 fail',
  'an unknown order: 200 fail',
  'the store is down: 200 fail',
  'paid T1001 true',
  'paid T1001 true',
]
/** The deliveries' answers, then the return_url page's (genuine, tampered), then the orders. */
const EXPECTED_WITH_RETURNS = [
  ...EXPECTED.slice(0, 6),
  'return_url: 200 Order T1001: payment received, confirming.',
  'tampered return_url: 400',
  ...EXPECTED.slice(6),
]

/** POSTs every delivery to `url`; the answers, each `name: status text` (text/plain only). */
async function deliver(url) {
  const answers = []
  for (const [name, body, type] of DELIVERIES) {
    const reply = await f.post(url, body, type)
    const text = reply.type === 'text/plain; charset=utf-8' ? reply.text : `(${reply.type}) ${reply.text}`
    answers.push(`${name}: ${reply.status} ${text}`)
  }
  return answers
}

/** The return_url answers of a server: a genuine redirect and a tampered one. */
async function returns(base) {
  const query = f.returnQuery()
  const genuine = await f.get(`${base}/alipay/return?${query}`)
  const tampered = await f.get(`${base}/alipay/return?${query.replace('T1001', 'T1002')}`)
  return [`return_url: ${genuine.status} ${genuine.text}`, `tampered return_url: ${tampered.status}`]
}

/** Runs `fn` without the adapters' default onError lines on stderr. */
async function quietly(fn) {
  const write = process.stderr.write
  process.stderr.write = () => true
  try {
    return await fn()
  } finally {
    process.stderr.write = write
  }
}

async function listen(handler) {
  const server = http.createServer(handler)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}

describe('README framework samples', { timeout: 120_000 }, () => {
  const found = samples()
  const cwd = process.cwd()
  let dir
  before(() => {
    // The samples read alipay_public_key.txt from the working directory.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-notify-readme-'))
    fs.writeFileSync(path.join(dir, 'alipay_public_key.txt'), f.alipay.publicKey)
    process.chdir(dir)
  })
  after(() => {
    process.chdir(cwd)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('the README has each framework sample', () => {
    assert.deepEqual(
      ['koa', 'fastify', 'nestjs', 'nextjs'].map((marker) => found.get(marker)?.lang),
      ['js', 'js', 'ts', 'ts'],
    )
  })

  it('koa: answers success only for the order, on a real Koa server', async () => {
    const { bindings, paid } = run(found.get('koa'), { names: ['app'] })
    const server = await listen(bindings.app.callback())
    try {
      const answers = await quietly(async () => [
        ...(await deliver(`${server.base}/alipay/notify`)),
        ...(await returns(server.base)),
      ])
      assert.deepEqual([...answers, ...paid], EXPECTED_WITH_RETURNS)
    } finally {
      await server.close()
    }
  })

  it('fastify: answers success only for the order, on a real Fastify server', async () => {
    const { bindings, paid } = run(found.get('fastify'), { names: ['app'] })
    const { app } = bindings
    await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const base = `http://127.0.0.1:${app.server.address().port}`
      const answers = await quietly(async () => [...(await deliver(`${base}/alipay/notify`)), ...(await returns(base))])
      assert.deepEqual([...answers, ...paid], EXPECTED_WITH_RETURNS)
    } finally {
      await app.close()
    }
  })

  /**
   * Runs the NestJS sample (its own bootstrap()) with the real @nestjs/core, whose
   * `NestFactory.create` is watched to learn the app, silence its logger and bind its HTTP
   * server to 127.0.0.1 and a free port whatever port the sample asks for.
   */
  async function nest(code) {
    const core = require('@nestjs/core')
    let listening
    const ready = new Promise((resolve) => { listening = resolve })
    const NestFactory = {
      create: async (module, options) => {
        const app = await core.NestFactory.create(module, { ...options, logger: false })
        const server = app.getHttpServer()
        const listen = server.listen
        server.listen = function (port, ...rest) {
          return listen.call(this, 0, '127.0.0.1', rest.find((arg) => typeof arg === 'function'))
        }
        server.once('listening', () => listening(app))
        return app
      },
    }
    const { paid } = run(found.get('nestjs'), { code, overrides: { '@nestjs/core': { ...core, NestFactory } } })
    const app = await ready
    return { app, paid, base: `http://127.0.0.1:${app.getHttpServer().address().port}` }
  }

  it('nestjs: rawBody and the raw parser for GBK; success only for the order', async () => {
    const { app, paid, base } = await nest(compile(found.get('nestjs')))
    try {
      assert.deepEqual([...(await deliver(`${base}/alipay/notify`)), ...paid], EXPECTED)
      // Over maxSize: Nest's 413, before the controller.
      const reply = await f.post(`${base}/alipay/notify`, f.oversized)
      assert.equal(reply.status, 413)
      assert.equal(paid.length, 2)
    } finally {
      await app.close()
    }
  })

  it('nestjs: without the raw parser line, rawBody alone serves UTF-8 and Nest answers 415 to GBK', async () => {
    const code = compile(found.get('nestjs'))
    const without = code.replace(/\n.*app\.use\('\/alipay\/notify', .*/, '')
    assert.notEqual(without, code)
    const { app, base } = await nest(without)
    try {
      const answers = await deliver(`${base}/alipay/notify`)
      assert.equal(answers[0], 'the order: 200 success')
      assert.match(answers[1], /^the order in GBK: 415 \(application\/json; charset=utf-8\) .*unsupported charset/)
    } finally {
      await app.close()
    }
  })

  it('nextjs: the route handler answers success only for the order (Request -> Response)', async () => {
    const { exports, paid } = run(found.get('nextjs'))
    assert.equal(exports.runtime, 'nodejs')
    const answers = []
    const call = async (body, type, headers = {}) => {
      const request = new Request('https://shop.example/alipay/notify', {
        method: 'POST',
        headers: { 'content-type': type, ...headers },
        body,
      })
      const response = await exports.POST(request)
      assert.ok(response instanceof Response)
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8')
      return `${response.status} ${await response.text()}`
    }
    for (const [name, body, type] of DELIVERIES) answers.push(`${name}: ${await call(body, type)}`)
    assert.deepEqual([...answers, ...paid], EXPECTED)
    // A declared length over maxSize is refused before the body is read.
    const oversized = await call(f.oversized, f.FORM, { 'content-length': String(Buffer.byteLength(f.oversized)) })
    assert.equal(oversized, '200 fail')
    assert.equal(paid.length, 2)
  })
})
