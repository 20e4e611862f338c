--TEST--
The stub's Exception constants are exactly the library's status codes
--EXTENSIONS--
alipay_notify
--FILE--
<?php
// alipay_notify.stub.php declares one constant per status, valued from the C header
// (@cvalue): a status the stub lacks, or a constant the library no longer names, shows here.
// (That the arginfo is what the stub gives is checked by scripts/php-stub.sh --check.)
$constants = (new ReflectionClass(AlipayNotify\Exception::class))->getConstants();
$statuses = [];
for ($code = 1; $code < 1000; $code++) {
    $name = AlipayNotify\status_name($code);
    if ($name !== 'UNKNOWN') {
        $statuses[$name] = $code;
    }
}
var_dump(count($statuses) > 20);
echo 'statuses missing from the stub: ', implode(', ', array_keys(array_diff_assoc($statuses, $constants))) ?: '-', "\n";
echo 'constants that are not statuses: ', implode(', ', array_keys(array_diff_assoc($constants, $statuses))) ?: '-', "\n";
?>
--EXPECT--
bool(true)
statuses missing from the stub: -
constants that are not statuses: -
