--TEST--
Shared vectors: params.json (parameters already parsed, verifyParams())
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('params.json');
?>
--EXPECTF--
params.json: %d vectors, 0 failed
