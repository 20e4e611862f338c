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
#include "zend_interfaces.h"
#include "ext/spl/spl_array.h"
#include "ext/spl/spl_exceptions.h"
#include "ext/json/php_json.h"

zend_class_entry *an_ce_notification;
static zend_object_handlers handlers;

typedef struct {
    alipay_notify_notification *handle;
    zend_object std;
} an_notification;

static zend_object *create_object(zend_class_entry *ce) {
    an_notification *self = zend_object_alloc(sizeof(an_notification), ce);
    zend_object_std_init(&self->std, ce);
    object_properties_init(&self->std, ce);
    self->std.handlers = &handlers;
    self->handle = NULL;
    return &self->std;
}

static void free_object(zend_object *object) {
    an_notification *self = AN_OBJ(an_notification, object);
    alipay_notify_notification_free(self->handle);
    self->handle = NULL;
    zend_object_std_dtor(object);
}

static zend_function *get_constructor(zend_object *object) {
    (void)object;
    zend_throw_error(NULL, "AlipayNotify\\Notification cannot be constructed: Verifier::verifyNotify() and "
                           "verifyReturn() create it");
    return NULL;
}

void an_notification_wrap(zval *out, alipay_notify_notification *notification) {
    object_init_ex(out, an_ce_notification);
    AN_OBJ(an_notification, Z_OBJ_P(out))->handle = notification;
}

/* The handle behind $this, or an Error thrown and the method returns. */
#define THIS_HANDLE(var)                                                                       \
    const alipay_notify_notification *var = AN_OBJ(an_notification, Z_OBJ_P(ZEND_THIS))->handle; \
    if (var == NULL) {                                                                         \
        an_throw_uninitialized(an_ce_notification);                                            \
        RETURN_THROWS();                                                                       \
    }

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

/* Looks up a signed parameter; `*value` is NULL when the message has none of that name. */
static bool lookup(const alipay_notify_notification *n, const char *name, size_t name_len, const char **value,
                   size_t *value_len) {
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_notification_get(n, name, name_len, value, value_len, &err);
    if (status != 0) an_throw(status, err);
    return status == 0;
}

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_offset_exists, 0, 1, _IS_BOOL, 0)
    ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_offset_get, 0, 1, IS_STRING, 1)
    ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_offset_set, 0, 2, IS_VOID, 0)
    ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
    ZEND_ARG_TYPE_INFO(0, value, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_offset_unset, 0, 1, IS_VOID, 0)
    ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_get, 0, 1, IS_STRING, 1)
    ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_array, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_count, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_get_iterator, 0, 0, Iterator, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_string, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_nullable_string, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_nullable_int, 0, 0, IS_LONG, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_bool, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_amount_fen, 0, 1, IS_LONG, 1)
    ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_check_order, 0, 2, IS_VOID, 0)
    ZEND_ARG_TYPE_INFO(0, outTradeNo, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO(0, totalAmount, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_check_order_fen, 0, 2, IS_VOID, 0)
    ZEND_ARG_TYPE_INFO(0, outTradeNo, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO(0, totalAmountFen, IS_LONG, 0)
ZEND_END_ARG_INFO()

/* An offset as a parameter name; false (with nothing thrown) for offsets that cannot name
 * one, such as arrays. Ints are names too: PHP turns "1" into 1. */
static zend_string *offset_name(zval *offset) {
    ZVAL_DEREF(offset);
    if (Z_TYPE_P(offset) == IS_STRING) return zend_string_copy(Z_STR_P(offset));
    if (Z_TYPE_P(offset) == IS_LONG) return zend_long_to_str(Z_LVAL_P(offset));
    return NULL;
}

PHP_METHOD(AlipayNotify_Notification, offsetExists) {
    zval *offset;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(offset)
    ZEND_PARSE_PARAMETERS_END();
    THIS_HANDLE(n);
    zend_string *name = offset_name(offset);
    if (name == NULL) RETURN_FALSE;
    const char *value = NULL;
    size_t len = 0;
    bool ok = lookup(n, ZSTR_VAL(name), ZSTR_LEN(name), &value, &len);
    zend_string_release(name);
    if (!ok) RETURN_THROWS();
    RETURN_BOOL(value != NULL);
}

PHP_METHOD(AlipayNotify_Notification, offsetGet) {
    zval *offset;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(offset)
    ZEND_PARSE_PARAMETERS_END();
    THIS_HANDLE(n);
    zend_string *name = offset_name(offset);
    if (name == NULL) RETURN_NULL();
    const char *value = NULL;
    size_t len = 0;
    bool ok = lookup(n, ZSTR_VAL(name), ZSTR_LEN(name), &value, &len);
    zend_string_release(name);
    if (!ok) RETURN_THROWS();
    AN_RETURN_STRINGL_OR_NULL(value, len);
}

PHP_METHOD(AlipayNotify_Notification, offsetSet) {
    zval *offset, *value;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_ZVAL(offset)
        Z_PARAM_ZVAL(value)
    ZEND_PARSE_PARAMETERS_END();
    zend_throw_exception(spl_ce_LogicException, "AlipayNotify\\Notification is read-only: it holds what Alipay signed", 0);
}

PHP_METHOD(AlipayNotify_Notification, offsetUnset) {
    zval *offset;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(offset)
    ZEND_PARSE_PARAMETERS_END();
    zend_throw_exception(spl_ce_LogicException, "AlipayNotify\\Notification is read-only: it holds what Alipay signed", 0);
}

PHP_METHOD(AlipayNotify_Notification, get) {
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    THIS_HANDLE(n);
    const char *value = NULL;
    size_t len = 0;
    if (!lookup(n, ZSTR_VAL(name), ZSTR_LEN(name), &value, &len)) RETURN_THROWS();
    AN_RETURN_STRINGL_OR_NULL(value, len);
}

PHP_METHOD(AlipayNotify_Notification, toArray) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(n);
    if (!to_array(n, return_value)) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Notification, count) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(n);
    size_t count = 0;
    AN_TRY(alipay_notify_notification_param_count(n, &count, &err));
    RETURN_LONG((zend_long)count);
}

PHP_METHOD(AlipayNotify_Notification, getIterator) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(n);
    zval params;
    if (!to_array(n, &params)) RETURN_THROWS();
    object_init_ex(return_value, spl_ce_ArrayIterator);
    zend_call_known_instance_method_with_1_params(spl_ce_ArrayIterator->constructor, Z_OBJ_P(return_value), NULL,
                                                  &params);
    zval_ptr_dtor(&params);
}

/* The fixed strings describing how the message verified. */
#define STATIC_GETTER(method, function)                                                        \
    PHP_METHOD(AlipayNotify_Notification, method) {                                            \
        ZEND_PARSE_PARAMETERS_NONE();                                                          \
        THIS_HANDLE(n);                                                                        \
        const char *value = NULL;                                                              \
        AN_TRY(function(n, &value, NULL, &err));                                               \
        if (value == NULL) RETURN_NULL();                                                      \
        RETURN_STRING(value);                                                                  \
    }

STATIC_GETTER(kind, alipay_notify_notification_kind)
STATIC_GETTER(rule, alipay_notify_notification_rule)
STATIC_GETTER(signType, alipay_notify_notification_sign_type)
STATIC_GETTER(charset, alipay_notify_notification_charset)
STATIC_GETTER(emptyValues, alipay_notify_notification_empty_values)
STATIC_GETTER(keyFingerprint, alipay_notify_notification_key_fingerprint)

PHP_METHOD(AlipayNotify_Notification, keyIndex) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(n);
    int64_t index = -1;
    AN_TRY(alipay_notify_notification_key_index(n, &index, &err));
    /* The library says -1 for MD5 messages, which no key verified. */
    if (index < 0) RETURN_NULL();
    RETURN_LONG((zend_long)index);
}

PHP_METHOD(AlipayNotify_Notification, tradeStatus) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(n);
    const char *value = NULL;
    size_t len = 0;
    AN_TRY(alipay_notify_notification_trade_status(n, &value, &len, &err));
    AN_RETURN_STRINGL_OR_NULL(value, len);
}

PHP_METHOD(AlipayNotify_Notification, isPaid) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(n);
    bool paid = false;
    AN_TRY(alipay_notify_notification_is_paid(n, &paid, &err));
    RETURN_BOOL(paid);
}

PHP_METHOD(AlipayNotify_Notification, totalAmountFen) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(n);
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
    THIS_HANDLE(n);
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
    THIS_HANDLE(n);
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
    THIS_HANDLE(n);
    AN_TRY(alipay_notify_notification_check_order_fen(n, ZSTR_VAL(out_trade_no), ZSTR_LEN(out_trade_no),
                                                      (int64_t)fen, &err));
}

/* Shortcuts for the parameters every handler reads. */
#define PARAM_GETTER(method, param)                                                            \
    PHP_METHOD(AlipayNotify_Notification, method) {                                            \
        ZEND_PARSE_PARAMETERS_NONE();                                                          \
        THIS_HANDLE(n);                                                                        \
        const char *value = NULL;                                                              \
        size_t len = 0;                                                                        \
        if (!lookup(n, ZEND_STRL(param), &value, &len)) RETURN_THROWS();                       \
        AN_RETURN_STRINGL_OR_NULL(value, len);                                                 \
    }

PARAM_GETTER(outTradeNo, "out_trade_no")
PARAM_GETTER(tradeNo, "trade_no")
PARAM_GETTER(appId, "app_id")
PARAM_GETTER(sellerId, "seller_id")
PARAM_GETTER(notifyId, "notify_id")

PHP_METHOD(AlipayNotify_Notification, __debugInfo) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(n);
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

#define ME(name, arginfo) PHP_ME(AlipayNotify_Notification, name, arginfo, ZEND_ACC_PUBLIC)

static const zend_function_entry methods[] = {
    ME(offsetExists, arginfo_offset_exists)
    ME(offsetGet, arginfo_offset_get)
    ME(offsetSet, arginfo_offset_set)
    ME(offsetUnset, arginfo_offset_unset)
    ME(get, arginfo_get)
    ME(toArray, arginfo_array)
    PHP_MALIAS(AlipayNotify_Notification, jsonSerialize, toArray, arginfo_array, ZEND_ACC_PUBLIC)
    ME(count, arginfo_count)
    ME(getIterator, arginfo_get_iterator)
    ME(kind, arginfo_string)
    ME(rule, arginfo_string)
    ME(signType, arginfo_string)
    ME(charset, arginfo_string)
    ME(emptyValues, arginfo_string)
    ME(keyIndex, arginfo_nullable_int)
    ME(keyFingerprint, arginfo_nullable_string)
    ME(tradeStatus, arginfo_nullable_string)
    ME(isPaid, arginfo_bool)
    ME(totalAmountFen, arginfo_nullable_int)
    ME(amountFen, arginfo_amount_fen)
    ME(checkOrder, arginfo_check_order)
    ME(checkOrderFen, arginfo_check_order_fen)
    ME(outTradeNo, arginfo_nullable_string)
    ME(tradeNo, arginfo_nullable_string)
    ME(appId, arginfo_nullable_string)
    ME(sellerId, arginfo_nullable_string)
    ME(notifyId, arginfo_nullable_string)
    ME(__debugInfo, arginfo_array)
    PHP_FE_END
};

void an_register_notification(void) {
    zend_class_entry ce;
    INIT_CLASS_ENTRY(ce, "AlipayNotify\\Notification", methods);
    an_ce_notification = zend_register_internal_class(&ce);
    an_ce_notification->ce_flags |= ZEND_ACC_FINAL | ZEND_ACC_NO_DYNAMIC_PROPERTIES | ZEND_ACC_NOT_SERIALIZABLE;
    an_ce_notification->create_object = create_object;
    zend_class_implements(an_ce_notification, 4, zend_ce_arrayaccess, zend_ce_countable, zend_ce_aggregate,
                          php_json_serializable_ce);
    memcpy(&handlers, zend_get_std_object_handlers(), sizeof handlers);
    handlers.offset = XtOffsetOf(an_notification, std);
    handlers.free_obj = free_object;
    handlers.clone_obj = NULL;
    handlers.get_constructor = get_constructor;
}
