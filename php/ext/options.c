/*
 * PHP option arrays to the library's option and parameter handles. The names are those of
 * the C setters (alipay_notify_verifier_options_*); values are passed through unchanged and
 * the library judges them (an unknown sign type or rule, a bad key: ConfigException from the
 * library's own code and message). Only what the library cannot see is checked here: unknown
 * option names and values of the wrong PHP type, reported as INVALID_CONFIG.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"

typedef int32_t (*text_setter)(alipay_notify_verifier_options *, const char *, size_t, alipay_notify_error **);
typedef int32_t (*size_setter)(alipay_notify_verifier_options *, size_t, alipay_notify_error **);

/* The verifier options: a string (or, when `list`, a string or a list of strings) passed to
 * `text`, or a non-negative int passed to `size`. */
static const struct {
    const char *name;
    text_setter text;
    bool list;
    size_setter size;
} VERIFIER_OPTIONS[] = {
    {"alipay_public_key", alipay_notify_verifier_options_add_public_key, true, NULL},
    {"sign_types", alipay_notify_verifier_options_add_sign_type, true, NULL},
    {"rule", alipay_notify_verifier_options_set_rule, false, NULL},
    {"app_id", alipay_notify_verifier_options_set_app_id, false, NULL},
    {"seller_id", alipay_notify_verifier_options_add_seller_id, true, NULL},
    {"allow_embedded_pairs", alipay_notify_verifier_options_allow_embedded_pairs, true, NULL},
    {"md5_key", alipay_notify_verifier_options_set_md5_key, false, NULL},
    {"default_charset", alipay_notify_verifier_options_set_default_charset, false, NULL},
    {"max_size", NULL, false, alipay_notify_verifier_options_set_max_size},
    {"min_key_bits", NULL, false, alipay_notify_verifier_options_set_min_key_bits},
};

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

static bool an_string_is(const zend_string *s, const char *text) {
    return ZSTR_LEN(s) == strlen(text) && memcmp(ZSTR_VAL(s), text, ZSTR_LEN(s)) == 0;
}

static bool config_error(const char *option, const char *expected, const zval *value) {
    an_throw_message(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "option '%s' must be %s, %s given", option, expected,
                     zend_zval_type_name(value));
    return false;
}

/* Checks that `value` is a string, or (when `list`) an array of strings. */
static bool check_text(const char *option, zval *value, bool list) {
    if (Z_TYPE_P(value) == IS_STRING) return true;
    if (!list) return config_error(option, "a string", value);
    if (Z_TYPE_P(value) != IS_ARRAY) return config_error(option, "a string or a list of strings", value);
    zval *item;
    ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
        ZVAL_DEREF(item);
        if (Z_TYPE_P(item) != IS_STRING) return config_error(option, "a string or a list of strings", item);
    } ZEND_HASH_FOREACH_END();
    return true;
}

static bool check_size(const char *option, zval *value) {
    if (Z_TYPE_P(value) != IS_LONG) return config_error(option, "an int", value);
    if (Z_LVAL_P(value) < 0) {
        an_throw_message(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "option '%s' must not be negative", option);
        return false;
    }
    return true;
}

/* Calls `setter` with the string, or with each string of the list. */
static bool apply_text(alipay_notify_verifier_options *options, text_setter setter, zval *value) {
    alipay_notify_error *err = NULL;
    int32_t status = 0;
    if (Z_TYPE_P(value) == IS_STRING) {
        status = setter(options, Z_STRVAL_P(value), Z_STRLEN_P(value), &err);
    } else {
        zval *item;
        ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
            ZVAL_DEREF(item);
            status = setter(options, Z_STRVAL_P(item), Z_STRLEN_P(item), &err);
            if (status != 0) break;
        } ZEND_HASH_FOREACH_END();
    }
    if (status != 0) an_throw(status, err);
    return status == 0;
}

static bool unknown_option(zend_string *name, const char *known) {
    if (name == NULL) {
        an_throw_message(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "options must be an array with string keys (%s)", known);
    } else {
        zend_string *quoted = quoted_name(ZSTR_VAL(name), ZSTR_LEN(name));
        an_throw_message(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "unknown option %s (known: %s)", ZSTR_VAL(quoted), known);
        zend_string_release(quoted);
    }
    return false;
}

static bool apply_verifier_options(alipay_notify_verifier_options *options, HashTable *array) {
    static const char known[] = "alipay_public_key, sign_types, rule, app_id, seller_id, allow_embedded_pairs, "
                                "md5_key, default_charset, max_size, min_key_bits, alipay_root_cert, check_certificates_at";
    zend_string *name;
    zval *value;
    zval *root = NULL;
    zval *at = NULL;
    ZEND_HASH_FOREACH_STR_KEY_VAL(array, name, value) {
        ZVAL_DEREF(value);
        if (name == NULL) return unknown_option(NULL, known);
        /* null means "not set", as in configuration arrays built with ?? or from files. */
        if (Z_TYPE_P(value) == IS_NULL) continue;
        if (zend_string_equals_literal(name, "alipay_root_cert")) {
            if (!check_text("alipay_root_cert", value, false)) return false;
            root = value;
            continue;
        }
        if (zend_string_equals_literal(name, "check_certificates_at")) {
            if (Z_TYPE_P(value) != IS_LONG) return config_error("check_certificates_at", "an int (unix seconds)", value);
            at = value;
            continue;
        }
        size_t i = 0;
        while (i < sizeof VERIFIER_OPTIONS / sizeof VERIFIER_OPTIONS[0] &&
               !an_string_is(name, VERIFIER_OPTIONS[i].name)) {
            i++;
        }
        if (i == sizeof VERIFIER_OPTIONS / sizeof VERIFIER_OPTIONS[0]) return unknown_option(name, known);
        if (VERIFIER_OPTIONS[i].size != NULL) {
            if (!check_size(VERIFIER_OPTIONS[i].name, value)) return false;
            alipay_notify_error *err = NULL;
            int32_t status = VERIFIER_OPTIONS[i].size(options, (size_t)Z_LVAL_P(value), &err);
            if (status != 0) {
                an_throw(status, err);
                return false;
            }
        } else if (!check_text(VERIFIER_OPTIONS[i].name, value, VERIFIER_OPTIONS[i].list) ||
                   !apply_text(options, VERIFIER_OPTIONS[i].text, value)) {
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    if (at != NULL && root == NULL) {
        an_throw_message(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "option 'check_certificates_at' needs 'alipay_root_cert'");
        return false;
    }
    if (root != NULL) {
        alipay_notify_error *err = NULL;
        int32_t status = at != NULL ? alipay_notify_verifier_options_check_certificates_at(
                                          options, Z_STRVAL_P(root), Z_STRLEN_P(root), (int64_t)Z_LVAL_P(at), &err)
                                    : alipay_notify_verifier_options_check_certificates(
                                          options, Z_STRVAL_P(root), Z_STRLEN_P(root), &err);
        if (status != 0) {
            an_throw(status, err);
            return false;
        }
    }
    return true;
}

alipay_notify_verifier_options *an_verifier_options_from_array(HashTable *array) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_options_new(&options, &err);
    if (status != 0) {
        an_throw(status, err);
        return NULL;
    }
    if (!apply_verifier_options(options, array)) {
        alipay_notify_verifier_options_free(options);
        return NULL;
    }
    return options;
}

static bool apply_diagnose_options(alipay_notify_diagnose_options *options, HashTable *array) {
    static const char known[] = "app_public_key, app_private_key, kind";
    zend_string *name;
    zval *value;
    ZEND_HASH_FOREACH_STR_KEY_VAL(array, name, value) {
        ZVAL_DEREF(value);
        if (name == NULL) return unknown_option(NULL, known);
        if (Z_TYPE_P(value) == IS_NULL) continue;
        alipay_notify_error *err = NULL;
        int32_t status = 0;
        if (zend_string_equals_literal(name, "app_public_key")) {
            if (!check_text("app_public_key", value, true)) return false;
            if (Z_TYPE_P(value) == IS_STRING) {
                status = alipay_notify_diagnose_options_add_app_public_key(options, Z_STRVAL_P(value), Z_STRLEN_P(value), &err);
            } else {
                zval *item;
                ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
                    ZVAL_DEREF(item);
                    status = alipay_notify_diagnose_options_add_app_public_key(options, Z_STRVAL_P(item), Z_STRLEN_P(item), &err);
                    if (status != 0) break;
                } ZEND_HASH_FOREACH_END();
            }
        } else if (zend_string_equals_literal(name, "app_private_key")) {
            if (!check_text("app_private_key", value, false)) return false;
            status = alipay_notify_diagnose_options_set_app_private_key(options, Z_STRVAL_P(value), Z_STRLEN_P(value), &err);
        } else if (zend_string_equals_literal(name, "kind")) {
            if (!check_text("kind", value, false)) return false;
            status = alipay_notify_diagnose_options_set_kind(options, Z_STRVAL_P(value), Z_STRLEN_P(value), &err);
        } else {
            return unknown_option(name, known);
        }
        if (status != 0) {
            an_throw(status, err);
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    return true;
}

alipay_notify_diagnose_options *an_diagnose_options_from_array(HashTable *array) {
    alipay_notify_diagnose_options *options = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_diagnose_options_new(&options, &err);
    if (status != 0) {
        an_throw(status, err);
        return NULL;
    }
    if (!apply_diagnose_options(options, array)) {
        alipay_notify_diagnose_options_free(options);
        return NULL;
    }
    return options;
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
