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

/* public function getErrorName(): string */
ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_get_error_name, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

PHP_METHOD(AlipayNotify_Exception, getErrorName) {
    ZEND_PARSE_PARAMETERS_NONE();
    zval rv;
    zval *name = zend_read_property(an_ce_exception, Z_OBJ_P(ZEND_THIS), ZEND_STRL("errorName"), 1, &rv);
    RETURN_COPY_DEREF(name);
}

/* public static function fromCode(int $code, string $message = ""): Exception
 * The exception the library's status `$code` maps to, not thrown: for code that receives
 * status codes from elsewhere (a queue, a log) and for tests. */
ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_from_code, 0, 1, AlipayNotify\\Exception, 0)
    ZEND_ARG_TYPE_INFO(0, code, IS_LONG, 0)
    ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, message, IS_STRING, 0, "\"\"")
ZEND_END_ARG_INFO()

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

static const zend_function_entry exception_methods[] = {
    PHP_ME(AlipayNotify_Exception, getErrorName, arginfo_get_error_name, ZEND_ACC_PUBLIC | ZEND_ACC_FINAL)
    PHP_ME(AlipayNotify_Exception, fromCode, arginfo_from_code, ZEND_ACC_PUBLIC | ZEND_ACC_STATIC)
    PHP_FE_END
};

static zend_class_entry *subclass(const char *name) {
    zend_class_entry ce;
    INIT_CLASS_ENTRY_EX(ce, name, strlen(name), NULL);
    return zend_register_internal_class_ex(&ce, an_ce_exception);
}

void an_register_exceptions(void) {
    zend_class_entry ce;
    INIT_CLASS_ENTRY(ce, "AlipayNotify\\Exception", exception_methods);
    an_ce_exception = zend_register_internal_class_ex(&ce, zend_ce_exception);
    zend_declare_property_string(an_ce_exception, "errorName", sizeof("errorName") - 1, "UNKNOWN",
                                 ZEND_ACC_PROTECTED);
    /* One class constant per status: Exception::INVALID_SIGNATURE === 107, named by the library
     * itself so the table cannot drift from it. */
    for (int32_t code = 1; code < 1000; code++) {
        const char *name = alipay_notify_status_name(code);
        if (strcmp(name, "UNKNOWN") != 0) {
            zend_declare_class_constant_long(an_ce_exception, name, strlen(name), code);
        }
    }
    an_ce_invalid_signature = subclass("AlipayNotify\\InvalidSignatureException");
    an_ce_malformed_input = subclass("AlipayNotify\\MalformedInputException");
    an_ce_notify_verify = subclass("AlipayNotify\\NotifyVerifyException");
    an_ce_business_mismatch = subclass("AlipayNotify\\BusinessMismatchException");
    an_ce_config = subclass("AlipayNotify\\ConfigException");
    an_ce_internal = subclass("AlipayNotify\\InternalException");
}
