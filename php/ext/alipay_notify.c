/*
 * The alipay_notify module: registers the classes, functions and constants, and refuses to
 * start against a libalipay_notify other than the one it was compiled for (there is no ABI
 * stability before 1.0).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "ext/standard/info.h"

#define EXPECTED_LIBRARY "alipay_notify/" ALIPAY_NOTIFY_VERSION

static PHP_MINIT_FUNCTION(alipay_notify) {
    (void)type;
    if (strcmp(alipay_notify_version(), EXPECTED_LIBRARY) != 0) {
        php_error_docref(NULL, E_CORE_WARNING,
                         "alipay_notify was built for %s but loaded %s: rebuild the extension against the library "
                         "it loads",
                         EXPECTED_LIBRARY, alipay_notify_version());
        return FAILURE;
    }
    an_register_exceptions();
    an_register_notification();
    an_register_response();
    an_register_verifier();
    an_register_signer();
    /* What a notify_url handler must answer, exactly: Alipay retries until it reads "success". */
    REGISTER_NS_STRING_CONSTANT("AlipayNotify", "SUCCESS", "success", CONST_PERSISTENT);
    REGISTER_NS_STRING_CONSTANT("AlipayNotify", "FAIL", "fail", CONST_PERSISTENT);
    REGISTER_NS_STRING_CONSTANT("AlipayNotify", "VERSION", PHP_ALIPAY_NOTIFY_VERSION, CONST_PERSISTENT);
    return SUCCESS;
}

static PHP_MINFO_FUNCTION(alipay_notify) {
    php_info_print_table_start();
    php_info_print_table_row(2, "alipay_notify support", "enabled");
    php_info_print_table_row(2, "extension version", PHP_ALIPAY_NOTIFY_VERSION);
    php_info_print_table_row(2, "library", alipay_notify_version());
    php_info_print_table_end();
}

static const zend_module_dep deps[] = {
    ZEND_MOD_REQUIRED("json")
    ZEND_MOD_REQUIRED("spl")
    ZEND_MOD_END
};

zend_module_entry alipay_notify_module_entry = {
    STANDARD_MODULE_HEADER_EX,
    NULL,
    deps,
    "alipay_notify",
    an_functions,
    PHP_MINIT(alipay_notify),
    NULL,
    NULL,
    NULL,
    PHP_MINFO(alipay_notify),
    PHP_ALIPAY_NOTIFY_VERSION,
    STANDARD_MODULE_PROPERTIES,
};

#ifdef COMPILE_DL_ALIPAY_NOTIFY
ZEND_GET_MODULE(alipay_notify)
#endif
