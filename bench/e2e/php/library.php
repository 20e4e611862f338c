<?php
// notify_url on this library (scripts/bench-e2e.sh): the raw body, never $_POST.
require __DIR__ . '/handlers.php';
header('Content-Type: text/plain');
echo library_accepts((string) file_get_contents('php://input')) ? AlipayNotify\SUCCESS : AlipayNotify\FAIL;
