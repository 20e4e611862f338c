<?php
/*
 * The same notify_url written the way Alipay's old vendor demo (mapi, 即时到账) does it, with
 * the drop-in AlipayNotify class (php/lib/alipay_notify.class.php) in place of the vendor's
 * lib/alipay_notify.class.php: for merchants migrating. verifyNotify() checks the signature
 * over the raw body (sign_type RSA, as the vendor demo signs) and asks the gateway's
 * notify_verify service about the notify_id; the demo's code then reads $_POST as before.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';
require_once dirname(__DIR__, 3) . '/php/lib/alipay_notify.class.php';

ini_set('display_errors', '0');
header('Content-Type: text/plain; charset=utf-8');

$config = shop_config();
// The vendor demo's alipay.config.php.
$alipay_config = [
    'partner' => $config['seller_id'],
    'sign_type' => 'RSA',
    'ali_public_key_path' => $config['alipay_public_key_file'],
    'input_charset' => 'utf-8',
    'transport' => 'http',
    'notify_verify_gateway' => $config['notify_verify_gateway'],
];

$alipayNotify = new AlipayNotify($alipay_config);
if (!$alipayNotify->verifyNotify()) {
    $error = $alipayNotify->lastError;
    record_delivery(claimed_order_number(AlipayNotify\request_body()), 'legacy', null, 'refused',
        $error instanceof AlipayNotify\Exception ? $error->getErrorName() : null);
    echo 'fail';
    exit;
}
// From here on, the vendor demo's code: $_POST is what Alipay sent, and it verified.
$order = find_order((string) ($_POST['out_trade_no'] ?? ''));
$amount = fen_of($_POST['total_amount'] ?? $_POST['total_fee'] ?? null);
$mismatch = match (true) {
    $order === null => 'ORDER_MISMATCH',
    $amount === null || $amount !== fen_of($order['total_amount']) => 'AMOUNT_MISMATCH',
    ($_POST['seller_id'] ?? '') !== $config['seller_id'] => 'SELLER_ID_MISMATCH',
    isset($_POST['app_id']) && $_POST['app_id'] !== $config['app_id'] => 'APP_ID_MISMATCH',
    default => null,
};
if ($mismatch !== null) {
    record_delivery($order['out_trade_no'] ?? null, 'legacy', $_POST['notify_id'], 'refused', $mismatch);
    echo 'fail';
    exit;
}
$status = $_POST['trade_status'] ?? '';
try {
    if ($status === 'TRADE_SUCCESS' || $status === 'TRADE_FINISHED') {
        pay_order_once($order['out_trade_no'], (string) ($_POST['trade_no'] ?? ''), $_POST['notify_id'], 'legacy');
    } else {
        record_delivery($order['out_trade_no'], 'legacy', $_POST['notify_id'], "status $status");
    }
} catch (Throwable $e) {
    error_log('alipay notify not handled: ' . $e->getMessage());
    echo 'fail';
    exit;
}
echo 'success';
