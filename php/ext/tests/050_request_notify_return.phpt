--TEST--
A merchant's notify_url and return_url under php -S: verifyNotifyRequest() and verifyReturnRequest() on real requests
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/merchant.inc';

// The cases: vectors posted (notify) or requested (return) exactly as Alipay sends them.
$cases = [
    'notify.json' => ['notify-basic-rsa2', 'notify-chinese-subject', 'notify-plus-percent-literal',
        'notify-sign-raw-plus-repaired', 'notify-tampered-amount', 'notify-duplicate-param',
        'notify-app-id-mismatch', 'notify-unsigned-extra-param'],
    'charset.json' => ['charset-gbk-raw-bytes', 'charset-gb18030'],
    'alipay_real.json' => [],
    'return.json' => ['return-query-bare', 'return-query-question-mark', 'return-sign-raw-plus',
        'return-tampered', 'return-framework-param'],
];
$vectors = [];
$config = [];
foreach ($cases as $file => $ids) {
    $doc = an_vector_file($file);
    $byId = array_column($doc['vectors'], null, 'id');
    if ($ids === []) {
        // The first valid real notification: a message Alipay itself signed.
        foreach ($doc['vectors'] as $v) {
            if ($v['kind'] === 'notify' && $v['expect'] === 'valid') {
                $ids[] = $v['id'];
                break;
            }
        }
    }
    foreach ($ids as $id) {
        $vectors[$id] = $byId[$id];
        $config[$id] = an_verifier_options($doc['keys'], $byId[$id]);
    }
}

$docroot = an_temp_dir('merchant');
an_write_merchant($docroot, $config);
$server = an_start_server($docroot);

foreach ($vectors as $id => $v) {
    $input = an_input($v);
    if ($v['kind'] === 'notify') {
        $charset = preg_match('/charset=(gbk|gb18030)/i', $input, $m) ? $m[1] : 'utf-8';
        // The notify_url has a query of its own: it is not signed, and only the body counts.
        [$status, $headers, $body] = an_http($server, 'POST', '/notify.php?from=alipay', $input,
            ['Content-Type' => "application/x-www-form-urlencoded; charset=$charset", 'X-Case' => $id]);
    } else {
        $query = ltrim(substr($input, strpos($input, '?') === false ? 0 : strpos($input, '?')), '?');
        [$status, $headers, $body] = an_http($server, 'GET', "/return.php?$query", '', ['X-Case' => $id]);
    }
    $expected = $v['expect'] === 'valid' ? ($v['kind'] === 'notify' ? 'success' : 'verified') : ($v['kind'] === 'notify' ? 'fail' : 'not verified');
    $error = $headers['x-error'] ?? null;
    $ok = $status === 200 && $body === $expected && $error === ($v['error'] ?? null);
    printf("%s %s: %s%s%s\n", $ok ? 'ok' : 'WRONG', $id, $body, $error ? " ($error)" : '',
        isset($headers['x-out-trade-no']) ? " out_trade_no=" . $headers['x-out-trade-no'] : '');
    if ($v['kind'] === 'notify' && $body === 'success' && (int) $headers['x-post-count'] < 5) {
        echo "  \$_POST was not filled\n";
    }
}

// A multipart POST has no raw body in php://input: refused, never read from $_POST.
$boundary = 'XyZ';
$multipart = "--$boundary\r\nContent-Disposition: form-data; name=\"sign\"\r\n\r\nabc\r\n--$boundary--\r\n";
[$status, $headers, $body] = an_http($server, 'POST', '/notify.php', $multipart,
    ['Content-Type' => "multipart/form-data; boundary=$boundary", 'X-Case' => 'notify-basic-rsa2']);
echo "multipart: $body ({$headers['x-error']})\n";

// Under the CLI there is no request: empty body and query.
var_dump(AlipayNotify\request_body(), AlipayNotify\request_query());
try {
    (new AlipayNotify\Verifier($config['notify-basic-rsa2']))->verifyNotifyRequest();
} catch (AlipayNotify\MalformedInputException $e) {
    echo $e->getErrorName(), "\n";
}
?>
--EXPECTF--
ok notify-basic-rsa2: success out_trade_no=20240102102028001
ok notify-chinese-subject: success out_trade_no=%s
ok notify-plus-percent-literal: success out_trade_no=%s
ok notify-sign-raw-plus-repaired: success out_trade_no=%s
ok notify-tampered-amount: fail (INVALID_SIGNATURE)
ok notify-duplicate-param: fail (DUPLICATE_PARAMETER)
ok notify-app-id-mismatch: fail (APP_ID_MISMATCH)
ok notify-unsigned-extra-param: fail (INVALID_SIGNATURE)
ok charset-gbk-raw-bytes: success out_trade_no=%s
ok charset-gb18030: success out_trade_no=%s
ok %s: success out_trade_no=%s
ok return-query-bare: verified out_trade_no=%s
ok return-query-question-mark: verified out_trade_no=%s
ok return-sign-raw-plus: verified out_trade_no=%s
ok return-tampered: not verified (INVALID_SIGNATURE)
ok return-framework-param: not verified (INVALID_SIGNATURE)
multipart: fail (MALFORMED_INPUT)
string(0) ""
string(0) ""
MALFORMED_INPUT
