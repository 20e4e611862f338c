'use strict';
// The Node rows of `make bench` (bench/run.py, BENCHMARKS.md): the addon's verifyNotify next to
// what a Node merchant would otherwise run, on the corpus of bench/corpus.py.
//
//     NODE_PATH=<peers>/node_modules node harness.js DIR SECONDS [--check]
//
// Same protocol as the other harnesses: per (verifier, set), passes over the raw bodies
// (Buffers) until SECONDS of process CPU time (process.cpuUsage) are spent, then one JSON line
// {"id", "set", "n", "cpu", "accepted"}. --check makes one pass per set, no warm-up.
//
// - node/ours: new Verifier({ alipayPublicKey }).verifyNotify(buffer).
// - node/crypto.verify: hand-rolled with a KeyObject made once: querystring.parse (what
//   express.urlencoded() runs), drop sign and sign_type, sort, join the non-empty values,
//   crypto.verify('sha256', ...).
// - node/alipay-sdk: npm alipay-sdk's checkNotifySignV2 on the parsed form, as
//   tests/differential/run_node.js drives it. Not checkNotifySign: it decodes every value a
//   second time, so it rejects the corpus's URL-encoded passback_params (docs/compatibility.md,
//   `double_decoding`); V2 is the SDK's own fix for that and does the same work otherwise: the
//   key kept as a PEM string that crypto parses on every call, and a first try with sign_type
//   in the content (which fails for a V1 notification) before the one without.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const querystring = require('node:querystring');
const { Verifier } = require('../node/index.js');
const { AlipaySdk } = require('alipay-sdk');

const WARM_UP = 500;
const BATCH = 20;

const [dir, secondsArg, ...rest] = process.argv.slice(2);
const seconds = Number(secondsArg);
const check = rest.includes('--check');
const read = (name) => fs.readFileSync(path.join(dir, name));
const lines = (name) => read(name).toString('latin1').split('\n').filter(Boolean).map((l) => Buffer.from(l, 'latin1'));

function cpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

// [messages verified, CPU seconds, accepted], cycling until `seconds` are spent.
function timed(messages, verify) {
  const count = messages.length;
  if (!check) {
    for (let i = 0; i < Math.min(WARM_UP, 3 * count); i++) verify(messages[i % count]);
  }
  let n = 0;
  let accepted = 0;
  const started = cpuSeconds();
  for (;;) {
    const batch = check ? count : count === 1 ? 1 : BATCH;
    for (let j = 0; j < batch; j++) {
      if (verify(messages[n % count])) accepted++;
      n++;
    }
    const spent = cpuSeconds() - started;
    if (check || spent >= seconds) return [n, spent, accepted];
  }
}

const pem = read('public.pem').toString();
const verifier = new Verifier({ alipayPublicKey: pem });
const ours = (body) => {
  try {
    return verifier.verifyNotify(body) != null;
  } catch {
    return false;
  }
};

const key = crypto.createPublicKey(pem);
const handRolled = (body) => {
  const params = querystring.parse(body.toString());
  const sign = String(params.sign || '');
  delete params.sign;
  delete params.sign_type;
  const content = Object.keys(params)
    .sort()
    .filter((k) => params[k] !== '')
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return crypto.verify('sha256', Buffer.from(content), key, Buffer.from(sign, 'base64'));
};

const sdk = new AlipaySdk({
  appId: '2021000117600000',
  privateKey: read('app_private.pem').toString(),
  alipayPublicKey: read('public.b64').toString().trim(),
  signType: 'RSA2',
});
const alipaySdk = (body) => {
  try {
    return Boolean(sdk.checkNotifySignV2(querystring.parse(body.toString())));
  } catch {
    return false;
  }
};

const sets = {};
for (const name of ['valid', 'invalid', 'v2', 'gbk', 'hostile']) sets[name] = lines(`${name}.txt`);
const peerSets = check ? ['valid', 'invalid'] : ['valid'];
const plan = [
  ['node/ours', ours, ['valid', 'invalid', 'v2', 'gbk']],
  ['node/crypto.verify', handRolled, peerSets],
  ['node/alipay-sdk', alipaySdk, peerSets],
  ['node/ours', (body) => verifier.diagnose(body).verified, ['hostile']],
];
for (const [id, verify, names] of plan) {
  for (const set of names) {
    const [n, cpu, accepted] = timed(sets[set], verify);
    process.stdout.write(JSON.stringify({ id, set, n, cpu, accepted }) + '\n');
  }
}
