/*
 * AES-encrypted content (encrypt_type=AES): AlipayNotify\OpenData, the verified plaintext of a
 * mini-program open-data envelope (Verifier::verifyOpenData() creates it), and
 * AlipayNotify\decrypt(). Encrypted responses and 生活号 biz_content decrypt inside
 * verifyResponse() and verifyNotify() (the aes_key and app_private_key options).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "zend_exceptions.h"
#include "ext/json/php_json.h"
#include "ext/spl/spl_exceptions.h"

AN_HANDLE_CLASS(open_data, alipay_notify_open_data, "Verifier::verifyOpenData() creates it")

/* The member an offset names: only strings name members (JSON object keys). */
static bool find(const alipay_notify_open_data *d, zval *offset, const char **text, size_t *len) {
    ZVAL_DEREF(offset);
    if (Z_TYPE_P(offset) != IS_STRING) return true;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_open_data_get(d, Z_STRVAL_P(offset), Z_STRLEN_P(offset), text, len, &err);
    if (status != 0) an_throw(status, err);
    return status == 0;
}

AN_READ_ONLY_ARRAY_ACCESS(AlipayNotify_OpenData, find)

PHP_METHOD(AlipayNotify_OpenData, toArray) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(d);
    const char *content = NULL;
    size_t len = 0;
    AN_TRY(alipay_notify_open_data_content(d, &content, &len, &err));
    if (php_json_decode_ex(return_value, content, len, PHP_JSON_OBJECT_AS_ARRAY, PHP_JSON_PARSER_DEFAULT_DEPTH) ==
        FAILURE) {
        /* The library parsed this very text; reaching here is a bug. */
        an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "the verified open data is not JSON PHP can decode");
        RETURN_THROWS();
    }
}

AN_STRING_GETTER(AlipayNotify_OpenData, content, alipay_notify_open_data_content)
AN_STRING_GETTER(AlipayNotify_OpenData, signType, alipay_notify_open_data_sign_type)
AN_STRING_GETTER(AlipayNotify_OpenData, keyFingerprint, alipay_notify_open_data_key_fingerprint)
AN_BOOL_GETTER(AlipayNotify_OpenData, isEncrypted, alipay_notify_open_data_is_encrypted)

PHP_METHOD(AlipayNotify_OpenData, keyIndex) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(d);
    int64_t index = 0;
    AN_TRY(alipay_notify_open_data_key_index(d, &index, &err));
    RETURN_LONG((zend_long)index);
}

/* var_dump() shows how the data verified, never the personal data it holds (a phone number). */
PHP_METHOD(AlipayNotify_OpenData, __debugInfo) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(d);
    const char *sign_type = NULL;
    size_t sign_type_len = 0;
    bool encrypted = false;
    alipay_notify_open_data_sign_type(d, &sign_type, &sign_type_len, NULL);
    alipay_notify_open_data_is_encrypted(d, &encrypted, NULL);
    array_init(return_value);
    add_assoc_stringl(return_value, "sign_type", sign_type ? sign_type : "", sign_type_len);
    add_assoc_bool(return_value, "encrypted", encrypted);
}

ZEND_FUNCTION(AlipayNotify_decrypt) {
    zend_string *aes_key, *ciphertext;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(aes_key)
        Z_PARAM_STR(ciphertext)
    ZEND_PARSE_PARAMETERS_END();
    char *plaintext = NULL;
    size_t len = 0;
    AN_TRY(alipay_notify_decrypt(ZSTR_VAL(aes_key), ZSTR_LEN(aes_key), ZSTR_VAL(ciphertext), ZSTR_LEN(ciphertext),
                                 &plaintext, &len, &err));
    RETVAL_STRINGL(plaintext, len);
    alipay_notify_string_free(plaintext);
}
