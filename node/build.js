#!/usr/bin/env node
// Builds the native addon with cargo. It is the package's `install` script, so
// `npm install ./node` (a clone) and `npm install alipay-notify-0.1.0.tgz` (from `npm pack`)
// both build it on a machine with Rust (1.88+); nothing is downloaded but crates.
//
//   node build.js           build target/<host>/release and copy the library next to this file
//                           as alipay-notify.<platform>.node, the name binding.js loads
//   node build.js --pack    (prepack) copy the Rust sources into rust/, a workspace of its own,
//                           so the tarball builds without the repository around it
//   node build.js --unpack  (postpack) remove rust/ again
//
// Developers use `npm run build` (napi build), which also regenerates binding.js/binding.d.ts.
'use strict'

const { execFileSync, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const here = __dirname
const packaged = path.join(here, 'rust')
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
        'install it with rustup, then install this package again.',
    )
    process.exit(1)
  }
  const host = /^host: (\S+)$/m.exec(rustc.stdout)[1]
  const fromTarball = fs.existsSync(path.join(packaged, 'Cargo.toml'))
  const manifest = fromTarball
    ? path.join(packaged, 'node', 'Cargo.toml')
    : path.join(here, 'Cargo.toml')
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
  // An installed tarball keeps only the addon: its build tree is hundreds of megabytes.
  if (fromTarball && !process.env.CARGO_TARGET_DIR) {
    fs.rmSync(path.join(packaged, 'target'), { recursive: true, force: true })
  }
}

function copyTree(from, to) {
  fs.cpSync(from, to, { recursive: true })
}

function pack() {
  const root = path.join(here, '..')
  unpack()
  let workspace = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')
  const members = /^members = \[.*\]$/m
  const defaults = /^default-members = \[.*\]$/m
  if (!members.test(workspace) || !defaults.test(workspace)) {
    throw new Error('build.js --pack: the root Cargo.toml has no one-line members/default-members')
  }
  workspace = workspace
    .replace(members, 'members = ["core", "node"]')
    .replace(defaults, 'default-members = ["node"]')
  fs.mkdirSync(path.join(packaged, 'core'), { recursive: true })
  fs.writeFileSync(
    path.join(packaged, 'Cargo.toml'),
    '# Written by `npm pack` (node/build.js --pack) from the repository\'s Cargo.toml.\n' + workspace,
  )
  fs.copyFileSync(path.join(root, 'Cargo.lock'), path.join(packaged, 'Cargo.lock'))
  // README.md is the core crate's documentation (include_str!): it is needed to compile.
  for (const file of ['Cargo.toml', 'README.md']) {
    fs.copyFileSync(path.join(root, 'core', file), path.join(packaged, 'core', file))
  }
  for (const dir of ['src', 'benches']) {
    copyTree(path.join(root, 'core', dir), path.join(packaged, 'core', dir))
  }
  fs.mkdirSync(path.join(packaged, 'node'))
  for (const file of ['Cargo.toml', 'build.rs']) {
    fs.copyFileSync(path.join(here, file), path.join(packaged, 'node', file))
  }
  copyTree(path.join(here, 'src'), path.join(packaged, 'node', 'src'))
  // Drops the lock entries of the crates left behind (CLI, C, Python), keeping every version,
  // so that `cargo build --locked` accepts it.
  execFileSync('cargo', ['metadata', '--format-version', '1', '--manifest-path', path.join(packaged, 'Cargo.toml')], {
    stdio: 'ignore',
  })
}

function unpack() {
  fs.rmSync(packaged, { recursive: true, force: true })
}

const mode = process.argv[2]
if (mode === '--pack') pack()
else if (mode === '--unpack') unpack()
else if (mode === undefined) build()
else {
  console.error(`usage: node build.js [--pack | --unpack]`)
  process.exit(2)
}
