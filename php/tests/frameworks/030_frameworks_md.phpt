--TEST--
php/frameworks.md: every PHP block is named by a sample marker and parses (php -l); which test runs it, and why the others are not run
--FILE--
<?php
require __DIR__ . '/frameworks.inc';

$runBy = [
    'reply-function' => 'run by 020_laravel.phpt',
    'laravel-route' => 'run by 020_laravel.phpt',
    'laravel-csrf-except' => 'run by 020_laravel.phpt',
    'laravel-11-csrf' => 'not run: Debian packages Laravel 8',
    'slim' => 'not run: Debian packages Slim 3 (Psr7 itself: 010-012)',
    'thinkphp' => 'not run: Debian packages no ThinkPHP',
    'thinkphp-3' => 'not run: Debian packages no ThinkPHP',
    'swoole' => 'not run: Debian 12 packages no Swoole extension',
    'webman' => 'not run: Debian 12 packages no Swoole or Workerman',
    'hyperf' => 'not run: Debian 12 packages no Swoole extension',
];
$dir = an_temp_dir('frameworks-md');
foreach (fw_samples() as $name => $code) {
    file_put_contents("$dir/sample.php", $code);
    exec(escapeshellarg(PHP_BINARY) . ' -n -l ' . escapeshellarg("$dir/sample.php") . ' 2>&1', $output, $status);
    echo $name, ': ', $status === 0 ? 'parses' : 'does not parse: ' . implode(' ', $output), ', ', $runBy[$name] ?? 'no test listed', "\n";
    $output = [];
}
?>
--EXPECT--
reply-function: parses, run by 020_laravel.phpt
slim: parses, not run: Debian packages Slim 3 (Psr7 itself: 010-012)
laravel-route: parses, run by 020_laravel.phpt
laravel-11-csrf: parses, not run: Debian packages Laravel 8
laravel-csrf-except: parses, run by 020_laravel.phpt
thinkphp: parses, not run: Debian packages no ThinkPHP
thinkphp-3: parses, not run: Debian packages no ThinkPHP
swoole: parses, not run: Debian 12 packages no Swoole extension
webman: parses, not run: Debian 12 packages no Swoole or Workerman
hyperf: parses, not run: Debian 12 packages no Swoole extension
