'use strict';
// Verdicts of npm alipay-sdk over the differential corpus (docs/compatibility.md).
//
// Usage: node run_node.js KEYS CORPUS OUT
//
// Writes one JSON line per case: {"id", "checkNotifySign": {accept, error},
// "checkNotifySignV2": {accept, error}}. The message is parsed as Express's
// express.urlencoded() hands it over: Node's querystring.parse (what body-parser runs with
// `extended: false` in Express 4; Express 5's qs gives the same objects here: UTF-8, a name
// twice becomes an array). return_url queries: the query part of the URL. The SDK is
// configured with the merchant's algorithm as `signType`.
const fs = require('node:fs');
const querystring = require('node:querystring');
const { AlipaySdk } = require('alipay-sdk');

const [keysPath, corpusPath, outPath] = process.argv.slice(2);
const keys = JSON.parse(fs.readFileSync(keysPath, 'utf8'));
const sdks = new Map();
function sdkFor(alg) {
  if (!sdks.has(alg)) {
    sdks.set(alg, new AlipaySdk({
      appId: '2021000000000001',
      privateKey: keys.app_private_pem,
      alipayPublicKey: keys.alipay_public_bare,
      // alipay-sdk knows RSA and RSA2 only: an MD5 merchant keeps the default.
      signType: alg === 'RSA' ? 'RSA' : 'RSA2',
    }));
  }
  return sdks.get(alg);
}

function verdict(fn) {
  try {
    return { accept: Boolean(fn()), error: null };
  } catch (err) {
    return { accept: false, error: err.name || 'Error' };
  }
}

const out = [];
for (const line of fs.readFileSync(corpusPath, 'utf8').split('\n')) {
  if (!line) continue;
  const c = JSON.parse(line);
  let query = c.body;
  if (c.endpoint === 'return' && query.includes('?')) query = query.slice(query.indexOf('?') + 1);
  const sdk = sdkFor(c.alg);
  // Each call gets its own parsed copy, as each request would.
  out.push(JSON.stringify({
    id: c.id,
    checkNotifySign: verdict(() => sdk.checkNotifySign(querystring.parse(query))),
    checkNotifySignV2: verdict(() => sdk.checkNotifySignV2(querystring.parse(query))),
  }));
}
fs.writeFileSync(outPath, out.join('\n') + '\n');
