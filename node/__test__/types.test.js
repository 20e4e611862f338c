// The TypeScript declarations (index.d.ts, express.d.ts, koa.d.ts, fastify.d.ts, the generated
// binding.d.ts) checked by compiling typed usage examples (typed/usage.ts, typed/frameworks.ts)
// with tsc, and the compiled examples run.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')
const { VECTORS } = require('./helpers.js')

const TYPED = path.join(__dirname, 'typed')

describe('TypeScript declarations', { timeout: 120_000 }, () => {
  it('compile the typed usage example (tsc --strict)', () => {
    const tsc = require.resolve('typescript/bin/tsc')
    try {
      execFileSync(process.execPath, [tsc, '-p', TYPED], { encoding: 'utf8', stdio: 'pipe' })
    } catch (err) {
      assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`)
    }
  })

  it('match what the compiled example does at run time', () => {
    const out = execFileSync(process.execPath, [path.join(TYPED, 'build', 'usage.js')], {
      encoding: 'utf8',
      env: { ...process.env, ALIPAY_NOTIFY_VECTORS: VECTORS },
    })
    assert.match(out, /typed usage: ok/)
  })

  it('match what the compiled framework example does at run time', () => {
    const out = execFileSync(process.execPath, [path.join(TYPED, 'build', 'frameworks.js')], {
      encoding: 'utf8',
      env: { ...process.env, ALIPAY_NOTIFY_VECTORS: VECTORS },
    })
    assert.match(out, /typed frameworks: ok/)
  })
})
