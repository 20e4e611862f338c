/*
 * The alipay_notify module: registers the classes, functions and constants that
 * alipay_notify.stub.php declares, and refuses to start against a libalipay_notify other than
 * the one it was compiled for (there is no ABI stability before 1.0).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "ext/standard/info.h"
#include "ext/json/php_json.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
/* Generated from alipay_notify.stub.php by scripts/php-stub.sh: never edit it by hand. Its
 * method tables name the PHP_METHOD functions of each class's file. */
#include "alipay_notify_arginfo.h"
#include "v3.h"

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
    register_alipay_notify_symbols(module_number);
    an_ce_exception = register_class_AlipayNotify_Exception(zend_ce_exception);
    an_ce_invalid_signature = register_class_AlipayNotify_InvalidSignatureException(an_ce_exception);
    an_ce_malformed_input = register_class_AlipayNotify_MalformedInputException(an_ce_exception);
    an_ce_notify_verify = register_class_AlipayNotify_NotifyVerifyException(an_ce_exception);
    an_ce_business_mismatch = register_class_AlipayNotify_BusinessMismatchException(an_ce_exception);
    an_ce_config = register_class_AlipayNotify_ConfigException(an_ce_exception);
    an_ce_internal = register_class_AlipayNotify_InternalException(an_ce_exception);
    an_setup_notification(register_class_AlipayNotify_Notification(zend_ce_arrayaccess, zend_ce_countable,
                                                                     zend_ce_aggregate, php_json_serializable_ce));
    an_setup_response(register_class_AlipayNotify_Response(zend_ce_arrayaccess));
    an_setup_verifier(register_class_AlipayNotify_Verifier());
    an_setup_signer(register_class_AlipayNotify_Signer());
    an_setup_v3_response(register_class_AlipayNotify_V3Response());
    an_setup_v3_signer(register_class_AlipayNotify_V3Signer());
    /* AES-encrypted content. */
    an_setup_open_data(register_class_AlipayNotify_OpenData(zend_ce_arrayaccess));
    /* Reconciliation (issue 13). */
    an_setup_trade_request(register_class_AlipayNotify_TradeRequest());
    an_setup_trade_result(register_class_AlipayNotify_TradeResult());
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
    ext_functions,
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
