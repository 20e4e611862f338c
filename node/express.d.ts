// Types of alipay-notify/express. Framework-neutral: the middleware takes Node's request and
// response, so it fits Express 4 and 5 (and Connect) without depending on their types.

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Notification, Verifier } from './index'
import type { ApplyContext, Ledger } from './ledger/index'

/**
 * What `notifyHandler` calls with a verified notification; resolve to answer `success`. With
 * a ledger, `apply` holds the transaction's connection (`apply.client`) and the transition
 * (undefined without one).
 */
export type NotifyCallback<Req extends IncomingMessage = IncomingMessage> = (
  notification: Notification,
  req: Req,
  apply?: ApplyContext<any>,
) => unknown

/** What `returnHandler` calls with a verified return_url message; it renders the page. */
export type ReturnCallback<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
> = (notification: Notification, req: Req, res: Res) => unknown

export interface NotifyHandlerOptions<Req extends IncomingMessage = IncomingMessage> {
  /**
   * Called with every error that made the middleware answer `fail` (a verification error, an
   * error your handler threw, a body parser that kept no raw body), the request, and the
   * notification when it verified. Default: one line on stderr. `null`: nothing.
   */
  onError?: ((err: unknown, req: Req, notification: Notification | undefined) => unknown) | null
  /**
   * Record every delivery in this ledger (alipay-notify/ledger) and run the handler at most
   * once per transition, inside its transaction; `success` only after the commit.
   */
  ledger?: Ledger<any> | null
}

/** A middleware function. */
export type Middleware<Req extends IncomingMessage, Res extends ServerResponse> = (
  req: Req,
  res: Res,
  next: (err?: unknown) => void,
) => void

/**
 * Middleware for notify_url: reads the raw body (or `req.rawBody`, see `keepRawBody`),
 * verifies it, awaits `handler(notification, req)` and answers exactly `success`; answers
 * `fail` when verification fails or the handler throws. Errors never reach Alipay.
 */
export declare function notifyHandler<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
>(verifier: Verifier, handler: NotifyCallback<Req>, options?: NotifyHandlerOptions<Req>): Middleware<Req, Res>

/**
 * Middleware for return_url: verifies the raw query of `req.originalUrl`, then awaits
 * `handler(notification, req, res)`; errors go to `next(err)`.
 */
export declare function returnHandler<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
>(verifier: Verifier, handler: ReturnCallback<Req, Res>): Middleware<Req, Res>

/**
 * The `verify` option for `express.urlencoded()` that keeps the raw body in `req.rawBody`:
 * `app.use(express.urlencoded({ extended: false, verify: keepRawBody }))`.
 */
export declare function keepRawBody(req: IncomingMessage, res: ServerResponse, buffer: Buffer): void

declare module 'node:http' {
  interface IncomingMessage {
    /** The raw body kept by `keepRawBody`. */
    rawBody?: Buffer
  }
}
