// Types of the hand-written facade (index.js) over the generated binding (binding.d.ts).

import * as binding from './binding'
import type { ErrorCode } from './error-codes'

export * from './binding'

/** Every error name of the core's taxonomy (the README's error table), generated from it. */
export type { ErrorCode } from './error-codes'

/**
 * What an error means, and who must act: the same groups in every binding. 'signature': not
 * authentic, or not signed as required; 'malformed_input': not a well-formed message;
 * 'business_mismatch': authentic, but not for this app, seller, order, amount or method;
 * 'notify_verify': the legacy notify_verify check did not confirm it; 'configuration': the
 * merchant's keys or options are wrong; 'library': a bug in this library.
 */
export type ErrorGroup = binding.ErrorKindInfo['group']

/** Who controls the cause of an error. */
export type ErrorCategory = binding.ErrorKindInfo['category']

/**
 * Every error this library throws: `code` is the core's stable name, `status` its number,
 * `group` what it means and `category` who controls the cause. A value of the wrong JavaScript
 * type throws a TypeError (`code` 'ERR_INVALID_ARG_TYPE') instead.
 */
export declare class AlipayNotifyError extends Error {
  constructor(message: string, code: ErrorCode, options?: { cause?: unknown })
  readonly name: 'AlipayNotifyError'
  /** The stable name, e.g. 'INVALID_SIGNATURE'. */
  readonly code: ErrorCode
  /** The stable number, e.g. 107 (1xx sender, 2xx business, 3xx operator, 9xx library). */
  readonly status: number
  /** What the error means and who must act, e.g. 'signature'. */
  readonly group: ErrorGroup
  /** Who controls the cause. */
  readonly category: ErrorCategory
}

/** The stable number of every error name. */
export declare const ERROR_CODES: Readonly<Record<ErrorCode, number>>

/** The body to answer Alipay with once a notification is handled. */
export declare const SUCCESS: 'success'

/** The body to answer when verification or handling failed (Alipay retries). */
export declare const FAIL: 'fail'

/**
 * Verifies Alipay notifications (notify_url POST bodies), return_url queries and signed API
 * responses. Build one at startup (keys are parsed once) and share it. Throws
 * `AlipayNotifyError` ('INVALID_KEY', 'WEAK_KEY', 'INVALID_CONFIG', ...).
 */
export declare class Verifier extends binding.Verifier {
  constructor(options: binding.VerifierOptions)
}

/** Builds the Authorization header of OpenAPI v3 requests for one app. */
export declare class V3Signer extends binding.V3Signer {
  constructor(privateKey: string | Buffer, appId: string, appCertSn?: string | null)
}

/**
 * The ledger row (docs/ledger.md §1) of a refused delivery: `err` is the AlipayNotifyError
 * that refused it; only its stable name is kept (`error_name`), and the body's SHA-256.
 */
export declare function rejectedLedgerEntry(
  source: 'notify' | 'return' | 'query',
  body: Buffer | Uint8Array | string,
  err: AlipayNotifyError,
): import('./ledger/index').LedgerEntry
