--TEST--
Under php-fpm, children verifying at the same time answer mixed messages exactly as one sequential run
--EXTENSIONS--
alipay_notify
--SKIPIF--
<?php
require __DIR__ . '/fpm.inc';
if (an_find_fpm() === null) {
    echo 'skip no php-fpm for PHP ', PHP_VERSION, ' (apt-get install php-fpm, or set ALIPAY_NOTIFY_PHP_FPM)';
}
?>
--FILE--
<?php
require __DIR__ . '/vectors.inc';
require __DIR__ . '/fpm.inc';

// Valid V1 and V2 notifications, tampered ones, other apps', malformed and unsigned bodies.
$keys = an_vector_file('sign.json')['keys'];
$bodies = [];
foreach (range(0, 5) as $i) {
    $signer = new AlipayNotify\Signer($keys['alipay_a_pkcs8_pem'], 'RSA2', $i % 2 === 0 ? 'v1' : 'v2');
    $params = fn (string $appId) => ['app_id' => $appId, 'out_trade_no' => "T$i", 'total_amount' => "$i.00",
        'subject' => '测试商品 a+b=c&d', 'trade_status' => 'TRADE_SUCCESS'];
    $body = $signer->signedForm($params('2021000000000001'));
    array_push($bodies, $body, str_replace('TRADE_SUCCESS', 'TRADE_CLOSED', $body),
        str_replace('subject=', 'subject=%zz', $body), substr($body, 0, strpos($body, '&sign=')),
        $signer->signedForm($params('2021000000000002')));
}

// verify.php answers every body of the corpus, starting at ?start=, one line each:
// "index status parameters-or-message". Each request builds its Verifier, as PHP scripts do.
$docroot = an_temp_dir('fpm-concurrent');
file_put_contents("$docroot/corpus.json", json_encode(['key' => $keys['alipay_a_public_pem'], 'bodies' => $bodies]));
$answer = <<<'PHP'
function an_answer(AlipayNotify\Verifier $verifier, string $body): string
{
    try {
        return '0 ' . json_encode($verifier->verifyNotify($body)->toArray(), JSON_UNESCAPED_UNICODE);
    } catch (AlipayNotify\Exception $e) {
        return $e->getCode() . ' ' . $e->getMessage();
    }
}
function an_verifier(array $corpus): AlipayNotify\Verifier
{
    return new AlipayNotify\Verifier(['alipay_public_key' => $corpus['key'], 'app_id' => '2021000000000001',
        'rule' => 'auto']);
}
PHP;
eval($answer);
file_put_contents("$docroot/verify.php", "<?php\n$answer\n" . <<<'PHP'
$corpus = json_decode(file_get_contents(__DIR__ . '/corpus.json'), true);
$verifier = an_verifier($corpus);
$count = count($corpus['bodies']);
for ($i = 0; $i < $count; $i++) {
    $index = ((int) $_GET['start'] + $i) % $count;
    echo $index, ' ', an_answer($verifier, $corpus['bodies'][$index]), "\n";
}
PHP);

$corpus = json_decode(file_get_contents("$docroot/corpus.json"), true);
$verifier = an_verifier($corpus);
$sequential = array_map(fn ($body) => an_answer($verifier, $body), $bodies);
// Every kind of answer is in the corpus, so agreement means something.
$codes = array_unique(array_map(fn ($a) => (int) $a, $sequential));
sort($codes);
echo 'answers: ', implode(' ', $codes), "\n";

// Four clients at once against two php-fpm children, each sending its requests in turn.
$address = an_start_fpm($docroot);
file_put_contents("$docroot/client.php", <<<'PHP'
<?php
require $argv[1];
[, , $address, $docroot, $client, $requests] = $argv;
for ($r = 0; $r < (int) $requests; $r++) {
    [$status, , $body] = an_fastcgi($address, $docroot, 'GET', '/verify.php?start=' . ($client * 7 + $r));
    echo $status === 200 ? $body : "HTTP $status\n";
}
PHP);
$clients = [];
foreach (range(0, 3) as $client) {
    $command = [PHP_BINARY, '-n', "$docroot/client.php", __DIR__ . '/fpm.inc', $address, $docroot, (string) $client, '5'];
    $clients[] = proc_open($command, [1 => ['pipe', 'w'], 2 => ['file', "$docroot/client.log", 'a']], $pipes);
    $outputs[] = $pipes[1];
}
$answered = 0;
$wrong = 0;
foreach ($clients as $i => $process) {
    foreach (explode("\n", rtrim(stream_get_contents($outputs[$i]))) as $line) {
        [$index, $got] = explode(' ', $line, 2) + [1 => ''];
        $answered++;
        if (!preg_match('/^\d+$/', $index) || $got !== ($sequential[(int) $index] ?? null)) {
            $wrong++;
            if ($wrong <= 3) {
                echo "client $i: $line\n";
            }
        }
    }
    fclose($outputs[$i]);
    proc_close($process);
}
printf("%d answers (%d expected), %d differ from the sequential run\n", $answered, 4 * 5 * count($bodies), $wrong);
?>
--EXPECT--
answers: 0 102 104 107 200
600 answers (600 expected), 0 differ from the sequential run
