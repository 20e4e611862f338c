/*
 * AlipayNotify\Signer: signs parameter sets as Alipay does (RSA2, RSA or legacy MD5), to
 * simulate notifications in tests and to sign requests. Immutable.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"

AN_HANDLE_CLASS(signer, alipay_notify_signer, NULL)

PHP_METHOD(AlipayNotify_Signer, __construct) {
    zend_string *key;
    zend_string *sign_type = NULL;
    zend_string *rule = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 3)
        Z_PARAM_STR(key)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(sign_type)
        Z_PARAM_STR_OR_NULL(rule)
    ZEND_PARSE_PARAMETERS_END();
    AN_CONSTRUCTING(self);
    /* NULL for a sign type or rule not given: the library's defaults. */
    AN_TRY(alipay_notify_signer_new_rsa(ZSTR_VAL(key), ZSTR_LEN(key), sign_type ? ZSTR_VAL(sign_type) : NULL,
                                        sign_type ? ZSTR_LEN(sign_type) : 0, rule ? ZSTR_VAL(rule) : NULL,
                                        rule ? ZSTR_LEN(rule) : 0, &self->handle, &err));
}

PHP_METHOD(AlipayNotify_Signer, md5) {
    zend_string *key;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(key)
    ZEND_PARSE_PARAMETERS_END();
    alipay_notify_signer *signer = NULL;
    AN_TRY(alipay_notify_signer_new_md5(ZSTR_VAL(key), ZSTR_LEN(key), &signer, &err));
    an_signer_wrap(return_value, signer);
}

typedef int32_t (*sign_function)(const alipay_notify_signer *, const alipay_notify_params *, char **,
                                 alipay_notify_error **);

static void sign_with(INTERNAL_FUNCTION_PARAMETERS, sign_function function) {
    HashTable *array;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(array)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(signer);
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

PHP_METHOD(AlipayNotify_Signer, sign) {
    sign_with(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_signer_sign);
}

PHP_METHOD(AlipayNotify_Signer, signedForm) {
    sign_with(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_signer_signed_form);
}
