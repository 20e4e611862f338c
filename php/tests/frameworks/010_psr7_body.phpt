--TEST--
Psr7::body(): the raw body from Guzzle's and Nyholm's ServerRequest, rewound after a middleware read it; a body read beyond recovery is INVALID_CONFIG
--FILE--
<?php
require __DIR__ . '/frameworks.inc';

use AlipayNotify\Psr7;
use GuzzleHttp\Psr7\FnStream;
use GuzzleHttp\Psr7\NoSeekStream;
use GuzzleHttp\Psr7\ServerRequest as GuzzleRequest;
use GuzzleHttp\Psr7\Utils;
use Nyholm\Psr7\Factory\Psr17Factory;

$gbk = fw_notification(['charset' => 'GBK']);
$headers = ['Content-Type' => 'application/x-www-form-urlencoded; charset=GBK', 'Content-Length' => (string) strlen($gbk)];
$nyholm = new Psr17Factory();
$requests = [
    'guzzle' => new GuzzleRequest('POST', '/notify', $headers, $gbk),
    'nyholm' => $nyholm->createServerRequest('POST', '/notify')->withHeader('Content-Length', (string) strlen($gbk))
        ->withBody($nyholm->createStream($gbk)),
];
foreach ($requests as $name => $request) {
    echo "$name, unread: ", Psr7::body($request) === $gbk ? 'the exact bytes' : 'other bytes', "\n";
    // What a body-parsing middleware does: reads to the end and leaves the stream there.
    $request->getBody()->getContents();
    echo "$name, read by a middleware: ", Psr7::body($request) === $gbk ? 'the exact bytes' : 'other bytes', "\n";
    $request->getBody()->seek(10);
    echo "$name, left mid-way: ", Psr7::body($request) === $gbk ? 'the exact bytes' : 'other bytes', "\n";
    echo "$name, verified: ", fw_verifier()->verifyNotify(Psr7::body($request))['subject'], "\n";
}

// Streams that cannot be rewound: a socket or a pipe, as some servers hand the body over.
$fresh = new GuzzleRequest('POST', '/notify', $headers, new NoSeekStream(Utils::streamFor($gbk)));
echo 'not seekable, unread: ', Psr7::body($fresh) === $gbk ? 'the exact bytes' : 'other bytes', "\n";
$read = new GuzzleRequest('POST', '/notify', $headers, new NoSeekStream(Utils::streamFor($gbk)));
$read->getBody()->read(100);
echo 'not seekable, partly read: ', fw_outcome(fn () => Psr7::body($read)), "\n";
try {
    Psr7::body($read);
} catch (AlipayNotify\ConfigException $e) {
    echo '  ', $e->getMessage(), "\n";
}
// A stream that cannot tell its position either: the Content-Length shows what is missing.
$blind = fn (string $content) => FnStream::decorate(new NoSeekStream(Utils::streamFor($content)), [
    'tell' => function () { throw new RuntimeException('no position'); },
]);
$drained = $blind($gbk);
$drained->getContents();
echo 'not seekable, no position, drained: ', fw_outcome(fn () => Psr7::body(new GuzzleRequest('POST', '/notify', $headers, $drained))), "\n";
echo 'not seekable, no position, unread: ',
    Psr7::body(new GuzzleRequest('POST', '/notify', $headers, $blind($gbk))) === $gbk ? 'the exact bytes' : 'other bytes', "\n";
// Chunked (no Content-Length): what is there is the body.
echo 'not seekable, chunked: ', Psr7::body(new GuzzleRequest('POST', '/notify', [], new NoSeekStream(Utils::streamFor('a=1+2')))), "\n";
?>
--EXPECT--
guzzle, unread: the exact bytes
guzzle, read by a middleware: the exact bytes
guzzle, left mid-way: the exact bytes
guzzle, verified: 测试商品 a+b
nyholm, unread: the exact bytes
nyholm, read by a middleware: the exact bytes
nyholm, left mid-way: the exact bytes
nyholm, verified: 测试商品 a+b
not seekable, unread: the exact bytes
not seekable, partly read: ConfigException INVALID_CONFIG
  INVALID_CONFIG: the request body was already read and its stream cannot be rewound (it is at byte 100): hand the request to AlipayNotify\Psr7 before any middleware reads the body
not seekable, no position, drained: ConfigException INVALID_CONFIG
not seekable, no position, unread: the exact bytes
not seekable, chunked: a=1+2
