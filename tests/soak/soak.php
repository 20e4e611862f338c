<?php
/*
 * The PHP soak driver of scripts/soak.sh: one Verifier, N verifications of a mixed corpus, every
 * answer checked against the corpus's expected status, resident memory sampled after warm-up and
 * at the end (each after collecting cycles, so only what is kept is counted).
 *
 *   php -d extension=... soak.php CORPUS PUBLIC_KEY_FILE APP_ID N WARMUP
 */

function rss_kib(): int
{
    gc_collect_cycles();
    preg_match('/^VmRSS:\s+(\d+)/m', file_get_contents('/proc/self/status'), $match);
    return (int) $match[1];
}

/* User and system CPU time of this process. */
function cpu_seconds(): float
{
    $usage = getrusage();
    return $usage['ru_utime.tv_sec'] + $usage['ru_utime.tv_usec'] / 1e6
        + $usage['ru_stime.tv_sec'] + $usage['ru_stime.tv_usec'] / 1e6;
}

[, $corpus, $keyFile, $appId, $n, $warmup] = $argv;
$n = (int) $n;
$warmup = (int) $warmup;
$messages = [];
foreach (file($corpus, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    [$code, $body] = explode(' ', $line, 2);
    $messages[] = [(int) $code, $body];
}
$count = count($messages);
$verifier = new AlipayNotify\Verifier(['alipay_public_key' => file_get_contents($keyFile), 'app_id' => $appId]);

$wrong = 0;
$rssWarm = 0;
$started = 0.0;
$cpuStarted = 0.0;
for ($i = 0; $i < $n; $i++) {
    if ($i === $warmup) {
        $rssWarm = rss_kib();
        $started = hrtime(true);
        $cpuStarted = cpu_seconds();
    }
    [$expected, $body] = $messages[$i % $count];
    try {
        // Read a field, as a handler would.
        $got = $verifier->verifyNotify($body)->get('out_trade_no') !== null ? 0 : -1;
    } catch (AlipayNotify\Exception $e) {
        $got = $e->getCode();
    }
    if ($got !== $expected && ++$wrong <= 5) {
        fprintf(STDERR, "message %d: status %d, expected %d\n", $i % $count, $got, $expected);
    }
}
$seconds = (hrtime(true) - $started) / 1e9;
$cpuSeconds = cpu_seconds() - $cpuStarted;
printf("binding=php n=%d timed=%d seconds=%.3f cpu_seconds=%.3f rss_warm_kib=%d rss_end_kib=%d wrong=%d\n",
    $n, $n - $warmup, $seconds, $cpuSeconds, $rssWarm, rss_kib(), $wrong);
exit($wrong === 0 ? 0 : 1);
