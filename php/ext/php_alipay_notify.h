/*
 * The alipay_notify PHP extension: AlipayNotify\Verifier, Notification, Response, Signer, the
 * exception hierarchy and a few functions, over libalipay_notify (include/alipay_notify.h).
 *
 * Every decision (parsing, canonicalisation, signatures, amounts, the notify_verify answer) is
 * the library's: these files only convert PHP values to the C ABI's pointer + length inputs and
 * its results and status codes back to PHP values and exceptions. One file per concern:
 *
 *   alipay_notify.c  module entry, constants, phpinfo()
 *   exceptions.c     AlipayNotify\Exception and its subclasses, status code -> group -> class
 *   options.c        PHP option arrays -> verifier, diagnosis and parameter handles
 *   verifier.c       AlipayNotify\Verifier
 *   notification.c   AlipayNotify\Notification
 *   response.c       AlipayNotify\Response
 *   signer.c         AlipayNotify\Signer
 *   request.c        the current request's raw body and query string
 *   functions.c      the namespaced functions (cert_sn, notify_verify_url, ...)
 */
#ifndef PHP_ALIPAY_NOTIFY_H
#define PHP_ALIPAY_NOTIFY_H

#include "php.h"
#include "alipay_notify.h"

#if PHP_VERSION_ID < 80100
#error "the alipay_notify extension needs PHP 8.1 or newer"
#endif

extern zend_module_entry alipay_notify_module_entry;
#define phpext_alipay_notify_ptr &alipay_notify_module_entry

/* The extension's own version: the library it was built against (the header's). */
#define PHP_ALIPAY_NOTIFY_VERSION ALIPAY_NOTIFY_VERSION

/* Class entries, registered at module startup. */
extern zend_class_entry *an_ce_exception;
extern zend_class_entry *an_ce_invalid_signature;
extern zend_class_entry *an_ce_malformed_input;
extern zend_class_entry *an_ce_notify_verify;
extern zend_class_entry *an_ce_business_mismatch;
extern zend_class_entry *an_ce_config;
extern zend_class_entry *an_ce_internal;
extern zend_class_entry *an_ce_verifier;
extern zend_class_entry *an_ce_notification;
extern zend_class_entry *an_ce_response;
extern zend_class_entry *an_ce_signer;

/* Startup of each concern (called from MINIT, in this order). */
void an_register_exceptions(void);
void an_register_notification(void);
void an_register_response(void);
void an_register_verifier(void);
void an_register_signer(void);
extern const zend_function_entry an_functions[];

/* --- exceptions.c ---------------------------------------------------------------------- */

/* Throws the exception for a failed library call: the class for `status`, with the error
 * object's message. Frees `err` (which may be NULL) in every case. */
void an_throw(int32_t status, alipay_notify_error *err);

/* Throws the exception for `status` with a message of the extension's own (for a PHP value
 * the library never saw, such as an option of the wrong type). */
void an_throw_message(int32_t status, const char *format, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);

/* Calls a library function whose last parameter is `alipay_notify_error **err_out`, passing
 * `&err` (declared by the macro); on failure throws the matching exception and returns from
 * the enclosing PHP function. Usage: AN_TRY(alipay_notify_x(handle, &out, &err)); */
#define AN_TRY(expr)                                                                           \
    do {                                                                                       \
        alipay_notify_error *err = NULL;                                                       \
        int32_t an_status_ = (expr);                                                           \
        if (an_status_ != 0) {                                                                 \
            an_throw(an_status_, err);                                                         \
            RETURN_THROWS();                                                                   \
        }                                                                                      \
    } while (0)

/* --- options.c ------------------------------------------------------------------------- */

/* Builds verifier options from a PHP options array (see Verifier::__construct). Returns NULL
 * with an exception thrown on failure; the caller frees the result. */
alipay_notify_verifier_options *an_verifier_options_from_array(HashTable *options);

/* Builds diagnosis options (`app_public_key`, `app_private_key`, `kind`). Returns NULL with an
 * exception thrown on failure; the caller frees the result. */
alipay_notify_diagnose_options *an_diagnose_options_from_array(HashTable *options);

/* A parameter list from a PHP array: either name => value, or a list of [name, value] pairs
 * (which can hold a name twice, as a raw message can). Returns NULL with an exception thrown
 * on failure; the caller frees the result. */
alipay_notify_params *an_params_from_array(HashTable *params);

/* --- notification.c / response.c ------------------------------------------------------- */

/* Wraps a verified notification in a new AlipayNotify\Notification (which takes ownership). */
void an_notification_wrap(zval *out, alipay_notify_notification *notification);

/* Wraps a verified response in a new AlipayNotify\Response (which takes ownership). */
void an_response_wrap(zval *out, alipay_notify_response *response);

/* --- request.c ------------------------------------------------------------------------- */

/* The current request's raw body (php://input), as sent; an empty string when there is none.
 * NULL with an exception thrown when it cannot be read. */
zend_string *an_request_body(void);

/* The current request's raw query string ($_SERVER['QUERY_STRING']); empty when absent. */
zend_string *an_request_query(void);

/* --- helpers shared by the classes ----------------------------------------------------- */

/* Returns a borrowed C string (NULL allowed) as a PHP string or null. */
#define AN_RETURN_STRINGL_OR_NULL(s, len)                                                      \
    do {                                                                                       \
        if ((s) == NULL) RETURN_NULL();                                                        \
        RETURN_STRINGL((s), (len));                                                            \
    } while (0)

/* The object behind `$this` for a class whose struct ends with `zend_object std`. */
#define AN_OBJ(type, zobj) ((type *)((char *)(zobj) - XtOffsetOf(type, std)))

/* Throws Error for an object that was never initialised (a subclass that skipped the parent
 * constructor, or a class that cannot be instantiated directly). */
void an_throw_uninitialized(zend_class_entry *ce);

#endif
