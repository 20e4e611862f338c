/*
 * The functions of the AlipayNotify namespace: library version and status names, certificate
 * SNs, the legacy notify_verify check's URL and answer, and the current request's raw bytes
 * (alipay_notify.stub.php documents them).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"

ZEND_FUNCTION(AlipayNotify_version) {
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_STRING(alipay_notify_version());
}

ZEND_FUNCTION(AlipayNotify_status_name) {
    zend_long code;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_LONG(code)
    ZEND_PARSE_PARAMETERS_END();
    RETURN_STRING(code < INT32_MIN || code > INT32_MAX ? "UNKNOWN" : alipay_notify_status_name((int32_t)code));
}

typedef int32_t (*sn_function)(const char *, size_t, char **, alipay_notify_error **);

static void sn_with(INTERNAL_FUNCTION_PARAMETERS, sn_function function) {
    zend_string *pem;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(pem)
    ZEND_PARSE_PARAMETERS_END();
    char *sn = NULL;
    AN_TRY(function(ZSTR_VAL(pem), ZSTR_LEN(pem), &sn, &err));
    RETVAL_STRING(sn);
    alipay_notify_string_free(sn);
}

ZEND_FUNCTION(AlipayNotify_cert_sn) {
    sn_with(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_cert_sn);
}

ZEND_FUNCTION(AlipayNotify_root_cert_sn) {
    sn_with(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_root_cert_sn);
}

ZEND_FUNCTION(AlipayNotify_notify_verify_url) {
    zend_string *partner, *notify_id;
    zend_string *gateway = NULL;
    ZEND_PARSE_PARAMETERS_START(2, 3)
        Z_PARAM_STR(partner)
        Z_PARAM_STR(notify_id)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(gateway)
    ZEND_PARSE_PARAMETERS_END();
    char *url = NULL;
    AN_TRY(alipay_notify_legacy_notify_verify_url(gateway ? ZSTR_VAL(gateway) : NULL, gateway ? ZSTR_LEN(gateway) : 0,
                                                  ZSTR_VAL(partner), ZSTR_LEN(partner), ZSTR_VAL(notify_id),
                                                  ZSTR_LEN(notify_id), &url, &err));
    RETVAL_STRING(url);
    alipay_notify_string_free(url);
}

ZEND_FUNCTION(AlipayNotify_classify_notify_verify) {
    zend_string *answer;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(answer)
    ZEND_PARSE_PARAMETERS_END();
    AN_TRY(alipay_notify_legacy_classify_notify_verify(ZSTR_VAL(answer), ZSTR_LEN(answer), &err));
}

ZEND_FUNCTION(AlipayNotify_request_body) {
    ZEND_PARSE_PARAMETERS_NONE();
    zend_string *body = an_request_body();
    if (body == NULL) RETURN_THROWS();
    RETURN_STR(body);
}

ZEND_FUNCTION(AlipayNotify_request_query) {
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_STR(an_request_query());
}
