#!/usr/bin/env node
// Builds the native addon with cargo from a clone (`npm run build:cargo`), for a machine that
// has Rust (1.88+) but no napi CLI: the published packages never build on install (the addon
// comes in the platform package, see docs/install.md).
//
//   node build.js   build target/<host>/release and copy the library next to this file as
//                   alipay-notify.<platform>.node, the name binding.js loads
//
// Developers use `npm run build` (napi build), which also regenerates binding.js/binding.d.ts.
'use strict'

const { execFileSync, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const here = __dirname
const LIBRARY = 'alipay_notify_node'

function run(command, args) {
  const result = spawnSync(command, args, { cwd: here, stdio: 'inherit' })
  if (result.error) throw result.error
  if (result.status !== 0) {
    console.error(`alipay-notify: \`${command} ${args.join(' ')}\` failed`)
    process.exit(result.status || 1)
  }
}

function isMusl() {
  try {
    return fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl')
  } catch {
    const report = process.report && process.report.getReport()
    return Boolean(report && report.header && !report.header.glibcVersionRuntime)
  }
}

/** The `<platform>` in alipay-notify.<platform>.node, as binding.js's loader names it. */
function platformArchABI() {
  const { platform, arch } = process
  if (platform === 'linux') {
    const musl = isMusl()
    if (arch === 'arm') return `linux-arm-${musl ? 'musleabihf' : 'gnueabihf'}`
    return `linux-${arch}-${musl ? 'musl' : 'gnu'}`
  }
  if (platform === 'win32') return `win32-${arch}-msvc`
  if (platform === 'android') return arch === 'arm' ? 'android-arm-eabi' : `android-${arch}`
  return `${platform}-${arch}`
}

function build() {
  const rustc = spawnSync('rustc', ['-vV'], { encoding: 'utf8' })
  if (rustc.error || rustc.status !== 0) {
    console.error(
      'alipay-notify: building the native addon needs Rust 1.88 or newer (cargo and rustc); ' +
        'install it with rustup, then run this again.',
    )
    process.exit(1)
  }
  const host = /^host: (\S+)$/m.exec(rustc.stdout)[1]
  const manifest = path.join(here, 'Cargo.toml')
  // --target <host>: the directory `napi build` uses too, so the two share one build.
  run('cargo', ['build', '--release', '--locked', '--manifest-path', manifest, '--target', host])
  const metadata = JSON.parse(
    execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--manifest-path', manifest], {
      cwd: here,
      encoding: 'utf8',
    }),
  )
  const file = {
    darwin: `lib${LIBRARY}.dylib`,
    win32: `${LIBRARY}.dll`,
  }[process.platform] || `lib${LIBRARY}.so`
  const built = path.join(metadata.target_directory, host, 'release', file)
  const addon = path.join(here, `alipay-notify.${platformArchABI()}.node`)
  // A new file renamed into place: a process that has the old addon loaded keeps its copy.
  const temporary = `${addon}.${process.pid}.tmp`
  fs.copyFileSync(built, temporary)
  fs.renameSync(temporary, addon)
  console.log(`alipay-notify: built ${path.relative(process.cwd(), addon) || addon}`)
}

if (process.argv.length > 2) {
  console.error('usage: node build.js')
  process.exit(2)
}
build()
