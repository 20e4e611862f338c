// The package from an ES module: every named export is importable (Node reads them from the
// CommonJS facade's export object).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import * as api from 'alipay-notify'
import { AlipayNotifyError, ERROR_CODES, FAIL, SUCCESS, Verifier, signedForm } from 'alipay-notify'
import { keepRawBody, notifyHandler, returnHandler } from 'alipay-notify/express'
import * as koa from 'alipay-notify/koa'
import { notifyPlugin, returnHandler as fastifyReturnHandler } from 'alipay-notify/fastify'

describe('ES modules', () => {
  it('import every named export', () => {
    const names = [
      'Verifier', 'Notification', 'VerifiedResponse', 'VerifiedV3Response', 'V3Signer', 'AlipayNotifyError',
      'ERROR_CODES', 'SUCCESS',
      'FAIL', 'VERSION', 'errorKinds', 'optionTables', 'sign', 'signedForm', 'certSn', 'rootCertSn',
      'notifyVerifyUrl', 'classifyNotifyVerify', 'OpenData', 'decrypt', 'TradeRequest', 'TradeResult',
      'rejectedLedgerEntry',
    ]
    for (const name of names) assert.notEqual(api[name], undefined, name)
    assert.deepEqual(Object.keys(api.default).sort(), [...names].sort())
    assert.deepEqual([SUCCESS, FAIL], ['success', 'fail'])
    for (const fn of [keepRawBody, notifyHandler, returnHandler]) assert.equal(typeof fn, 'function')
    for (const fn of [koa.notifyHandler, koa.returnHandler, notifyPlugin, fastifyReturnHandler]) {
      assert.equal(typeof fn, 'function')
    }
  })

  it('verify, and throw AlipayNotifyError', () => {
    const verifier = new Verifier({ md5Key: 'k' })
    const body = signedForm({ out_trade_no: 'T1', total_amount: '1.00' }, { md5Key: 'k' })
    assert.equal(verifier.verifyNotify(body).totalAmountFen, 100)
    assert.throws(() => verifier.verifyNotify(body.replace('T1', 'T2')), (err) => {
      return err instanceof AlipayNotifyError && err.status === ERROR_CODES.INVALID_SIGNATURE
    })
  })
})
