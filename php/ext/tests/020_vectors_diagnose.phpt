--TEST--
Shared vectors: diagnose.json (diagnose() causes and hints)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('diagnose.json');
?>
--EXPECTF--
diagnose.json: %d vectors, 0 failed
