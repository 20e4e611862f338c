<?php
/*
 * The PHP rows of `make bench` (bench/run.py, BENCHMARKS.md): the extension's verifyNotify next
 * to what a PHP merchant would otherwise run, on the corpus of bench/corpus.py.
 *
 *     php -d extension=... harness.php DIR SECONDS [--check]
 *
 * Same protocol as the other harnesses: per (verifier, set), passes over the raw bodies until
 * SECONDS of process CPU time (getrusage) are spent, then one JSON line {"id", "set", "n",
 * "cpu", "accepted"}. --check makes one pass per set, no warm-up.
 *
 * - php/ours: AlipayNotify\Verifier->verifyNotify($rawBody).
 * - php/openssl_verify: hand-rolled around openssl_verify with the key parsed once
 *   (openssl_pkey_get_public): parse_str, drop sign and sign_type, ksort, join the non-empty
 *   values, base64_decode, OPENSSL_ALGO_SHA256.
 * - php/aopclient: the code path of Alipay's PHP SDK, AopClient::rsaCheckV1($_POST, null,
 *   'RSA2') with the public key configured as a string (alipayrsaPublicKey, its documented
 *   default): getSignContent (ksort, checkEmpty's trim, values starting with "@" skipped,
 *   characet, a no-op when file and post charsets are both UTF-8), then verify(), which wraps
 *   the bare key into a PEM with wordwrap and hands that string to openssl_verify, so OpenSSL
 *   parses the key on every call. Its logic is rewritten here as functions (the SDK itself is
 *   not on the registries) around the same built-in calls. parse_str stands for PHP filling
 *   $_POST from the body.
 */

const WARM_UP = 200;
const BATCH = 20;

function cpu_seconds(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6
        + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
}

function lines(string $path): array
{
    return array_values(array_filter(explode("\n", file_get_contents($path)), 'strlen'));
}

/** [messages verified, CPU seconds, accepted], cycling until $seconds are spent. */
function timed(array $messages, float $seconds, bool $check, callable $verify): array
{
    $count = count($messages);
    if (!$check) {
        for ($i = 0; $i < min(WARM_UP, 3 * $count); $i++) {
            $verify($messages[$i % $count]);
        }
    }
    $n = $accepted = 0;
    $started = cpu_seconds();
    while (true) {
        $batch = $check ? $count : ($count == 1 ? 1 : BATCH);
        for ($j = 0; $j < $batch; $j++) {
            $accepted += $verify($messages[$n % $count]) ? 1 : 0;
            $n++;
        }
        $spent = cpu_seconds() - $started;
        if ($check || $spent >= $seconds) {
            return [$n, $spent, $accepted];
        }
    }
}

// AopClient's helpers, as the SDK writes them (checkEmpty, characet, getSignContent, verify).
function aop_check_empty($value): bool
{
    if (!isset($value)) return true;
    if ($value === null) return true;
    if (trim($value) === "") return true;
    return false;
}

function aop_characet($data, string $targetCharset, string $fileCharset = 'UTF-8')
{
    if (!empty($data)) {
        if (strcasecmp($fileCharset, $targetCharset) != 0) {
            $data = mb_convert_encoding($data, $targetCharset, $fileCharset);
        }
    }
    return $data;
}

function aop_get_sign_content(array $params, string $postCharset = 'UTF-8'): string
{
    ksort($params);
    $stringToBeSigned = "";
    $i = 0;
    foreach ($params as $k => $v) {
        if (false === aop_check_empty($v) && "@" != substr($v, 0, 1)) {
            $v = aop_characet($v, $postCharset);
            if ($i == 0) {
                $stringToBeSigned .= "$k" . "=" . "$v";
            } else {
                $stringToBeSigned .= "&" . "$k" . "=" . "$v";
            }
            $i++;
        }
    }
    unset($k, $v);
    return $stringToBeSigned;
}

function aop_rsa_check_v1(array $params, string $alipayrsaPublicKey, string $signType = 'RSA'): bool
{
    $sign = $params['sign'];
    $params['sign_type'] = null;
    $params['sign'] = null;
    $data = aop_get_sign_content($params);
    $res = "-----BEGIN PUBLIC KEY-----\n" .
        wordwrap($alipayrsaPublicKey, 64, "\n", true) .
        "\n-----END PUBLIC KEY-----";
    if ("RSA2" == $signType) {
        return (bool) openssl_verify($data, base64_decode($sign), $res, OPENSSL_ALGO_SHA256);
    }
    return (bool) openssl_verify($data, base64_decode($sign), $res);
}

[, $dir, $seconds] = $argv;
$seconds = (float) $seconds;
$check = in_array('--check', array_slice($argv, 3), true);
$sets = [];
foreach (['valid', 'invalid', 'v2', 'gbk'] as $name) {
    $sets[$name] = lines("$dir/$name.txt");
}
$pem = file_get_contents("$dir/public.pem");
$bare = trim(file_get_contents("$dir/public.b64"));

$verifier = new AlipayNotify\Verifier(['alipay_public_key' => $pem]);
$ours = function (string $body) use ($verifier): bool {
    try {
        return $verifier->verifyNotify($body) !== null;
    } catch (AlipayNotify\Exception $e) {
        return false;
    }
};

$key = openssl_pkey_get_public($pem);
$handRolled = function (string $body) use ($key): bool {
    parse_str($body, $params);
    $sign = $params['sign'] ?? '';
    unset($params['sign'], $params['sign_type']);
    ksort($params);
    $pairs = [];
    foreach ($params as $k => $v) {
        if ($v !== '') {
            $pairs[] = "$k=$v";
        }
    }
    return openssl_verify(implode('&', $pairs), base64_decode($sign), $key, OPENSSL_ALGO_SHA256) === 1;
};

$aop = function (string $body) use ($bare): bool {
    parse_str($body, $post);
    return aop_rsa_check_v1($post, $bare, 'RSA2');
};

$peerSets = $check ? ['valid', 'invalid'] : ['valid'];
$plan = [
    ['php/ours', $ours, ['valid', 'invalid', 'v2', 'gbk']],
    ['php/openssl_verify', $handRolled, $peerSets],
    ['php/aopclient', $aop, $peerSets],
];
$report = function (string $id, string $set, array $r): void {
    [$n, $cpu, $accepted] = $r;
    echo json_encode(['id' => $id, 'set' => $set, 'n' => $n, 'cpu' => $cpu, 'accepted' => $accepted]), "\n";
};
foreach ($plan as [$id, $verify, $names]) {
    foreach ($names as $name) {
        $report($id, $name, timed($sets[$name], $seconds, $check, $verify));
    }
}
$hostile = lines("$dir/hostile.txt");
$report('php/ours', 'hostile', timed($hostile, $seconds, $check, function (string $body) use ($verifier): bool {
    return (bool) $verifier->diagnose($body)['verified'];
}));
