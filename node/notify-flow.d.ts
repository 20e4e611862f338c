// Types of alipay-notify/notify-flow: the shared body-to-reply step of every framework adapter.

import type { Notification, Verifier } from './index'
import type { ApplyContext, Ledger, LedgerOutcome } from './ledger/index'

/**
 * The merchant's callback. Without a ledger it gets the notification and the framework's
 * context (Express: req); with a ledger also `apply`, whose `client` is the transaction's
 * connection: write the order change there.
 */
export type FlowHandler<Context = unknown> = (
  notification: Notification,
  context: Context,
  apply?: ApplyContext,
) => unknown

export interface HandleNotifyOptions<Context = unknown> {
  /** Record every delivery and run the handler at most once per transition. */
  ledger?: Ledger | null
  /** Called with every error that made the reply `fail`; a hook that throws changes nothing. */
  onError?: ((err: unknown, context: Context, notification: Notification | undefined) => unknown) | null
  /** What the framework hands the handler second and the hook (Express: req; Koa: ctx). */
  context?: Context
}

export interface HandleNotifyResult {
  /** What to answer Alipay, exactly. */
  reply: 'success' | 'fail'
  /** The verified notification, when it verified. */
  notification: Notification | undefined
  /** Why the reply is `fail` (undefined on `success`). */
  error: unknown
  /** The ledger's outcome, or null without a ledger. */
  outcome: LedgerOutcome | null
}

/** From the raw body to the reply; never throws. */
export declare function handleNotify<Context = unknown>(
  verifier: Verifier,
  body: Buffer,
  handler: FlowHandler<Context>,
  options?: HandleNotifyOptions<Context>,
): Promise<HandleNotifyResult>

/** The largest body an adapter should read for this verifier (its maxSize, else 64 KiB). */
export declare function bodyLimit(verifier: Verifier): number

/** Calls `onError(err, context, notification)` if it is a function, swallowing its failures. */
export declare function report(onError: unknown, err: unknown, context: unknown, notification?: Notification): void

export declare function ensureVerifier(verifier: unknown, method: string, caller: string): void
export declare function ensureHandler(handler: unknown, caller: string): void
export declare function ensureLedger(ledger: unknown, caller: string): void
