--TEST--
Shared vectors: alipay_real.json (messages Alipay really signed)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('alipay_real.json');
?>
--EXPECTF--
alipay_real.json: %d vectors, 0 failed
