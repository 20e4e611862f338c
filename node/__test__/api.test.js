// The JavaScript API around the core: inputs, Notification getters, isValid, responses,
// signing, certificates and constants.
'use strict'

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const util = require('node:util')
const { api, ROOT, VECTORS, vector, verifierOptions, alipayKeys } = require('./helpers.js')

const { Verifier, Notification, VerifiedResponse, AlipayNotifyError } = api
const { publicKey, privateKey } = alipayKeys()
const verifier = new Verifier({ alipayPublicKey: publicKey })

const PARAMS = [
  ['notify_time', '2024-01-02 10:20:31'],
  ['notify_type', 'trade_status_sync'],
  ['notify_id', 'ac05099524730693a8b330c5ecf72da9786'],
  ['app_id', '2021000000000000'],
  ['charset', 'utf-8'],
  ['version', '1.0'],
  ['trade_no', '2024010222001446880500000001'],
  ['out_trade_no', 'T1001'],
  ['seller_id', '2088000000000001'],
  ['trade_status', 'TRADE_SUCCESS'],
  ['total_amount', '88.00'],
  ['receipt_amount', '87.5'],
  ['subject', '测试商品 & more+plus'],
  ['gmt_create', '2024-01-02 10:20:28'],
  ['gmt_payment', '2024-01-02 10:20:30'],
  ['fund_bill_list', '[{"amount":"88.00","fundChannel":"ALIPAYACCOUNT"}]'],
  ['passback_params', 'a%3Db'],
  ['buyer_id', ''],
]
const BODY = api.signedForm(PARAMS, { privateKey })

describe('inputs', () => {
  it('Buffer, Uint8Array, string, object and pairs verify alike', () => {
    const expected = verifier.verifyNotify(Buffer.from(BODY)).toJSON()
    const parsed = Object.fromEntries(new URLSearchParams(BODY))
    for (const body of [BODY, new Uint8Array(Buffer.from(BODY)), parsed, Object.entries(parsed)]) {
      assert.deepEqual(verifier.verifyNotify(body).toJSON(), expected)
    }
  })

  it('object values that are not strings are refused', () => {
    const parsed = Object.fromEntries(new URLSearchParams(BODY))
    for (const bad of [['88.00', '0.01'], { amount: '88.00' }, 88, null, undefined, true]) {
      assert.throws(
        () => verifier.verifyNotify({ ...parsed, total_amount: bad }),
        (err) => err instanceof AlipayNotifyError && err.code === 'MALFORMED_INPUT' && /total_amount/.test(err.message),
      )
    }
    assert.throws(() => verifier.verifyNotify([['a', 'b', 'c']]), { code: 'MALFORMED_INPUT' })
    assert.throws(() => verifier.verifyNotify([['a', 1]]), { code: 'MALFORMED_INPUT' })
  })

  it('parsed parameters of a GBK message are refused: its raw body is needed', () => {
    const gbk = api.signedForm([...PARAMS.filter(([name]) => name !== 'charset'), ['charset', 'GBK']], { privateKey })
    assert.equal(verifier.verifyNotify(gbk).get('subject'), '测试商品 & more+plus')
    const parsed = { ...Object.fromEntries(new URLSearchParams(BODY)), charset: 'GBK' }
    assert.throws(() => verifier.verifyNotify(parsed), { code: 'UNSUPPORTED_CHARSET' })
  })

  it('return_url: a query with or without ?, or a whole URL', () => {
    const query = api.signedForm([['out_trade_no', 'T1001'], ['total_amount', '88.00'], ['app_id', '2021']], { privateKey })
    for (const form of [query, `?${query}`, `https://shop.example/alipay/return?${query}`]) {
      const n = verifier.verifyReturn(form)
      assert.equal(n.kind, 'return')
      assert.equal(n.outTradeNo, 'T1001')
      assert.equal(n.tradeStatus, null)
      assert.equal(n.isPaid, false)
    }
  })
})

describe('Notification', () => {
  const n = verifier.verifyNotify(BODY)

  it('is a Notification of exactly the signed parameters, in order', () => {
    assert.ok(n instanceof Notification)
    assert.equal(n.get('sign'), null)
    assert.equal(n.get('sign_type'), null)
    assert.equal(n.has('sign'), false)
    assert.equal(n.get('buyer_id'), null, 'empty values are not signed')
    assert.equal(n.get('nothing'), null)
    const signed = PARAMS.filter(([, value]) => value !== '')
    assert.deepEqual(n.entries(), signed)
    assert.equal(n.size, signed.length)
    assert.deepEqual(Object.keys(n.toJSON()), signed.map(([name]) => name))
    assert.equal(JSON.stringify(n), JSON.stringify(Object.fromEntries(signed)))
    assert.match(util.inspect(n), /^Notification \{.*out_trade_no: 'T1001'/s)
  })

  it('has typed getters', () => {
    assert.equal(n.tradeStatus, 'TRADE_SUCCESS')
    assert.equal(n.isPaid, true)
    assert.equal(n.totalAmount, '88.00')
    assert.equal(n.totalAmountFen, 8800)
    assert.equal(n.amountFen('receipt_amount'), 8750)
    assert.equal(n.amountFen('refund_fee'), null)
    assert.equal(n.outTradeNo, 'T1001')
    assert.equal(n.tradeNo, '2024010222001446880500000001')
    assert.equal(n.appId, '2021000000000000')
    assert.equal(n.sellerId, '2088000000000001')
    assert.equal(n.notifyId, 'ac05099524730693a8b330c5ecf72da9786')
    assert.equal(n.notifyType, 'trade_status_sync')
    assert.equal(n.subject, '测试商品 & more+plus')
    assert.equal(n.passbackParams, 'a%3Db')
    assert.equal(n.buyerId, null)
    assert.deepEqual(n.fundBillList, [{ amount: '88.00', fundChannel: 'ALIPAYACCOUNT' }])
  })

  it('reads times as +08:00 Dates', () => {
    assert.ok(n.notifyTime instanceof Date)
    assert.equal(n.notifyTime.toISOString(), '2024-01-02T02:20:31.000Z')
    assert.equal(n.gmtCreate.toISOString(), '2024-01-02T02:20:28.000Z')
    assert.equal(n.gmtPayment.toISOString(), '2024-01-02T02:20:30.000Z')
    assert.equal(n.gmtRefund, null)
    assert.equal(n.gmtClose, null)
  })

  it('says how it verified', () => {
    assert.deepEqual(n.verification, {
      kind: 'notify',
      rule: 'v1',
      emptyValues: 'skipped',
      signType: 'RSA2',
      charset: 'utf-8',
      keyIndex: 0,
      keyFingerprint: verifier.keyFingerprints[0],
    })
    assert.equal(n.kind, 'notify')
  })

  it('checkOrder compares the order number and the amount in fen', () => {
    n.checkOrder('T1001', '88.00')
    n.checkOrder('T1001', '88')
    assert.throws(() => n.checkOrder('T1001', '88.001'), { code: 'INVALID_AMOUNT' })
    assert.throws(() => n.checkOrder('T1001', '88.01'), { code: 'AMOUNT_MISMATCH' })
    assert.throws(() => n.checkOrder('t1001', '88.00'), { code: 'ORDER_MISMATCH' })
  })

  it('a malformed signed amount or time throws from its getter', () => {
    const odd = verifier.verifyNotify(
      api.signedForm([['total_amount', '1e3'], ['notify_time', '2024-02-30 00:00:00']], { privateKey }),
    )
    assert.equal(odd.totalAmount, '1e3')
    assert.throws(() => odd.totalAmountFen, { name: 'AlipayNotifyError', code: 'INVALID_AMOUNT' })
    assert.throws(() => odd.notifyTime, { code: 'MALFORMED_INPUT' })
  })

  it('legacy mapi messages: totalAmount is total_fee', () => {
    const legacy = new Verifier({ md5Key: 'partner-key' }).verifyNotify(
      api.signedForm([['out_trade_no', 'T1'], ['total_fee', '0.01'], ['trade_status', 'TRADE_FINISHED']], {
        md5Key: 'partner-key',
      }),
    )
    assert.equal(legacy.totalAmount, '0.01')
    assert.equal(legacy.totalAmountFen, 1)
    assert.equal(legacy.isPaid, true)
    assert.equal(legacy.verification.signType, 'MD5')
    assert.equal(legacy.verification.keyIndex, undefined)
  })
})

describe('Verifier', () => {
  it('isValid is false only for a bad signature', () => {
    assert.equal(verifier.isValid(BODY), true)
    assert.equal(verifier.isValid(BODY.replace('T1001', 'T1002')), false)
    assert.throws(() => verifier.isValid('out_trade_no=T1'), { code: 'MISSING_SIGNATURE' })
    const strict = new Verifier({ alipayPublicKey: publicKey, appId: '2021999999999999' })
    assert.throws(() => strict.isValid(BODY), { code: 'APP_ID_MISMATCH' })
    assert.equal(verifier.isValid(BODY, 'return'), true)
    assert.throws(() => verifier.isValid(BODY, 'refund'), { code: 'INVALID_CONFIG' })
  })

  it('takes keys as strings, Buffers and arrays (rotation), and reports its configuration', () => {
    const other = fs.readFileSync(path.join(VECTORS, 'keys', 'alipay_b.key.pem'))
    const { keys } = vector('notify-basic-rsa2')
    const rotating = new Verifier({ alipayPublicKey: [keys.alipay_b, Buffer.from(publicKey)], signTypes: ['RSA2', 'RSA'] })
    assert.equal(rotating.verifyNotify(BODY).verification.keyIndex, 1)
    assert.equal(rotating.keyFingerprints.length, 2)
    assert.deepEqual(rotating.signTypes, ['RSA2', 'RSA'])
    assert.equal(rotating.maxSize, 65536)
    assert.equal(new Verifier({ md5Key: 'k', maxSize: 1024 }).maxSize, 1024)
    assert.throws(() => new Verifier({ alipayPublicKey: other }), { code: 'INVALID_KEY' }, 'a private key')
    assert.throws(() => new Verifier({ alipayPublicKey: Buffer.from([0xff, 0xfe]) }), { code: 'INVALID_KEY' })
  })

  it('verifies signed API responses', () => {
    const { keys, vector: v } = vector('responses-trade-query')
    const response = new Verifier(verifierOptions(keys, v)).verifyResponse(Buffer.from(v.input), 'alipay.trade.query')
    assert.ok(response instanceof VerifiedResponse)
    assert.equal(response.method, 'alipay.trade.query')
    assert.equal(response.node, 'alipay_trade_query_response')
    assert.equal(response.isSuccess, true)
    assert.equal(response.isErrorResponse, false)
    assert.equal(response.code, '10000')
    assert.equal(response.subCode, null)
    assert.equal(response.signType, 'RSA2')
    assert.equal(response.keyIndex, 0)
    assert.deepEqual(response.value, v.response_out)
    assert.equal(JSON.parse(response.signedContent).out_trade_no, v.response_out.out_trade_no)
    assert.match(util.inspect(response), /^VerifiedResponse\(alipay\.trade\.query\)/)
  })

  it('diagnose checks its options', () => {
    assert.throws(() => verifier.diagnose(BODY, { kind: 'refund' }), { code: 'INVALID_CONFIG' })
    assert.throws(() => verifier.diagnose(BODY, { appPublicKey: publicKey }), /unknown option "appPublicKey"/)
    const diagnosis = verifier.diagnose(BODY.replace('%26', '&amp;'), { kind: 'notify' })
    assert.equal(diagnosis.verified, false)
    assert.equal(diagnosis.error.code, 'INVALID_SIGNATURE')
    assert.match(diagnosis.contentSha256, /^[0-9a-f]{64}$/)
    assert.equal(diagnosis.searchCapped, false)
  })

  it('diagnose bounds its search and escapes control characters', () => {
    // Hundreds of parameters up to the 64 KiB limit (thousands are refused: 1,000 at most): the
    // search stops and says so.
    const pad = '1'.repeat(64)
    let crowded = BODY
    for (let i = 0; crowded.length + `&x${i}=${pad}`.length <= 65536; i++) crowded += `&x${i}=${pad}`
    const capped = verifier.diagnose(crowded.replace('%26', '&amp;'), { kind: 'notify' })
    assert.equal(capped.searchCapped, true)
    assert.equal(capped.verified, false)
    // Names and values from the message never bring raw CR, LF or ESC into the diagnosis.
    const hostile = verifier.diagnose(`${BODY}&evil%0D%0Aname%1B=x%0D%0A`, { kind: 'notify' })
    const texts = [hostile.contentPreview, hostile.error && hostile.error.message]
    for (const f of hostile.findings) texts.push(f.explanation, f.explanationZh, f.fix, f.fixZh)
    assert.ok(texts.some((t) => t && t.includes('evil\\r\\nname\\x1b')), JSON.stringify(texts))
    assert.ok(!texts.some((t) => t && /[\r\n\x1b]/.test(t)), JSON.stringify(texts))
  })
})

describe('signing, certificates, legacy, constants', () => {
  it('sign and signedForm (RSA2, RSA, MD5) verify', () => {
    const both = new Verifier({ alipayPublicKey: publicKey, signTypes: ['RSA2', 'RSA'], md5Key: 'k' })
    for (const options of [{ privateKey }, { privateKey, signType: 'RSA' }, { md5Key: 'k' }]) {
      const form = api.signedForm({ out_trade_no: 'T1', total_amount: '1.00' }, options)
      assert.equal(both.verifyNotify(form).outTradeNo, 'T1')
      const sign = api.sign({ out_trade_no: 'T1', total_amount: '1.00' }, options)
      assert.ok(form.endsWith(`sign=${encodeURIComponent(sign)}`))
    }
    assert.throws(() => api.sign({ a: 'b' }, { privateKey, md5Key: 'k' }), { code: 'INVALID_CONFIG' })
    assert.throws(() => api.sign({ a: 'b' }, { privateKey: publicKey }), { code: 'INVALID_KEY' })
    assert.throws(() => api.sign('a=b', { privateKey }), { code: 'MALFORMED_INPUT' })
  })

  it('certSn and rootCertSn take PEM text or a Buffer', () => {
    const certs = path.join(VECTORS, 'certs')
    assert.equal(
      api.certSn(fs.readFileSync(path.join(certs, 'n4_alipayCertPublicKey_RSA2.crt'))),
      '7513daaaa48aa3ba2e4018d84402479c',
    )
    assert.equal(
      api.rootCertSn(fs.readFileSync(path.join(certs, 'ys_alipayRootCert.crt'), 'utf8')),
      '687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6',
    )
    assert.throws(() => api.certSn('garbage'), { code: 'INVALID_KEY' })
  })

  it('legacy notify_verify', () => {
    assert.equal(
      api.notifyVerifyUrl('2088101122136241', 'abc+/=', 'https://mapi.example/gateway.do'),
      'https://mapi.example/gateway.do?service=notify_verify&partner=2088101122136241&notify_id=abc%2B%2F%3D',
    )
    assert.match(api.notifyVerifyUrl('2088101122136241', 'x'), /^https:\/\/mapi\.alipay\.com\/gateway\.do\?/)
    assert.equal(api.classifyNotifyVerify('true'), undefined)
    assert.throws(() => api.notifyVerifyUrl('', 'x'), { code: 'INVALID_CONFIG' })
  })

  it('constants', () => {
    assert.equal(api.SUCCESS, 'success')
    assert.equal(api.FAIL, 'fail')
    const pkg = require('../package.json')
    assert.equal(api.VERSION, pkg.version)
    const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8')
    assert.equal(/^version = "([^"]+)"/m.exec(cargo)[1], pkg.version, 'package.json and the workspace agree')
  })
})
