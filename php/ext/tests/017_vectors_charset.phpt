--TEST--
Shared vectors: charset.json (UTF-8, GBK, GB18030 bytes)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('charset.json');
?>
--EXPECTF--
charset.json: %d vectors, 0 failed
