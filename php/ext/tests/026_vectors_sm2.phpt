--TEST--
Shared vectors: sm2.json (SM2 国密, against OpenSSL 3's SM2)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('sm2.json');
?>
--EXPECTF--
sm2.json: %d vectors, 0 failed
