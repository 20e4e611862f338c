--TEST--
AES-encrypted content: decrypt(), encrypted responses, OpenData, 生活号 biz_content, typed errors
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\{ConfigException, Exception as AnException, MalformedInputException, OpenData, Verifier};
require __DIR__ . '/vectors.inc';

$aes = an_vector_file('aes.json');
$keys = $aes['keys'];
$byId = array_column($aes['vectors'], null, 'id');
$verifier = fn (array $options = []) => new Verifier(['alipay_public_key' => $keys['alipay_a']] + $options);
/* Runs $call; prints the class and name of what it throws, and whether the message holds $secret. */
$fails = function (callable $call, string $secret = '') {
    try {
        $call();
        echo "no exception\n";
    } catch (AnException $e) {
        $leak = $secret !== '' && str_contains($e->getMessage(), $secret) ? ' (shows the key!)' : '';
        echo get_class($e), ' ', $e->getErrorName(), ' ', $e->getCode(), $leak, "\n";
    }
};

echo "-- decrypt()\n";
// The Java SDK's own AES test: its key and its ciphertext of "test1234567".
var_dump(AlipayNotify\decrypt($keys['java_sdk_aes'], 'ILpoMowjIQjfYMR847rnFQ=='));
$fails(fn () => AlipayNotify\decrypt($keys['node_sdk_aes'], 'ILpoMowjIQjfYMR847rnFQ=='), $keys['node_sdk_aes']);
$fails(fn () => AlipayNotify\decrypt($keys['aes_10_bytes'], 'ILpoMowjIQjfYMR847rnFQ=='), $keys['aes_10_bytes']);
var_dump(AnException::DECRYPTION_FAILED, AnException::fromCode(114) instanceof MalformedInputException);

echo "-- an encrypted response\n";
$body = $byId['aes-response-trade-query']['input'];
$r = $verifier(['aes_key' => $keys['aes128']])->verifyResponse($body, 'alipay.trade.query');
var_dump($r->isDecrypted(), $r['total_amount'], $r->toArray()['trade_status'], json_decode($r->decryptedContent(), true) === $r->toArray());
var_dump($r->content()[0] === '"');
$plain = $verifier()->verifyResponse($body);
var_dump($plain->isDecrypted(), $plain->decryptedContent(), is_string($plain->toArray()), $plain['total_amount']);
$fails(fn () => $verifier(['aes_key' => $keys['aes256']])->verifyResponse($body));

echo "-- open data\n";
$envelope = $byId['aes-open-data-phone-number']['input'];
$d = $verifier(['aes_key' => $keys['aes128']])->verifyOpenData($envelope);
var_dump($d['mobile'], $d->get('code'), $d['missing'], isset($d['mobile']), $d->isEncrypted(), $d->signType(), $d->keyIndex());
var_dump(strlen($d->keyFingerprint()) > 0, $d->toArray()['msg'], json_decode($d->content(), true) === $d->toArray());
$dump = print_r($d, true);
echo str_contains($dump, '15900000000') ? "print_r shows the phone number\n" : "print_r hides the data\n";
foreach ([fn () => $d['mobile'] = '1', fn () => new OpenData(), fn () => clone $d, fn () => serialize($d)] as $misuse) {
    try {
        $misuse();
    } catch (Throwable $e) {
        echo get_class($e), "\n";
    }
}
$fails(fn () => $verifier(['aes_key' => $keys['aes128']])->verifyOpenData(str_replace('"response":"', '"response":"A', $envelope)));
$fails(fn () => $verifier()->verifyOpenData($envelope));
$fails(fn () => $verifier(['aes_key' => $keys['aes192']])->verifyOpenData($envelope));

echo "-- 生活号 biz_content\n";
$life = $byId['aes-biz-content-rsa2048'];
$n = $verifier(['rule' => 'v2', 'app_private_key' => $keys['app']])->verifyNotify($life['input']);
var_dump($n->decryptedBizContent() === $life['biz_content_out'], $n['biz_content'] !== $life['biz_content_out']);
var_dump($verifier(['rule' => 'v2'])->verifyNotify($life['input'])->decryptedBizContent());

echo "-- keys\n";
$fails(fn () => $verifier(['aes_key' => $keys['aes_not_base64']]), $keys['aes_not_base64']);
$fails(fn () => $verifier(['app_private_key' => $keys['alipay_a']]));
?>
--EXPECT--
-- decrypt()
string(11) "test1234567"
AlipayNotify\MalformedInputException DECRYPTION_FAILED 114
AlipayNotify\ConfigException INVALID_KEY 300
int(114)
bool(true)
-- an encrypted response
bool(true)
string(5) "88.00"
string(13) "TRADE_SUCCESS"
bool(true)
bool(true)
bool(false)
NULL
bool(true)
NULL
AlipayNotify\MalformedInputException DECRYPTION_FAILED 114
-- open data
string(11) "15900000000"
string(5) "10000"
NULL
bool(true)
bool(true)
string(4) "RSA2"
int(0)
bool(true)
string(7) "Success"
bool(true)
print_r hides the data
LogicException
Error
Error
Exception
AlipayNotify\InvalidSignatureException INVALID_SIGNATURE 107
AlipayNotify\ConfigException INVALID_CONFIG 302
AlipayNotify\MalformedInputException DECRYPTION_FAILED 114
-- 生活号 biz_content
bool(true)
bool(true)
NULL
-- keys
AlipayNotify\ConfigException INVALID_KEY 300
AlipayNotify\ConfigException INVALID_KEY 300
