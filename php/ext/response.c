/*
 * AlipayNotify\Response: a verified OpenAPI response (同步响应). It holds the signed
 * `<method>_response` object: $r['code'], get(), toArray() (decoded from the exact signed
 * text), content() (that text), and how it verified. Created only by
 * Verifier::verifyResponse(); read-only.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/json/php_json.h"
#include "ext/spl/spl_exceptions.h"

zend_class_entry *an_ce_response;
static zend_object_handlers handlers;

typedef struct {
    alipay_notify_response *handle;
    zend_object std;
} an_response;

static zend_object *create_object(zend_class_entry *ce) {
    an_response *self = zend_object_alloc(sizeof(an_response), ce);
    zend_object_std_init(&self->std, ce);
    object_properties_init(&self->std, ce);
    self->std.handlers = &handlers;
    self->handle = NULL;
    return &self->std;
}

static void free_object(zend_object *object) {
    an_response *self = AN_OBJ(an_response, object);
    alipay_notify_response_free(self->handle);
    self->handle = NULL;
    zend_object_std_dtor(object);
}

static zend_function *get_constructor(zend_object *object) {
    (void)object;
    zend_throw_error(NULL, "AlipayNotify\\Response cannot be constructed: Verifier::verifyResponse() creates it");
    return NULL;
}

void an_response_wrap(zval *out, alipay_notify_response *response) {
    object_init_ex(out, an_ce_response);
    AN_OBJ(an_response, Z_OBJ_P(out))->handle = response;
}

#define THIS_HANDLE(var)                                                                       \
    const alipay_notify_response *var = AN_OBJ(an_response, Z_OBJ_P(ZEND_THIS))->handle;        \
    if (var == NULL) {                                                                         \
        an_throw_uninitialized(an_ce_response);                                                \
        RETURN_THROWS();                                                                       \
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

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_to_array, 0, 0, MAY_BE_ARRAY | MAY_BE_STRING)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_string, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_nullable_string, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_int, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_bool, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_array, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

/* A member of the signed object; `*value` NULL when it has none of that name. */
static bool member(const alipay_notify_response *r, const char *name, size_t name_len, const char **value,
                   size_t *len) {
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_response_get(r, name, name_len, value, len, &err);
    if (status != 0) an_throw(status, err);
    return status == 0;
}

/* An offset: only strings name members (JSON object keys). */
static bool offset_member(const alipay_notify_response *r, zval *offset, const char **value, size_t *len) {
    ZVAL_DEREF(offset);
    *value = NULL;
    *len = 0;
    if (Z_TYPE_P(offset) != IS_STRING) return true;
    return member(r, Z_STRVAL_P(offset), Z_STRLEN_P(offset), value, len);
}

PHP_METHOD(AlipayNotify_Response, offsetExists) {
    zval *offset;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(offset)
    ZEND_PARSE_PARAMETERS_END();
    THIS_HANDLE(r);
    const char *value = NULL;
    size_t len = 0;
    if (!offset_member(r, offset, &value, &len)) RETURN_THROWS();
    RETURN_BOOL(value != NULL);
}

PHP_METHOD(AlipayNotify_Response, offsetGet) {
    zval *offset;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(offset)
    ZEND_PARSE_PARAMETERS_END();
    THIS_HANDLE(r);
    const char *value = NULL;
    size_t len = 0;
    if (!offset_member(r, offset, &value, &len)) RETURN_THROWS();
    AN_RETURN_STRINGL_OR_NULL(value, len);
}

PHP_METHOD(AlipayNotify_Response, offsetSet) {
    zval *offset, *value;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_ZVAL(offset)
        Z_PARAM_ZVAL(value)
    ZEND_PARSE_PARAMETERS_END();
    zend_throw_exception(spl_ce_LogicException, "AlipayNotify\\Response is read-only: it holds what Alipay signed", 0);
}

PHP_METHOD(AlipayNotify_Response, offsetUnset) {
    zval *offset;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(offset)
    ZEND_PARSE_PARAMETERS_END();
    zend_throw_exception(spl_ce_LogicException, "AlipayNotify\\Response is read-only: it holds what Alipay signed", 0);
}

PHP_METHOD(AlipayNotify_Response, get) {
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    THIS_HANDLE(r);
    const char *value = NULL;
    size_t len = 0;
    if (!member(r, ZSTR_VAL(name), ZSTR_LEN(name), &value, &len)) RETURN_THROWS();
    AN_RETURN_STRINGL_OR_NULL(value, len);
}

/* The signed object decoded by PHP's JSON parser from the exact text Alipay signed (big
 * numbers stay exact as strings only if you read them with get()). */
PHP_METHOD(AlipayNotify_Response, toArray) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(r);
    const char *content = NULL;
    size_t len = 0;
    AN_TRY(alipay_notify_response_content(r, &content, &len, &err));
    if (php_json_decode_ex(return_value, content, len, PHP_JSON_OBJECT_AS_ARRAY, PHP_JSON_PARSER_DEFAULT_DEPTH) ==
        FAILURE) {
        /* The library parsed this very text; reaching here is a bug. */
        an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "the verified response content is not JSON PHP can decode");
        RETURN_THROWS();
    }
}

/* Strings with a length. */
#define TEXT_GETTER(method, function)                                                          \
    PHP_METHOD(AlipayNotify_Response, method) {                                                \
        ZEND_PARSE_PARAMETERS_NONE();                                                          \
        THIS_HANDLE(r);                                                                        \
        const char *value = NULL;                                                              \
        size_t len = 0;                                                                        \
        AN_TRY(function(r, &value, &len, &err));                                               \
        AN_RETURN_STRINGL_OR_NULL(value, len);                                                 \
    }

TEXT_GETTER(method, alipay_notify_response_method)
TEXT_GETTER(node, alipay_notify_response_node)
TEXT_GETTER(content, alipay_notify_response_content)
TEXT_GETTER(certSn, alipay_notify_response_cert_sn)

/* NUL-terminated strings. */
#define CSTR_GETTER(method, function)                                                          \
    PHP_METHOD(AlipayNotify_Response, method) {                                                \
        ZEND_PARSE_PARAMETERS_NONE();                                                          \
        THIS_HANDLE(r);                                                                        \
        const char *value = NULL;                                                              \
        AN_TRY(function(r, &value, NULL, &err));                                               \
        RETURN_STRING(value != NULL ? value : "");                                             \
    }

CSTR_GETTER(signType, alipay_notify_response_sign_type)
CSTR_GETTER(keyFingerprint, alipay_notify_response_key_fingerprint)

PHP_METHOD(AlipayNotify_Response, keyIndex) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(r);
    int64_t index = 0;
    AN_TRY(alipay_notify_response_key_index(r, &index, &err));
    RETURN_LONG((zend_long)index);
}

PHP_METHOD(AlipayNotify_Response, isSuccess) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(r);
    bool success = false;
    AN_TRY(alipay_notify_response_is_success(r, &success, &err));
    RETURN_BOOL(success);
}

PHP_METHOD(AlipayNotify_Response, isErrorResponse) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(r);
    bool error_response = false;
    AN_TRY(alipay_notify_response_is_error_response(r, &error_response, &err));
    RETURN_BOOL(error_response);
}

PHP_METHOD(AlipayNotify_Response, __debugInfo) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_HANDLE(r);
    const char *method = NULL, *content = NULL;
    size_t method_len = 0, content_len = 0;
    alipay_notify_response_method(r, &method, &method_len, NULL);
    alipay_notify_response_content(r, &content, &content_len, NULL);
    array_init(return_value);
    add_assoc_stringl(return_value, "method", method ? method : "", method_len);
    add_assoc_stringl(return_value, "content", content ? content : "", content_len);
}

#define ME(name, arginfo) PHP_ME(AlipayNotify_Response, name, arginfo, ZEND_ACC_PUBLIC)

static const zend_function_entry methods[] = {
    ME(offsetExists, arginfo_offset_exists)
    ME(offsetGet, arginfo_offset_get)
    ME(offsetSet, arginfo_offset_set)
    ME(offsetUnset, arginfo_offset_unset)
    ME(get, arginfo_get)
    ME(toArray, arginfo_to_array)
    ME(method, arginfo_string)
    ME(node, arginfo_string)
    ME(content, arginfo_string)
    ME(certSn, arginfo_nullable_string)
    ME(signType, arginfo_string)
    ME(keyFingerprint, arginfo_string)
    ME(keyIndex, arginfo_int)
    ME(isSuccess, arginfo_bool)
    ME(isErrorResponse, arginfo_bool)
    ME(__debugInfo, arginfo_array)
    PHP_FE_END
};

void an_register_response(void) {
    zend_class_entry ce;
    INIT_CLASS_ENTRY(ce, "AlipayNotify\\Response", methods);
    an_ce_response = zend_register_internal_class(&ce);
    an_ce_response->ce_flags |= ZEND_ACC_FINAL | ZEND_ACC_NO_DYNAMIC_PROPERTIES | ZEND_ACC_NOT_SERIALIZABLE;
    an_ce_response->create_object = create_object;
    zend_class_implements(an_ce_response, 1, zend_ce_arrayaccess);
    memcpy(&handlers, zend_get_std_object_handlers(), sizeof handlers);
    handlers.offset = XtOffsetOf(an_response, std);
    handlers.free_obj = free_object;
    handlers.clone_obj = NULL;
    handlers.get_constructor = get_constructor;
}
