/*
 * AlipayNotify\Exception and its subclasses. Each exception carries the library's stable
 * status code (getCode()), name (getErrorName()) and group (getGroup()); the class is the
 * group's, which the library itself says (alipay_notify_status_group()), so the classes mean
 * what the groups mean in every other binding:
 *
 *   InvalidSignatureException  signature: the message is not authentic (or not signed under
 *                              the policy): MISSING_SIGNATURE, SIGN_TYPE_NOT_ALLOWED,
 *                              INVALID_SIGNATURE, UNSIGNED_RESPONSE, AMBIGUOUS_SIGNED_CONTENT,
 *                              STALE_RESPONSE
 *   MalformedInputException    malformed_input: not a well-formed message (not a form body,
 *                              too large, duplicates, charset, text encoding, amounts)
 *   NotifyVerifyException      notify_verify: the legacy notify_verify check did not answer
 *                              true (NOTIFY_VERIFY_REJECTED, _UNEXPECTED, _INVALID)
 *   BusinessMismatchException  business_mismatch: app_id, seller_id, order, amount, method
 *   ConfigException            configuration: keys, options, certificates
 *   InternalException          library: a bug in the library
 *
 * A code this build does not know takes the group of its hundred (the library's answer, as
 * the header asks); a code outside the hundreds is the base class, group "unknown".
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

/* The class of each group: the only table here, and it holds groups, not codes, so a code
 * the library adds needs no change. */
static const struct {
    const char *group;
    zend_class_entry **ce;
} GROUP_CLASSES[] = {
    {"signature", &an_ce_invalid_signature},
    {"malformed_input", &an_ce_malformed_input},
    {"notify_verify", &an_ce_notify_verify},
    {"business_mismatch", &an_ce_business_mismatch},
    {"configuration", &an_ce_config},
    {"library", &an_ce_internal},
};

static zend_class_entry *class_for(const char *group) {
    for (size_t i = 0; i < sizeof GROUP_CLASSES / sizeof GROUP_CLASSES[0]; i++) {
        if (strcmp(group, GROUP_CLASSES[i].group) == 0) return *GROUP_CLASSES[i].ce;
    }
    return an_ce_exception;
}

/* A new, unthrown exception for `status` in `out`; the message is "NAME: explanation". */
static void create(zval *out, int32_t status, const char *explanation, size_t explanation_len) {
    const char *name = alipay_notify_status_name(status);
    zend_string *message = explanation_len > 0
                               ? zend_strpprintf(0, "%s: %.*s", name, (int)explanation_len, explanation)
                               : zend_string_init(name, strlen(name), 0);
    const char *group = alipay_notify_status_group(status);
    object_init_ex(out, class_for(group));
    zend_update_property_str(zend_ce_exception, Z_OBJ_P(out), ZEND_STRL("message"), message);
    zend_update_property_long(zend_ce_exception, Z_OBJ_P(out), ZEND_STRL("code"), status);
    zend_update_property_string(an_ce_exception, Z_OBJ_P(out), ZEND_STRL("errorName"), name);
    zend_update_property_string(an_ce_exception, Z_OBJ_P(out), ZEND_STRL("group"), group);
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

/* Returns one of the exception's own properties (set by create()). */
static void return_property(zend_object *exception, const char *name, size_t name_len, zval *return_value) {
    zval rv;
    zval *value = zend_read_property(an_ce_exception, exception, name, name_len, 1, &rv);
    RETURN_COPY_DEREF(value);
}

PHP_METHOD(AlipayNotify_Exception, getErrorName) {
    ZEND_PARSE_PARAMETERS_NONE();
    return_property(Z_OBJ_P(ZEND_THIS), ZEND_STRL("errorName"), return_value);
}

/* public function getGroup(): string
 * "signature", "malformed_input", "business_mismatch", "notify_verify", "configuration" or
 * "library": what the error means, the same in every binding ("unknown" for a code outside
 * the library's hundreds). */
PHP_METHOD(AlipayNotify_Exception, getGroup) {
    ZEND_PARSE_PARAMETERS_NONE();
    return_property(Z_OBJ_P(ZEND_THIS), ZEND_STRL("group"), return_value);
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
