<?php
/* Talking to Alipay: the signed payment request and the verifier of what Alipay sends back. */

declare(strict_types=1);

use AlipayNotify\Signer;
use AlipayNotify\Verifier;

/*
 * Verifies notify_url and return_url messages. With app_id and seller_id set, a message for
 * another app or another merchant is refused (APP_ID_MISMATCH, SELLER_ID_MISMATCH) even when
 * Alipay signed it.
 */
function alipay_verifier(): Verifier
{
    $config = shop_config();
    return new Verifier([
        'alipay_public_key' => read_key_file($config['alipay_public_key_file']),
        'app_id' => $config['app_id'],
        'seller_id' => $config['seller_id'],
        'sign_types' => array_map('trim', explode(',', $config['sign_types'])),
    ]);
}

function read_key_file(string $path): string
{
    $key = is_readable($path) ? file_get_contents($path) : false;
    if ($key === false) {
        throw new RuntimeException('cannot read the key file ' . basename($path));
    }
    return $key;
}

/*
 * The alipay.trade.page.pay URL the buyer is sent to. Requests are signed with the app
 * private key over every parameter but `sign`, sorted, sign_type included (rule v2).
 */
function payment_url(array $order): string
{
    $config = shop_config();
    $base = shop_base_url();
    $params = [
        'app_id' => $config['app_id'],
        'method' => 'alipay.trade.page.pay',
        'format' => 'JSON',
        'charset' => 'utf-8',
        'sign_type' => 'RSA2',
        'timestamp' => now_text(),
        'version' => '1.0',
        'notify_url' => "$base/notify.php",
        'return_url' => "$base/return.php",
        'biz_content' => json_encode([
            'out_trade_no' => $order['out_trade_no'],
            'total_amount' => $order['total_amount'],
            'subject' => $order['subject'],
            'product_code' => 'FAST_INSTANT_TRADE_PAY',
        ], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR),
    ];
    $signer = new Signer(read_key_file($config['app_private_key_file']), 'RSA2', 'v2');
    $gateway = $config['gateway'];
    return $gateway . (str_contains($gateway, '?') ? '&' : '?') . $signer->signedForm($params);
}

/* The order number a refused message claims, for the delivery log only (it is unverified). */
function claimed_order_number(string $rawBody): ?string
{
    parse_str($rawBody, $fields);
    $claimed = $fields['out_trade_no'] ?? null;
    return is_string($claimed) && preg_match('/^[A-Za-z0-9_-]{1,64}$/', $claimed) ? $claimed : null;
}
