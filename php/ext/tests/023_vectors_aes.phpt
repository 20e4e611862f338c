--TEST--
Shared vectors: aes.json (decrypt(), encrypted responses, verifyOpenData(), 生活号 biz_content)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/vectors.inc';
an_run_vector_file('aes.json');
?>
--EXPECTF--
aes.json: %d vectors, 0 failed
