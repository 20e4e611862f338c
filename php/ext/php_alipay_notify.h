/*
 * The alipay_notify PHP extension: AlipayNotify\Verifier, Notification, Response, Signer, the
 * exception hierarchy and a few functions, over libalipay_notify (include/alipay_notify.h).
 *
 * Every decision (parsing, canonicalisation, signatures, amounts, the notify_verify answer) is
 * the library's: these files only convert PHP values to the C ABI's pointer + length inputs and
 * its results and status codes back to PHP values and exceptions. One file per concern:
 *
 *   alipay_notify.stub.php  the PHP API with its documentation, for IDEs and static
 *                    analysers; alipay_notify_arginfo.h is generated from it
 *                    (scripts/php-stub.sh), never edited by hand
 *   alipay_notify.c  module entry: registers what the stub declares, phpinfo()
 *   exceptions.c     AlipayNotify\Exception and its subclasses, status code -> group -> class
 *   options.c        PHP option arrays -> verifier and diagnosis options (set by name),
 *                    parameter arrays -> parameter lists; option_names()
 *   verifier.c       AlipayNotify\Verifier
 *   notification.c   AlipayNotify\Notification
 *   response.c       AlipayNotify\Response
 *   signer.c         AlipayNotify\Signer
 *   request.c        the current request's raw body and query string
 *   functions.c      the namespaced functions (cert_sn, notify_verify_url, ...)
 *   wap.c            the legacy families: app results, 消息服务 accessors
 *   aes.c            AES-encrypted content: AlipayNotify\OpenData and decrypt()
 *   ledger.c         the ledger row: Notification::ledgerEntry(), rejected_ledger_entry()
 *   trade_request.c  AlipayNotify\TradeRequest (reconciliation requests)
 *   trade_result.c   AlipayNotify\TradeResult (their verified answers)
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
extern zend_class_entry *an_ce_open_data;
extern zend_class_entry *an_ce_trade_request;
extern zend_class_entry *an_ce_trade_result;

/* Each class's own handlers, attached to the class entry MINIT registered from the stub. */
void an_setup_verifier(zend_class_entry *ce);
void an_setup_notification(zend_class_entry *ce);
void an_setup_response(zend_class_entry *ce);
void an_setup_signer(zend_class_entry *ce);
void an_setup_open_data(zend_class_entry *ce);
void an_setup_trade_request(zend_class_entry *ce);
void an_setup_trade_result(zend_class_entry *ce);

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

/* Builds verifier options from a PHP options array (see Verifier::__construct), each option
 * set by its name by the library. Returns NULL with an exception thrown on failure; the
 * caller frees the result. */
alipay_notify_verifier_options *an_verifier_options_from_array(HashTable *options);

/* Builds diagnosis options (see Verifier::diagnose) the same way. Returns NULL with an
 * exception thrown on failure; the caller frees the result. */
alipay_notify_diagnose_options *an_diagnose_options_from_array(HashTable *options);

/* A parameter list from a PHP array: either name => value, or a list of [name, value] pairs
 * (which can hold a name twice, as a raw message can). Returns NULL with an exception thrown
 * on failure; the caller frees the result. */
alipay_notify_params *an_params_from_array(HashTable *params);

/* --- verifier.c / notification.c / response.c / signer.c ------------------------------- */

/* Wrap a handle in a new object of its class, which takes ownership (see AN_HANDLE_CLASS). */
void an_verifier_wrap(zval *out, alipay_notify_verifier *verifier);
void an_notification_wrap(zval *out, alipay_notify_notification *notification);
void an_response_wrap(zval *out, alipay_notify_response *response);
void an_signer_wrap(zval *out, alipay_notify_signer *signer);
void an_open_data_wrap(zval *out, alipay_notify_open_data *open_data);
void an_trade_request_wrap(zval *out, alipay_notify_trade_request *request);
void an_trade_result_wrap(zval *out, alipay_notify_trade_result *result);

/* The handle behind a Verifier or Notification object, for the methods a family defines in
 * its own file (wap.c); NULL with an Error thrown for an object that holds none. */
const alipay_notify_verifier *an_verifier_handle(zval *object);
const alipay_notify_notification *an_notification_handle(zval *object);

/* --- ledger.c -------------------------------------------------------------------------- */

/* Decodes a JSON object the library returned into a PHP array in `out` and frees the string;
 * false with an exception thrown when PHP cannot decode it. */
bool an_json_to_array(zval *out, char *json);

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

/* Attaches the handlers of a class whose objects are a struct ending with `zend_object std`
 * at `offset`: its create_object and free_obj, its get_constructor when not NULL, and no
 * cloning (a library handle cannot be copied). */
static inline void an_init_handlers(zend_class_entry *ce, zend_object_handlers *handlers, size_t offset,
                                    zend_object *(*create_object)(zend_class_entry *), zend_object_free_obj_t free_obj,
                                    zend_object_get_constructor_t get_constructor) {
    ce->create_object = create_object;
    memcpy(handlers, zend_get_std_object_handlers(), sizeof *handlers);
    handlers->offset = (int)offset;
    handlers->free_obj = free_obj;
    handlers->clone_obj = NULL;
    if (get_constructor != NULL) handlers->get_constructor = get_constructor;
}

/*
 * The skeleton of a class whose objects each own one library handle of type `type`, freed
 * with `type##_free` when the object is (Verifier, Notification, Response, Signer). Used once, in the
 * class's own file, it defines there:
 *
 *   an_ce_<short_name>                      the class entry
 *   an_object, an_object_of(zend_object *)  the object struct {handle, std} and its lookup
 *   an_this(zval *)                         the handle behind $this, or NULL with an Error
 *                                           thrown (see AN_THIS)
 *   an_constructing(zval *)                 the object $this, or NULL with an Error thrown
 *                                           when it is initialised already (AN_CONSTRUCTING)
 *   an_<short_name>_wrap(zval *, type *)    a new object owning the handle
 *   an_setup_<short_name>(zend_class_entry *)
 *                                           keeps the class entry in an_ce_<short_name> and
 *                                           attaches the handlers
 *
 * `created_by` is NULL for a class PHP code may construct, else what creates its objects (for
 * the Error `new` throws).
 */
#define AN_HANDLE_CLASS(short_name, type, created_by)                                          \
    zend_class_entry *an_ce_##short_name;                                                      \
    typedef type an_handle;                                                                    \
    typedef struct {                                                                           \
        type *handle;                                                                          \
        zend_object std;                                                                       \
    } an_object;                                                                               \
    static zend_object_handlers an_handlers;                                                   \
    static an_object *an_object_of(zend_object *object) { return AN_OBJ(an_object, object); }  \
    static zend_object *an_create_object(zend_class_entry *ce) {                               \
        an_object *self = zend_object_alloc(sizeof(an_object), ce);                            \
        zend_object_std_init(&self->std, ce);                                                  \
        object_properties_init(&self->std, ce);                                                \
        self->std.handlers = &an_handlers;                                                     \
        self->handle = NULL;                                                                   \
        return &self->std;                                                                     \
    }                                                                                          \
    static void an_free_object(zend_object *object) {                                          \
        an_object *self = an_object_of(object);                                                \
        type##_free(self->handle);                                                             \
        self->handle = NULL;                                                                   \
        zend_object_std_dtor(object);                                                          \
    }                                                                                          \
    static const char *const an_created_by = created_by;                                       \
    static zend_function *an_refuse_new(zend_object *object) {                                 \
        zend_throw_error(NULL, "%s cannot be constructed: %s", ZSTR_VAL(object->ce->name),     \
                         an_created_by);                                                       \
        return NULL;                                                                           \
    }                                                                                          \
    static inline an_object *an_constructing(zval *this_object) {                              \
        an_object *self = an_object_of(Z_OBJ_P(this_object));                                 \
        if (self->handle == NULL) return self;                                                 \
        zend_throw_error(NULL, "%s is immutable: create a new one",                            \
                         ZSTR_VAL(an_ce_##short_name->name));                                  \
        return NULL;                                                                           \
    }                                                                                          \
    static const type *an_this(zval *this_object) {                                            \
        const type *handle = an_object_of(Z_OBJ_P(this_object))->handle;                       \
        if (handle == NULL) an_throw_uninitialized(Z_OBJCE_P(this_object));                    \
        return handle;                                                                         \
    }                                                                                          \
    void an_##short_name##_wrap(zval *out, type *handle) {                                     \
        object_init_ex(out, an_ce_##short_name);                                               \
        an_object_of(Z_OBJ_P(out))->handle = handle;                                           \
    }                                                                                          \
    void an_setup_##short_name(zend_class_entry *ce) {                                         \
        an_ce_##short_name = ce;                                                               \
        an_init_handlers(ce, &an_handlers, XtOffsetOf(an_object, std), an_create_object,       \
                         an_free_object, an_created_by != NULL ? an_refuse_new : NULL);        \
    }

/* In the constructor of a handle class: the object being constructed as `var` (its handle to
 * be set), or return with an Error thrown when it holds one already: __construct() called
 * again must not replace what an immutable object holds. */
#define AN_CONSTRUCTING(var)                                                                   \
    an_object *var = an_constructing(ZEND_THIS);                                               \
    if (var == NULL) RETURN_THROWS()

/* In a method of a handle class: the handle behind $this as `var`, or return with an Error
 * thrown for an object that holds none. */
#define AN_THIS(var)                                                                           \
    const an_handle *var = an_this(ZEND_THIS);                                                 \
    if (var == NULL) RETURN_THROWS()

/* A method without parameters that returns the text a library accessor reads, or null for
 * NULL: `accessor(handle, &text, &len, &err)`, the shape of every text accessor. */
#define AN_STRING_GETTER(class_name, method, accessor)                                         \
    AN_STRING_METHOD(class_name, method, accessor(self, &text, &len, &err))

/* The same for any `call` that reads `text` and `len` from `self`, the handle behind $this. */
#define AN_STRING_METHOD(class_name, method, call)                                             \
    PHP_METHOD(class_name, method) {                                                           \
        ZEND_PARSE_PARAMETERS_NONE();                                                          \
        AN_THIS(self);                                                                         \
        const char *text = NULL;                                                               \
        size_t len = 0;                                                                        \
        AN_TRY(call);                                                                          \
        AN_RETURN_STRINGL_OR_NULL(text, len);                                                  \
    }

/* A method without parameters that returns the bool a library accessor writes:
 * `accessor(handle, &value, &err)`. */
#define AN_BOOL_GETTER(class_name, method, accessor)                                           \
    PHP_METHOD(class_name, method) {                                                           \
        ZEND_PARSE_PARAMETERS_NONE();                                                          \
        AN_THIS(self);                                                                         \
        bool value = false;                                                                    \
        AN_TRY(accessor(self, &value, &err));                                                  \
        RETURN_BOOL(value);                                                                    \
    }

/* The read-only ArrayAccess of a class holding what Alipay signed, and get(string $name):
 * `find(handle, zval *offset, &text, &len)` looks up what an offset names (text NULL when
 * nothing) and returns false with an exception thrown when the lookup fails. Writes throw
 * LogicException (the file includes ext/spl/spl_exceptions.h). */
#define AN_READ_ONLY_ARRAY_ACCESS(class_name, find)                                            \
    AN_OFFSET_METHOD(class_name, offsetExists, find, RETURN_BOOL(text != NULL))                \
    AN_OFFSET_METHOD(class_name, offsetGet, find, AN_RETURN_STRINGL_OR_NULL(text, len))        \
    PHP_METHOD(class_name, get) {                                                              \
        zend_string *name;                                                                     \
        ZEND_PARSE_PARAMETERS_START(1, 1)                                                      \
            Z_PARAM_STR(name)                                                                  \
        ZEND_PARSE_PARAMETERS_END();                                                           \
        AN_THIS(self);                                                                         \
        zval offset;                                                                           \
        ZVAL_STR(&offset, name);                                                               \
        const char *text = NULL;                                                               \
        size_t len = 0;                                                                        \
        if (!find(self, &offset, &text, &len)) RETURN_THROWS();                                \
        AN_RETURN_STRINGL_OR_NULL(text, len);                                                  \
    }                                                                                          \
    PHP_METHOD(class_name, offsetSet) {                                                        \
        zval *offset, *value;                                                                  \
        ZEND_PARSE_PARAMETERS_START(2, 2)                                                      \
            Z_PARAM_ZVAL(offset)                                                               \
            Z_PARAM_ZVAL(value)                                                                \
        ZEND_PARSE_PARAMETERS_END();                                                           \
        AN_THROW_READ_ONLY(Z_OBJCE_P(ZEND_THIS));                                              \
    }                                                                                          \
    PHP_METHOD(class_name, offsetUnset) {                                                      \
        zval *offset;                                                                          \
        ZEND_PARSE_PARAMETERS_START(1, 1)                                                      \
            Z_PARAM_ZVAL(offset)                                                               \
        ZEND_PARSE_PARAMETERS_END();                                                           \
        AN_THROW_READ_ONLY(Z_OBJCE_P(ZEND_THIS));                                              \
    }
#define AN_OFFSET_METHOD(class_name, method, find, result)                                     \
    PHP_METHOD(class_name, method) {                                                           \
        zval *offset;                                                                          \
        ZEND_PARSE_PARAMETERS_START(1, 1)                                                      \
            Z_PARAM_ZVAL(offset)                                                               \
        ZEND_PARSE_PARAMETERS_END();                                                           \
        AN_THIS(self);                                                                         \
        const char *text = NULL;                                                               \
        size_t len = 0;                                                                        \
        if (!find(self, offset, &text, &len)) RETURN_THROWS();                                 \
        result;                                                                                \
    }
#define AN_THROW_READ_ONLY(ce)                                                                 \
    zend_throw_exception_ex(spl_ce_LogicException, 0,                                          \
                            "%s is read-only: it holds what Alipay signed", ZSTR_VAL((ce)->name))

#endif
