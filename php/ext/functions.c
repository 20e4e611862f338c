/*
 * The functions of the AlipayNotify namespace: library version and status names, certificate
 * SNs, the legacy notify_verify check's URL and answer, and the current request's raw bytes.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_string, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_status_name, 0, 1, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO(0, code, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_cert_sn, 0, 1, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO(0, pem, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_notify_verify_url, 0, 2, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO(0, partner, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO(0, notifyId, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, gateway, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_classify_notify_verify, 0, 1, IS_VOID, 0)
    ZEND_ARG_TYPE_INFO(0, answer, IS_STRING, 0)
ZEND_END_ARG_INFO()

/* function version(): string -- the loaded library's "alipay_notify/X.Y.Z". */
ZEND_FUNCTION(AlipayNotify_version) {
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_STRING(alipay_notify_version());
}

/* function status_name(int $code): string -- "INVALID_SIGNATURE" for 107, "UNKNOWN" for a code
 * the library does not know. */
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

/* function cert_sn(string $pem): string -- the SN Alipay computes for the first certificate
 * (app_cert_sn from appCertPublicKey_*.crt, or alipay_cert_sn). */
ZEND_FUNCTION(AlipayNotify_cert_sn) {
    sn_with(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_cert_sn);
}

/* function root_cert_sn(string $pem): string -- alipay_root_cert_sn of alipayRootCert.crt. */
ZEND_FUNCTION(AlipayNotify_root_cert_sn) {
    sn_with(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_root_cert_sn);
}

/* function notify_verify_url(string $partner, string $notifyId, ?string $gateway = null): string
 * The URL of the legacy notify_verify check (the decoded notify_id is encoded once here);
 * $gateway defaults to https://mapi.alipay.com/gateway.do. */
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

/* function classify_notify_verify(string $answer): void
 * Returns when the body notify_verify answered means true; otherwise throws
 * NotifyVerifyException (NOTIFY_VERIFY_REJECTED for false, NOTIFY_VERIFY_INVALID for
 * invalid, NOTIFY_VERIFY_UNEXPECTED for anything else). */
ZEND_FUNCTION(AlipayNotify_classify_notify_verify) {
    zend_string *answer;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(answer)
    ZEND_PARSE_PARAMETERS_END();
    AN_TRY(alipay_notify_legacy_classify_notify_verify(ZSTR_VAL(answer), ZSTR_LEN(answer), &err));
}

/* function request_body(): string -- the current request's raw body (php://input). */
ZEND_FUNCTION(AlipayNotify_request_body) {
    ZEND_PARSE_PARAMETERS_NONE();
    zend_string *body = an_request_body();
    if (body == NULL) RETURN_THROWS();
    RETURN_STR(body);
}

/* function request_query(): string -- the current request's raw query string. */
ZEND_FUNCTION(AlipayNotify_request_query) {
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_STR(an_request_query());
}

const zend_function_entry an_functions[] = {
    ZEND_NS_FALIAS("AlipayNotify", version, AlipayNotify_version, arginfo_string)
    ZEND_NS_FALIAS("AlipayNotify", status_name, AlipayNotify_status_name, arginfo_status_name)
    ZEND_NS_FALIAS("AlipayNotify", cert_sn, AlipayNotify_cert_sn, arginfo_cert_sn)
    ZEND_NS_FALIAS("AlipayNotify", root_cert_sn, AlipayNotify_root_cert_sn, arginfo_cert_sn)
    ZEND_NS_FALIAS("AlipayNotify", notify_verify_url, AlipayNotify_notify_verify_url, arginfo_notify_verify_url)
    ZEND_NS_FALIAS("AlipayNotify", classify_notify_verify, AlipayNotify_classify_notify_verify,
                   arginfo_classify_notify_verify)
    ZEND_NS_FALIAS("AlipayNotify", request_body, AlipayNotify_request_body, arginfo_string)
    ZEND_NS_FALIAS("AlipayNotify", request_query, AlipayNotify_request_query, arginfo_string)
    ZEND_FE_END
};
