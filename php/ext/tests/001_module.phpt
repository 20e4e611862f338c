--TEST--
The module: constants, functions, classes, phpinfo()
--EXTENSIONS--
alipay_notify
--FILE--
<?php
var_dump(AlipayNotify\SUCCESS, AlipayNotify\FAIL, AlipayNotify\VERSION);
var_dump(AlipayNotify\version() === 'alipay_notify/' . AlipayNotify\VERSION, phpversion('alipay_notify') === AlipayNotify\VERSION);
var_dump(AlipayNotify\status_name(0), AlipayNotify\status_name(107), AlipayNotify\status_name(555), AlipayNotify\status_name(PHP_INT_MAX));
$functions = get_extension_funcs('alipay_notify');
sort($functions);
echo implode("\n", $functions), "\n";
$classes = array_filter(get_declared_classes(), fn ($c) => str_starts_with($c, 'AlipayNotify\\'));
sort($classes);
echo implode("\n", $classes), "\n";
var_dump(class_implements(AlipayNotify\Notification::class) == ['ArrayAccess' => 'ArrayAccess', 'Countable' => 'Countable',
    'IteratorAggregate' => 'IteratorAggregate', 'Traversable' => 'Traversable', 'JsonSerializable' => 'JsonSerializable']);
echo (new ReflectionMethod(AlipayNotify\Verifier::class, 'verifyResponse')), "\n";
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
var_dump(str_contains($info, 'alipay_notify support => enabled'), str_contains($info, 'library => alipay_notify/'));
echo AlipayNotify\notify_verify_url('2088101122136241', 'a+b/c='), "\n";
echo AlipayNotify\notify_verify_url('2088101122136241', 'id', 'http://127.0.0.1:8080/gateway.do?x=1'), "\n";
?>
--EXPECTF--
string(7) "success"
string(4) "fail"
string(%d) "%d.%d.%d"
bool(true)
bool(true)
string(2) "OK"
string(17) "INVALID_SIGNATURE"
string(7) "UNKNOWN"
string(7) "UNKNOWN"
AlipayNotify\cert_sn
AlipayNotify\classify_notify_verify
AlipayNotify\decrypt
AlipayNotify\notify_verify_url
AlipayNotify\option_names
AlipayNotify\rejected_ledger_entry
AlipayNotify\request_body
AlipayNotify\request_query
AlipayNotify\root_cert_sn
AlipayNotify\status_name
AlipayNotify\version
AlipayNotify\BusinessMismatchException
AlipayNotify\ConfigException
AlipayNotify\Exception
AlipayNotify\InternalException
AlipayNotify\InvalidSignatureException
AlipayNotify\MalformedInputException
AlipayNotify\Notification
AlipayNotify\NotifyVerifyException
AlipayNotify\OpenData
AlipayNotify\Response
AlipayNotify\Signer
AlipayNotify\TradeRequest
AlipayNotify\TradeResult
AlipayNotify\V3Response
AlipayNotify\V3Signer
AlipayNotify\Verifier
bool(true)
Method [ <internal:alipay_notify> public method verifyResponse ] {

  - Parameters [2] {
    Parameter #0 [ <required> string $json ]
    Parameter #1 [ <optional> ?string $method = null ]
  }
  - Return [ AlipayNotify\Response ]
}

bool(true)
bool(true)
https://mapi.alipay.com/gateway.do?service=notify_verify&partner=2088101122136241&notify_id=a%2Bb%2Fc%3D
http://127.0.0.1:8080/gateway.do?x=1&service=notify_verify&partner=2088101122136241&notify_id=id
