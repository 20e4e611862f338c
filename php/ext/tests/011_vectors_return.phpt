--TEST--
Shared vectors: return.json (return_url queries and URLs)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('return.json');
?>
--EXPECTF--
return.json: %d vectors, 0 failed
