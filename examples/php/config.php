<?php
/*
 * The shop's settings, from environment variables. The defaults run the demo against
 * `alipay-notify sandbox` on this machine with the throwaway keys in demo_keys/; in production
 * set every one of them (and never ship demo_keys/).
 */

$env = static function (string $name, string $default): string {
    $value = getenv($name);
    return $value === false || $value === '' ? $default : $value;
};
$keys = __DIR__ . '/demo_keys';

return [
    // Where the buyer is sent to pay: the sandbox's gateway, or Alipay's
    // (https://openapi.alipay.com/gateway.do) in production.
    'gateway' => $env('SHOP_ALIPAY_GATEWAY', 'http://127.0.0.1:8090/gateway.do'),
    // A file with Alipay's public key (支付宝公钥, as the console or the sandbox shows it),
    // never the app's own public key.
    'alipay_public_key_file' => $env('ALIPAY_PUBLIC_KEY_FILE', "$keys/alipay_public_key.txt"),
    // The app private key (应用私钥) that signs the payment request.
    'app_private_key_file' => $env('SHOP_APP_PRIVATE_KEY_FILE', "$keys/app_private_key.pem"),
    'app_id' => $env('ALIPAY_APP_ID', '2021000000000000'),
    // The merchant's Alipay user id (2088...): notifications for another seller are refused.
    'seller_id' => $env('ALIPAY_SELLER_ID', '2088000000000000'),
    // The sign types accepted, comma-separated: RSA2, or "RSA2,RSA" for an app whose
    // notifications are still signed with RSA (SHA1).
    'sign_types' => $env('ALIPAY_SIGN_TYPES', 'RSA2'),
    // PostgreSQL (postgresql://user:password@host:port/database) when several web servers share
    // the orders; else the SQLite file below.
    'database_url' => $env('DATABASE_URL', ''),
    'database' => $env('SHOP_DB', __DIR__ . '/shop.sqlite'),
    // The shop's own address as Alipay reaches it (notify_url, return_url); by default the
    // address this request came to.
    'base_url' => $env('SHOP_BASE_URL', ''),
    // legacy.php (the vendor class drop-in) asks this gateway's notify_verify service whether
    // Alipay sent the notification; the sandbox answers it too.
    'notify_verify_gateway' => $env('ALIPAY_NOTIFY_VERIFY_GATEWAY', $env('SHOP_ALIPAY_GATEWAY', 'http://127.0.0.1:8090/gateway.do')),
];
