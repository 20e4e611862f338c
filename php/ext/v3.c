/*
 * AlipayNotify\V3Response: a verified OpenAPI v3 response (its body exactly as signed, and how
 * it verified), and the header array conversion of Verifier::verifyV3(). Created only by
 * Verifier::verifyV3(); read-only.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "v3.h"
#include "ext/json/php_json.h"

AN_HANDLE_CLASS(v3_response, alipay_notify_v3_response, "Verifier::verifyV3() creates it")

/* One header value as a pair of the list; false with an exception thrown for a value that is
 * no string. */
static bool add_header(alipay_notify_params *params, const char *name, size_t name_len, zval *value) {
    ZVAL_DEREF(value);
    if (Z_TYPE_P(value) != IS_STRING) {
        an_throw_message(ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT,
                         "a header value must be a string or a list of strings, not %s", zend_zval_type_name(value));
        return false;
    }
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_params_add(params, name, name_len, Z_STRVAL_P(value), Z_STRLEN_P(value), &err);
    if (status != 0) an_throw(status, err);
    return status == 0;
}

/* name => value, or name => list of values (PSR-7 and Symfony give every header as a list):
 * each value its own pair, so a header sent twice reaches the library twice, which refuses
 * it when verification reads it. */
static bool fill_headers(alipay_notify_params *params, HashTable *headers) {
    zend_ulong index;
    zend_string *key;
    zval *value;
    ZEND_HASH_FOREACH_KEY_VAL(headers, index, key, value) {
        if (key == NULL) {
            an_throw_message(ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT,
                             "headers must be an array of header names to values, not a list (key " ZEND_ULONG_FMT ")",
                             index);
            return false;
        }
        ZVAL_DEREF(value);
        if (Z_TYPE_P(value) != IS_ARRAY) {
            if (!add_header(params, ZSTR_VAL(key), ZSTR_LEN(key), value)) return false;
            continue;
        }
        zval *item;
        ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
            if (!add_header(params, ZSTR_VAL(key), ZSTR_LEN(key), item)) return false;
        } ZEND_HASH_FOREACH_END();
    } ZEND_HASH_FOREACH_END();
    return true;
}

alipay_notify_params *an_v3_headers(HashTable *headers) {
    alipay_notify_params *params = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_params_new(&params, &err);
    if (status != 0) {
        an_throw(status, err);
        return NULL;
    }
    if (!fill_headers(params, headers)) {
        alipay_notify_params_free(params);
        return NULL;
    }
    return params;
}

bool an_verify_v3(zval *out, const alipay_notify_verifier *verifier, HashTable *headers, const zend_string *body,
                  const zend_long *now_millis) {
    alipay_notify_params *params = an_v3_headers(headers);
    if (params == NULL) return false;
    alipay_notify_error *err = NULL;
    alipay_notify_v3_response *response = NULL;
    int32_t status = now_millis != NULL
                 ? alipay_notify_verifier_verify_v3_at(verifier, params, ZSTR_VAL(body), ZSTR_LEN(body),
                                                       (int64_t)*now_millis, &response, &err)
                 : alipay_notify_verifier_verify_v3(verifier, params, ZSTR_VAL(body), ZSTR_LEN(body), &response, &err);
    alipay_notify_params_free(params);
    if (status != 0) {
        an_throw(status, err);
        return false;
    }
    an_v3_response_wrap(out, response);
    return true;
}

AN_STRING_GETTER(AlipayNotify_V3Response, body, alipay_notify_v3_response_body)
AN_STRING_GETTER(AlipayNotify_V3Response, timestamp, alipay_notify_v3_response_timestamp)
AN_STRING_GETTER(AlipayNotify_V3Response, nonce, alipay_notify_v3_response_nonce)
AN_STRING_GETTER(AlipayNotify_V3Response, certSn, alipay_notify_v3_response_cert_sn)
AN_STRING_GETTER(AlipayNotify_V3Response, keyFingerprint, alipay_notify_v3_response_key_fingerprint)

PHP_METHOD(AlipayNotify_V3Response, keyIndex) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(r);
    int64_t index = 0;
    AN_TRY(alipay_notify_v3_response_key_index(r, &index, &err));
    RETURN_LONG((zend_long)index);
}

PHP_METHOD(AlipayNotify_V3Response, toArray) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(r);
    const char *body = NULL;
    size_t len = 0;
    AN_TRY(alipay_notify_v3_response_body(r, &body, &len, &err));
    if (php_json_decode_ex(return_value, body, len, PHP_JSON_OBJECT_AS_ARRAY, PHP_JSON_PARSER_DEFAULT_DEPTH) ==
            FAILURE ||
        Z_TYPE_P(return_value) != IS_ARRAY) {
        zval_ptr_dtor(return_value);
        ZVAL_NULL(return_value);
        an_throw_message(ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT, "the verified v3 body is not a JSON object");
        RETURN_THROWS();
    }
}
