/*
 * The notification ledger's row (docs/ledger.md) as a PHP array: Notification::ledgerEntry()
 * and AlipayNotify\rejected_ledger_entry(). The library fills the row; AlipayNotify\Ledger
 * (php/lib) adds what only it knows and writes it with PDO.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "ext/json/php_json.h"
#include "zend_exceptions.h"

bool an_json_to_array(zval *out, char *json) {
    int decoded = php_json_decode_ex(out, json, strlen(json), PHP_JSON_OBJECT_AS_ARRAY, PHP_JSON_PARSER_DEFAULT_DEPTH);
    alipay_notify_string_free(json);
    if (decoded == FAILURE) {
        /* The library made this text with a JSON serializer; reaching here is a bug. */
        an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "the library returned JSON PHP cannot decode");
        return false;
    }
    return true;
}

PHP_METHOD(AlipayNotify_Notification, ledgerEntry) {
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    const alipay_notify_notification *self = an_notification_handle(ZEND_THIS);
    if (self == NULL) RETURN_THROWS();
    char *json = NULL;
    AN_TRY(alipay_notify_notification_ledger_entry_json(self, ZSTR_VAL(body), ZSTR_LEN(body), &json, &err));
    if (!an_json_to_array(return_value, json)) RETURN_THROWS();
}

PHP_FUNCTION(AlipayNotify_rejected_ledger_entry) {
    zend_string *source, *body;
    zend_object *exception = NULL;
    zend_long code = 0;
    ZEND_PARSE_PARAMETERS_START(3, 3)
        Z_PARAM_STR(source)
        Z_PARAM_STR(body)
        Z_PARAM_OBJ_OF_CLASS_OR_LONG(exception, an_ce_exception, code)
    ZEND_PARSE_PARAMETERS_END();
    if (exception != NULL) {
        zval rv;
        zval *value = zend_read_property(zend_ce_exception, exception, "code", sizeof("code") - 1, 1, &rv);
        code = Z_TYPE_P(value) == IS_LONG ? Z_LVAL_P(value) : 0;
    }
    /* A code no int32_t holds is no status either: the library refuses 0 the same way. */
    int32_t status = code >= INT32_MIN && code <= INT32_MAX ? (int32_t)code : 0;
    char *json = NULL;
    AN_TRY(alipay_notify_rejected_ledger_entry_json(ZSTR_VAL(source), ZSTR_LEN(source), ZSTR_VAL(body), ZSTR_LEN(body),
                                                    status, &json, &err));
    if (!an_json_to_array(return_value, json)) RETURN_THROWS();
}
