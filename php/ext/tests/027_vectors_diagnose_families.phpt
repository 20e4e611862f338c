--TEST--
Shared vectors: diagnose_families.json (diagnoseResponse() and diagnoseV3() causes and hints)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('diagnose_families.json');
?>
--EXPECTF--
diagnose_families.json: %d vectors, 0 failed
