// Types of alipay-notify/fastify, with Fastify's own types (fastify ships them).

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Notification, Verifier } from './index'
import type { ApplyContext, Ledger } from './ledger/index'

export interface NotifyPluginOptions {
  /** The notify_url path of the route the plugin adds, like `/alipay/notify`. */
  url: string
  verifier: Verifier
  /**
   * Called with a verified notification and the request; resolve to answer `success`. With a
   * ledger, `apply` is the transaction (`apply.client`: its connection; `apply.transition`).
   */
  handler: (notification: Notification, request: FastifyRequest, apply?: ApplyContext<any>) => unknown
  /** Record every delivery and run the handler at most once per transition, in its transaction. */
  ledger?: Ledger<any> | null
  /**
   * Called with every error that made the route answer `fail` (a verification error, an error
   * your handler threw, a body over the limit), the request, and the notification when it
   * verified. Default: one line on stderr. `null`: nothing.
   */
  onError?: ((err: unknown, request: FastifyRequest, notification: Notification | undefined) => unknown) | null
}

/**
 * `app.register(notifyPlugin, { url, verifier, handler })`: one POST route that reads the raw
 * body (`parseAs: 'buffer'`, at most the verifier's maxSize bytes, for this route only) and
 * answers exactly `success` or `fail`.
 */
export declare const notifyPlugin: FastifyPluginAsync<NotifyPluginOptions>

/**
 * A route handler for return_url: verifies the raw query of the URL, then returns
 * `handler(notification, request, reply)`. A message that does not verify is a 400.
 */
export declare function returnHandler(
  verifier: Verifier,
  handler: (notification: Notification, request: FastifyRequest, reply: FastifyReply) => unknown,
): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
