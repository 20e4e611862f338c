--TEST--
Shared vectors: keys.json (every key shape and size)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('keys.json');
?>
--EXPECTF--
keys.json: %d vectors, 0 failed
