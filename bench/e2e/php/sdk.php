<?php
// notify_url on AopClient's rsaCheckV1 logic (scripts/bench-e2e.sh): PHP's parsed $_POST.
require __DIR__ . '/handlers.php';
header('Content-Type: text/plain');
echo sdk_accepts($_POST) ? 'success' : 'fail';
