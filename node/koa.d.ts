// Types of alipay-notify/koa. Structural: the middleware needs only what every Koa context
// has, so it fits Koa 2 and 3 (and @koa/router) without depending on their types.

import type { IncomingMessage } from 'node:http'
import type { Notification, Verifier } from './index'
import type { ApplyContext, Ledger } from './ledger/index'

/** The part of a Koa context the middleware uses. */
export interface KoaContextLike {
  method: string
  originalUrl: string
  querystring: string
  req: IncomingMessage
  // Body parsers add `rawBody` and `body` here; their absence is what the middleware checks.
  request: object
  status: number
  body: unknown
  type: string
  set(field: string, value: string): void
  throw(...args: any[]): never
}

/**
 * What `notifyHandler` calls with a verified notification; resolve to answer `success`. With a
 * ledger, `apply` is the transaction (`apply.client`: its connection; `apply.transition`).
 */
export type NotifyCallback<Ctx extends KoaContextLike = KoaContextLike, Client = any> = (
  notification: Notification,
  ctx: Ctx,
  apply?: ApplyContext<Client>,
) => unknown

/** What `returnHandler` calls with a verified return_url message; it sets `ctx.body`. */
export type ReturnCallback<Ctx extends KoaContextLike = KoaContextLike> = (notification: Notification, ctx: Ctx) => unknown

export interface NotifyHandlerOptions<Ctx extends KoaContextLike = KoaContextLike, Client = any> {
  /** Record every delivery and run the handler at most once per transition, in its transaction. */
  ledger?: Ledger<Client> | null
  /**
   * Called with every error that made the middleware answer `fail` (a verification error, an
   * error your handler threw, a body already read by a body parser, a body over the limit),
   * the context, and the notification when it verified. Default: one line on stderr. `null`:
   * nothing.
   */
  onError?: ((err: unknown, ctx: Ctx, notification: Notification | undefined) => unknown) | null
}

/** A Koa middleware. */
export type Middleware<Ctx extends KoaContextLike> = (ctx: Ctx, next?: () => Promise<unknown>) => Promise<void>

/**
 * Middleware for notify_url: reads the raw body (a Buffer `ctx.request.rawBody`, or the
 * request stream; at most the verifier's maxSize bytes), verifies it, awaits
 * `handler(notification, ctx)` and answers exactly `success`; answers `fail` when verification
 * fails, the handler throws, or a body parser kept the body as a string (INVALID_CONFIG).
 */
export declare function notifyHandler<Ctx extends KoaContextLike = KoaContextLike, Client = any>(
  verifier: Verifier,
  handler: NotifyCallback<Ctx, Client>,
  options?: NotifyHandlerOptions<Ctx, Client>,
): Middleware<Ctx>

/**
 * Middleware for return_url: verifies `ctx.querystring`, then awaits `handler(notification,
 * ctx)`. A message that does not verify, or an AlipayNotifyError the handler throws, is a 400
 * (`ctx.throw`) with the error as `cause`.
 */
export declare function returnHandler<Ctx extends KoaContextLike = KoaContextLike>(
  verifier: Verifier,
  handler: ReturnCallback<Ctx>,
): Middleware<Ctx>
