--TEST--
Shared vectors: notify.json (notify_url bodies)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('notify.json');
?>
--EXPECTF--
notify.json: %d vectors, 0 failed
