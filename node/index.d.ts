// Types of the hand-written facade (index.js) over the generated binding (binding.d.ts).

import * as binding from './binding'

export * from './binding'

/** Every error name of the core's taxonomy (the README's error table). */
export type ErrorCode =
  | 'MALFORMED_INPUT'
  | 'INPUT_TOO_LARGE'
  | 'MALFORMED_PERCENT_ENCODING'
  | 'DUPLICATE_PARAMETER'
  | 'MISSING_SIGNATURE'
  | 'SIGN_TYPE_NOT_ALLOWED'
  | 'UNSUPPORTED_CHARSET'
  | 'INVALID_SIGNATURE'
  | 'INVALID_TEXT_ENCODING'
  | 'INVALID_AMOUNT'
  | 'NOTIFY_VERIFY_REJECTED'
  | 'NOTIFY_VERIFY_UNEXPECTED'
  | 'UNSIGNED_RESPONSE'
  | 'AMBIGUOUS_SIGNED_CONTENT'
  | 'APP_ID_MISMATCH'
  | 'SELLER_ID_MISMATCH'
  | 'ORDER_MISMATCH'
  | 'AMOUNT_MISMATCH'
  | 'METHOD_MISMATCH'
  | 'INVALID_KEY'
  | 'WEAK_KEY'
  | 'INVALID_CONFIG'
  | 'NOTIFY_VERIFY_INVALID'
  | 'UNKNOWN_CERT_SN'
  | 'CERT_EXPIRED'
  | 'CERT_UNTRUSTED'
  | 'INTERNAL'
  | 'PANIC'
  | 'NULL_PARAMETER'

/** Who controls the cause of an error. */
export type ErrorCategory = 'sender' | 'business' | 'operator' | 'library'

/**
 * Every error this library throws: `code` is the core's stable name, `status` its number and
 * `category` who controls the cause. A value of the wrong JavaScript type throws a TypeError
 * (`code` 'ERR_INVALID_ARG_TYPE') instead.
 */
export declare class AlipayNotifyError extends Error {
  constructor(message: string, code: ErrorCode, options?: { cause?: unknown })
  readonly name: 'AlipayNotifyError'
  /** The stable name, e.g. 'INVALID_SIGNATURE'. */
  readonly code: ErrorCode
  /** The stable number, e.g. 107 (1xx sender, 2xx business, 3xx operator, 9xx library). */
  readonly status: number
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
