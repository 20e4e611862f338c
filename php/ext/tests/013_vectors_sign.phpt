--TEST--
Shared vectors: sign.json (Signer against pyca/cryptography)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('sign.json');
?>
--EXPECTF--
sign.json: %d vectors, 0 failed
