// Generated from the core's error table (errorKinds()) by __test__/errors.test.js: do not
// edit. After a change to the core's error kinds, run the Node tests with UPDATE_TABLES=1.

/** Every error name of the core's taxonomy (the README's error table). */
export type ErrorCode =
  | 'MALFORMED_INPUT' // 100, malformed_input
  | 'INPUT_TOO_LARGE' // 101, malformed_input
  | 'MALFORMED_PERCENT_ENCODING' // 102, malformed_input
  | 'DUPLICATE_PARAMETER' // 103, malformed_input
  | 'MISSING_SIGNATURE' // 104, signature
  | 'SIGN_TYPE_NOT_ALLOWED' // 105, signature
  | 'UNSUPPORTED_CHARSET' // 106, malformed_input
  | 'INVALID_SIGNATURE' // 107, signature
  | 'INVALID_TEXT_ENCODING' // 108, malformed_input
  | 'INVALID_AMOUNT' // 109, malformed_input
  | 'NOTIFY_VERIFY_REJECTED' // 110, notify_verify
  | 'NOTIFY_VERIFY_UNEXPECTED' // 111, notify_verify
  | 'UNSIGNED_RESPONSE' // 112, signature
  | 'AMBIGUOUS_SIGNED_CONTENT' // 113, signature
  | 'DECRYPTION_FAILED' // 114, malformed_input
  | 'STALE_RESPONSE' // 115, signature
  | 'APP_ID_MISMATCH' // 200, business_mismatch
  | 'SELLER_ID_MISMATCH' // 201, business_mismatch
  | 'ORDER_MISMATCH' // 202, business_mismatch
  | 'AMOUNT_MISMATCH' // 203, business_mismatch
  | 'METHOD_MISMATCH' // 204, business_mismatch
  | 'INVALID_KEY' // 300, configuration
  | 'WEAK_KEY' // 301, configuration
  | 'INVALID_CONFIG' // 302, configuration
  | 'NOTIFY_VERIFY_INVALID' // 303, notify_verify
  | 'UNKNOWN_CERT_SN' // 304, configuration
  | 'CERT_EXPIRED' // 305, configuration
  | 'CERT_UNTRUSTED' // 306, configuration
  | 'INTERNAL' // 900, library
  | 'PANIC' // 901, library
  | 'NULL_PARAMETER' // 902, library
