dnl config.m4 of the alipay_notify extension: phpize && ./configure && make && make install.
dnl
dnl   ./configure                                   finds an installed libalipay_notify with
dnl                                                 pkg-config (make install-c), else in
dnl                                                 /usr/local or /usr
dnl   ./configure --with-alipay-notify=DIR          DIR: an alipay-notify checkout after
dnl                                                 `make c-lib` (include/, target/release/)
dnl                                                 or an install prefix (include/, lib/)
dnl   ./configure --enable-alipay-notify-static     link libalipay_notify.a into the extension:
dnl                                                 one self-contained alipay_notify.so
dnl
dnl The shared variant records the library's directory as the extension's RUNPATH, so PHP
dnl finds libalipay_notify.so there without ldconfig or LD_LIBRARY_PATH.

PHP_ARG_WITH([alipay-notify],
  [for alipay_notify support],
  [AS_HELP_STRING([[--with-alipay-notify[=DIR]]],
    [Verify Alipay notifications with libalipay_notify; DIR is an alipay-notify checkout or an install prefix])],
  [yes])

PHP_ARG_ENABLE([alipay-notify-static],
  [whether to link libalipay_notify statically],
  [AS_HELP_STRING([--enable-alipay-notify-static],
    [Link libalipay_notify.a into alipay_notify.so (no runtime dependency)])],
  [no],
  [no])

if test "$PHP_ALIPAY_NOTIFY" != "no"; then
  AN_INCDIR=""
  AN_LIBDIR=""
  AC_PATH_PROG([PKG_CONFIG], [pkg-config], [no])
  AC_MSG_CHECKING([for libalipay_notify])
  if test "$PHP_ALIPAY_NOTIFY" != "yes"; then
    dnl A checkout after `make c-lib`, or an install prefix.
    for libdir in "$PHP_ALIPAY_NOTIFY/target/release" "$PHP_ALIPAY_NOTIFY/lib" "$PHP_ALIPAY_NOTIFY/lib64"; do
      if test -f "$PHP_ALIPAY_NOTIFY/include/alipay_notify.h" && \
         { test -f "$libdir/libalipay_notify.so" || test -f "$libdir/libalipay_notify.a"; }; then
        AN_INCDIR="$PHP_ALIPAY_NOTIFY/include"
        AN_LIBDIR="$libdir"
        break
      fi
    done
  else
    if test "$PKG_CONFIG" != "no" && $PKG_CONFIG --exists alipay_notify; then
      AN_INCDIR=`$PKG_CONFIG --variable=includedir alipay_notify`
      AN_LIBDIR=`$PKG_CONFIG --variable=libdir alipay_notify`
    else
      for prefix in /usr/local /usr; do
        if test -f "$prefix/include/alipay_notify.h"; then
          for libdir in "$prefix/lib" "$prefix/lib64" "$prefix/lib/`$CC -print-multiarch 2>/dev/null`"; do
            if test -f "$libdir/libalipay_notify.so" || test -f "$libdir/libalipay_notify.a"; then
              AN_INCDIR="$prefix/include"
              AN_LIBDIR="$libdir"
              break 2
            fi
          done
        fi
      done
    fi
  fi
  if test -z "$AN_INCDIR"; then
    AC_MSG_RESULT([not found])
    AC_MSG_ERROR([libalipay_notify not found: build it with 'make c-lib' in an alipay-notify checkout and pass --with-alipay-notify=/path/to/checkout, or install it with 'make install-c PREFIX=/usr/local'])
  fi
  AC_MSG_RESULT([$AN_LIBDIR (header in $AN_INCDIR)])
  PHP_ADD_INCLUDE([$AN_INCDIR])

  if test "$PHP_ALIPAY_NOTIFY_STATIC" != "no"; then
    if test ! -f "$AN_LIBDIR/libalipay_notify.a"; then
      AC_MSG_ERROR([$AN_LIBDIR/libalipay_notify.a not found])
    fi
    dnl The libraries Rust's std needs (`cargo rustc -p alipay-notify-ffi --crate-type staticlib
    dnl -- --print native-static-libs`, as in scripts/c-lib.sh); --exclude-libs keeps the
    dnl library's symbols out of the extension's exports.
    ALIPAY_NOTIFY_SHARED_LIBADD="$AN_LIBDIR/libalipay_notify.a -Wl,--exclude-libs,ALL -lpthread -ldl -lm -lrt -lutil -lgcc_s"
  else
    PHP_CHECK_LIBRARY([alipay_notify], [alipay_notify_version],
      [], [AC_MSG_ERROR([$AN_LIBDIR/libalipay_notify.so cannot be linked (see config.log)])],
      [-L$AN_LIBDIR])
    PHP_ADD_LIBRARY_WITH_PATH([alipay_notify], [$AN_LIBDIR], [ALIPAY_NOTIFY_SHARED_LIBADD])
  fi
  PHP_SUBST([ALIPAY_NOTIFY_SHARED_LIBADD])

  dnl Hidden visibility: the extension exports get_module() only (PHP loads extensions with
  dnl RTLD_GLOBAL, so anything else exported would share one namespace with other extensions).
  PHP_NEW_EXTENSION([alipay_notify],
    [alipay_notify.c exceptions.c options.c verifier.c notification.c response.c signer.c request.c functions.c wap.c v3.c v3_signer.c aes.c ledger.c trade_request.c trade_result.c],
    [$ext_shared], [], [-fvisibility=hidden])
fi
