/*
 * PHP option arrays to the library's option handles, and parameter arrays to parameter lists.
 *
 * Options are applied by name: each value is converted to the shape the library takes (a
 * string, a list of strings, an int, a DateTimeInterface as a time) and handed with its name to
 * the library's setter of that shape (alipay_notify_verifier_options_set_text, ...), which
 * knows every option from the core's tables: an unknown name, or a value an option does not
 * take, is the library's INVALID_CONFIG naming the option. This file keeps no list of option
 * names, only the old spellings it still accepts for one release.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "ext/date/php_date.h"
#include "zend_interfaces.h"

/* An option's value in the shape the library takes. */
typedef struct {
    enum { AN_TEXT, AN_TEXTS, AN_INTEGER, AN_TIME } shape;
    const char *text; /* AN_TEXT */
    size_t len;
    const char **texts; /* AN_TEXTS: arrays of `count` (NULL when empty), freed by value_free */
    size_t *lens;
    size_t count;
    int64_t number; /* AN_INTEGER, AN_TIME (seconds since 1970) */
} an_value;

/* Sets the option `name` of an options handle to `value`, with the library's setter for the
 * value's shape. */
typedef int32_t (*an_setter)(void *options, const char *name, size_t name_len, const an_value *value,
                             alipay_notify_error **err);

/* An option's spelling before the names were the same in every language, still accepted with
 * an E_USER_DEPRECATED notice for one release. */
typedef struct {
    const char *old_name;
    const char *name;
} an_renamed;

/* A name from the caller or the sender, for a message: quoted by the library as its own
 * messages quote names, at most 40 bytes and without control characters, so that a name with
 * CR, LF or ESC (a $_POST key is anything the client sent) cannot forge or hide log lines. */
static zend_string *quoted_name(const char *name, size_t name_len) {
    char *quoted = NULL;
    if (alipay_notify_printable(name, name_len, 40, &quoted, NULL) != 0) {
        return zend_string_init(ZEND_STRL("\"?\""), 0);
    }
    zend_string *result = zend_string_init(quoted, strlen(quoted), 0);
    alipay_notify_string_free(quoted);
    return result;
}

/* Throws INVALID_CONFIG for an option value PHP cannot hand to the library; returns false. */
static bool not_a_value(const zend_string *name, const char *what, const zval *value) {
    zend_string *quoted = quoted_name(ZSTR_VAL(name), ZSTR_LEN(name));
    an_throw_message(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG,
                     "option %s: %s %s is not an option value (a string, an int, a list of strings or a "
                     "DateTimeInterface)",
                     ZSTR_VAL(quoted), what, zend_zval_type_name(value));
    zend_string_release(quoted);
    return false;
}

static void value_free(an_value *value) {
    if (value->shape != AN_TEXTS) return;
    efree(value->texts);
    efree(value->lens);
}

/* A PHP list of strings as arrays the library reads (they borrow the strings). */
static bool to_texts(const zend_string *name, HashTable *list, an_value *out) {
    out->shape = AN_TEXTS;
    out->count = 0;
    out->texts = NULL;
    out->lens = NULL;
    uint32_t n = zend_hash_num_elements(list);
    if (n == 0) return true;
    out->texts = safe_emalloc(n, sizeof *out->texts, 0);
    out->lens = safe_emalloc(n, sizeof *out->lens, 0);
    zval *item;
    ZEND_HASH_FOREACH_VAL(list, item) {
        ZVAL_DEREF(item);
        if (Z_TYPE_P(item) != IS_STRING) {
            value_free(out);
            return not_a_value(name, "a list holding", item);
        }
        out->texts[out->count] = Z_STRVAL_P(item);
        out->lens[out->count++] = Z_STRLEN_P(item);
    } ZEND_HASH_FOREACH_END();
    return true;
}

/* A DateTimeInterface as seconds since 1970, read with its own getTimestamp(). */
static bool to_time(zval *date, an_value *out) {
    zval seconds;
    ZVAL_UNDEF(&seconds);
    zend_call_method_with_0_params(Z_OBJ_P(date), Z_OBJCE_P(date), NULL, "gettimestamp", &seconds);
    if (EG(exception)) return false;
    out->shape = AN_TIME;
    out->number = Z_TYPE(seconds) == IS_LONG ? (int64_t)Z_LVAL(seconds) : 0;
    zval_ptr_dtor(&seconds);
    return true;
}

/* The shape of a PHP value; false, with an exception thrown, for a value of no shape. */
static bool to_value(const zend_string *name, zval *value, an_value *out) {
    switch (Z_TYPE_P(value)) {
    case IS_STRING:
        *out = (an_value){.shape = AN_TEXT, .text = Z_STRVAL_P(value), .len = Z_STRLEN_P(value)};
        return true;
    case IS_LONG:
        *out = (an_value){.shape = AN_INTEGER, .number = (int64_t)Z_LVAL_P(value)};
        return true;
    case IS_ARRAY:
        return to_texts(name, Z_ARRVAL_P(value), out);
    case IS_OBJECT:
        if (instanceof_function(Z_OBJCE_P(value), php_date_get_interface_ce())) return to_time(value, out);
        ZEND_FALLTHROUGH;
    default:
        return not_a_value(name, "a", value);
    }
}

/* The name to hand to the library: `key`, or the current name of an old spelling (after the
 * deprecation notice, which an error handler may have turned into an exception). */
static bool current_name(const zend_string *key, const an_renamed *renamed, const char **name, size_t *len) {
    *name = ZSTR_VAL(key);
    *len = ZSTR_LEN(key);
    for (; renamed->old_name != NULL; renamed++) {
        size_t old_len = strlen(renamed->old_name);
        if (ZSTR_LEN(key) != old_len || memcmp(ZSTR_VAL(key), renamed->old_name, old_len) != 0) continue;
        zend_error(E_USER_DEPRECATED, "AlipayNotify: option '%s' is deprecated, use '%s'", renamed->old_name,
                   renamed->name);
        *name = renamed->name;
        *len = strlen(renamed->name);
    }
    return !EG(exception);
}

/* Applies an options array (null values mean "not set", as in configuration arrays built
 * with ?? or read from files); false with an exception thrown at the first refusal. */
static bool apply_options(void *options, HashTable *array, an_setter set, const an_renamed *renamed) {
    zend_string *key;
    zval *value;
    ZEND_HASH_FOREACH_STR_KEY_VAL(array, key, value) {
        ZVAL_DEREF(value);
        if (key == NULL) {
            an_throw_message(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "options must be an array of name => value");
            return false;
        }
        const char *name;
        size_t len;
        an_value shaped;
        if (Z_TYPE_P(value) == IS_NULL) continue;
        if (!current_name(key, renamed, &name, &len) || !to_value(key, value, &shaped)) return false;
        alipay_notify_error *err = NULL;
        int32_t status = set(options, name, len, &shaped, &err);
        value_free(&shaped);
        if (status != 0) {
            an_throw(status, err);
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    return true;
}

/* The library's setter of `prefix` (alipay_notify_verifier_options, ...) for the value's shape. */
#define AN_SET_BY_SHAPE(prefix, options, name, len, v, err)                                    \
    ((v)->shape == AN_TEXT    ? prefix##_set_text(options, name, len, (v)->text, (v)->len, err)  \
     : (v)->shape == AN_TEXTS ? prefix##_set_texts(options, name, len, (v)->texts, (v)->lens, (v)->count, err) \
     : (v)->shape == AN_INTEGER ? prefix##_set_integer(options, name, len, (v)->number, err)     \
                                : prefix##_set_time(options, name, len, (v)->number, err))

static int32_t set_verifier_option(void *options, const char *name, size_t len, const an_value *v,
                                   alipay_notify_error **err) {
    return AN_SET_BY_SHAPE(alipay_notify_verifier_options, options, name, len, v, err);
}

static int32_t set_diagnose_option(void *options, const char *name, size_t len, const an_value *v,
                                   alipay_notify_error **err) {
    return AN_SET_BY_SHAPE(alipay_notify_diagnose_options, options, name, len, v, err);
}

static const an_renamed VERIFIER_RENAMED[] = {{"alipay_root_cert", "check_certificates"}, {NULL, NULL}};
static const an_renamed DIAGNOSE_RENAMED[] = {{"app_public_key", "app_public_keys"}, {NULL, NULL}};

alipay_notify_verifier_options *an_verifier_options_from_array(HashTable *array) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_options_new(&options, &err);
    if (status != 0) {
        an_throw(status, err);
        return NULL;
    }
    if (!apply_options(options, array, set_verifier_option, VERIFIER_RENAMED)) {
        alipay_notify_verifier_options_free(options);
        return NULL;
    }
    return options;
}

alipay_notify_diagnose_options *an_diagnose_options_from_array(HashTable *array) {
    alipay_notify_diagnose_options *options = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_diagnose_options_new(&options, &err);
    if (status != 0) {
        an_throw(status, err);
        return NULL;
    }
    if (!apply_options(options, array, set_diagnose_option, DIAGNOSE_RENAMED)) {
        alipay_notify_diagnose_options_free(options);
        return NULL;
    }
    return options;
}

/* AlipayNotify\option_names(): the library's list, so that PHP code (and the tests) can check
 * a configuration's names against the names this extension accepts. */
ZEND_FUNCTION(AlipayNotify_option_names) {
    zend_string *table;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(table)
    ZEND_PARSE_PARAMETERS_END();
    if (alipay_notify_option_name(ZSTR_VAL(table), ZSTR_LEN(table), 0) == NULL) {
        zend_string *quoted = quoted_name(ZSTR_VAL(table), ZSTR_LEN(table));
        an_throw_message(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "no table of options is named %s", ZSTR_VAL(quoted));
        zend_string_release(quoted);
        RETURN_THROWS();
    }
    const char *name;
    array_init(return_value);
    for (size_t i = 0; (name = alipay_notify_option_name(ZSTR_VAL(table), ZSTR_LEN(table), i)) != NULL; i++) {
        add_next_index_string(return_value, name);
    }
}

static bool param_error(const char *what, const zval *value) {
    an_throw_message(ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT, "%s must be a string, %s given", what, zend_zval_type_name(value));
    return false;
}

/* A parameter value: strings as they are, ints in decimal (`'quantity' => 1`); floats are
 * refused, since 88.0 would be written "88" and amounts must be exact yuan strings. */
static bool add_param(alipay_notify_params *params, const char *name, size_t name_len, zval *value) {
    ZVAL_DEREF(value);
    char digits[MAX_LENGTH_OF_LONG + 1];
    const char *text;
    size_t text_len;
    if (Z_TYPE_P(value) == IS_STRING) {
        text = Z_STRVAL_P(value);
        text_len = Z_STRLEN_P(value);
    } else if (Z_TYPE_P(value) == IS_LONG) {
        text_len = (size_t)snprintf(digits, sizeof digits, ZEND_LONG_FMT, Z_LVAL_P(value));
        text = digits;
    } else {
        zend_string *quoted = quoted_name(name, name_len);
        an_throw_message(ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT, "parameter %s must be a string, %s given",
                         ZSTR_VAL(quoted), zend_zval_type_name(value));
        zend_string_release(quoted);
        return false;
    }
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_params_add(params, name, name_len, text, text_len, &err);
    if (status != 0) an_throw(status, err);
    return status == 0;
}

static bool fill_params(alipay_notify_params *params, HashTable *array) {
    zval *first = zend_hash_index_find(array, 0);
    bool pairs = zend_array_is_list(array) && first != NULL && Z_TYPE_P(first) == IS_ARRAY;
    zend_ulong index;
    zend_string *key;
    zval *value;
    ZEND_HASH_FOREACH_KEY_VAL(array, index, key, value) {
        if (pairs) {
            ZVAL_DEREF(value);
            zval *name, *item;
            if (Z_TYPE_P(value) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(value)) != 2 ||
                (name = zend_hash_index_find(Z_ARRVAL_P(value), 0)) == NULL ||
                (item = zend_hash_index_find(Z_ARRVAL_P(value), 1)) == NULL) {
                an_throw_message(ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT,
                                 "a list of parameters must hold [name, value] pairs (item " ZEND_ULONG_FMT ")", index);
                return false;
            }
            ZVAL_DEREF(name);
            if (Z_TYPE_P(name) != IS_STRING) return param_error("a parameter name", name);
            if (!add_param(params, Z_STRVAL_P(name), Z_STRLEN_P(name), item)) return false;
        } else if (key != NULL) {
            if (!add_param(params, ZSTR_VAL(key), ZSTR_LEN(key), value)) return false;
        } else {
            /* PHP turns a numeric name such as "1" into an int key. */
            char digits[MAX_LENGTH_OF_LONG + 1];
            int len = snprintf(digits, sizeof digits, ZEND_ULONG_FMT, index);
            if (!add_param(params, digits, (size_t)len, value)) return false;
        }
    } ZEND_HASH_FOREACH_END();
    return true;
}

alipay_notify_params *an_params_from_array(HashTable *array) {
    alipay_notify_params *params = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_params_new(&params, &err);
    if (status != 0) {
        an_throw(status, err);
        return NULL;
    }
    if (!fill_params(params, array)) {
        alipay_notify_params_free(params);
        return NULL;
    }
    return params;
}
