--TEST--
Psr7::reply(): exactly "success" or "fail" in a 200 text/plain response from the framework's PSR-17 factory; anything else is refused
--FILE--
<?php
require __DIR__ . '/frameworks.inc';

use AlipayNotify\Psr7;

foreach (['guzzle' => new GuzzleHttp\Psr7\HttpFactory(), 'nyholm' => new Nyholm\Psr7\Factory\Psr17Factory()] as $name => $factory) {
    foreach ([AlipayNotify\SUCCESS, AlipayNotify\FAIL] as $reply) {
        $response = Psr7::reply($factory, $reply);
        echo "$name $reply: ", $response->getStatusCode(), ' ', $response->getHeaderLine('Content-Type'), ' [',
            (string) $response->getBody(), "] ", get_class($response), "\n";
    }
    echo "$name 'ok': ", fw_outcome(fn () => Psr7::reply($factory, 'ok')), "\n";
    echo "$name 'success\\n': ", fw_outcome(fn () => Psr7::reply($factory, "success\n")), "\n";
}
?>
--EXPECT--
guzzle success: 200 text/plain; charset=utf-8 [success] GuzzleHttp\Psr7\Response
guzzle fail: 200 text/plain; charset=utf-8 [fail] GuzzleHttp\Psr7\Response
guzzle 'ok': ConfigException INVALID_CONFIG
guzzle 'success\n': ConfigException INVALID_CONFIG
nyholm success: 200 text/plain; charset=utf-8 [success] Nyholm\Psr7\Response
nyholm fail: 200 text/plain; charset=utf-8 [fail] Nyholm\Psr7\Response
nyholm 'ok': ConfigException INVALID_CONFIG
nyholm 'success\n': ConfigException INVALID_CONFIG
