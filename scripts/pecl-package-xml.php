<?php
/*
 * Writes the package.xml (version 2.0) of the PECL-style source tarball into DIR, listing the
 * files there, for `pecl package` (scripts/dist-php.sh):
 *
 *   php scripts/pecl-package-xml.php DIR VERSION PHP_MIN PHP_MAX
 *
 * PEAR's own writer (PEAR_PackageFile_v2_rw, from Debian's php-pear) makes the XML, so its
 * namespaces and element order are PEAR's rather than a hand-kept template's. The package is
 * channel-less (a <uri> package): it is released as a download of the project, not on a
 * channel.
 */
error_reporting(E_ALL & ~E_DEPRECATED & ~E_STRICT);
require_once 'PEAR/PackageFile.php';
require_once 'PEAR/PackageFile/v2/rw.php';
require_once 'PEAR/Config.php';

[, $dir, $version, $phpMin, $phpMax] = $argv + array_fill(0, 5, null);
if ($phpMax === null || !is_dir($dir)) {
    fwrite(STDERR, "usage: php scripts/pecl-package-xml.php DIR VERSION PHP_MIN PHP_MAX\n");
    exit(2);
}
$project = 'https://github.com/alipay-notify/alipay-notify';

$pf = new PEAR_PackageFile_v2_rw();
$pf->setConfig(PEAR_Config::singleton());
$pf->setPackageType('extsrc');
$pf->setPackage('alipay_notify');
$pf->setProvidesExtension('alipay_notify');
$pf->setUri("$project/releases/download/v$version/alipay_notify-$version");
$pf->setSummary('Verify Alipay (支付宝) payment notifications');
$pf->setDescription(
    'PHP extension over libalipay_notify, the C library of alipay-notify: verifies Alipay '
    . 'async notifications (notify_url), return_url redirects, OpenAPI responses and legacy '
    . 'MD5 messages over the raw request. Needs libalipay_notify (the project\'s C library '
    . 'tarball) installed or unpacked first; see docs/install.md of the project.'
);
$pf->addMaintainer('lead', 'alipay-notify', 'The alipay-notify developers', '');
$pf->setReleaseVersion($version);
$pf->setAPIVersion($version);
// 0.x: no API or ABI stability before 1.0 (CHANGELOG.md).
$pf->setReleaseStability('beta');
$pf->setAPIStability('beta');
$pf->setLicense('MIT', 'https://opensource.org/licenses/MIT');
$pf->setNotes("See CHANGELOG.md of the project: $project/blob/v$version/CHANGELOG.md");
$pf->clearDeps();
$pf->setPhpDep($phpMin, $phpMax);
$pf->setPearinstallerDep('1.10.0');
$pf->addRelease();
// `pecl install` asks for each and passes --NAME=ANSWER: config.m4 reads "yes" as "look for
// the library with pkg-config, then in /usr/local and /usr", and "no" as a shared link.
$pf->addConfigureOption('with-alipay-notify', 'libalipay_notify install prefix ("yes" to look for it)', 'yes');
$pf->addConfigureOption('enable-alipay-notify-static', 'link libalipay_notify.a into the extension (yes/no)', 'no');

$pf->clearContents();
$files = [];
foreach (scandir($dir) as $name) {
    if (is_file("$dir/$name") && $name !== 'package.xml') {
        $files[] = $name;
    }
}
sort($files);
foreach ($files as $name) {
    $pf->addFile('/', $name, ['name' => $name, 'role' => preg_match('/\.(c|h|m4|w32|php)$/', $name) ? 'src' : 'doc']);
}

$pf->setDate(gmdate('Y-m-d'));
$pf->setTime(gmdate('H:i:s'));
$generator = $pf->getDefaultGenerator();
$result = $generator->toPackageFile($dir); // validates, then writes DIR/package.xml
if (PEAR::isError($result)) {
    fwrite(STDERR, "package.xml: " . $result->getMessage() . "\n");
    foreach ($pf->getValidationWarnings() as $warning) {
        fwrite(STDERR, "  {$warning['level']}: {$warning['message']}\n");
    }
    exit(1);
}
