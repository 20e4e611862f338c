#!/usr/bin/env bash
# The PHP artifacts of `make dist`, in dist/php (checked here; scripts/smoke-php.sh installs them):
#
#   alipay_notify-VERSION.tgz   PECL-style source package (package.xml 2.0 + php/ext's sources +
#                               LICENSE, made by `pecl package`): phpize && ./configure && make
#                               against an installed libalipay_notify
#   php_alipay_notify-VERSION-PHPMAJOR.MINOR-nts-x86_64-linux-gnu.tgz
#                               the extension built for the PHP found here, with the C library
#                               linked in (it needs PHP and glibc 2.17+ only), its LICENSE and
#                               BUILD-INFO (which PHP API it is for)
#
# and checks composer.json at the root, the PIE package (PIE builds php/ext from the project's
# source archive: "build-path"), against config.m4.
source "$(dirname "$0")/common.sh"
need_rust
apt_install php-cli php-dev php-pear composer
need_zig

# The PHP versions the sources target (8.1: php_alipay_notify.h refuses older) up to the last
# one reviewed (docs/install.md); composer.json and package.xml say the same.
PHP_REQUIRE=">=8.1 <8.5"
PHP_MIN=8.1.0
PHP_MAX=8.4.99

version=$(package_version alipay-notify-ffi)
out=dist/php
work=target/dist-php
rm -rf "$out" "$work"
mkdir -p "$out" "$work"

step "composer.json (PIE): composer validate, php-ext against config.m4"
# Composer learned the php-ext section in 2.7; Debian 12's 2.5 calls it an unknown property
# in its publish check, so there it checks everything else.
composer_version=$(composer --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1)
if printf '2.7\n%s\n' "$composer_version" | sort -CV; then
  composer validate --strict
else
  echo "Composer $composer_version predates the php-ext section: validating without the publish check"
  composer validate --strict --no-check-publish
fi
PHP_REQUIRE=$PHP_REQUIRE php -r '
  $c = json_decode(file_get_contents("composer.json"), true, 512, JSON_THROW_ON_ERROR);
  $e = $c["php-ext"];
  $m4 = file_get_contents($e["build-path"] . "/config.m4");
  $problems = [];
  if ($c["type"] !== "php-ext") $problems[] = "type is not php-ext";
  if ($e["extension-name"] !== "alipay_notify") $problems[] = "extension-name is not alipay_notify";
  if (!preg_match("/PHP_NEW_EXTENSION\(\[" . $e["extension-name"] . "\]/", $m4)) $problems[] = "config.m4 builds no " . $e["extension-name"];
  foreach ($e["configure-options"] as $o) {
    if (strpos($m4, "--" . $o["name"] . ($o["needs-value"] ? "[=" : "")) === false) $problems[] = "config.m4 has no --" . $o["name"];
  }
  preg_match("/PHP_ARG_(WITH|ENABLE)/", $m4) || $problems[] = "config.m4 declares no option";
  if ($c["require"]["php"] !== getenv("PHP_REQUIRE")) $problems[] = "require.php is not " . getenv("PHP_REQUIRE");
  if ($c["license"] !== "MIT") $problems[] = "license is not MIT";
  foreach ($problems as $p) fwrite(STDERR, "composer.json: $p\n");
  exit($problems ? 1 : 0);
' || exit 1
echo "php-ext: extension alipay_notify, build-path php/ext, configure options in config.m4"

step "PECL-style source package (pecl package)"
stage=$work/pecl
mkdir -p "$stage"
cp php/ext/config.m4 php/ext/*.c php/ext/*.h php/ext/alipay_notify.stub.php LICENSE "$stage/"
php scripts/pecl-package-xml.php "$stage" "$version" "$PHP_MIN" "$PHP_MAX"
(cd "$stage" && pecl package package.xml) >"$work/pecl-package.log" 2>&1 || { cat "$work/pecl-package.log"; exit 1; }
grep -i 'warning' "$work/pecl-package.log" && { echo "pecl package warned" >&2; exit 1; }
pecl_tgz=alipay_notify-$version.tgz
mv "$stage/$pecl_tgz" "$out/"
# Everything the build needs, nothing of the checkout (php/ext/tests read the checkout's vectors).
listed=$(tar tzf "$out/$pecl_tgz" | sort)
expected=$( (echo package.xml; cd "$stage" && ls | grep -v '^package.xml$' | sed "s|^|alipay_notify-$version/|") | sort)
[ "$listed" = "$expected" ] || { echo "unexpected contents of $pecl_tgz:"; diff <(echo "$expected") <(echo "$listed"); exit 1; } >&2
echo "$out/$pecl_tgz: $(echo "$listed" | wc -l) files"

step "extension for PHP $(php-config --version) with libalipay_notify linked in (glibc 2.17)"
# The library for glibc 2.17, in the target directory every zig build shares (so the other dist
# scripts reuse it), and the extension compiled and linked by zig for the same glibc: linked by
# the system's gcc, glibc 2.34+ would give pthread and other symbols versions CentOS 7 lacks.
cargo zigbuild --release --locked -q -p alipay-notify-ffi --target "$GLIBC_TARGET" --target-dir "$DIST_TARGET_DIR"
prefix=$work/prefix
mkdir -p "$prefix/include" "$prefix/lib"
cp include/alipay_notify.h "$prefix/include/"
cp "$DIST_TARGET_DIR/${GLIBC_TARGET%%.[0-9]*}/release/libalipay_notify.a" "$prefix/lib/"
# zig's linker has no --exclude-libs, config.m4's way to keep the static library's symbols out
# of the extension's exports: a version script that exports get_module alone does the same.
zig_cc=$PWD/$work/zig-cc
printf '{ global: get_module; local: *; };\n' >"$work/exports.map"
cat >"$zig_cc" <<ZIGCC
#!/bin/sh
# libtool passes it on as -Wl,--exclude-libs -Wl,ALL.
skip=no
for arg do
  shift
  case \$skip,\$arg in
    no,-Wl,--exclude-libs,ALL) set -- "\$@" -Wl,--version-script=$PWD/$work/exports.map ;;
    no,-Wl,--exclude-libs) set -- "\$@" -Wl,--version-script=$PWD/$work/exports.map; skip=yes ;;
    yes,-Wl,ALL) skip=no ;;
    *) set -- "\$@" "\$arg"; skip=no ;;
  esac
done
exec python-zig cc -target ${GLIBC_TARGET/-unknown/} "\$@"
ZIGCC
chmod +x "$zig_cc"
build=$work/build
cp -r php/ext "$build"
rm -rf "$build/tests"
(
  cd "$build"
  phpize >phpize.log 2>&1 || { cat phpize.log; exit 1; }
  CC=$zig_cc ./configure --with-alipay-notify="$PWD/../prefix" --enable-alipay-notify-static >configure.log 2>&1 ||
    { tail -30 configure.log; exit 1; }
  make -j2 >make.log 2>&1 || { grep -E 'error|warning' make.log | head -40; exit 1; }
)
so=$build/modules/alipay_notify.so
if readelf -d "$so" | grep -q 'NEEDED.*libalipay_notify'; then
  echo "the built extension loads libalipay_notify.so" >&2
  exit 1
fi
exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }')
[ "$exported" = get_module ] || { echo "the built extension exports more than get_module: $exported" >&2; exit 1; }
glibc=$(max_glibc "$so")
printf '%s\nGLIBC_2.17\n' "$glibc" | sort -CV || { echo "the built extension needs $glibc (at most GLIBC_2.17)" >&2; exit 1; }
strip --strip-unneeded "$so"

php_mm=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
ts=$(php -r 'echo PHP_ZTS ? "ts" : "nts";')
name=php_alipay_notify-$version-$php_mm-$ts-x86_64-linux-gnu
bin=$work/$name
mkdir -p "$bin"
cp "$so" LICENSE "$bin/"
cat >"$bin/BUILD-INFO" <<INFO
alipay_notify $version, PHP extension with libalipay_notify $version linked in
PHP          $php_mm ($(php-config --version) here), $ts, x86_64
PHP API      $(php-config --phpapi) (Zend module API $(phpize --version | awk '/Zend Module Api No/ { print $NF }'))
needs        glibc 2.17 or newer (newest symbol: $glibc), nothing else but PHP
load it      extension=/path/to/alipay_notify.so in php.ini, or copy it into
             \`php-config --extension-dir\` and write extension=alipay_notify
INFO
tar -czf "$out/$name.tgz" -C "$work" "$name"
cat "$bin/BUILD-INFO"

step "dist/php"
ls -l "$out"
