// alipay-notify for Node.js: the hand-written facade over the generated binding (binding.js,
// from `napi build`). All verification happens in the Rust core; this file only turns the
// addon's errors into AlipayNotifyError instances and napi's argument errors into TypeErrors.
'use strict'

const binding = require('./binding.js')

const KINDS = new Map(binding.errorKinds().map((kind) => [kind.name, kind]))

/** The stable numeric code of every error name, e.g. ERROR_CODES.INVALID_SIGNATURE === 107. */
const ERROR_CODES = Object.freeze(Object.fromEntries([...KINDS].map(([name, kind]) => [name, kind.code])))

/**
 * Every error this library throws. `code` is the core's stable name ('INVALID_SIGNATURE',
 * 'AMOUNT_MISMATCH', ...), `status` its number (107, 203, ...), `group` what it means and who
 * must act ('signature', 'malformed_input', 'business_mismatch', 'notify_verify',
 * 'configuration' or 'library': the same groups in every binding) and `category` who controls
 * the cause ('sender', 'business', 'operator' or 'library'). All of them come from the core's
 * table, also for `new AlipayNotifyError(message, code)`.
 */
class AlipayNotifyError extends Error {
  constructor(message, code, options) {
    super(message, options)
    const kind = KINDS.get(code)
    if (!kind) throw new TypeError(`unknown alipay-notify error code ${JSON.stringify(code)}`)
    this.code = code
    this.status = kind.code
    this.group = kind.group
    this.category = kind.category
  }
}
AlipayNotifyError.prototype.name = 'AlipayNotifyError'

// napi's own statuses for a value of the wrong JavaScript type.
const ARGUMENT_STATUSES = new Set([
  'InvalidArg',
  'ObjectExpected',
  'StringExpected',
  'NameExpected',
  'FunctionExpected',
  'NumberExpected',
  'BooleanExpected',
  'ArrayExpected',
  'BigintExpected',
  'DateExpected',
  'ArrayBufferExpected',
])

// napi's other statuses: errors of the addon, not of the caller's code.
const NAPI_STATUSES = new Set([
  ...ARGUMENT_STATUSES,
  'GenericFailure',
  'PendingException',
  'Cancelled',
  'EscapeCalledTwice',
  'HandleScopeMismatch',
  'CallbackScopeMismatch',
  'QueueFull',
  'Closing',
  'DetachableArraybufferExpected',
  'WouldDeadlock',
  'NoExternalBuffersAllowed',
  'Unknown',
])

// `kind`: the code for an exception of the caller's own code that reading an argument ran (a
// getter, a Proxy trap): the addon calls no other JavaScript, so whatever it did not throw
// itself came from there.
function convert(err, caller, kind = 'MALFORMED_INPUT') {
  if (err instanceof AlipayNotifyError) return err
  // One stack trace per error, the one captureStackTrace takes below: V8 would record another
  // when the error is constructed.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return replacement(err, kind, caller, limit)
  } finally {
    Error.stackTraceLimit = limit
  }
}

function replacement(err, kind, caller, limit) {
  let converted
  if (err instanceof Error && KINDS.has(err.code)) converted = new AlipayNotifyError(err.message, err.code)
  else if (err instanceof Error && ARGUMENT_STATUSES.has(err.code)) {
    converted = new TypeError(err.message)
    converted.code = 'ERR_INVALID_ARG_TYPE'
  } else if (err instanceof Error && err.code === 'GenericFailure') {
    // Every export runs under napi's catch_unwind, which reports a panic as GenericFailure
    // with the panic's message; the addon raises that status for nothing else.
    const what = String(err.message).slice(0, 200).replace(/[\x00-\x1f\x7f]/g, '?')
    converted = new AlipayNotifyError(`a panic was caught: ${what}; please report it`, 'PANIC')
  } else if (err instanceof Error && NAPI_STATUSES.has(err.code)) return err
  else {
    converted = new AlipayNotifyError(
      'reading an argument threw (a getter or a Proxy trap; the exception is err.cause): pass ' +
        'plain objects, arrays, strings and Buffers',
      kind,
      { cause: err },
    )
  }
  Error.stackTraceLimit = limit
  Error.captureStackTrace(converted, caller)
  return converted
}

// Arguments the addon reads without running JavaScript: no getter or Proxy trap among them.
function inert(args) {
  for (const arg of args) {
    if (typeof arg === 'function' || (arg !== null && typeof arg === 'object' && !ArrayBuffer.isView(arg))) {
      return false
    }
  }
  return true
}

function wrap(fn) {
  const wrapped = function (...args) {
    // V8 records a stack trace for the addon's own error object, which convert() replaces
    // with one that starts at the caller: with inert arguments (no user code can throw in
    // between) that first trace is skipped, as it cost more than verifying the message.
    const quiet = inert(args)
    const limit = Error.stackTraceLimit
    if (quiet) Error.stackTraceLimit = 0
    try {
      return fn.apply(this, args)
    } catch (err) {
      if (quiet) Error.stackTraceLimit = limit
      const converted = convert(err, wrapped)
      if (converted === err && err instanceof Error) Error.captureStackTrace(err, wrapped)
      throw converted
    } finally {
      if (quiet) Error.stackTraceLimit = limit
    }
  }
  Object.defineProperty(wrapped, 'name', { value: fn.name })
  return wrapped
}

// OpenAPI v3 (issue 11). fetch()'s Headers and a Map hold their entries behind an iterator,
// not as properties: they are read as [name, value] pairs, at most as many as the addon reads.
// Defined before the loop below wraps the methods, so its errors are converted as theirs are.
const MAX_HEADERS = 10000
const nativeVerifyV3 = binding.Verifier.prototype.verifyV3
function verifyV3(headers, body, nowMillis) {
  if (headers !== null && typeof headers === 'object' && !Array.isArray(headers) && Symbol.iterator in headers) {
    const pairs = []
    try {
      for (const pair of headers) {
        if (pairs.length === MAX_HEADERS) {
          throw new AlipayNotifyError(`the headers have more than ${MAX_HEADERS} entries`, 'INPUT_TOO_LARGE')
        }
        pairs.push(pair)
      }
    } catch (err) {
      throw convert(err, verifyV3)
    }
    headers = pairs
  }
  return nativeVerifyV3.call(this, headers, body, nowMillis)
}
Object.defineProperty(binding.Verifier.prototype, 'verifyV3', { value: verifyV3, writable: true, configurable: true })

// Methods and getters of the native classes throw converted errors too.
for (const cls of [
  binding.Verifier,
  binding.Notification,
  binding.VerifiedResponse,
  binding.VerifiedV3Response,
  binding.V3Signer,
  binding.OpenData,
  binding.TradeRequest,
  binding.TradeResult,
]) {
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(cls.prototype))) {
    if (key === 'constructor') continue
    if (typeof descriptor.value === 'function') descriptor.value = wrap(descriptor.value)
    else if (descriptor.get) descriptor.get = wrap(descriptor.get)
    else continue
    Object.defineProperty(cls.prototype, key, descriptor)
  }
}

const inspect = Symbol.for('nodejs.util.inspect.custom')
binding.Notification.prototype[inspect] = function (depth, options, inspectValue) {
  return `Notification ${inspectValue(this.toJSON(), options)}`
}
binding.VerifiedResponse.prototype[inspect] = function (depth, options, inspectValue) {
  return `VerifiedResponse(${this.method}) ${inspectValue(this.value, options)}`
}
binding.TradeResult.prototype[inspect] = function (depth, options, inspectValue) {
  return `TradeResult(${this.method}) ${inspectValue(this.ledgerEntry(), options)}`
}
// Open data is personal data (a phone number): inspect shows its shape, not its values.
binding.OpenData.prototype[inspect] = function () {
  return `OpenData { code: ${JSON.stringify(this.code)}, isEncrypted: ${this.isEncrypted} }`
}

// A name in a message, as the core quotes one: at most 40 characters, no control character.
function quoted(name) {
  return JSON.stringify(String(name).slice(0, 40).replace(/[\x00-\x1f\x7f]/g, '?'))
}

let warnedCheckCertificates = false

// Deprecated, kept for one release: `checkCertificates: { root, at }`. The options are now
// checkCertificates (the root bundle's text) and checkCertificatesAt, the names of the core's
// table, as in every binding. Returns the options with the object turned into those two.
function canonicalOptions(options) {
  const check = options !== null && typeof options === 'object' ? options.checkCertificates : undefined
  if (check === null || typeof check !== 'object' || ArrayBuffer.isView(check) || Array.isArray(check)) {
    return options
  }
  if (!warnedCheckCertificates) {
    warnedCheckCertificates = true
    process.emitWarning(
      'new Verifier({ checkCertificates: { root, at } }) is deprecated: pass checkCertificates: root ' +
        'and checkCertificatesAt: at',
      { type: 'DeprecationWarning', code: 'ALIPAY_NOTIFY_CHECK_CERTIFICATES_OBJECT' },
    )
  }
  for (const name in check) {
    if (name !== 'root' && name !== 'at') {
      const message = `new Verifier(): checkCertificates: unknown option ${quoted(name)}; the options are: root, at`
      throw new AlipayNotifyError(message, 'INVALID_CONFIG')
    }
  }
  const { root, at } = check
  if (root === undefined || root === null) {
    throw new AlipayNotifyError("new Verifier(): checkCertificates.root (alipayRootCert.crt) is required", 'INVALID_CONFIG')
  }
  const canonical = { checkCertificates: { value: root, enumerable: true } }
  if (at !== undefined) canonical.checkCertificatesAt = { value: at, enumerable: true }
  return Object.create(options, canonical)
}

/**
 * Verifies Alipay notifications, return_url queries and signed API responses. Build one at
 * startup (keys are parsed once) and share it.
 */
class Verifier extends binding.Verifier {
  constructor(options) {
    try {
      super(canonicalOptions(options))
    } catch (err) {
      throw convert(err, Verifier, 'INVALID_CONFIG')
    }
  }
}

/** Builds the Authorization header of OpenAPI v3 requests for one app. */
class V3Signer extends binding.V3Signer {
  constructor(privateKey, appId, appCertSn) {
    try {
      super(privateKey, appId, appCertSn)
    } catch (err) {
      throw convert(err, V3Signer, 'INVALID_CONFIG')
    }
  }
}

const { Notification, VerifiedResponse, VerifiedV3Response, SUCCESS, FAIL, VERSION, errorKinds, optionTables } = binding
const sign = wrap(binding.sign)
const signedForm = wrap(binding.signedForm)
const certSn = wrap(binding.certSn)
const rootCertSn = wrap(binding.rootCertSn)
const notifyVerifyUrl = wrap(binding.notifyVerifyUrl)
const classifyNotifyVerify = wrap(binding.classifyNotifyVerify)
// AES-encrypted content.
const { OpenData } = binding
const decrypt = wrap(binding.decrypt)
// Reconciliation (主动查询) and the ledger rows.
const { TradeResult } = binding

// The native class's static factories cannot be redefined: this function stands in for the
// class, with the native prototype (so `instanceof TradeRequest` holds) and wrapped factories.
function TradeRequest() {
  throw new TypeError('TradeRequest is made by TradeRequest.query(), .close() or .refundQuery()')
}
TradeRequest.prototype = binding.TradeRequest.prototype
for (const name of ['query', 'close', 'refundQuery']) {
  const factory = binding.TradeRequest[name]
  TradeRequest[name] = wrap((...args) => factory.apply(binding.TradeRequest, args))
  Object.defineProperty(TradeRequest[name], 'name', { value: name })
}
const nativeRejectedLedgerEntry = wrap(binding.rejectedLedgerEntry)

/**
 * The ledger row of a refused delivery: `err` is the AlipayNotifyError that refused it (its
 * stable name becomes `error_name`; its message, which may quote the body, is not kept).
 */
function rejectedLedgerEntry(source, body, err) {
  if (!(err instanceof Error) || !KINDS.has(err.code)) {
    const error = new TypeError('rejectedLedgerEntry(source, body, err): err must be an AlipayNotifyError')
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  return nativeRejectedLedgerEntry(source, body, err.code)
}

// Shorthand names only: Node finds a CommonJS module's named exports for ESM
// (`import { SUCCESS } from 'alipay-notify'`) by reading this object literal.
module.exports = {
  Verifier,
  Notification,
  VerifiedResponse,
  VerifiedV3Response,
  V3Signer,
  AlipayNotifyError,
  ERROR_CODES,
  SUCCESS,
  FAIL,
  VERSION,
  errorKinds,
  optionTables,
  sign,
  signedForm,
  certSn,
  rootCertSn,
  notifyVerifyUrl,
  classifyNotifyVerify,
  OpenData,
  decrypt,
  TradeRequest,
  TradeResult,
  rejectedLedgerEntry,
}
