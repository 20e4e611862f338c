/*
 * The legacy families: Verifier::verifyAppResult() (mobile.securitypay app results) and the
 * 消息服务 accessors of a Notification. Legacy WAP notifications need nothing here:
 * verifyNotify() reads them, and their trade fields are parameters like any other.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "ext/date/php_date.h"
#include "ext/json/php_json.h"

#define WAP_THIS(var, kind)                                                                    \
    const alipay_notify_##kind *var = an_##kind##_handle(ZEND_THIS);                           \
    if (var == NULL) RETURN_THROWS()

PHP_METHOD(AlipayNotify_Verifier, verifyAppResult) {
    zend_string *result;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(result)
    ZEND_PARSE_PARAMETERS_END();
    WAP_THIS(self, verifier);
    alipay_notify_notification *notification = NULL;
    AN_TRY(alipay_notify_verifier_verify_app_result(self, ZSTR_VAL(result), ZSTR_LEN(result), &notification, &err));
    an_notification_wrap(return_value, notification);
}

PHP_METHOD(AlipayNotify_Notification, msgMethod) {
    ZEND_PARSE_PARAMETERS_NONE();
    WAP_THIS(self, notification);
    const char *text = NULL;
    size_t len = 0;
    AN_TRY(alipay_notify_notification_msg_method(self, &text, &len, &err));
    AN_RETURN_STRINGL_OR_NULL(text, len);
}

PHP_METHOD(AlipayNotify_Notification, bizContent) {
    ZEND_PARSE_PARAMETERS_NONE();
    WAP_THIS(self, notification);
    const char *json = NULL;
    size_t len = 0;
    AN_TRY(alipay_notify_notification_biz_content(self, &json, &len, &err));
    if (json == NULL) RETURN_NULL();
    if (php_json_decode_ex(return_value, json, len, PHP_JSON_OBJECT_AS_ARRAY, PHP_JSON_PARSER_DEFAULT_DEPTH) ==
        FAILURE) {
        /* The library parsed this very text (its nesting limit is below PHP's). */
        an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "the verified biz_content is not JSON PHP can decode");
        RETURN_THROWS();
    }
}

PHP_METHOD(AlipayNotify_Notification, utcTimestampMs) {
    ZEND_PARSE_PARAMETERS_NONE();
    WAP_THIS(self, notification);
    int64_t ms = 0;
    bool present = false;
    AN_TRY(alipay_notify_notification_utc_timestamp_ms(self, &ms, &present, &err));
    if (!present) RETURN_NULL();
    RETURN_LONG((zend_long)ms);
}

PHP_METHOD(AlipayNotify_Notification, utcTimestamp) {
    ZEND_PARSE_PARAMETERS_NONE();
    WAP_THIS(self, notification);
    int64_t ms = 0;
    bool present = false;
    AN_TRY(alipay_notify_notification_utc_timestamp_ms(self, &ms, &present, &err));
    if (!present) RETURN_NULL();
    /* "@seconds.fraction" is UTC by definition; the library allows digits only, so ms >= 0. */
    char text[48];
    int len = snprintf(text, sizeof text, "@%lld.%03lld", (long long)(ms / 1000), (long long)(ms % 1000));
    php_date_instantiate(php_date_get_immutable_ce(), return_value);
    if (!php_date_initialize(Z_PHPDATE_P(return_value), text, (size_t)len, NULL, NULL, 0)) {
        zval_ptr_dtor(return_value);
        an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "utc_timestamp %s is not a time PHP can hold", text);
        RETURN_THROWS();
    }
}
