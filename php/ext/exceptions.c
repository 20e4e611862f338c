/*
 * AlipayNotify\Exception and its subclasses. Each exception carries the library's stable
 * status code (getCode()) and name (getErrorName()); the class says who has to act:
 *
 *   InvalidSignatureException  the message is not authentic (or not signed under the policy):
 *                              MISSING_SIGNATURE, SIGN_TYPE_NOT_ALLOWED, INVALID_SIGNATURE,
 *                              UNSIGNED_RESPONSE, AMBIGUOUS_SIGNED_CONTENT
 *   MalformedInputException    the rest of the 1xx sender errors (not a form body, too large,
 *                              duplicates, charset, text encoding, amounts)
 *   NotifyVerifyException      the legacy notify_verify check did not answer true
 *                              (NOTIFY_VERIFY_REJECTED, _UNEXPECTED, _INVALID)
 *   BusinessMismatchException  2xx: app_id, seller_id, order, amount, method
 *   ConfigException            the other 3xx: keys, options, certificates
 *   InternalException          9xx: a bug in the library
 *
 * A code this build does not know is mapped by its hundred, as the header asks.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "zend_exceptions.h"

zend_class_entry *an_ce_exception;
zend_class_entry *an_ce_invalid_signature;
zend_class_entry *an_ce_malformed_input;
zend_class_entry *an_ce_notify_verify;
zend_class_entry *an_ce_business_mismatch;
zend_class_entry *an_ce_config;
zend_class_entry *an_ce_internal;

static zend_class_entry *class_for(int32_t status) {
    switch (status) {
    case ALIPAY_NOTIFY_STATUS_MISSING_SIGNATURE:
    case ALIPAY_NOTIFY_STATUS_SIGN_TYPE_NOT_ALLOWED:
    case ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE:
    case ALIPAY_NOTIFY_STATUS_UNSIGNED_RESPONSE:
    case ALIPAY_NOTIFY_STATUS_AMBIGUOUS_SIGNED_CONTENT:
        return an_ce_invalid_signature;
    case ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_REJECTED:
    case ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_UNEXPECTED:
    case ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_INVALID:
        return an_ce_notify_verify;
    default:
        break;
    }
    switch (status / 100) {
    case 1: return an_ce_malformed_input;
    case 2: return an_ce_business_mismatch;
    case 3: return an_ce_config;
    case 9: return an_ce_internal;
    default: return an_ce_exception;
    }
}

/* A new, unthrown exception for `status` in `out`; the message is "NAME: explanation". */
static void create(zval *out, int32_t status, const char *explanation, size_t explanation_len) {
    const char *name = alipay_notify_status_name(status);
    zend_string *message = explanation_len > 0
                               ? zend_strpprintf(0, "%s: %.*s", name, (int)explanation_len, explanation)
                               : zend_string_init(name, strlen(name), 0);
    object_init_ex(out, class_for(status));
    zend_update_property_str(zend_ce_exception, Z_OBJ_P(out), ZEND_STRL("message"), message);
    zend_update_property_long(zend_ce_exception, Z_OBJ_P(out), ZEND_STRL("code"), status);
    zend_update_property_string(an_ce_exception, Z_OBJ_P(out), ZEND_STRL("errorName"), name);
    zend_string_release(message);
}

void an_throw(int32_t status, alipay_notify_error *err) {
    zval exception;
    /* The error object's code is the status; its message is absent only when the caller
     * passed no err_out, which this extension never does. */
    const char *message = err != NULL ? alipay_notify_error_message(err) : "";
    create(&exception, status, message, strlen(message));
    alipay_notify_error_free(err);
    zend_throw_exception_object(&exception);
}

void an_throw_message(int32_t status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    zend_string *message = zend_vstrpprintf(0, format, args);
    va_end(args);
    zval exception;
    create(&exception, status, ZSTR_VAL(message), ZSTR_LEN(message));
    zend_string_release(message);
    zend_throw_exception_object(&exception);
}

void an_throw_uninitialized(zend_class_entry *ce) {
    zend_throw_error(NULL, "%s object is not initialized (it is created by the library, or its constructor was not called)",
                     ZSTR_VAL(ce->name));
}

PHP_METHOD(AlipayNotify_Exception, getErrorName) {
    ZEND_PARSE_PARAMETERS_NONE();
    zval rv;
    zval *name = zend_read_property(an_ce_exception, Z_OBJ_P(ZEND_THIS), ZEND_STRL("errorName"), 1, &rv);
    RETURN_COPY_DEREF(name);
}

PHP_METHOD(AlipayNotify_Exception, fromCode) {
    zend_long code;
    zend_string *message = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_LONG(code)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR(message)
    ZEND_PARSE_PARAMETERS_END();
    if (code < INT32_MIN || code > INT32_MAX) {
        zend_argument_value_error(1, "must be a 32-bit status code");
        RETURN_THROWS();
    }
    create(return_value, (int32_t)code, message ? ZSTR_VAL(message) : "", message ? ZSTR_LEN(message) : 0);
}
