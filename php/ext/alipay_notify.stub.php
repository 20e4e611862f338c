<?php

/**
 * The PHP API of the alipay_notify extension, for IDEs and static analysers (PhpStorm,
 * Psalm, PHPStan): point them at this file. It is also the source of the extension's
 * arginfo: `make php-stub` regenerates alipay_notify_arginfo.h from it with PHP's
 * gen_stub.php, and the PHP tests fail when the two differ.
 *
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace AlipayNotify {
    /**
     * What a notify_url handler must answer, exactly: Alipay retries until it reads it.
     * @var string
     */
    const SUCCESS = "success";

    /**
     * The answer to a notification that was not accepted (Alipay retries it).
     * @var string
     */
    const FAIL = "fail";

    /**
     * The version of the library the extension was built against, "X.Y.Z".
     * @var string
     * @cvalue PHP_ALIPAY_NOTIFY_VERSION
     */
    const VERSION = UNKNOWN;

    /**
     * Keys and policy, parsed once (build it at startup or per request; it is immutable). The
     * verify methods take the raw bytes and return a Notification or Response, or throw an
     * AlipayNotify\Exception.
     *
     * @not-serializable
     */
    class Verifier
    {
        /**
         * Options by name, the library's names in every language (option_names('verifier')
         * lists them; null values are ignored, unknown names are refused): alipay_public_key
         * (string or list: Alipay's public keys or certificates, any shape), sign_types
         * (string or list, default ["RSA2"]), rule ("auto", "v1", "v2", "wap"), app_id, seller_id
         * (string or list), allow_embedded_pairs (string or list), md5_key (legacy mapi),
         * max_size, min_key_bits, default_charset, check_certificates (certificate mode: the
         * text of the root bundle the key certificates must chain to) and
         * check_certificates_at (int unix seconds or \DateTimeInterface: check them then, not
         * now), max_response_age (seconds: OpenAPI v3 responses signed further from now are
         * STALE_RESPONSE; unset, not checked). Deprecated: alipay_root_cert, now check_certificates (E_USER_DEPRECATED).
         * Decryption: aes_key (the app's AES key, 接口内容加密密钥, base64 as the console shows
         * it: encrypted responses and open data are decrypted after they verify) and
         * app_private_key (the app private key that decrypts a 生活号 message's encrypted
         * biz_content after it verifies); neither is ever shown in an error.
         */
        public function __construct(array $options) {}

        /**
         * The notify_url POST body exactly as received (file_get_contents('php://input')),
         * never a form rebuilt from $_POST.
         */
        public function verifyNotify(string $rawBody): Notification {}

        /**
         * The return_url query string as received ($_SERVER['QUERY_STRING'], with or without
         * "?"), or the whole URL.
         */
        public function verifyReturn(string $queryString): Notification {}

        /**
         * A legacy mobile.securitypay.pay app result: the `result` string the Alipay app
         * returned (partner="…"&…&success="true"&sign_type="RSA"&sign="…"), alone, not the whole
         * resultStatus/memo/result answer. Alipay signs everything before &sign_type=; RSA
         * results need 'sign_types' => ['RSA'] and, for Alipay's 1024-bit key,
         * 'min_key_bits' => 1024. The Notification holds the pairs without their quotes.
         */
        public function verifyAppResult(string $result): Notification {}

        /**
         * Parameters a framework already decoded (UTF-8 only): name => value, or [name, value]
         * pairs. Prefer verifyNotify() with the raw body: decoding loses what the signature
         * covers for GBK messages. $kind is "notify" or "return".
         */
        public function verifyParams(array $params, string $kind = "notify"): Notification {}

        /**
         * false only for a bad signature (INVALID_SIGNATURE, AMBIGUOUS_SIGNED_CONTENT); every
         * other problem still throws.
         */
        public function isValidNotify(string $rawBody): bool {}

        /**
         * A signed OpenAPI response body exactly as received; with $method
         * ("alipay.trade.query") a response for another method is BusinessMismatchException
         * (METHOD_MISMATCH). The node's name is not signed, so a renamed node is not detected:
         * check that the content answers the request.
         */
        public function verifyResponse(string $json, ?string $method = null): Response {}

        /**
         * A mini-program open-data envelope (my.getPhoneNumber) exactly as the front end sent
         * it, {"response": "...", "sign": "...", ...}: the signature is checked first, with this
         * verifier's sign types and keys (the envelope's own sign_type and encrypt_type are
         * unsigned and ignored), then the response is decrypted with the aes_key option.
         */
        public function verifyOpenData(string $envelope): OpenData {}

        /**
         * Why a raw notify body or return_url query does (not) verify with this verifier.
         * $options (option_names('diagnose')): app_public_keys (string or list: your own app
         * public keys), app_private_key, kind ("notify" or "return"); deprecated:
         * app_public_key, now app_public_keys (E_USER_DEPRECATED). The result: verified (bool), error
         * (null or [name, message]), findings (code, certain, explanation, explanation_zh,
         * fix, fix_zh), ruled_out, content_sha256, content_preview, search_capped (true when
         * the search stopped at its work limit, so a cause may be missing). Text from the
         * message has its control characters escaped. It never accepts a message.
         *
         * @return array<string, mixed>
         */
        public function diagnose(string $input, array $options = []): array {}

        /**
         * Why an API response body (plain or AES-encrypted, or a mini-program open-data
         * envelope) does (not) verify, as verifyResponse($json, $method) or verifyOpenData()
         * would: a re-encoded *_response node (RESPONSE_REENCODED), an encrypted one signed
         * without its quotes (ENCRYPTED_RESPONSE_UNQUOTED), and more. $options and the result
         * as for diagnose() (kind is not used; content_sha256 is that of the node's raw text,
         * content_preview null).
         *
         * @return array<string, mixed>
         */
        public function diagnoseResponse(string $json, ?string $method = null, array $options = []): array {}

        /**
         * Why an OpenAPI v3 response does (not) verify, its headers and body as verifyV3()
         * takes them: a body re-encoded after parsing (V3_BODY_REENCODED) or with a line
         * break added (BODY_TRAILING_WHITESPACE), missing headers, and more. $options and the
         * result as for diagnose() (kind is not used).
         *
         * @return array<string, mixed>
         */
        public function diagnoseV3(array $headers, string $body, array $options = []): array {}

        /**
         * An OpenAPI v3 response, whatever its HTTP status: its headers as the HTTP client
         * gives them (name => value, or name => list of values as PSR-7's getHeaders() and
         * Symfony's getHeaders(false) give them; names in any case) and its body exactly as
         * received. Unsigned is InvalidSignatureException (UNSIGNED_RESPONSE); with the
         * max_response_age option, a stale one is STALE_RESPONSE ($nowMillis judges it at
         * another time than now, in milliseconds since 1970).
         */
        public function verifyV3(array $headers, string $body, ?int $nowMillis = null): V3Response {}

        /** verifyNotify() on the current request's raw body (php://input). */
        public function verifyNotifyRequest(): Notification {}

        /** verifyReturn() on the current request's raw query string ($_SERVER['QUERY_STRING']). */
        public function verifyReturnRequest(): Notification {}
    }

    /**
     * A verified notify or return_url message. It holds exactly the signed parameters (read
     * them with $n['out_trade_no'], get(), toArray() or foreach) and how they verified; it is
     * created only by Verifier and is read-only.
     *
     * @strict-properties
     * @not-serializable
     * @implements \ArrayAccess<string, string>
     * @implements \IteratorAggregate<string, string>
     */
    final class Notification implements \ArrayAccess, \Countable, \IteratorAggregate, \JsonSerializable
    {
        public function offsetExists(mixed $offset): bool {}

        public function offsetGet(mixed $offset): ?string {}

        /** Always throws \LogicException: the notification holds what Alipay signed. */
        public function offsetSet(mixed $offset, mixed $value): void {}

        /** Always throws \LogicException: the notification holds what Alipay signed. */
        public function offsetUnset(mixed $offset): void {}

        /** A signed parameter; null when the message has none of that name. */
        public function get(string $name): ?string {}

        /**
         * The signed parameters, in message order.
         *
         * @return array<string, string>
         */
        public function toArray(): array {}

        /**
         * @return array<string, string>
         * @implementation-alias AlipayNotify\Notification::toArray
         */
        public function jsonSerialize(): array {}

        public function count(): int {}

        /** @return \Iterator<string, string> */
        public function getIterator(): \Iterator {}

        /** "notify" (notify_url, authoritative) or "return" (return_url, for display only). */
        public function kind(): string {}

        /**
         * The rule that verified: "v1", "v2" or "md5"; "wap" (a legacy WAP notification, in its
         * fixed order) or "app_result" (verifyAppResult()).
         */
        public function rule(): string {}

        /** The algorithm that verified: "RSA2", "RSA", "SM2" or "MD5". */
        public function signType(): string {}

        /** The charset of the signed bytes: "utf-8", "GBK" or "GB18030". */
        public function charset(): string {}

        /** Whether empty values were part of the signed content: "skipped" or "kept". */
        public function emptyValues(): string {}

        /** The index of the key that verified (in the order given); null for MD5. */
        public function keyIndex(): ?int {}

        /** The fingerprint of the key that verified; null for MD5. */
        public function keyFingerprint(): ?string {}

        /** trade_status as sent ("TRADE_SUCCESS", ...); null when absent (return_url). */
        public function tradeStatus(): ?string {}

        /** true exactly for TRADE_SUCCESS and TRADE_FINISHED. */
        public function isPaid(): bool {}

        /** total_amount (or legacy total_fee) as integer fen; null when absent. */
        public function totalAmountFen(): ?int {}

        /** Any amount parameter by name as integer fen; null when absent. */
        public function amountFen(string $name): ?int {}

        /**
         * The business check Alipay requires after the signature: the message is for the
         * order $outTradeNo and pays $totalAmount (a yuan string such as "88.00", compared as
         * integer fen). Throws BusinessMismatchException (ORDER_MISMATCH, AMOUNT_MISMATCH) or
         * MalformedInputException (INVALID_AMOUNT).
         */
        public function checkOrder(string $outTradeNo, string $totalAmount): void {}

        /** checkOrder() with the order amount already in fen. */
        public function checkOrderFen(string $outTradeNo, int $totalAmountFen): void {}

        public function outTradeNo(): ?string {}

        public function tradeNo(): ?string {}

        public function appId(): ?string {}

        public function sellerId(): ?string {}

        public function notifyId(): ?string {}

        /** msg_method of a 消息服务 message ("alipay.fund.trans.order.changed"); null when absent. */
        public function msgMethod(): ?string {}

        /**
         * biz_content decoded from the JSON text that was signed (objects as arrays); null when
         * absent. Throws MalformedInputException when the signed text is not JSON.
         */
        public function bizContent(): mixed {}

        /**
         * utc_timestamp as Alipay sends it, milliseconds since 1970; null when absent. Throws
         * MalformedInputException when it is not 1 to 15 digits.
         */
        public function utcTimestampMs(): ?int {}

        /** utc_timestamp as a time in UTC (with its milliseconds); null when absent. */
        public function utcTimestamp(): ?\DateTimeImmutable {}

        /**
         * A 生活号 biz_content that Alipay encrypted for the app, decrypted with the
         * app_private_key option after the signature verified; null when nothing was
         * decrypted ($n['biz_content'] is always the signed value).
         */
        public function decryptedBizContent(): ?string {}

        /**
         * The notification ledger's row of this delivery (docs/ledger.md): the table's column
         * names (source, app_id, notify_id, ..., body_sha256, transition), amounts in integer
         * fen. $body is the raw body it was verified from (its SHA-256 is body_sha256).
         * transition is "PAID", "CLOSED", "REFUND:<out_biz_no>" or null: apply it at most once
         * (AlipayNotify\Ledger::applyOnce() does). received_at, raw_body, changed_order and
         * reply are the caller's to add.
         *
         * @return array<string, string|int|null>
         */
        public function ledgerEntry(string $body): array {}

        /** @return array<string, mixed> */
        public function __debugInfo(): array {}
    }

    /**
     * A verified OpenAPI response (同步响应). It holds the signed `<method>_response` object:
     * $r['code'], get(), toArray() (decoded from the exact signed text), content() (that
     * text), and how it verified. Created only by Verifier::verifyResponse(); read-only.
     *
     * @strict-properties
     * @not-serializable
     * @implements \ArrayAccess<string, string>
     */
    final class Response implements \ArrayAccess
    {
        public function offsetExists(mixed $offset): bool {}

        public function offsetGet(mixed $offset): ?string {}

        /** Always throws \LogicException: the response holds what Alipay signed. */
        public function offsetSet(mixed $offset, mixed $value): void {}

        /** Always throws \LogicException: the response holds what Alipay signed. */
        public function offsetUnset(mixed $offset): void {}

        /**
         * A member of the signed object: a JSON string as its text, any other value as
         * compact JSON; null when there is no such member.
         */
        public function get(string $name): ?string {}

        /**
         * The signed object decoded by PHP's JSON parser from the exact text Alipay signed
         * (big numbers stay exact as strings only if you read them with get()); for an
         * encrypted response decrypted with the aes_key option, the decrypted object (the
         * ciphertext string without an aes_key).
         *
         * @return array<string, mixed>|string
         */
        public function toArray(): array|string {}

        /** The method the response answers: "alipay.trade.query", or "error". */
        public function method(): string {}

        /** The top-level key of the signed node, such as "alipay_trade_query_response". */
        public function node(): string {}

        /** The exact JSON text that was signed. */
        public function content(): string {}

        /** alipay_cert_sn as sent (certificate mode); null when absent. */
        public function certSn(): ?string {}

        /** The algorithm that verified: "RSA2", "RSA" or "SM2". */
        public function signType(): string {}

        /** The fingerprint of the key that verified. */
        public function keyFingerprint(): string {}

        /** The index of the key that verified, in the order given. */
        public function keyIndex(): int {}

        /** Whether the call succeeded: code "10000". */
        public function isSuccess(): bool {}

        /** Whether the response is a gateway-level error_response. */
        public function isErrorResponse(): bool {}

        /**
         * Whether the node was encrypted and was decrypted with the aes_key option: get(),
         * $r[...] and toArray() then read the decrypted object.
         */
        public function isDecrypted(): bool {}

        /** The decrypted JSON text of an encrypted response; null when nothing was decrypted. */
        public function decryptedContent(): ?string {}

        /** @return array<string, mixed> */
        public function __debugInfo(): array {}
    }

    /**
     * A reconciliation request (主动查询): alipay.trade.query, alipay.trade.close or
     * alipay.trade.fastpay.refund.query, for the trade named by exactly one of $outTradeNo
     * (the merchant's order number) and $tradeNo (Alipay's). Sign it with signedForm(), POST
     * the form to the gateway (AlipayNotify\Reconcile::queryTrade() does), and read the
     * answer with verifyResponse(). Immutable.
     *
     * @strict-properties
     * @not-serializable
     */
    final class TradeRequest
    {
        /** alipay.trade.query. Throws ConfigException unless exactly one number is given. */
        public static function query(string $appId, ?string $outTradeNo = null, ?string $tradeNo = null): TradeRequest {}

        /** alipay.trade.close (an unpaid trade can no longer be paid). */
        public static function close(string $appId, ?string $outTradeNo = null, ?string $tradeNo = null): TradeRequest {}

        /**
         * alipay.trade.fastpay.refund.query for the refund $outRequestNo (a refund made
         * without one is found by its out_trade_no).
         */
        public static function refundQuery(string $appId, string $outRequestNo, ?string $outTradeNo = null,
                                           ?string $tradeNo = null): TradeRequest {}

        /**
         * The signed application/x-www-form-urlencoded body to POST to the gateway (RSA2,
         * sign_type signed), with the app's private key. $timestamp is Beijing time
         * "yyyy-MM-dd HH:mm:ss"; null for this machine's clock now.
         */
        public function signedForm(string $appPrivateKey, ?string $timestamp = null): string {}

        /**
         * Verifies the gateway's answer (the raw response body, exactly as received) with the
         * verifier's Alipay public keys. An answer that does not verify, or names another
         * trade, throws; a verified business failure (ACQ.TRADE_NOT_EXIST) is a result whose
         * isNotFound() is true.
         */
        public function verifyResponse(Verifier $verifier, string $body): TradeResult {}
    }

    /**
     * A verified answer to a TradeRequest: amounts in integer fen, null for what the answer
     * left out. Created only by TradeRequest::verifyResponse(); read-only.
     *
     * @strict-properties
     * @not-serializable
     */
    final class TradeResult
    {
        /** "alipay.trade.query", "alipay.trade.close" or "alipay.trade.fastpay.refund.query". */
        public function method(): string {}

        /** "10000" for success; "40004" for a business failure (see subCode()). */
        public function code(): string {}

        public function msg(): string {}

        /** The business error, e.g. "ACQ.TRADE_NOT_EXIST"; null on success. */
        public function subCode(): ?string {}

        public function subMsg(): ?string {}

        public function outTradeNo(): ?string {}

        public function tradeNo(): ?string {}

        /** trade_status as sent (query). */
        public function tradeStatus(): ?string {}

        public function totalAmountFen(): ?int {}

        public function receiptAmountFen(): ?int {}

        public function buyerPayAmountFen(): ?int {}

        /** The refund's amount (refund query); null when no such refund was made. */
        public function refundAmountFen(): ?int {}

        public function outRequestNo(): ?string {}

        public function refundStatus(): ?string {}

        /** When the buyer paid, Beijing time, as sent. */
        public function sendPayDate(): ?string {}

        /** code is "10000". */
        public function isSuccess(): bool {}

        /** Alipay knows no such trade (ACQ.TRADE_NOT_EXIST). */
        public function isNotFound(): bool {}

        /** A successful answer with TRADE_SUCCESS or TRADE_FINISHED. */
        public function isPaid(): bool {}

        /**
         * Every field: the accessors' values under snake_case names (total_amount_fen ...),
         * plus buyer_logon_id, buyer_user_id, buyer_open_id, sign_type, key_fingerprint,
         * is_success, is_not_found, is_paid.
         *
         * @return array<string, string|int|bool|null>
         */
        public function toArray(): array {}

        /**
         * The ledger row of this answer (source "query", body_sha256 of the response body): a
         * paid answer applies "PAID", as the lost notification would have.
         *
         * @return array<string, string|int|null>
         */
        public function ledgerEntry(): array {}
    }

    /**
     * Verified mini-program open data (my.getPhoneNumber and the other 敏感信息 jsAPIs): the
     * plaintext of the envelope's response, decrypted when it was encrypted ($d['mobile'],
     * get(), toArray()). Created only by Verifier::verifyOpenData(); read-only.
     *
     * @strict-properties
     * @not-serializable
     * @implements \ArrayAccess<string, string>
     */
    final class OpenData implements \ArrayAccess
    {
        public function offsetExists(mixed $offset): bool {}

        public function offsetGet(mixed $offset): ?string {}

        /** Always throws \LogicException: the open data holds what Alipay signed. */
        public function offsetSet(mixed $offset, mixed $value): void {}

        /** Always throws \LogicException: the open data holds what Alipay signed. */
        public function offsetUnset(mixed $offset): void {}

        /**
         * A member of the plaintext object: a JSON string as its text, any other value as
         * compact JSON; null when there is no such member.
         */
        public function get(string $name): ?string {}

        /**
         * The plaintext object decoded by PHP's JSON parser.
         *
         * @return array<string, mixed>
         */
        public function toArray(): array {}

        /** The plaintext JSON text. */
        public function content(): string {}

        /** Whether the response was encrypted (and so decrypted with the aes_key option). */
        public function isEncrypted(): bool {}

        /** The algorithm that verified, one this verifier allows: "RSA2" or "RSA". */
        public function signType(): string {}

        /** The fingerprint of the key that verified. */
        public function keyFingerprint(): string {}

        /** The index of the key that verified, in the order given. */
        public function keyIndex(): int {}

        /** @return array<string, mixed> */
        public function __debugInfo(): array {}
    }

    /**
     * A verified OpenAPI v3 response: its body exactly as signed, and how it verified. Created
     * only by Verifier::verifyV3(); read-only.
     *
     * @strict-properties
     * @not-serializable
     */
    final class V3Response
    {
        /** The body, byte for byte as signed. */
        public function body(): string {}

        /**
         * The body decoded by PHP's JSON parser (MalformedInputException when it is not a JSON
         * object; big numbers stay exact only in body()).
         *
         * @return array<string, mixed>
         */
        public function toArray(): array {}

        /** The signed alipay-timestamp, as sent (milliseconds since 1970). */
        public function timestamp(): string {}

        /** The signed alipay-nonce. */
        public function nonce(): string {}

        /** The alipay-sn header as sent (certificate mode; not signed); null when absent. */
        public function certSn(): ?string {}

        /** The fingerprint of the key that verified. */
        public function keyFingerprint(): string {}

        /** The index of the key that verified, in the order given. */
        public function keyIndex(): int {}
    }

    /**
     * Builds the Authorization header of OpenAPI v3 requests for one app. Immutable.
     *
     * @strict-properties
     * @not-serializable
     */
    final class V3Signer
    {
        /**
         * The app's private key (应用私钥: PKCS#8 or PKCS#1, PEM or bare base64), its app_id
         * and, in certificate mode, the SN of its app certificate (cert_sn()).
         */
        public function __construct(string $privateKey, string $appId, ?string $appCertSn = null) {}

        /**
         * The value of the Authorization header: $uri is the path and query as sent
         * ("/v3/alipay/trade/query"), $body the exact bytes sent ("" for GET). With
         * $appAuthToken, send it in the alipay-app-auth-token header too. $nonce and
         * $timestampMillis default to a random UUID and now.
         */
        public function authorization(string $method, string $uri, string $body = "", ?string $appAuthToken = null,
                                      ?string $nonce = null, ?int $timestampMillis = null): string {}
    }

    /**
     * Signs parameter sets as Alipay does (RSA2, RSA, SM2 or legacy MD5), to simulate
     * notifications in tests and to sign requests. Immutable.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Signer
    {
        /**
         * An RSA signer from a PKCS#8 or PKCS#1 private key (PEM or bare base64), or an SM2
         * (国密) signer from a PKCS#8 SM2 key; $signType "RSA2", "RSA" or "SM2", $rule "v1"
         * (notifications: sign_type not signed) or "v2" (app-gateway messages); null takes the
         * library's default, RSA2 and v1.
         */
        public function __construct(string $privateKey, ?string $signType = null, ?string $rule = null) {}

        /** A legacy mapi MD5 signer with the partner's key (安全校验码). */
        public static function md5(string $key): Signer {}

        /**
         * The `sign` value: name => value or [name, value] pairs, encoded to the charset their
         * `charset` parameter names; `sign` is ignored and `sign_type` added when missing.
         */
        public function sign(array $params): string {}

        /** A complete signed form body (or query string without "?"). */
        public function signedForm(array $params): string {}
    }

    /**
     * Every error of the library: the stable code (getCode(), also as the constants below)
     * and name (getErrorName()); the subclass says who has to act.
     */
    class Exception extends \Exception
    {
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT
         */
        public const MALFORMED_INPUT = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_INPUT_TOO_LARGE
         */
        public const INPUT_TOO_LARGE = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_MALFORMED_PERCENT_ENCODING
         */
        public const MALFORMED_PERCENT_ENCODING = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_DUPLICATE_PARAMETER
         */
        public const DUPLICATE_PARAMETER = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_MISSING_SIGNATURE
         */
        public const MISSING_SIGNATURE = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_SIGN_TYPE_NOT_ALLOWED
         */
        public const SIGN_TYPE_NOT_ALLOWED = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_UNSUPPORTED_CHARSET
         */
        public const UNSUPPORTED_CHARSET = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE
         */
        public const INVALID_SIGNATURE = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_INVALID_TEXT_ENCODING
         */
        public const INVALID_TEXT_ENCODING = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_INVALID_AMOUNT
         */
        public const INVALID_AMOUNT = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_REJECTED
         */
        public const NOTIFY_VERIFY_REJECTED = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_UNEXPECTED
         */
        public const NOTIFY_VERIFY_UNEXPECTED = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_UNSIGNED_RESPONSE
         */
        public const UNSIGNED_RESPONSE = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_AMBIGUOUS_SIGNED_CONTENT
         */
        public const AMBIGUOUS_SIGNED_CONTENT = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_DECRYPTION_FAILED
         */
        public const DECRYPTION_FAILED = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_STALE_RESPONSE
         */
        public const STALE_RESPONSE = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_APP_ID_MISMATCH
         */
        public const APP_ID_MISMATCH = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_SELLER_ID_MISMATCH
         */
        public const SELLER_ID_MISMATCH = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_ORDER_MISMATCH
         */
        public const ORDER_MISMATCH = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_AMOUNT_MISMATCH
         */
        public const AMOUNT_MISMATCH = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_METHOD_MISMATCH
         */
        public const METHOD_MISMATCH = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_INVALID_KEY
         */
        public const INVALID_KEY = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_WEAK_KEY
         */
        public const WEAK_KEY = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_INVALID_CONFIG
         */
        public const INVALID_CONFIG = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_INVALID
         */
        public const NOTIFY_VERIFY_INVALID = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_UNKNOWN_CERT_SN
         */
        public const UNKNOWN_CERT_SN = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_CERT_EXPIRED
         */
        public const CERT_EXPIRED = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_CERT_UNTRUSTED
         */
        public const CERT_UNTRUSTED = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_INTERNAL
         */
        public const INTERNAL = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_PANIC
         */
        public const PANIC = UNKNOWN;
        /**
         * @var int
         * @cvalue ALIPAY_NOTIFY_STATUS_NULL_PARAMETER
         */
        public const NULL_PARAMETER = UNKNOWN;

        protected string $errorName = "UNKNOWN";
        protected string $group = "unknown";

        /** The stable name of the error, such as "INVALID_SIGNATURE". */
        final public function getErrorName(): string {}

        /**
         * What the error means, the same in every binding: "signature", "malformed_input",
         * "business_mismatch", "notify_verify", "configuration" or "library" ("unknown" for a
         * code outside the library's hundreds). The exception's class is its group's.
         */
        final public function getGroup(): string {}

        /**
         * The exception the library's status $code maps to, not thrown: for code that
         * receives status codes from elsewhere (a queue, a log) and for tests.
         */
        public static function fromCode(int $code, string $message = ""): Exception {}
    }

    /**
     * Group "signature": the message is not authentic (or not signed under the policy):
     * MISSING_SIGNATURE, SIGN_TYPE_NOT_ALLOWED, INVALID_SIGNATURE, UNSIGNED_RESPONSE,
     * AMBIGUOUS_SIGNED_CONTENT, STALE_RESPONSE.
     */
    class InvalidSignatureException extends Exception {}

    /**
     * Group "malformed_input": not a well-formed message (not a form body, too large,
     * duplicates, charset, text encoding, amounts, content that does not decrypt).
     */
    class MalformedInputException extends Exception {}

    /**
     * Group "notify_verify": the legacy notify_verify check did not answer true
     * (NOTIFY_VERIFY_REJECTED, NOTIFY_VERIFY_UNEXPECTED, NOTIFY_VERIFY_INVALID).
     */
    class NotifyVerifyException extends Exception {}

    /** Group "business_mismatch": authentic, but not for this app, seller, order or method. */
    class BusinessMismatchException extends Exception {}

    /** Group "configuration": keys, options, certificates: fix the configuration. */
    class ConfigException extends Exception {}

    /** Group "library": a bug in the library; please report it. */
    class InternalException extends Exception {}

    /** The loaded library's "alipay_notify/X.Y.Z". */
    function version(): string {}

    /** "INVALID_SIGNATURE" for 107, "UNKNOWN" for a code the library does not know. */
    function status_name(int $code): string {}

    /**
     * The SN Alipay computes for the first certificate (app_cert_sn from
     * appCertPublicKey_*.crt, or alipay_cert_sn).
     */
    function cert_sn(string $pem): string {}

    /** alipay_root_cert_sn of alipayRootCert.crt. */
    function root_cert_sn(string $pem): string {}

    /**
     * The URL of the legacy notify_verify check (the decoded notify_id is encoded once
     * here); $gateway defaults to https://mapi.alipay.com/gateway.do.
     */
    function notify_verify_url(string $partner, string $notifyId, ?string $gateway = null): string {}

    /**
     * Returns when the body notify_verify answered means true; otherwise throws
     * NotifyVerifyException (NOTIFY_VERIFY_REJECTED for false, NOTIFY_VERIFY_INVALID for
     * invalid, NOTIFY_VERIFY_UNEXPECTED for anything else).
     */
    function classify_notify_verify(string $answer): void {}

    /**
     * The names of the options of $table, "verifier" (Verifier's options), "diagnose"
     * (diagnose()'s) or "signer" (a signer's), as the library lists them for every language;
     * another table is ConfigException (INVALID_CONFIG). The deprecated spellings are not
     * listed.
     *
     * @return list<string>
     */
    function option_names(string $table): array {}

    /** The current request's raw body (php://input). */
    function request_body(): string {}

    /**
     * Decrypts base64 $ciphertext with the base64 $aesKey (AES-CBC, zero IV, PKCS#7, as
     * Alipay encrypts). Decrypt only content whose signature verified: responses and open data
     * decrypt themselves after verifying. ConfigException (INVALID_KEY) for a bad key,
     * MalformedInputException (DECRYPTION_FAILED) for content that does not decrypt; neither
     * message holds the key or the plaintext.
     */
    function decrypt(string $aesKey, string $ciphertext): string {}

    /** The current request's raw query string ($_SERVER['QUERY_STRING']). */
    function request_query(): string {}

    /**
     * The ledger row of a delivery that was refused (docs/ledger.md): verdict "rejected",
     * error_name the error's name, body_sha256 of $body, nothing copied from the unverified
     * body. $source is "notify", "return" or "query"; $error the exception verification threw
     * (or its code).
     *
     * @return array<string, string|int|null>
     */
    function rejected_ledger_entry(string $source, string $body, Exception|int $error): array {}
}
