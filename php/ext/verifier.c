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

zend_class_entry *an_ce_verifier;
static zend_object_handlers handlers;

typedef struct {
    /* The options are kept for diagnose(), which rebuilds what it needs from them. */
    alipay_notify_verifier_options *options;
    alipay_notify_verifier *verifier;
    zend_object std;
} an_verifier;

static zend_object *create_object(zend_class_entry *ce) {
    an_verifier *self = zend_object_alloc(sizeof(an_verifier), ce);
    zend_object_std_init(&self->std, ce);
    object_properties_init(&self->std, ce);
    self->std.handlers = &handlers;
    self->options = NULL;
    self->verifier = NULL;
    return &self->std;
}

static void free_object(zend_object *object) {
    an_verifier *self = AN_OBJ(an_verifier, object);
    alipay_notify_verifier_free(self->verifier);
    alipay_notify_verifier_options_free(self->options);
    self->verifier = NULL;
    self->options = NULL;
    zend_object_std_dtor(object);
}

#define THIS_SELF(var)                                                                         \
    an_verifier *var = AN_OBJ(an_verifier, Z_OBJ_P(ZEND_THIS));                                \
    if (var->verifier == NULL) {                                                               \
        an_throw_uninitialized(an_ce_verifier);                                                \
        RETURN_THROWS();                                                                       \
    }

ZEND_BEGIN_ARG_INFO_EX(arginfo_construct, 0, 0, 1)
    ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_verify_notify, 0, 1, AlipayNotify\\Notification, 0)
    ZEND_ARG_TYPE_INFO(0, rawBody, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_verify_return, 0, 1, AlipayNotify\\Notification, 0)
    ZEND_ARG_TYPE_INFO(0, queryString, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_verify_params, 0, 1, AlipayNotify\\Notification, 0)
    ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
    ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, kind, IS_STRING, 0, "\"notify\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_is_valid_notify, 0, 1, _IS_BOOL, 0)
    ZEND_ARG_TYPE_INFO(0, rawBody, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_verify_response, 0, 1, AlipayNotify\\Response, 0)
    ZEND_ARG_TYPE_INFO(0, json, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, method, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_diagnose, 0, 1, IS_ARRAY, 0)
    ZEND_ARG_TYPE_INFO(0, input, IS_STRING, 0)
    ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_request, 0, 0, AlipayNotify\\Notification, 0)
ZEND_END_ARG_INFO()

/* public function __construct(array $options)
 * Options (null values are ignored): alipay_public_key (string or list: Alipay's public keys
 * or certificates, any shape), sign_types (string or list, default ["RSA2"]), rule ("auto",
 * "v1", "v2"), app_id, seller_id (string or list), md5_key (legacy mapi), default_charset,
 * max_size, min_key_bits, alipay_root_cert (certificate mode: check the key certificates
 * against this root bundle) and check_certificates_at (unix seconds, for tests). */
PHP_METHOD(AlipayNotify_Verifier, __construct) {
    HashTable *array;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(array)
    ZEND_PARSE_PARAMETERS_END();
    an_verifier *self = AN_OBJ(an_verifier, Z_OBJ_P(ZEND_THIS));
    if (self->verifier != NULL) {
        zend_throw_error(NULL, "AlipayNotify\\Verifier is immutable: create a new one");
        RETURN_THROWS();
    }
    alipay_notify_verifier_options *options = an_verifier_options_from_array(array);
    if (options == NULL) RETURN_THROWS();
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_build(options, &verifier, &err);
    if (status != 0) {
        alipay_notify_verifier_options_free(options);
        an_throw(status, err);
        RETURN_THROWS();
    }
    self->options = options;
    self->verifier = verifier;
}

/* The common tail of the verify methods: wrap the notification or throw. */
#define RETURN_NOTIFICATION(call)                                                              \
    do {                                                                                       \
        alipay_notify_notification *notification = NULL;                                       \
        alipay_notify_error *err = NULL;                                                       \
        int32_t status = (call);                                                               \
        if (status != 0) {                                                                     \
            an_throw(status, err);                                                             \
            RETURN_THROWS();                                                                   \
        }                                                                                      \
        an_notification_wrap(return_value, notification);                                      \
    } while (0)

/* public function verifyNotify(string $rawBody): Notification
 * The notify_url POST body exactly as received (file_get_contents('php://input')), never a
 * form rebuilt from $_POST. */
PHP_METHOD(AlipayNotify_Verifier, verifyNotify) {
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    THIS_SELF(self);
    RETURN_NOTIFICATION(alipay_notify_verifier_verify_notify(self->verifier, ZSTR_VAL(body), ZSTR_LEN(body),
                                                             &notification, &err));
}

/* public function verifyReturn(string $queryString): Notification
 * The return_url query string as received ($_SERVER['QUERY_STRING'], with or without "?"),
 * or the whole URL. */
PHP_METHOD(AlipayNotify_Verifier, verifyReturn) {
    zend_string *query;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(query)
    ZEND_PARSE_PARAMETERS_END();
    THIS_SELF(self);
    RETURN_NOTIFICATION(alipay_notify_verifier_verify_return(self->verifier, ZSTR_VAL(query), ZSTR_LEN(query),
                                                             &notification, &err));
}

/* public function verifyParams(array $params, string $kind = "notify"): Notification
 * Parameters a framework already decoded (UTF-8 only): name => value, or [name, value]
 * pairs. Prefer verifyNotify() with the raw body: decoding loses what the signature covers
 * for GBK messages. */
PHP_METHOD(AlipayNotify_Verifier, verifyParams) {
    HashTable *array;
    zend_string *kind = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ARRAY_HT(array)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR(kind)
    ZEND_PARSE_PARAMETERS_END();
    THIS_SELF(self);
    alipay_notify_params *params = an_params_from_array(array);
    if (params == NULL) RETURN_THROWS();
    const char *kind_text = kind != NULL ? ZSTR_VAL(kind) : "notify";
    size_t kind_len = kind != NULL ? ZSTR_LEN(kind) : strlen("notify");
    alipay_notify_notification *notification = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_verify_params(self->verifier, params, kind_text, kind_len, &notification,
                                                          &err);
    alipay_notify_params_free(params);
    if (status != 0) {
        an_throw(status, err);
        RETURN_THROWS();
    }
    an_notification_wrap(return_value, notification);
}

/* public function isValidNotify(string $rawBody): bool
 * false only for a bad signature (INVALID_SIGNATURE, AMBIGUOUS_SIGNED_CONTENT); every other
 * problem still throws. */
PHP_METHOD(AlipayNotify_Verifier, isValidNotify) {
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    THIS_SELF(self);
    bool valid = false;
    AN_TRY(alipay_notify_verifier_is_valid_notify(self->verifier, ZSTR_VAL(body), ZSTR_LEN(body), &valid, &err));
    RETURN_BOOL(valid);
}

/* public function verifyResponse(string $json, ?string $method = null): Response
 * A signed OpenAPI response body exactly as received; with $method ("alipay.trade.query") a
 * response for another method is BUSINESS_MISMATCH (METHOD_MISMATCH). The node's name is not
 * signed, so a renamed node is not detected: check that the content answers the request. */
PHP_METHOD(AlipayNotify_Verifier, verifyResponse) {
    zend_string *json;
    zend_string *method = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(json)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(method)
    ZEND_PARSE_PARAMETERS_END();
    THIS_SELF(self);
    alipay_notify_response *response = NULL;
    AN_TRY(alipay_notify_verifier_verify_response(self->verifier, ZSTR_VAL(json), ZSTR_LEN(json),
                                                  method != NULL ? ZSTR_VAL(method) : NULL,
                                                  method != NULL ? ZSTR_LEN(method) : 0, &response, &err));
    an_response_wrap(return_value, response);
}

/* public function diagnose(string $input, array $options = []): array
 * Why a raw notify body or return_url query does (not) verify with this verifier's options.
 * $options: app_public_key (string or list: your own app public keys), app_private_key,
 * kind ("notify" or "return"). The result: verified (bool), error (null or [name, message]),
 * findings (code, certain, explanation, explanation_zh, fix, fix_zh), ruled_out,
 * content_sha256, content_preview, search_capped (true when the search stopped at its work
 * limit, so a cause may be missing). Text from the message has its control characters
 * escaped. It never accepts a message. */
PHP_METHOD(AlipayNotify_Verifier, diagnose) {
    zend_string *input;
    HashTable *array = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(input)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(array)
    ZEND_PARSE_PARAMETERS_END();
    THIS_SELF(self);
    alipay_notify_diagnose_options *options = NULL;
    if (array != NULL && zend_hash_num_elements(array) > 0) {
        options = an_diagnose_options_from_array(array);
        if (options == NULL) RETURN_THROWS();
    }
    char *json = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_diagnose(self->options, ZSTR_VAL(input), ZSTR_LEN(input), options, &json, &err);
    alipay_notify_diagnose_options_free(options);
    if (status != 0) {
        an_throw(status, err);
        RETURN_THROWS();
    }
    int decoded = php_json_decode_ex(return_value, json, strlen(json), PHP_JSON_OBJECT_AS_ARRAY,
                                     PHP_JSON_PARSER_DEFAULT_DEPTH);
    alipay_notify_string_free(json);
    if (decoded == FAILURE) {
        an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "the diagnosis is not JSON PHP can decode");
        RETURN_THROWS();
    }
}

/* public function verifyNotifyRequest(): Notification
 * verifyNotify() on the current request's raw body (php://input). */
PHP_METHOD(AlipayNotify_Verifier, verifyNotifyRequest) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_SELF(self);
    zend_string *body = an_request_body();
    if (body == NULL) RETURN_THROWS();
    alipay_notify_notification *notification = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_verify_notify(self->verifier, ZSTR_VAL(body), ZSTR_LEN(body),
                                                          &notification, &err);
    zend_string_release(body);
    if (status != 0) {
        an_throw(status, err);
        RETURN_THROWS();
    }
    an_notification_wrap(return_value, notification);
}

/* public function verifyReturnRequest(): Notification
 * verifyReturn() on the current request's raw query string ($_SERVER['QUERY_STRING']). */
PHP_METHOD(AlipayNotify_Verifier, verifyReturnRequest) {
    ZEND_PARSE_PARAMETERS_NONE();
    THIS_SELF(self);
    zend_string *query = an_request_query();
    alipay_notify_notification *notification = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_verify_return(self->verifier, ZSTR_VAL(query), ZSTR_LEN(query),
                                                          &notification, &err);
    zend_string_release(query);
    if (status != 0) {
        an_throw(status, err);
        RETURN_THROWS();
    }
    an_notification_wrap(return_value, notification);
}

#define ME(name, arginfo) PHP_ME(AlipayNotify_Verifier, name, arginfo, ZEND_ACC_PUBLIC)

static const zend_function_entry methods[] = {
    ME(__construct, arginfo_construct)
    ME(verifyNotify, arginfo_verify_notify)
    ME(verifyReturn, arginfo_verify_return)
    ME(verifyParams, arginfo_verify_params)
    ME(isValidNotify, arginfo_is_valid_notify)
    ME(verifyResponse, arginfo_verify_response)
    ME(diagnose, arginfo_diagnose)
    ME(verifyNotifyRequest, arginfo_request)
    ME(verifyReturnRequest, arginfo_request)
    PHP_FE_END
};

void an_register_verifier(void) {
    zend_class_entry ce;
    INIT_CLASS_ENTRY(ce, "AlipayNotify\\Verifier", methods);
    an_ce_verifier = zend_register_internal_class(&ce);
    an_ce_verifier->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;
    an_ce_verifier->create_object = create_object;
    memcpy(&handlers, zend_get_std_object_handlers(), sizeof handlers);
    handlers.offset = XtOffsetOf(an_verifier, std);
    handlers.free_obj = free_object;
    handlers.clone_obj = NULL;
}
