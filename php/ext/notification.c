/*
 * AlipayNotify\Notification: a verified notify or return_url message. It holds exactly the
 * signed parameters (read them with $n['out_trade_no'], get(), toArray() or foreach) and how
 * they verified; it is created only by Verifier and is read-only.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_array.h"
#include "ext/spl/spl_exceptions.h"

AN_HANDLE_CLASS(notification, alipay_notify_notification,
                "Verifier::verifyNotify() and verifyReturn() create it")

const alipay_notify_notification *an_notification_handle(zval *object) { return an_this(object); }

/* The signed parameters as a PHP array, in message order. */
static bool to_array(const alipay_notify_notification *n, zval *out) {
    size_t count = 0;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_notification_param_count(n, &count, &err);
    if (status != 0) {
        an_throw(status, err);
        return false;
    }
    array_init_size(out, (uint32_t)count);
    for (size_t i = 0; i < count; i++) {
        const char *name, *value;
        size_t name_len, value_len;
        status = alipay_notify_notification_param(n, i, &name, &name_len, &value, &value_len, &err);
        if (status != 0) {
            zval_ptr_dtor(out);
            an_throw(status, err);
            return false;
        }
        zval item;
        ZVAL_STRINGL(&item, value, value_len);
        zend_symtable_str_update(Z_ARRVAL_P(out), name, name_len, &item);
    }
    return true;
}

/* The signed parameter an offset names. Ints are names too (PHP turns "1" into 1); other
 * offsets, such as arrays, name none. */
static bool find(const alipay_notify_notification *n, zval *offset, const char **text, size_t *len) {
    ZVAL_DEREF(offset);
    char digits[MAX_LENGTH_OF_LONG + 1];
    const char *name = digits;
    size_t name_len;
    if (Z_TYPE_P(offset) == IS_STRING) {
        name = Z_STRVAL_P(offset);
        name_len = Z_STRLEN_P(offset);
    } else if (Z_TYPE_P(offset) == IS_LONG) {
        name_len = (size_t)snprintf(digits, sizeof digits, ZEND_LONG_FMT, Z_LVAL_P(offset));
    } else {
        return true;
    }
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_notification_get(n, name, name_len, text, len, &err);
    if (status != 0) an_throw(status, err);
    return status == 0;
}

AN_READ_ONLY_ARRAY_ACCESS(AlipayNotify_Notification, find)

PHP_METHOD(AlipayNotify_Notification, toArray) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(n);
    if (!to_array(n, return_value)) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Notification, count) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(n);
    size_t count = 0;
    AN_TRY(alipay_notify_notification_param_count(n, &count, &err));
    RETURN_LONG((zend_long)count);
}

PHP_METHOD(AlipayNotify_Notification, getIterator) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(n);
    zval params;
    if (!to_array(n, &params)) RETURN_THROWS();
    object_init_ex(return_value, spl_ce_ArrayIterator);
    zend_call_known_instance_method_with_1_params(spl_ce_ArrayIterator->constructor, Z_OBJ_P(return_value), NULL,
                                                  &params);
    zval_ptr_dtor(&params);
}

/* How the message verified. */
AN_STRING_GETTER(AlipayNotify_Notification, kind, alipay_notify_notification_kind)
AN_STRING_GETTER(AlipayNotify_Notification, rule, alipay_notify_notification_rule)
AN_STRING_GETTER(AlipayNotify_Notification, signType, alipay_notify_notification_sign_type)
AN_STRING_GETTER(AlipayNotify_Notification, charset, alipay_notify_notification_charset)
AN_STRING_GETTER(AlipayNotify_Notification, emptyValues, alipay_notify_notification_empty_values)
AN_STRING_GETTER(AlipayNotify_Notification, keyFingerprint, alipay_notify_notification_key_fingerprint)
AN_STRING_GETTER(AlipayNotify_Notification, tradeStatus, alipay_notify_notification_trade_status)
AN_STRING_GETTER(AlipayNotify_Notification, decryptedBizContent, alipay_notify_notification_decrypted_biz_content)

PHP_METHOD(AlipayNotify_Notification, keyIndex) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(n);
    int64_t index = -1;
    AN_TRY(alipay_notify_notification_key_index(n, &index, &err));
    /* The library says -1 for MD5 messages, which no key verified. */
    if (index < 0) RETURN_NULL();
    RETURN_LONG((zend_long)index);
}

AN_BOOL_GETTER(AlipayNotify_Notification, isPaid, alipay_notify_notification_is_paid)

PHP_METHOD(AlipayNotify_Notification, totalAmountFen) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(n);
    int64_t fen = 0;
    bool present = false;
    AN_TRY(alipay_notify_notification_order_amount_fen(n, &fen, &present, &err));
    if (!present) RETURN_NULL();
    RETURN_LONG((zend_long)fen);
}

PHP_METHOD(AlipayNotify_Notification, amountFen) {
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(n);
    int64_t fen = 0;
    bool present = false;
    AN_TRY(alipay_notify_notification_amount_fen(n, ZSTR_VAL(name), ZSTR_LEN(name), &fen, &present, &err));
    if (!present) RETURN_NULL();
    RETURN_LONG((zend_long)fen);
}

PHP_METHOD(AlipayNotify_Notification, checkOrder) {
    zend_string *out_trade_no, *total_amount;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(out_trade_no)
        Z_PARAM_STR(total_amount)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(n);
    AN_TRY(alipay_notify_notification_check_order(n, ZSTR_VAL(out_trade_no), ZSTR_LEN(out_trade_no),
                                                  ZSTR_VAL(total_amount), ZSTR_LEN(total_amount), &err));
}

PHP_METHOD(AlipayNotify_Notification, checkOrderFen) {
    zend_string *out_trade_no;
    zend_long fen;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(out_trade_no)
        Z_PARAM_LONG(fen)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(n);
    AN_TRY(alipay_notify_notification_check_order_fen(n, ZSTR_VAL(out_trade_no), ZSTR_LEN(out_trade_no),
                                                      (int64_t)fen, &err));
}

/* Shortcuts for the parameters every handler reads. */
#define PARAM_GETTER(method, param)                                                            \
    AN_STRING_METHOD(AlipayNotify_Notification, method,                                        \
                     alipay_notify_notification_get(self, ZEND_STRL(param), &text, &len, &err))

PARAM_GETTER(outTradeNo, "out_trade_no")
PARAM_GETTER(tradeNo, "trade_no")
PARAM_GETTER(appId, "app_id")
PARAM_GETTER(sellerId, "seller_id")
PARAM_GETTER(notifyId, "notify_id")

PHP_METHOD(AlipayNotify_Notification, __debugInfo) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(n);
    zval params;
    if (!to_array(n, &params)) RETURN_THROWS();
    const char *kind = NULL, *sign_type = NULL;
    alipay_notify_notification_kind(n, &kind, NULL, NULL);
    alipay_notify_notification_sign_type(n, &sign_type, NULL, NULL);
    array_init(return_value);
    add_assoc_string(return_value, "kind", kind ? kind : "");
    add_assoc_string(return_value, "sign_type", sign_type ? sign_type : "");
    add_assoc_zval(return_value, "params", &params);
}
