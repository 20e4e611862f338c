/*
 * AlipayNotify\Verifier: keys and policy, parsed once (build it at startup or per request;
 * it is immutable). The verify methods take the raw bytes and return a Notification or
 * Response, or throw an AlipayNotify\Exception.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "ext/json/php_json.h"
#include "v3.h"

AN_HANDLE_CLASS(verifier, alipay_notify_verifier, NULL)

const alipay_notify_verifier *an_verifier_handle(zval *object) { return an_this(object); }

PHP_METHOD(AlipayNotify_Verifier, __construct) {
    HashTable *array;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(array)
    ZEND_PARSE_PARAMETERS_END();
    AN_CONSTRUCTING(self);
    alipay_notify_verifier_options *options = an_verifier_options_from_array(array);
    if (options == NULL) RETURN_THROWS();
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_build(options, &self->handle, &err);
    alipay_notify_verifier_options_free(options);
    if (status != 0) {
        an_throw(status, err);
        RETURN_THROWS();
    }
}

typedef int32_t (*verify_function)(const alipay_notify_verifier *, const char *, size_t,
                                   alipay_notify_notification **, alipay_notify_error **);

/* Verifies `input` with `function` into a new Notification in `out`; false with the exception
 * thrown when it does not verify. */
static bool verify_into(zval *out, const alipay_notify_verifier *verifier, verify_function function,
                        const zend_string *input) {
    alipay_notify_notification *notification = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = function(verifier, ZSTR_VAL(input), ZSTR_LEN(input), &notification, &err);
    if (status != 0) {
        an_throw(status, err);
        return false;
    }
    an_notification_wrap(out, notification);
    return true;
}

PHP_METHOD(AlipayNotify_Verifier, verifyNotify) {
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    if (!verify_into(return_value, self, alipay_notify_verifier_verify_notify, body)) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Verifier, verifyReturn) {
    zend_string *query;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(query)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    if (!verify_into(return_value, self, alipay_notify_verifier_verify_return, query)) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Verifier, verifyParams) {
    HashTable *array;
    zend_string *kind = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ARRAY_HT(array)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR(kind)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    alipay_notify_params *params = an_params_from_array(array);
    if (params == NULL) RETURN_THROWS();
    const char *kind_text = kind != NULL ? ZSTR_VAL(kind) : "notify";
    size_t kind_len = kind != NULL ? ZSTR_LEN(kind) : strlen("notify");
    alipay_notify_notification *notification = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_verify_params(self, params, kind_text, kind_len, &notification,
                                                          &err);
    alipay_notify_params_free(params);
    if (status != 0) {
        an_throw(status, err);
        RETURN_THROWS();
    }
    an_notification_wrap(return_value, notification);
}

PHP_METHOD(AlipayNotify_Verifier, isValidNotify) {
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    bool valid = false;
    AN_TRY(alipay_notify_verifier_is_valid_notify(self, ZSTR_VAL(body), ZSTR_LEN(body), &valid, &err));
    RETURN_BOOL(valid);
}

PHP_METHOD(AlipayNotify_Verifier, verifyResponse) {
    zend_string *json;
    zend_string *method = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(json)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(method)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    alipay_notify_response *response = NULL;
    AN_TRY(alipay_notify_verifier_verify_response(self, ZSTR_VAL(json), ZSTR_LEN(json),
                                                  method != NULL ? ZSTR_VAL(method) : NULL,
                                                  method != NULL ? ZSTR_LEN(method) : 0, &response, &err));
    an_response_wrap(return_value, response);
}

PHP_METHOD(AlipayNotify_Verifier, verifyOpenData) {
    zend_string *envelope;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(envelope)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    alipay_notify_open_data *open_data = NULL;
    AN_TRY(alipay_notify_verifier_verify_open_data(self, ZSTR_VAL(envelope), ZSTR_LEN(envelope), &open_data, &err));
    an_open_data_wrap(return_value, open_data);
}

/* The diagnosis options of a PHP array (NULL for none) in `options`; false with an exception
 * thrown. */
static bool diagnose_options_of(HashTable *array, alipay_notify_diagnose_options **options) {
    *options = NULL;
    if (array == NULL || zend_hash_num_elements(array) == 0) return true;
    *options = an_diagnose_options_from_array(array);
    return *options != NULL;
}

/* A diagnose export's result as a PHP array in `out`: the JSON decoded, or the error thrown.
 * False with an exception thrown. */
static bool diagnosis_result(zval *out, int32_t status, char *json, alipay_notify_error *err) {
    if (status != 0) {
        an_throw(status, err);
        return false;
    }
    int decoded = php_json_decode_ex(out, json, strlen(json), PHP_JSON_OBJECT_AS_ARRAY, PHP_JSON_PARSER_DEFAULT_DEPTH);
    alipay_notify_string_free(json);
    if (decoded == FAILURE) an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "the diagnosis is not JSON PHP can decode");
    return decoded != FAILURE;
}

PHP_METHOD(AlipayNotify_Verifier, diagnose) {
    zend_string *input;
    HashTable *array = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(input)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(array)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    alipay_notify_diagnose_options *options;
    if (!diagnose_options_of(array, &options)) RETURN_THROWS();
    char *json = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_diagnose(self, ZSTR_VAL(input), ZSTR_LEN(input), options, &json, &err);
    alipay_notify_diagnose_options_free(options);
    if (!diagnosis_result(return_value, status, json, err)) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Verifier, diagnoseResponse) {
    zend_string *json;
    zend_string *method = NULL;
    HashTable *array = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 3)
        Z_PARAM_STR(json)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(method)
        Z_PARAM_ARRAY_HT(array)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    alipay_notify_diagnose_options *options;
    if (!diagnose_options_of(array, &options)) RETURN_THROWS();
    char *out = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_diagnose_response(
        self, ZSTR_VAL(json), ZSTR_LEN(json), method != NULL ? ZSTR_VAL(method) : NULL,
        method != NULL ? ZSTR_LEN(method) : 0, options, &out, &err);
    alipay_notify_diagnose_options_free(options);
    if (!diagnosis_result(return_value, status, out, err)) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Verifier, diagnoseV3) {
    HashTable *headers;
    zend_string *body;
    HashTable *array = NULL;
    ZEND_PARSE_PARAMETERS_START(2, 3)
        Z_PARAM_ARRAY_HT(headers)
        Z_PARAM_STR(body)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(array)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    alipay_notify_params *params = an_v3_headers(headers);
    if (params == NULL) RETURN_THROWS();
    alipay_notify_diagnose_options *options;
    if (!diagnose_options_of(array, &options)) {
        alipay_notify_params_free(params);
        RETURN_THROWS();
    }
    char *out = NULL;
    alipay_notify_error *err = NULL;
    int32_t status =
        alipay_notify_verifier_diagnose_v3(self, params, ZSTR_VAL(body), ZSTR_LEN(body), options, &out, &err);
    alipay_notify_diagnose_options_free(options);
    alipay_notify_params_free(params);
    if (!diagnosis_result(return_value, status, out, err)) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Verifier, verifyV3) {
    HashTable *headers;
    zend_string *body;
    zend_long now = 0;
    bool now_is_null = true;
    ZEND_PARSE_PARAMETERS_START(2, 3)
        Z_PARAM_ARRAY_HT(headers)
        Z_PARAM_STR(body)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG_OR_NULL(now, now_is_null)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    if (!an_verify_v3(return_value, self, headers, body, now_is_null ? NULL : &now)) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Verifier, verifyNotifyRequest) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(self);
    zend_string *body = an_request_body();
    if (body == NULL) RETURN_THROWS();
    bool verified = verify_into(return_value, self, alipay_notify_verifier_verify_notify, body);
    zend_string_release(body);
    if (!verified) RETURN_THROWS();
}

PHP_METHOD(AlipayNotify_Verifier, verifyReturnRequest) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(self);
    zend_string *query = an_request_query();
    bool verified = verify_into(return_value, self, alipay_notify_verifier_verify_return, query);
    zend_string_release(query);
    if (!verified) RETURN_THROWS();
}
