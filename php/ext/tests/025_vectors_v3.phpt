--TEST--
Shared vectors: v3.json (OpenAPI v3 responses through verifyV3(), requests through V3Signer)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('v3.json');
?>
--EXPECTF--
v3.json: %d vectors, 0 failed
