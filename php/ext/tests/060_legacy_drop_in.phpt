--TEST--
Legacy drop-in: the official demo's notify_url.php and return_url.php with only the require_once line changed, against a notify_verify stand-in
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/merchant.inc';

$lib = an_root() . '/php/lib/alipay_notify.class.php';
[$gateway, $gatewayDir] = an_start_gateway();
$merchant = an_temp_dir('legacy');
an_write_legacy_merchant($merchant, $gateway);
$server = an_start_server($merchant);

function run(string $name, string $method, string $target, string $body, string $config = ''): void
{
    global $server, $gatewayDir;
    an_legacy_request(['http', $server], $gatewayDir, $name, $method, $target, $body, $config);
}

$md5 = an_vector_file('legacy_md5.json');
$vector = array_column($md5['vectors'], null, 'id');

echo "-- notify_url.php, MD5\n";
run('legacy_md5.json vector', 'POST', '/notify_url.php', $vector['legacy-md5-notify']['input']);
run('notify_verify true', 'POST', '/notify_url.php', an_legacy_message('nid-true'));
run('notify_verify false', 'POST', '/notify_url.php', an_legacy_message('nid-false'));
run('notify_verify invalid', 'POST', '/notify_url.php', an_legacy_message('nid-invalid'));
run('notify_verify " TRUE\r\n"', 'POST', '/notify_url.php', an_legacy_message('nid-spaced'));
run('notify_verify html', 'POST', '/notify_url.php', an_legacy_message('nid-html'));
run('notify_id needing encoding', 'POST', '/notify_url.php', an_legacy_message('a+b/c=&d'));
run('no notify_id', 'POST', '/notify_url.php', an_legacy_message(null));
run('tampered', 'POST', '/notify_url.php', str_replace('total_fee=0.01', 'total_fee=100.00', an_legacy_message('nid-true')));
run('RSA2 message', 'POST', '/notify_url.php', an_legacy_message('nid-true', 'RSA2'));
run('empty body', 'POST', '/notify_url.php', '');
run('GBK input_charset', 'POST', '/notify_url.php', $vector['legacy-md5-gbk-default-charset']['input'], 'md5-gbk');
run('gateway down', 'POST', '/notify_url.php', an_legacy_message('nid-true'), 'gateway-down');
run('no partner', 'POST', '/notify_url.php', an_legacy_message('nid-true'), 'no-partner');

echo "-- notify_url.php, RSA (SHA1, 1024-bit key)\n";
run('RSA true', 'POST', '/notify_url.php', an_legacy_message('nid-true', 'RSA'), 'rsa');
run('RSA false', 'POST', '/notify_url.php', an_legacy_message('nid-false', 'RSA'), 'rsa');
run('RSA tampered', 'POST', '/notify_url.php', str_replace('T2001', 'T2002', an_legacy_message('nid-true', 'RSA')), 'rsa');
run('MD5 message', 'POST', '/notify_url.php', an_legacy_message('nid-true'), 'rsa');
run('missing key file', 'POST', '/notify_url.php', an_legacy_message('nid-true', 'RSA'), 'rsa-no-key-file');
echo preg_match("/AlipayNotify: check \\\$alipay_config: INVALID_KEY: ali_public_key_path '[^']*missing.pem' cannot be read/",
    file_get_contents("$merchant/server.log")) ? "warning logged\n" : "no warning in the log\n";

echo "-- return_url.php\n";
run('return true', 'GET', '/return_url.php?' . an_legacy_message('nid-true'), '');
run('return false', 'GET', '/return_url.php?' . an_legacy_message('nid-false'), '');
run('return without notify_id', 'GET', '/return_url.php?' . an_legacy_message(null), '');
run('return tampered', 'GET', '/return_url.php?' . str_replace('T2001', 'T2002', an_legacy_message('nid-true')), '');
run('return with a router parameter', 'GET', '/return_url.php?q=/pay/return&' . an_legacy_message('nid-true'), '');

echo "-- lastError for a message without notify_id\n";
foreach ([['POST', '/notify_url.php', an_legacy_message(null)], ['GET', '/return_url.php?' . an_legacy_message(null), '']] as [$method, $target, $body]) {
    [, $headers] = an_request(['http', $server], $method, $target, $body);
    echo rawurldecode($headers['x-error-message'] ?? 'none'), "\n";
}
an_gateway_requests($gatewayDir);

echo "-- the URL notify_verify was asked\n";
an_http($server, 'POST', '/notify_url.php', an_legacy_message('a+b/c=&d'), ['Content-Type' => 'application/x-www-form-urlencoded']);
echo an_gateway_requests($gatewayDir)[0], "\n";

echo "-- in the CLI\n";
require $lib;
$alipay_config = ['partner' => AN_PARTNER, 'key' => AN_MD5_KEY, 'sign_type' => 'MD5', 'input_charset' => 'utf-8',
    'transport' => 'http', 'notify_verify_gateway' => "http://$gateway/gateway.do"];
$alipayNotify = new AlipayNotify($alipay_config);
var_dump($alipayNotify->verifyNotify(), $alipayNotify->lastError->getErrorName());
var_dump($alipayNotify->verifyReturn(), $alipayNotify->lastError->getErrorName());
var_dump($alipayNotify->getResponse('nid-true'), $alipayNotify->getResponse('nid-false'));
an_gateway_requests($gatewayDir);
// The demo's public address properties: their defaults, and code that changes them.
$demo = new AlipayNotify(['notify_verify_gateway' => null, 'transport' => 'https'] + $alipay_config);
echo $demo->https_verify_url, "\n", $demo->http_verify_url, "\n";
$demo->https_verify_url = "http://$gateway/sandbox/gateway.do?service=notify_verify&";
var_dump($demo->getResponse('nid-true'));
echo an_gateway_requests($gatewayDir)[0], "\n";
set_error_handler(function ($severity, $message) {
    echo "E_USER_WARNING: $message\n";
    return true;
}, E_USER_WARNING);
$dsa = new AlipayNotify(['sign_type' => 'DSA'] + $alipay_config);
var_dump($dsa->verifyNotify(), get_class($dsa->lastError));
?>
--EXPECT--
-- notify_url.php, MD5
legacy_md5.json vector: success, notify_verify asked for [d2ac4c7e5d2b8e1c7f2ac5a7e4e6b1ag2y]
notify_verify true: success, notify_verify asked for [nid-true]
notify_verify false: fail (NOTIFY_VERIFY_REJECTED), notify_verify asked for [nid-false]
notify_verify invalid: fail (NOTIFY_VERIFY_INVALID), notify_verify asked for [nid-invalid]
notify_verify " TRUE\r\n": success, notify_verify asked for [nid-spaced]
notify_verify html: fail (NOTIFY_VERIFY_UNEXPECTED), notify_verify asked for [nid-html]
notify_id needing encoding: success, notify_verify asked for [a+b/c=&d]
no notify_id: fail (NOTIFY_VERIFY_REJECTED), notify_verify asked for []
tampered: fail (INVALID_SIGNATURE), notify_verify asked for []
RSA2 message: fail (SIGN_TYPE_NOT_ALLOWED), notify_verify asked for []
empty body: fail (MALFORMED_INPUT), notify_verify asked for []
GBK input_charset: success, notify_verify asked for [d2ac4c7e5d2b8e1c7f2ac5a7e4e6b1ag2y]
gateway down: fail (NOTIFY_VERIFY_UNEXPECTED), notify_verify asked for []
no partner: fail (INVALID_CONFIG), notify_verify asked for []
-- notify_url.php, RSA (SHA1, 1024-bit key)
RSA true: success, notify_verify asked for [nid-true]
RSA false: fail (NOTIFY_VERIFY_REJECTED), notify_verify asked for [nid-false]
RSA tampered: fail (INVALID_SIGNATURE), notify_verify asked for []
MD5 message: fail (SIGN_TYPE_NOT_ALLOWED), notify_verify asked for []
missing key file: fail (INVALID_KEY), notify_verify asked for []
warning logged
-- return_url.php
return true: 验证成功<br />, notify_verify asked for [nid-true]
return false: 验证失败 (NOTIFY_VERIFY_REJECTED), notify_verify asked for [nid-false]
return without notify_id: 验证失败 (NOTIFY_VERIFY_REJECTED), notify_verify asked for []
return tampered: 验证失败 (INVALID_SIGNATURE), notify_verify asked for []
return with a router parameter: 验证失败 (INVALID_SIGNATURE), notify_verify asked for []
-- lastError for a message without notify_id
NOTIFY_VERIFY_REJECTED: the message carries no notify_id, so notify_verify cannot confirm that Alipay sent it (the official demo answers false too)
NOTIFY_VERIFY_REJECTED: the message carries no notify_id, so notify_verify cannot confirm that Alipay sent it (the official demo answers false too)
-- the URL notify_verify was asked
/gateway.do?service=notify_verify&partner=2088101122136241&notify_id=a%2Bb%2Fc%3D%26d
-- in the CLI
bool(false)
string(15) "MALFORMED_INPUT"
bool(false)
string(15) "MALFORMED_INPUT"
string(4) "true"
string(5) "false"
https://mapi.alipay.com/gateway.do?service=notify_verify&
http://notify.alipay.com/trade/notify_query.do?
string(4) "true"
/sandbox/gateway.do?service=notify_verify&partner=2088101122136241&notify_id=nid-true
E_USER_WARNING: AlipayNotify: check $alipay_config: INVALID_CONFIG: sign_type 'DSA' is not MD5 or RSA
bool(false)
string(28) "AlipayNotify\ConfigException"
