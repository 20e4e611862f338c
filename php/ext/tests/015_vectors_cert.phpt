--TEST--
Shared vectors: cert.json (certificate SNs)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('cert.json');
?>
--EXPECTF--
cert.json: %d vectors, 0 failed
