--TEST--
Verifier options and diagnose() options: names, types, lists, null, times, certificate mode
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\Verifier;
require __DIR__ . '/vectors.inc';

$notify = an_vector_file('notify.json');
$keys = $notify['keys'];
$byId = array_column($notify['vectors'], null, 'id');
$basic = $byId['notify-basic-rsa2']['input'];

function attempt(string $label, callable $call): void
{
    try {
        $result = $call();
        echo "$label: ok", is_string($result) ? " $result" : '', "\n";
    } catch (AlipayNotify\Exception $e) {
        echo "$label: ", get_class($e), ' ', $e->getMessage(), "\n";
    }
}
$key = $keys['alipay_a'];
$shapes = an_vector_file('keys.json')['keys'];
attempt('all options', fn () => (new Verifier([
    'alipay_public_key' => [$keys['alipay_b'], $key], 'sign_types' => ['RSA2', 'RSA'], 'rule' => 'v1',
    'app_id' => '2021000117600000', 'seller_id' => ['2088000000000001', '2088102177846883'], 'max_size' => 65536,
    'min_key_bits' => 2048, 'default_charset' => 'utf-8', 'md5_key' => null,
]))->verifyNotify($basic)->keyIndex() === 1 ? 'key 1' : 'other key');
attempt('single strings', fn () => (new Verifier(['alipay_public_key' => $key, 'sign_types' => 'RSA2', 'seller_id' => '2088102177846883']))->verifyNotify($basic)->sellerId());
attempt('nulls ignored', fn () => (new Verifier(['alipay_public_key' => $key, 'app_id' => null, 'rule' => null]))->verifyNotify($basic)->appId());
attempt('seller mismatch', fn () => (new Verifier(['alipay_public_key' => $key, 'seller_id' => ['2088000000000001']]))->verifyNotify($basic));
attempt('no options', fn () => new Verifier([]));
attempt('unknown option', fn () => new Verifier(['alipay_public_key' => $key, 'sign_type' => 'RSA2']));
attempt('list options', fn () => new Verifier([$key]));
attempt('key not a string', fn () => new Verifier(['alipay_public_key' => 42]));
attempt('key list with a non-string', fn () => new Verifier(['alipay_public_key' => [$key, false]]));
attempt('rule as a list', fn () => new Verifier(['alipay_public_key' => $key, 'rule' => ['v1']]));
attempt('max_size as a string', fn () => new Verifier(['alipay_public_key' => $key, 'max_size' => '100']));
attempt('negative max_size', fn () => new Verifier(['alipay_public_key' => $key, 'max_size' => -1]));
attempt('max_size 0', fn () => new Verifier(['alipay_public_key' => $key, 'max_size' => 0]));
attempt('small max_size', fn () => (new Verifier(['alipay_public_key' => $key, 'max_size' => 100]))->verifyNotify($basic));
attempt('bad rule', fn () => new Verifier(['alipay_public_key' => $key, 'rule' => 'v3']));
attempt('bad charset', fn () => new Verifier(['alipay_public_key' => $key, 'default_charset' => 'big5']));
attempt('charset not UTF-8', fn () => new Verifier(['alipay_public_key' => $key, 'default_charset' => "\xff"]));
attempt('weak key', fn () => new Verifier(['alipay_public_key' => $shapes['legacy1024_b64']]));
attempt('1024 allowed', fn () => new Verifier(['alipay_public_key' => $shapes['legacy1024_b64'], 'min_key_bits' => 1024]));
attempt('private key', fn () => new Verifier(['alipay_public_key' => $shapes['private_pkcs8_pem']]));
attempt('at without root', fn () => new Verifier(['alipay_public_key' => $key, 'check_certificates_at' => 1]));

$responses = an_vector_file('responses.json');
$trusted = array_column($responses['vectors'], null, 'id')['responses-cert-check-trusted'];
$cert = ['alipay_public_key' => $responses['keys']['alipay_a_cert'], 'check_certificates' => $responses['keys']['test_root']];
attempt('certificate mode', fn () => (new Verifier($cert + ['check_certificates_at' => 1735689600]))->verifyResponse($trusted['input'])->method());
attempt('certificate expired', fn () => new Verifier($cert + ['check_certificates_at' => 4102444800]));
attempt('bare key in certificate mode', fn () => new Verifier(['alipay_public_key' => $key, 'check_certificates' => $responses['keys']['test_root']]));
attempt('time as a DateTimeInterface', fn () => (new Verifier(['check_certificates_at' => new DateTimeImmutable('2025-01-01T00:00:00Z')] + $cert))->verifyResponse($trusted['input'])->method());
attempt('DateTime after the expiry', fn () => new Verifier($cert + ['check_certificates_at' => new DateTime('2100-01-01T00:00:00Z')]));
attempt('a time is no size', fn () => new Verifier(['alipay_public_key' => $key, 'max_size' => new DateTimeImmutable()]));
attempt('another object', fn () => new Verifier(['alipay_public_key' => $key, 'check_certificates_at' => new stdClass()]));
attempt('a float', fn () => new Verifier(['alipay_public_key' => $key, 'max_size' => 1.0]));
attempt('camelCase spelling', fn () => (new Verifier(['alipayPublicKey' => $key, 'appId' => '2021000117600000']))->verifyNotify($basic)->appId());

echo "-- diagnose\n";
$verifier = new Verifier(['alipay_public_key' => $key]);
$d = $verifier->diagnose($basic);
var_dump($d['verified'], $d['error'], $d['findings']);
$d = $verifier->diagnose(str_replace('total_amount=0.01', 'total_amount=1.00', $basic), ['kind' => 'notify']);
var_dump($d['verified'], $d['error'][0], $d['findings'][0]['certain'], strlen($d['content_sha256']));
$app = new Verifier(['alipay_public_key' => $keys['app']]);
$d = $app->diagnose($basic, ['app_public_keys' => [$keys['app']], 'app_private_key' => null]);
echo implode(',', array_column(array_filter($d['findings'], fn ($f) => $f['certain']), 'code')), "\n";
attempt('unknown diagnose option', fn () => $verifier->diagnose($basic, ['app_key' => $key]));
attempt('bad kind', fn () => $verifier->diagnose($basic, ['kind' => 'query']));
attempt('bad app key', fn () => $verifier->diagnose($basic, ['app_public_keys' => 'nope']));
attempt('kind as an int', fn () => $verifier->diagnose($basic, ['kind' => 1]));
?>
--EXPECTF--
all options: ok key 1
single strings: ok 2088102177846883
nulls ignored: ok 2021000117600000
seller mismatch: AlipayNotify\BusinessMismatchException SELLER_ID_MISMATCH: %s
no options: AlipayNotify\ConfigException %s
unknown option: AlipayNotify\ConfigException INVALID_CONFIG: unknown option "sign_type"; the options are: alipay_public_key, sign_types, %s
list options: AlipayNotify\ConfigException INVALID_CONFIG: options must be an array of name => value
key not a string: AlipayNotify\ConfigException INVALID_CONFIG: option alipay_public_key takes a text or a list of texts, not a number
key list with a non-string: AlipayNotify\ConfigException INVALID_CONFIG: option "alipay_public_key": a list holding bool is not an option value (a string, an int, a list of strings or a DateTimeInterface)
rule as a list: AlipayNotify\ConfigException INVALID_CONFIG: option rule takes a text, not a list of texts
max_size as a string: AlipayNotify\ConfigException INVALID_CONFIG: option max_size takes %s, not a text
negative max_size: AlipayNotify\ConfigException INVALID_CONFIG: option max_size must not be negative
max_size 0: AlipayNotify\ConfigException INVALID_CONFIG: %s
small max_size: AlipayNotify\MalformedInputException INPUT_TOO_LARGE: %s
bad rule: AlipayNotify\ConfigException INVALID_CONFIG: %s
bad charset: AlipayNotify\ConfigException INVALID_CONFIG: option default_charset: unknown charset "big5": use utf-8, gbk, gb2312 or gb18030
charset not UTF-8: AlipayNotify\ConfigException INVALID_CONFIG: %s
weak key: AlipayNotify\ConfigException WEAK_KEY: %s
1024 allowed: ok
private key: AlipayNotify\ConfigException INVALID_KEY: %s
at without root: AlipayNotify\ConfigException INVALID_CONFIG: check_certificates_at needs check_certificates%s
certificate mode: ok alipay.trade.query
certificate expired: AlipayNotify\ConfigException CERT_EXPIRED: %s
bare key in certificate mode: AlipayNotify\ConfigException %s
time as a DateTimeInterface: ok alipay.trade.query
DateTime after the expiry: AlipayNotify\ConfigException CERT_EXPIRED: %s
a time is no size: AlipayNotify\ConfigException INVALID_CONFIG: option max_size takes %s, not a time
another object: AlipayNotify\ConfigException INVALID_CONFIG: option "check_certificates_at": a stdClass is not an option value (a string, an int, a list of strings or a DateTimeInterface)
a float: AlipayNotify\ConfigException INVALID_CONFIG: option "max_size": a float is not an option value (a string, an int, a list of strings or a DateTimeInterface)
camelCase spelling: ok 2021000117600000
-- diagnose
bool(true)
NULL
array(0) {
}
bool(false)
string(17) "INVALID_SIGNATURE"
bool(false)
int(64)
APP_PUBLIC_KEY_CONFIGURED
unknown diagnose option: AlipayNotify\ConfigException INVALID_CONFIG: unknown option "app_key"; the options are: app_public_keys, app_private_key, kind
bad kind: AlipayNotify\ConfigException INVALID_CONFIG: %s
bad app key: AlipayNotify\ConfigException INVALID_KEY: %s
kind as an int: AlipayNotify\ConfigException INVALID_CONFIG: option kind takes a text, not a number
