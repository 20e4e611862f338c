<?php
// `php cost.php BODY_FILE` (scripts/bench-e2e.sh): CPU µs per call of each handler's work alone
// (getrusage; interleaved rounds, medians), the form parsed once as PHP parses $_POST.
require __DIR__ . '/handlers.php';

function cpu_us(): float
{
    $usage = getrusage();
    return $usage['ru_utime.tv_sec'] * 1e6 + $usage['ru_utime.tv_usec'] + $usage['ru_stime.tv_sec'] * 1e6 + $usage['ru_stime.tv_usec'];
}

$body = (string) file_get_contents($argv[1]);
parse_str($body, $form);
$runs = [
    'library' => fn () => library_accepts($body),
    'sdk' => fn () => sdk_accepts($form),
];
$figures = ['library' => [], 'sdk' => []];
$calls = (int) (getenv('E2E_COST_CALLS') ?: 400);
for ($round = 0; $round < 5; $round++) {
    foreach ($runs as $name => $run) {
        $started = cpu_us();
        for ($i = 0; $i < $calls; $i++) {
            if (!$run()) {
                fwrite(STDERR, "$name rejected the notification\n");
                exit(1);
            }
        }
        $figures[$name][] = (cpu_us() - $started) / $calls;
    }
}
foreach ($figures as $name => $values) {
    sort($values);
    $median[$name] = $values[intdiv(count($values), 2)];
}
printf("cost library_us=%.1f sdk_us=%.1f\n", $median['library'], $median['sdk']);
