--TEST--
Psr7 behind php -S: ServerRequest::fromGlobals() (Guzzle) of a real POST, verified from the raw body (GBK, `+`), answered exactly success/fail; a body-parsing middleware before it changes nothing
--FILE--
<?php
require __DIR__ . '/frameworks.inc';

$dir = an_temp_dir('psr7-server');
file_put_contents("$dir/key.txt", an_vector_file('notify.json')['keys']['alipay_a']);
file_put_contents("$dir/include.php", '<?php require ' . var_export(__DIR__ . '/frameworks.inc', true) . ';');
// A PSR-15 style front controller: a middleware that parses the form (and so reads the body
// to its end) runs first, as in many stacks; the notify handler comes after it.
file_put_contents("$dir/notify.php", <<<'PHP'
<?php
require __DIR__ . '/include.php';
use AlipayNotify\Psr7;
$request = GuzzleHttp\Psr7\ServerRequest::fromGlobals();
if (($_SERVER['HTTP_X_PARSE_FIRST'] ?? '') === 'yes') {
    parse_str($request->getBody()->getContents(), $parsed);
    $request = $request->withParsedBody($parsed);
}
$factory = new GuzzleHttp\Psr7\HttpFactory();
$verifier = new AlipayNotify\Verifier(['alipay_public_key' => file_get_contents(__DIR__ . '/key.txt'), 'app_id' => FW_APP_ID]);
try {
    $notification = $verifier->verifyNotify(Psr7::body($request));
    $response = Psr7::reply($factory, AlipayNotify\SUCCESS)->withHeader('X-Subject', rawurlencode($notification['subject']));
} catch (AlipayNotify\Exception $e) {
    $response = Psr7::reply($factory, AlipayNotify\FAIL)->withHeader('X-Error', $e->getErrorName());
}
http_response_code($response->getStatusCode());
foreach ($response->getHeaders() as $name => $values) {
    header("$name: " . implode(', ', $values));
}
echo $response->getBody();
PHP);
// Guzzle's ServerRequest needs ctype, which Debian builds as a module (-n loads none).
$server = an_start_server($dir, null, ['include_path' => '.:/usr/share/php', 'extension' => PHP_EXTENSION_DIR . '/ctype.so']);

$cases = [
    'utf-8' => [fw_notification(), 'utf-8', []],
    'GBK' => [fw_notification(['charset' => 'GBK']), 'GBK', []],
    'GBK, form parsed first' => [fw_notification(['charset' => 'GBK']), 'GBK', ['X-Parse-First' => 'yes']],
    'forged amount' => [str_replace('total_amount=88.00', 'total_amount=0.01', fw_notification()), 'utf-8', []],
];
foreach ($cases as $name => [$body, $charset, $headers]) {
    [$status, $h, $answer] = an_http($server, 'POST', '/notify.php', $body,
        ['Content-Type' => "application/x-www-form-urlencoded; charset=$charset"] + $headers);
    echo "$name: $status [$answer] ", $h['content-type'], ' ',
        isset($h['x-subject']) ? rawurldecode($h['x-subject']) : ($h['x-error'] ?? ''), "\n";
}
?>
--EXPECT--
utf-8: 200 [success] text/plain; charset=utf-8 测试商品 a+b
GBK: 200 [success] text/plain; charset=utf-8 测试商品 a+b
GBK, form parsed first: 200 [success] text/plain; charset=utf-8 测试商品 a+b
forged amount: 200 [fail] text/plain; charset=utf-8 INVALID_SIGNATURE
