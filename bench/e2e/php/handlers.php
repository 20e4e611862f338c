<?php
// The PHP handlers of scripts/bench-e2e.sh (library.php, sdk.php, cost.php): the same job done
// two ways. No database: verify the form, check app_id, seller_id, out_trade_no and
// total_amount against one fixed order. Like every PHP-FPM request, each call starts from
// nothing: the key is read (E2E_PUBLIC_KEY, a PEM file) and parsed on every request.
declare(strict_types=1);

// The order the notification is for: the defaults of `alipay-notify simulate`.
const APP_ID = '2021000000000000';
const SELLER_ID = '2088000000000000';
const OUT_TRADE_NO = 'T20240102000001';
const TOTAL_AMOUNT = '88.00';

function alipay_public_key_pem(): string
{
    return (string) file_get_contents((string) getenv('E2E_PUBLIC_KEY'));
}

/** This library: the extension's Verifier over the raw body, then checkOrder(). */
function library_accepts(string $rawBody): bool
{
    $verifier = new AlipayNotify\Verifier([
        'alipay_public_key' => alipay_public_key_pem(),
        'app_id' => APP_ID,
        'seller_id' => SELLER_ID,
    ]);
    try {
        $verifier->verifyNotify($rawBody)->checkOrder(OUT_TRADE_NO, TOTAL_AMOUNT);
        return true;
    } catch (AlipayNotify\Exception $e) {
        error_log('alipay notify rejected: ' . $e->getMessage());
        return false;
    }
}

/**
 * What the official AopClient (alipay-sdk-php) runs for a notification: rsaCheckV1($_POST,
 * null, 'RSA2') with the key given as a string (alipayrsaPublicKey, the documented way), its
 * logic as is. rsaCheckV1 blanks sign and sign_type, getSignContent() sorts and joins the
 * non-empty values (characet() converts nothing when the file and post charsets are both
 * UTF-8), and verify() wraps the bare key into PEM and hands that text to openssl_verify(),
 * which parses it on every call.
 */
function aop_check_empty($value): bool
{
    return $value === null || trim((string) $value) === '';
}

function aop_sign_content(array $params): string
{
    ksort($params);
    $pairs = [];
    foreach ($params as $k => $v) {
        if (!aop_check_empty($v) && substr((string) $v, 0, 1) !== '@') {
            $pairs[] = "$k=$v";
        }
    }
    return implode('&', $pairs);
}

function aop_rsa_check_v1(array $params, string $alipayrsaPublicKey): bool
{
    $sign = (string) ($params['sign'] ?? '');
    $params['sign_type'] = null;
    $params['sign'] = null;
    $pem = "-----BEGIN PUBLIC KEY-----\n" . wordwrap($alipayrsaPublicKey, 64, "\n", true) .
        "\n-----END PUBLIC KEY-----";
    return openssl_verify(aop_sign_content($params), base64_decode($sign), $pem, OPENSSL_ALGO_SHA256) === 1;
}

/** The AopClient handler: rsaCheckV1, then the same checks by hand. */
function sdk_accepts(array $form): bool
{
    // AopClient is configured with the bare base64 key (alipayrsaPublicKey).
    $bare = (string) preg_replace('/-----[A-Z ]+-----|\s/', '', alipay_public_key_pem());
    return aop_rsa_check_v1($form, $bare)
        && ($form['app_id'] ?? null) === APP_ID
        && ($form['seller_id'] ?? null) === SELLER_ID
        && ($form['out_trade_no'] ?? null) === OUT_TRADE_NO
        && ($form['total_amount'] ?? null) === TOTAL_AMOUNT;
}
