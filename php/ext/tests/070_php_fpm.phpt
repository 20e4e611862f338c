--TEST--
Under php-fpm (FastCGI, as behind nginx): the Verifier's request readers and the legacy drop-in
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
require __DIR__ . '/merchant.inc';

// Both merchants in one docroot, served by one php-fpm pool.
$docroot = an_temp_dir('fpm');
[$gateway, $gatewayDir] = an_start_gateway();
an_write_legacy_merchant($docroot, $gateway);
$vectors = [];
$config = [];
foreach (['notify.json' => ['notify-basic-rsa2', 'notify-tampered-amount'], 'charset.json' => ['charset-gbk-raw-bytes'],
          'return.json' => ['return-query-bare', 'return-sign-raw-plus']] as $file => $ids) {
    $doc = an_vector_file($file);
    $byId = array_column($doc['vectors'], null, 'id');
    foreach ($ids as $id) {
        $vectors[$id] = $byId[$id];
        $config[$id] = an_verifier_options($doc['keys'], $byId[$id]);
    }
}
an_write_merchant($docroot, $config);
$fpm = ['fcgi', an_start_fpm($docroot), $docroot];

echo "-- Verifier\n";
foreach ($vectors as $id => $v) {
    if ($v['kind'] === 'notify') {
        $charset = str_contains($id, 'gbk') ? 'GBK' : 'utf-8';
        [$status, $headers, $body] = an_request($fpm, 'POST', '/notify.php?from=alipay', an_input($v),
            ['Content-Type' => "application/x-www-form-urlencoded; charset=$charset", 'X-Case' => $id]);
    } else {
        [$status, $headers, $body] = an_request($fpm, 'GET', '/return.php?' . ltrim(an_input($v), '?'), '', ['X-Case' => $id]);
    }
    printf("%s: %d %s%s%s\n", $id, $status, $body, isset($headers['x-error']) ? " ({$headers['x-error']})" : '',
        isset($headers['x-post-count']) ? " \$_POST has {$headers['x-post-count']} fields" : '');
}

echo "-- legacy drop-in\n";
an_legacy_request($fpm, $gatewayDir, 'notify true', 'POST', '/notify_url.php', an_legacy_message('nid-true'));
an_legacy_request($fpm, $gatewayDir, 'notify false', 'POST', '/notify_url.php', an_legacy_message('nid-false'));
an_legacy_request($fpm, $gatewayDir, 'notify tampered', 'POST', '/notify_url.php',
    str_replace('T2001', 'T2002', an_legacy_message('nid-true')));
an_legacy_request($fpm, $gatewayDir, 'notify RSA', 'POST', '/notify_url.php', an_legacy_message('nid-true', 'RSA'), 'rsa');
an_legacy_request($fpm, $gatewayDir, 'return true', 'GET', '/return_url.php?' . an_legacy_message('nid-true'), '');
an_legacy_request($fpm, $gatewayDir, 'return without notify_id', 'GET', '/return_url.php?' . an_legacy_message(null), '');
?>
--EXPECTF--
-- Verifier
notify-basic-rsa2: 200 success $_POST has %d fields
notify-tampered-amount: 200 fail (INVALID_SIGNATURE)
charset-gbk-raw-bytes: 200 success $_POST has %d fields
return-query-bare: 200 verified
return-sign-raw-plus: 200 verified
-- legacy drop-in
notify true: success, notify_verify asked for [nid-true]
notify false: fail (NOTIFY_VERIFY_REJECTED), notify_verify asked for [nid-false]
notify tampered: fail (INVALID_SIGNATURE), notify_verify asked for []
notify RSA: success, notify_verify asked for [nid-true]
return true: 验证成功<br />, notify_verify asked for [nid-true]
return without notify_id: 验证失败 (NOTIFY_VERIFY_REJECTED), notify_verify asked for []
