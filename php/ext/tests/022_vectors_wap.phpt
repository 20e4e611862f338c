--TEST--
Shared vectors: wap.json (legacy WAP notifications, mobile.securitypay app results, 消息服务)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('wap.json');
?>
--EXPECTF--
wap.json: %d vectors, 0 failed
