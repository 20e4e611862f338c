--TEST--
diagnose(): search_capped, and control characters from the message escaped in every text
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\Verifier;
require __DIR__ . '/vectors.inc';

$notify = an_vector_file('notify.json');
$basic = array_column($notify['vectors'], null, 'id')['notify-basic-rsa2']['input'];
$verifier = new Verifier(['alipay_public_key' => $notify['keys']['alipay_b']]);

var_dump($verifier->diagnose($basic)['search_capped']);

// Hundreds of parameters up to the 64 KiB limit (thousands are refused: 1,000 at most): the
// search stops and says so.
$crowded = $basic;
$pad = str_repeat('1', 64);
for ($i = 0; strlen($crowded) + strlen("&x$i=$pad") <= 65536; $i++) {
    $crowded .= "&x$i=$pad";
}
$d = $verifier->diagnose($crowded);
var_dump($d['verified'], $d['search_capped']);

// Names and values from the message never bring raw CR, LF or ESC into the diagnosis.
$d = $verifier->diagnose($basic . '&evil%0D%0Aname%1B=x%0D%0A');
$texts = [$d['content_preview'], $d['error'][1]];
foreach ($d['findings'] as $f) {
    array_push($texts, $f['explanation'], $f['explanation_zh'], $f['fix'], $f['fix_zh']);
}
$all = implode("\t", $texts);
var_dump(str_contains($all, 'evil\r\nname\x1b'), preg_match('/[\r\n\x1b]/', $all));
?>
--EXPECT--
bool(false)
bool(false)
bool(true)
bool(true)
int(0)
