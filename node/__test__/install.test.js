// The package installs the way users install it, into a fresh project: `npm install <folder>`
// (a clone) and `npm pack` then `npm install <tarball>`; the install script builds the addon.
'use strict'

const { describe, it, after } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { ROOT } = require('./helpers.js')

const NODE_DIR = path.join(__dirname, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-notify-install-'))

// The tarball builds in the repository's target directory, sharing the dependencies already
// built there: a clean build of its own would take minutes.
const env = { ...process.env, CARGO_TARGET_DIR: path.join(ROOT, 'target') }

function project(name) {
  const dir = path.join(scratch, name)
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }))
  return dir
}

function npmRun(args, cwd) {
  return execFileSync(npm, [...args, '--no-audit', '--no-fund'], { cwd, env, encoding: 'utf8', stdio: 'pipe' })
}

/** Loads the installed package in a child process and verifies one signed message. */
function smoke(dir) {
  const script = `
    const { Verifier, signedForm, VERSION } = require('alipay-notify')
    const { notifyHandler } = require('alipay-notify/express')
    const koa = require('alipay-notify/koa')
    const { notifyPlugin } = require('alipay-notify/fastify')
    const verifier = new Verifier({ md5Key: 'k' })
    const n = verifier.verifyNotify(signedForm({ out_trade_no: 'T1', total_amount: '1.00' }, { md5Key: 'k' }))
    const adapters = [notifyHandler, koa.notifyHandler, notifyPlugin]
    if (adapters.some((fn) => typeof fn !== 'function') || n.totalAmountFen !== 100) process.exit(1)
    console.log(VERSION)`
  return execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' }).trim()
}

describe('installing the package', { timeout: 600_000 }, () => {
  after(() => fs.rmSync(scratch, { recursive: true, force: true }))

  it('npm install <the node folder> builds and loads it', () => {
    const dir = project('from-folder')
    npmRun(['install', NODE_DIR], dir)
    assert.equal(smoke(dir), require('../package.json').version)
  })

  it('npm pack, then npm install <tarball>, builds and loads it', () => {
    const packed = npmRun(['pack', '--pack-destination', scratch], NODE_DIR).trim().split('\n').at(-1)
    const tarball = path.join(scratch, packed)
    assert.ok(fs.existsSync(tarball), packed)
    assert.ok(!fs.existsSync(path.join(NODE_DIR, 'rust')), 'postpack removes the copied sources')
    const dir = project('from-tarball')
    npmRun(['install', tarball], dir)
    const installed = path.join(dir, 'node_modules', 'alipay-notify')
    assert.ok(!fs.lstatSync(installed).isSymbolicLink())
    assert.ok(fs.existsSync(path.join(installed, 'rust', 'core', 'src', 'lib.rs')))
    assert.equal(smoke(dir), require('../package.json').version)
  })
})
