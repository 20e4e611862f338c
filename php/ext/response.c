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
#include "ext/json/php_json.h"
#include "ext/spl/spl_exceptions.h"

AN_HANDLE_CLASS(response, alipay_notify_response, "Verifier::verifyResponse() creates it")

/* The member an offset names: only strings name members (JSON object keys). */
static bool find(const alipay_notify_response *r, zval *offset, const char **text, size_t *len) {
    ZVAL_DEREF(offset);
    if (Z_TYPE_P(offset) != IS_STRING) return true;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_response_get(r, Z_STRVAL_P(offset), Z_STRLEN_P(offset), text, len, &err);
    if (status != 0) an_throw(status, err);
    return status == 0;
}

AN_READ_ONLY_ARRAY_ACCESS(AlipayNotify_Response, find)

/* The signed object decoded by PHP's JSON parser from the exact text Alipay signed (big
 * numbers stay exact as strings only if you read them with get()). */
PHP_METHOD(AlipayNotify_Response, toArray) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(r);
    const char *content = NULL;
    size_t len = 0;
    /* An encrypted node decrypted with the aes_key option reads as its decryption, as get() does. */
    AN_TRY(alipay_notify_response_decrypted_content(r, &content, &len, &err));
    if (content == NULL) AN_TRY(alipay_notify_response_content(r, &content, &len, &err));
    if (php_json_decode_ex(return_value, content, len, PHP_JSON_OBJECT_AS_ARRAY, PHP_JSON_PARSER_DEFAULT_DEPTH) ==
        FAILURE) {
        /* The library parsed this very text; reaching here is a bug. */
        an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "the verified response content is not JSON PHP can decode");
        RETURN_THROWS();
    }
}

AN_STRING_GETTER(AlipayNotify_Response, method, alipay_notify_response_method)
AN_STRING_GETTER(AlipayNotify_Response, node, alipay_notify_response_node)
AN_STRING_GETTER(AlipayNotify_Response, content, alipay_notify_response_content)
AN_STRING_GETTER(AlipayNotify_Response, certSn, alipay_notify_response_cert_sn)
AN_STRING_GETTER(AlipayNotify_Response, signType, alipay_notify_response_sign_type)
AN_STRING_GETTER(AlipayNotify_Response, keyFingerprint, alipay_notify_response_key_fingerprint)

PHP_METHOD(AlipayNotify_Response, keyIndex) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(r);
    int64_t index = 0;
    AN_TRY(alipay_notify_response_key_index(r, &index, &err));
    RETURN_LONG((zend_long)index);
}

AN_BOOL_GETTER(AlipayNotify_Response, isSuccess, alipay_notify_response_is_success)
AN_BOOL_GETTER(AlipayNotify_Response, isErrorResponse, alipay_notify_response_is_error_response)
AN_BOOL_GETTER(AlipayNotify_Response, isDecrypted, alipay_notify_response_is_decrypted)
AN_STRING_GETTER(AlipayNotify_Response, decryptedContent, alipay_notify_response_decrypted_content)

PHP_METHOD(AlipayNotify_Response, __debugInfo) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(r);
    const char *method = NULL, *content = NULL;
    size_t method_len = 0, content_len = 0;
    alipay_notify_response_method(r, &method, &method_len, NULL);
    alipay_notify_response_content(r, &content, &content_len, NULL);
    array_init(return_value);
    add_assoc_stringl(return_value, "method", method ? method : "", method_len);
    add_assoc_stringl(return_value, "content", content ? content : "", content_len);
}
