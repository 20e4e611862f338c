// The Koa and Fastify adapters typed against the frameworks' own types: `tsc -p
// __test__/typed` compiles it with usage.ts, and types.test.js runs the output.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import Koa from 'koa'
import Fastify, { type FastifyRequest } from 'fastify'
import { Verifier, type Notification } from 'alipay-notify'
import * as koa from 'alipay-notify/koa'
import { notifyPlugin, returnHandler, type NotifyPluginOptions } from 'alipay-notify/fastify'
import type { ApplyContext, Ledger } from 'alipay-notify/ledger'

const vectors = process.env.ALIPAY_NOTIFY_VECTORS ?? path.join(__dirname, '..', '..', '..', '..', 'tests', 'vectors')
const keys = JSON.parse(fs.readFileSync(path.join(vectors, 'notify.json'), 'utf8')).keys as Record<string, string>
const verifier = new Verifier({ alipayPublicKey: keys.alipay_a, appId: '2021000000000000' })

// Koa: the middleware takes Koa's own context type.
const app = new Koa()
const onKoaError = (err: unknown, ctx: Koa.Context, n: Notification | undefined): void => {
  console.warn(err, ctx.path, n?.outTradeNo)
}
const notify: koa.Middleware<Koa.Context> = koa.notifyHandler(
  verifier,
  async (n: Notification, ctx: Koa.Context) => {
    n.checkOrder(ctx.path, '88.00')
  },
  { onError: onKoaError },
)
app.use(async (ctx, next) => {
  if (ctx.path === '/alipay/notify') return notify(ctx)
  if (ctx.path === '/alipay/return') {
    return koa.returnHandler(verifier, (n, c: Koa.Context) => {
      c.body = `order ${n.outTradeNo}`
    })(ctx)
  }
  await next()
})

// Fastify: the plugin's options are checked at register().
const server = Fastify()
const options: NotifyPluginOptions = {
  url: '/alipay/notify',
  verifier,
  handler: async (n: Notification, request: FastifyRequest) => {
    n.checkOrder(String(request.url), '88.00')
  },
  onError: (err, request, n) => console.warn(err, request.url, n?.outTradeNo),
}
server.register(notifyPlugin, options)
server.get('/alipay/return', returnHandler(verifier, (n, request, reply) => reply.send(`order ${n.outTradeNo}`)))

// With a ledger, the handler gets the transaction third (compiled, never run).
function withLedger(ledger: Ledger<{ query(sql: string): Promise<unknown> }>): void {
  koa.notifyHandler(
    verifier,
    async (n, ctx: Koa.Context, apply) => {
      const transition: string | undefined = apply?.transition
      await apply?.client.query(`UPDATE orders SET status = 'paid' /* ${transition} ${ctx.path} */`)
    },
    { ledger },
  )
  server.register(notifyPlugin, {
    url: '/alipay/notify/ledger',
    verifier,
    ledger,
    handler: (n, request, apply?: ApplyContext) => apply?.id,
  })
}
void withLedger

function refused(): void {
  // @ts-expect-error: the plugin needs the route's url
  server.register(notifyPlugin, { verifier, handler: () => {} })
  // @ts-expect-error: a handler, not a string
  koa.notifyHandler(verifier, 'paid')
}
void refused

server.ready().then(async () => {
  assert.equal(typeof app.callback(), 'function')
  await server.close()
  console.log('typed frameworks: ok')
})
