--TEST--
Shared vectors: legacy_md5.json (legacy mapi MD5)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('legacy_md5.json');
?>
--EXPECTF--
legacy_md5.json: %d vectors, 0 failed
