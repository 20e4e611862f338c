--TEST--
Shared vectors: responses.json (signed OpenAPI responses, verifyResponse())
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('responses.json');
?>
--EXPECTF--
responses.json: %d vectors, 0 failed
