/*
 * AlipayNotify\V3Signer: the Authorization header of OpenAPI v3 requests, for one app.
 * Immutable.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "v3.h"
#include <time.h>

AN_HANDLE_CLASS(v3_signer, alipay_notify_v3_signer, NULL)

/* A nullable string argument as the library's pointer + length (NULL, 0 for null). */
#define AN_OPTIONAL(s) ((s) != NULL ? ZSTR_VAL(s) : NULL), ((s) != NULL ? ZSTR_LEN(s) : 0)

PHP_METHOD(AlipayNotify_V3Signer, __construct) {
    zend_string *key, *app_id, *app_cert_sn = NULL;
    ZEND_PARSE_PARAMETERS_START(2, 3)
        Z_PARAM_STR(key)
        Z_PARAM_STR(app_id)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(app_cert_sn)
    ZEND_PARSE_PARAMETERS_END();
    AN_CONSTRUCTING(self);
    AN_TRY(alipay_notify_v3_signer_new(ZSTR_VAL(key), ZSTR_LEN(key), ZSTR_VAL(app_id), ZSTR_LEN(app_id),
                                       AN_OPTIONAL(app_cert_sn), &self->handle, &err));
}

PHP_METHOD(AlipayNotify_V3Signer, authorization) {
    zend_string *method, *uri, *body = NULL, *token = NULL, *nonce = NULL;
    zend_long timestamp = 0;
    bool timestamp_is_null = true;
    ZEND_PARSE_PARAMETERS_START(2, 6)
        Z_PARAM_STR(method)
        Z_PARAM_STR(uri)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR(body)
        Z_PARAM_STR_OR_NULL(token)
        Z_PARAM_STR_OR_NULL(nonce)
        Z_PARAM_LONG_OR_NULL(timestamp, timestamp_is_null)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    const char *body_text = body != NULL ? ZSTR_VAL(body) : "";
    size_t body_len = body != NULL ? ZSTR_LEN(body) : 0;
    char *header = NULL;
    if (timestamp_is_null && nonce == NULL) {
        AN_TRY(alipay_notify_v3_signer_authorization(self, ZSTR_VAL(method), ZSTR_LEN(method), ZSTR_VAL(uri),
                                                     ZSTR_LEN(uri), body_text, body_len, AN_OPTIONAL(token), &header,
                                                     &err));
    } else {
        /* The library's "now" when only the nonce is given. */
        int64_t millis = timestamp_is_null ? (int64_t)time(NULL) * 1000 : (int64_t)timestamp;
        AN_TRY(alipay_notify_v3_signer_authorization_at(self, ZSTR_VAL(method), ZSTR_LEN(method), ZSTR_VAL(uri),
                                                        ZSTR_LEN(uri), body_text, body_len, AN_OPTIONAL(token),
                                                        AN_OPTIONAL(nonce), millis, &header, &err));
    }
    RETVAL_STRING(header);
    alipay_notify_string_free(header);
}
