// Types of alipay-notify/reconcile: alipay.trade.query over fetch, and reconciliation through
// the ledger.

import type { TradeRequest, TradeResult, Verifier } from './index'
import type { ApplyContext, Ledger, LedgerOutcome } from './ledger/index'

export declare const DEFAULT_GATEWAY: 'https://openapi.alipay.com/gateway.do'
export declare const DEFAULT_TIMEOUT: 15

/** The transport failed; a signature or business problem is an AlipayNotifyError instead. */
export declare class ReconcileError extends Error {
  constructor(message: string, code: 'TIMEOUT' | 'NETWORK' | 'HTTP_STATUS', options?: ErrorOptions)
  readonly code: 'TIMEOUT' | 'NETWORK' | 'HTTP_STATUS'
  /** The HTTP status, for 'HTTP_STATUS'. */
  readonly httpStatus?: number
}

export interface GatewayOptions {
  /** The gateway URL (default Alipay's). */
  gateway?: string
  /** The app's private key (应用私钥), PEM or bare base64. */
  appPrivateKey: string | Buffer
  /** A Verifier with Alipay's public key. */
  verifier: Verifier
  /** Seconds to wait for the answer (default 15). */
  timeout?: number
  /** A fetch implementation (default the global fetch). */
  fetch?: typeof fetch
}

export interface QueryTradeOptions extends GatewayOptions {
  appId: string
  outTradeNo?: string
  tradeNo?: string
}

export declare function queryTrade(options: QueryTradeOptions): Promise<TradeResult>
export declare function sendTradeRequest(request: TradeRequest, options: GatewayOptions): Promise<TradeResult>

export interface ReconcileOptions<Client = any> extends GatewayOptions {
  appId: string
  ledger: Ledger<Client>
  /** The orders to ask about: order numbers, or `{ outTradeNo }` / `{ tradeNo }`. */
  orders: Iterable<string | { outTradeNo?: string; tradeNo?: string }>
  /** The same "mark paid" as the notify handler's, given the TradeResult. */
  handler: (result: TradeResult, apply: ApplyContext<Client>) => unknown
}

export interface ReconcileReport {
  outTradeNo?: string
  tradeNo?: string
  result?: TradeResult
  outcome?: LedgerOutcome
  error?: unknown
}

export declare function reconcile<Client = any>(options: ReconcileOptions<Client>): Promise<ReconcileReport[]>
