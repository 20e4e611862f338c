/*
 * AlipayNotify\Signer: signs parameter sets as Alipay does (RSA2, RSA or legacy MD5), to
 * simulate notifications in tests and to sign requests. Immutable.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"

zend_class_entry *an_ce_signer;
static zend_object_handlers handlers;

typedef struct {
    alipay_notify_signer *handle;
    zend_object std;
} an_signer;

static zend_object *create_object(zend_class_entry *ce) {
    an_signer *self = zend_object_alloc(sizeof(an_signer), ce);
    zend_object_std_init(&self->std, ce);
    object_properties_init(&self->std, ce);
    self->std.handlers = &handlers;
    self->handle = NULL;
    return &self->std;
}

static void free_object(zend_object *object) {
    an_signer *self = AN_OBJ(an_signer, object);
    alipay_notify_signer_free(self->handle);
    self->handle = NULL;
    zend_object_std_dtor(object);
}

#define THIS_HANDLE(var)                                                                       \
    const alipay_notify_signer *var = AN_OBJ(an_signer, Z_OBJ_P(ZEND_THIS))->handle;           \
    if (var == NULL) {                                                                         \
        an_throw_uninitialized(an_ce_signer);                                                  \
        RETURN_THROWS();                                                                       \
    }

ZEND_BEGIN_ARG_INFO_EX(arginfo_construct, 0, 0, 1)
    ZEND_ARG_TYPE_INFO(0, privateKey, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, signType, IS_STRING, 0, "\"RSA2\"")
    ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, rule, IS_STRING, 0, "\"v1\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_md5, 0, 1, AlipayNotify\\Signer, 0)
    ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_sign, 0, 1, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

/* public function __construct(string $privateKey, string $signType = "RSA2", string $rule = "v1")
 * An RSA signer from a PKCS#8 or PKCS#1 private key (PEM or bare base64); $rule "v1"
 * (notifications: sign_type not signed) or "v2" (app-gateway messages). */
PHP_METHOD(AlipayNotify_Signer, __construct) {
    zend_string *key;
    zend_string *sign_type = NULL;
    zend_string *rule = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 3)
        Z_PARAM_STR(key)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR(sign_type)
        Z_PARAM_STR(rule)
    ZEND_PARSE_PARAMETERS_END();
    an_signer *self = AN_OBJ(an_signer, Z_OBJ_P(ZEND_THIS));
    if (self->handle != NULL) {
        zend_throw_error(NULL, "AlipayNotify\\Signer is immutable: create a new one");
        RETURN_THROWS();
    }
    alipay_notify_signer *signer = NULL;
    AN_TRY(alipay_notify_signer_new_rsa(ZSTR_VAL(key), ZSTR_LEN(key), sign_type ? ZSTR_VAL(sign_type) : "RSA2",
                                        sign_type ? ZSTR_LEN(sign_type) : 4, rule ? ZSTR_VAL(rule) : "v1",
                                        rule ? ZSTR_LEN(rule) : 2, &signer, &err));
    self->handle = signer;
}

/* public static function md5(string $key): Signer
 * A legacy mapi MD5 signer with the partner's key (安全校验码). */
PHP_METHOD(AlipayNotify_Signer, md5) {
    zend_string *key;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(key)
    ZEND_PARSE_PARAMETERS_END();
    alipay_notify_signer *signer = NULL;
    AN_TRY(alipay_notify_signer_new_md5(ZSTR_VAL(key), ZSTR_LEN(key), &signer, &err));
    object_init_ex(return_value, an_ce_signer);
    AN_OBJ(an_signer, Z_OBJ_P(return_value))->handle = signer;
}

typedef int32_t (*sign_function)(const alipay_notify_signer *, const alipay_notify_params *, char **,
                                 alipay_notify_error **);

static void sign_with(INTERNAL_FUNCTION_PARAMETERS, sign_function function) {
    HashTable *array;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(array)
    ZEND_PARSE_PARAMETERS_END();
    THIS_HANDLE(signer);
    alipay_notify_params *params = an_params_from_array(array);
    if (params == NULL) RETURN_THROWS();
    char *out = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = function(signer, params, &out, &err);
    alipay_notify_params_free(params);
    if (status != 0) {
        an_throw(status, err);
        RETURN_THROWS();
    }
    RETVAL_STRING(out);
    alipay_notify_string_free(out);
}

/* public function sign(array $params): string
 * The `sign` value: name => value or [name, value] pairs, encoded to the charset their
 * `charset` parameter names; `sign` is ignored and `sign_type` added when missing. */
PHP_METHOD(AlipayNotify_Signer, sign) {
    sign_with(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_signer_sign);
}

/* public function signedForm(array $params): string
 * A complete signed form body (or query string without "?"). */
PHP_METHOD(AlipayNotify_Signer, signedForm) {
    sign_with(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_signer_signed_form);
}

static const zend_function_entry methods[] = {
    PHP_ME(AlipayNotify_Signer, __construct, arginfo_construct, ZEND_ACC_PUBLIC)
    PHP_ME(AlipayNotify_Signer, md5, arginfo_md5, ZEND_ACC_PUBLIC | ZEND_ACC_STATIC)
    PHP_ME(AlipayNotify_Signer, sign, arginfo_sign, ZEND_ACC_PUBLIC)
    PHP_ME(AlipayNotify_Signer, signedForm, arginfo_sign, ZEND_ACC_PUBLIC)
    PHP_FE_END
};

void an_register_signer(void) {
    zend_class_entry ce;
    INIT_CLASS_ENTRY(ce, "AlipayNotify\\Signer", methods);
    an_ce_signer = zend_register_internal_class(&ce);
    an_ce_signer->ce_flags |= ZEND_ACC_FINAL | ZEND_ACC_NO_DYNAMIC_PROPERTIES | ZEND_ACC_NOT_SERIALIZABLE;
    an_ce_signer->create_object = create_object;
    memcpy(&handlers, zend_get_std_object_handlers(), sizeof handlers);
    handlers.offset = XtOffsetOf(an_signer, std);
    handlers.free_obj = free_object;
    handlers.clone_obj = NULL;
}
