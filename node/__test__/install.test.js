// The package installs the way users install it, into a fresh project: `npm install <folder>`
// (a clone, with the addon built in it) and `npm pack` then `npm install <tarball>` next to a
// platform package holding the addon, as npm installs the published ones. Nothing builds on
// install. (scripts/smoke-node.sh does the same with the release tarballs of `make dist`.)
'use strict'

const { describe, it, after } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const NODE_DIR = path.join(__dirname, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-notify-install-'))

function project(name) {
  const dir = path.join(scratch, name)
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }))
  return dir
}

function npmRun(args, cwd) {
  return execFileSync(npm, [...args, '--no-audit', '--no-fund'], { cwd, encoding: 'utf8', stdio: 'pipe' })
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

  it('npm install <the node folder> loads the addon built in it', () => {
    const dir = project('from-folder')
    npmRun(['install', NODE_DIR], dir)
    assert.equal(smoke(dir), require('../package.json').version)
  })

  it('npm pack: no install script, no addon; installed with its platform package, it loads', () => {
    const packed = npmRun(['pack', '--pack-destination', scratch], NODE_DIR).trim().split('\n').at(-1)
    const tarball = path.join(scratch, packed)
    assert.ok(fs.existsSync(tarball), packed)
    // The platform package of this machine, as napi create-npm-dirs lays it out, around the
    // addon `npm run build` left in node/.
    const addon = fs.readdirSync(NODE_DIR).find((f) => /^alipay-notify\.[\w-]+\.node$/.test(f))
    assert.ok(addon, 'no alipay-notify.<platform>.node in node/: run npm run build')
    const name = `alipay-notify-${addon.split('.')[1]}`
    const platform = path.join(scratch, name)
    fs.mkdirSync(platform)
    fs.copyFileSync(path.join(NODE_DIR, addon), path.join(platform, addon))
    const { version } = require('../package.json')
    fs.writeFileSync(path.join(platform, 'package.json'), JSON.stringify({ name, version, main: addon }))
    const dir = project('from-tarball')
    npmRun(['install', tarball, platform], dir)
    const installed = path.join(dir, 'node_modules', 'alipay-notify')
    assert.ok(!fs.lstatSync(installed).isSymbolicLink())
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'))
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
      assert.equal(manifest.scripts?.[script], undefined, `${script} script`)
    }
    assert.deepEqual(fs.readdirSync(installed).filter((f) => f.endsWith('.node') || f === 'rust'), [])
    assert.equal(smoke(dir), require('../package.json').version)
  })
})
