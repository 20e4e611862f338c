// A typed usage example: `tsc -p __test__/typed` must compile it (the declarations are checked
// against real use, including the @ts-expect-error lines), and types.test.js runs the output.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import express from 'express'
import {
  AlipayNotifyError,
  ERROR_CODES,
  FAIL,
  SUCCESS,
  Verifier,
  certSn,
  signedForm,
  type Diagnosis,
  type ErrorCode,
  type ErrorGroup,
  type Notification,
  type VerifiedResponse,
  type VerifierOptions,
} from 'alipay-notify'
import { keepRawBody, notifyHandler, returnHandler } from 'alipay-notify/express'
import { TradeRequest, rejectedLedgerEntry, type TradeResult } from 'alipay-notify'
import { sqliteLedger, type ApplyContext, type LedgerEntry, type LedgerOutcome } from 'alipay-notify/ledger'
import { handleNotify, type HandleNotifyResult } from 'alipay-notify/notify-flow'
import { ReconcileError, queryTrade, type QueryTradeOptions } from 'alipay-notify/reconcile'

const vectors = process.env.ALIPAY_NOTIFY_VECTORS ?? path.join(__dirname, '..', '..', '..', '..', 'tests', 'vectors')
const keys = JSON.parse(fs.readFileSync(path.join(vectors, 'notify.json'), 'utf8')).keys as Record<string, string>
const privateKey: Buffer = fs.readFileSync(path.join(vectors, 'keys', 'alipay_a.key.pem'))

const options: VerifierOptions = {
  alipayPublicKey: [keys.alipay_b, Buffer.from(keys.alipay_a)],
  signTypes: ['RSA2'],
  rule: 'auto',
  appId: '2021000000000000',
  sellerId: ['2088000000000001'],
  maxSize: 64 * 1024,
}
const verifier = new Verifier(options)

const body: string = signedForm(
  [
    ['app_id', '2021000000000000'],
    ['seller_id', '2088000000000001'],
    ['out_trade_no', 'T1001'],
    ['total_amount', '88.00'],
    ['trade_status', 'TRADE_SUCCESS'],
    ['notify_time', '2024-01-02 10:20:31'],
  ],
  { privateKey, signType: 'RSA2' },
)

const notification: Notification = verifier.verifyNotify(Buffer.from(body))
const fen: number | null = notification.totalAmountFen
const amount: string | null = notification.totalAmount
const when: Date | null = notification.notifyTime
const keyIndex: number | undefined = notification.verification.keyIndex
const kind: 'notify' | 'return' = notification.kind
const params: Record<string, string> = notification.toJSON()
assert.equal(fen, 8800)
assert.equal(amount, '88.00')
assert.equal(when?.toISOString(), '2024-01-02T02:20:31.000Z')
assert.equal(keyIndex, 1)
assert.equal(kind, 'notify')
assert.equal(params.out_trade_no, 'T1001')
assert.equal(notification.isPaid, true)
notification.checkOrder('T1001', '88.00')

try {
  notification.checkOrder('T1001', '8.80')
  assert.fail('checkOrder accepted another amount')
} catch (err) {
  assert.ok(err instanceof AlipayNotifyError)
  const code: ErrorCode = err.code
  const status: number = err.status
  assert.equal(code, 'AMOUNT_MISMATCH')
  assert.equal(status, ERROR_CODES.AMOUNT_MISMATCH)
  assert.equal(err.category, 'business')
  const group: ErrorGroup = err.group
  assert.equal(group, 'business_mismatch')
}

assert.equal(verifier.isValid(body.replace('88.00', '0.01')), false)
const diagnosis: Diagnosis = verifier.diagnose(body.replace('88.00', '0.01'), { kind: 'notify' })
assert.equal(diagnosis.verified, false)
assert.equal(diagnosis.error?.code, 'INVALID_SIGNATURE')

const responses = JSON.parse(fs.readFileSync(path.join(vectors, 'responses.json'), 'utf8'))
const query = responses.vectors.find((v: { id: string }) => v.id === 'responses-trade-query')
const response: VerifiedResponse = new Verifier({ alipayPublicKey: responses.keys.alipay_a }).verifyResponse(
  query.input,
  'alipay.trade.query',
)
assert.equal(response.isSuccess, true)
assert.match(certSn(fs.readFileSync(path.join(vectors, 'certs', 'n4_alipayCertPublicKey_RSA2.crt'))), /^[0-9a-f]{32}$/)

// The Express wiring type-checks with Express's own types.
const app = express()
app.use(express.urlencoded({ extended: false, verify: keepRawBody }))
app.post(
  '/alipay/notify',
  notifyHandler(
    verifier,
    async (n, req: express.Request) => {
      const raw: Buffer | undefined = req.rawBody // kept by keepRawBody
      n.checkOrder(String(req.query.order ?? n.outTradeNo), raw ? '88.00' : '0.00')
    },
    { onError: (err, req, n) => console.warn(err, req.url, n?.outTradeNo) },
  ),
)
app.get(
  '/alipay/return',
  returnHandler(verifier, (n, req: express.Request, res: express.Response) => {
    res.send(`order ${n.outTradeNo}: ${n.isPaid ? 'paid' : 'pending'}`)
  }),
)
const literal: 'success' = SUCCESS
const failed: 'fail' = FAIL
assert.deepEqual([literal, failed], ['success', 'fail'])

// The legacy families: rule 'wap', app results and the 消息服务 getters.
const wap = JSON.parse(fs.readFileSync(path.join(vectors, 'wap.json'), 'utf8')) as {
  keys: Record<string, string>
  vectors: Array<{ id: string; input: string }>
}
const wapInput = (id: string): string => wap.vectors.find((v) => v.id === id)?.input ?? ''
const wapNotification: Notification = new Verifier({
  md5Key: 'wap-partner-key-0123456789abcdef',
  rule: 'wap',
}).verifyNotify(wapInput('wap-md5-notify'))
const wapRule: 'v1' | 'v2' | 'md5' | 'wap' | 'app_result' = wapNotification.verification.rule
assert.equal(wapRule, 'wap')
const appResult: Notification = new Verifier({
  alipayPublicKey: wap.keys['real-alipay-legacy-1024'],
  signTypes: ['RSA'],
  minKeyBits: 1024,
}).verifyAppResult(wapInput('wap-app-result-real-tobias'))
assert.equal(appResult.outTradeNo, '180926084213001')
const message = new Verifier({ alipayPublicKey: wap.keys.alipay_a }).verifyNotify(
  wapInput('wap-msg-fund-trans-order-changed'),
)
const msgMethod: string | null = message.msgMethod
const bizContent: Record<string, unknown> | null = message.bizContent
const utcTimestamp: Date | null = message.utcTimestamp
const utcTimestampMs: number | null = message.utcTimestampMs
assert.equal(msgMethod, 'alipay.fund.trans.order.changed')
assert.equal(bizContent?.status, 'SUCCESS')
assert.equal(utcTimestamp?.getTime(), utcTimestampMs)

// The ledger, the shared notify flow and reconciliation (issue 13).
async function ledgerUsage(): Promise<void> {
  const md5 = new Verifier({ md5Key: 'k' })
  const body = Buffer.from(signedForm({ out_trade_no: 'L1', total_amount: '1.00', trade_status: 'TRADE_SUCCESS' }, { md5Key: 'k' }))
  const ledger = sqliteLedger({ filename: ':memory:', keepRawBody: true })
  ledger.createTable()
  const outcome: LedgerOutcome = await ledger.applyOnce({
    verifier: md5,
    body,
    handler: (message: Notification, apply: ApplyContext) => {
      const transition: string = apply.transition
      assert.equal(transition, 'PAID')
    },
  })
  assert.deepEqual([outcome.reply, outcome.changedOrder], ['success', true])
  const flow: HandleNotifyResult = await handleNotify(md5, body, () => undefined, { ledger, context: 'ctx' })
  assert.equal(flow.outcome?.duplicate, true)
  const entry: LedgerEntry = md5.verifyNotify(body).ledgerEntry(body)
  assert.equal(entry.transition, 'PAID')
  try {
    md5.verifyNotify(Buffer.from(body.toString().replace('1.00', '2.00')))
  } catch (err) {
    const rejected: LedgerEntry = rejectedLedgerEntry('notify', body, err as AlipayNotifyError)
    assert.equal(rejected.verdict, 'rejected')
  }
  const request = TradeRequest.query('2021000000000000', { outTradeNo: 'L1' })
  const form: string = request.signedForm(privateKey, '2024-01-02 10:00:00')
  assert.match(form, /method=alipay\.trade\.query/)
  const options: QueryTradeOptions = { appId: '2021000000000000', appPrivateKey: privateKey, verifier, outTradeNo: 'L1', timeout: 5 }
  const pending: (o: QueryTradeOptions) => Promise<TradeResult> = queryTrade
  void pending
  void options
  const transport = new ReconcileError('x', 'TIMEOUT')
  assert.equal(transport.code, 'TIMEOUT')
  ledger.close()
}

// What the declarations refuse (compiled, never run).
function refused(): void {
  // @ts-expect-error: a misspelt option
  new Verifier({ alipayPublicKey: keys.alipay_a, appid: '2021000000000000' })
  // @ts-expect-error: an unknown sign type
  new Verifier({ alipayPublicKey: keys.alipay_a, signTypes: ['SHA256'] })
  // @ts-expect-error: amounts are yuan strings, never numbers
  notification.checkOrder('T1001', 88)
  // @ts-expect-error: parsed values must be strings
  verifier.verifyNotify({ total_amount: ['88.00'] })
  // @ts-expect-error: app results are text or bytes, never parsed pairs
  verifier.verifyAppResult({ partner: '2088' })
  // @ts-expect-error: not an error code
  const bad: ErrorCode = 'SIGNATURE_INVALID'
  void bad
  // @ts-expect-error: not an error group
  const badGroup: ErrorGroup = 'sender'
  void badGroup
}
void refused

ledgerUsage().then(() => console.log('typed usage: ok'))
