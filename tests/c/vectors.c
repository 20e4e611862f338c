/*
 * Runs every shared vector (every .json file in tests/vectors, schema in tests/vectors/README.md) through
 * the C ABI and asserts the exact outcome, as core/tests/vectors.rs does for the core. The
 * JSON is read with jansson (Debian's libjansson-dev), so this program reads the very files
 * every other layer reads.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>

#include "check.h"

static char why[2048];

/* OpenAPI v3 (issue 11, family A): tests/c/v3.c. */
int run_v3_vector(const json_t *keys, const json_t *v, char *reason, size_t reason_len);

/* Records the reason of a vector's failure; returns 0 so callers can `return fail(...)`. */
static int fail(const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(why, sizeof why, fmt, args);
    va_end(args);
    return 0;
}

static const char *text(const json_t *object, const char *key) {
    return json_string_value(json_object_get(object, key));
}

/* A JSON string as the library takes it. */
#define JSTR(j) json_string_value(j), json_string_length(j)

/* The bytes of a vector's `input` (or `input_hex`), owned by the caller. */
typedef struct {
    char *data;
    size_t len;
} bytes;

static int read_input(const json_t *v, bytes *out) {
    const json_t *input = json_object_get(v, "input");
    const char *hex = text(v, "input_hex");
    if (json_is_string(input)) {
        out->len = json_string_length(input);
        out->data = malloc(out->len + 1);
        memcpy(out->data, json_string_value(input), out->len);
        return 1;
    }
    if (hex == NULL || strlen(hex) % 2 != 0) return fail("no input or input_hex");
    out->len = strlen(hex) / 2;
    out->data = malloc(out->len + 1);
    for (size_t i = 0; i < out->len; i++) {
        unsigned byte;
        if (sscanf(hex + 2 * i, "%2x", &byte) != 1) return fail("bad input_hex");
        out->data[i] = (char)byte;
    }
    return 1;
}

static const json_t *key_text(const json_t *keys, const json_t *id) {
    const json_t *key = json_object_get(keys, json_string_value(id));
    if (!json_is_string(key)) fail("unknown key id %s", json_string_value(id));
    return key;
}

/* Collects a vector's verifier options into `options` (created here) and its diagnosis
 * options into `diagnose` when that is not NULL. Returns the first failing status. */
static int32_t build_options(const json_t *keys, const json_t *v,
                             alipay_notify_verifier_options **options,
                             alipay_notify_diagnose_options **diagnose,
                             alipay_notify_error **err) {
    int32_t st = alipay_notify_verifier_options_new(options, err);
    const json_t *item;
    size_t i;
    json_array_foreach(json_object_get(v, "keys"), i, item) {
        const json_t *key = key_text(keys, item);
        if (st == 0 && key == NULL) return -1;
        if (st == 0) st = alipay_notify_verifier_options_add_public_key(*options, JSTR(key), err);
    }
    const char *name;
    json_t *value;
    json_object_foreach(json_object_get(v, "options"), name, value) {
        if (st != 0) break;
        if (strcmp(name, "sign_types") == 0) {
            json_array_foreach(value, i, item) {
                if (st == 0) st = alipay_notify_verifier_options_add_sign_type(*options, JSTR(item), err);
            }
        } else if (strcmp(name, "rule") == 0) {
            st = alipay_notify_verifier_options_set_rule(*options, JSTR(value), err);
        } else if (strcmp(name, "app_id") == 0) {
            st = alipay_notify_verifier_options_set_app_id(*options, JSTR(value), err);
        } else if (strcmp(name, "seller_ids") == 0) {
            json_array_foreach(value, i, item) {
                if (st == 0) st = alipay_notify_verifier_options_add_seller_id(*options, JSTR(item), err);
            }
        } else if (strcmp(name, "allow_embedded_pairs") == 0) {
            json_array_foreach(value, i, item) {
                if (st == 0) st = alipay_notify_verifier_options_allow_embedded_pairs(*options, JSTR(item), err);
            }
        } else if (strcmp(name, "min_key_bits") == 0) {
            st = alipay_notify_verifier_options_set_min_key_bits(*options, (size_t)json_integer_value(value), err);
        } else if (strcmp(name, "max_size") == 0) {
            st = alipay_notify_verifier_options_set_max_size(*options, (size_t)json_integer_value(value), err);
        } else if (strcmp(name, "md5_key") == 0) {
            st = alipay_notify_verifier_options_set_md5_key(*options, JSTR(value), err);
        } else if (strcmp(name, "default_charset") == 0) {
            st = alipay_notify_verifier_options_set_default_charset(*options, JSTR(value), err);
        } else if (strcmp(name, "check_certificates") == 0) {
            const json_t *root = key_text(keys, json_object_get(value, "root"));
            if (root == NULL) return -1;
            json_int_t at = json_integer_value(json_object_get(value, "at"));
            st = alipay_notify_verifier_options_check_certificates_at(*options, JSTR(root), (int64_t)at, err);
        } else if (diagnose != NULL && strcmp(name, "app_public_keys") == 0) {
            json_array_foreach(value, i, item) {
                const json_t *key = key_text(keys, item);
                if (key == NULL) return -1;
                if (st == 0) st = alipay_notify_diagnose_options_add_app_public_key(*diagnose, JSTR(key), err);
            }
        } else if (diagnose != NULL && strcmp(name, "app_private_key") == 0) {
            const json_t *key = key_text(keys, value);
            if (key == NULL) return -1;
            st = alipay_notify_diagnose_options_set_app_private_key(*diagnose, JSTR(key), err);
        } else if (strcmp(name, "aes_key") == 0 || strcmp(name, "app_private_key") == 0) {
            /* aes.json: decryption keys, by key id. */
            const json_t *key = key_text(keys, value);
            if (key == NULL) return -1;
            st = name[1] == 'e' ? alipay_notify_verifier_options_set_aes_key(*options, JSTR(key), err)
                                : alipay_notify_verifier_options_set_app_private_key(*options, JSTR(key), err);
        } else {
            fail("unknown option %s", name);
            return -1;
        }
    }
    return st;
}

/* The outcome of an invalid vector: the status's name is the expected error, and the error
 * object says the same. */
static int expect_error(const json_t *v, int32_t st, const alipay_notify_error *err) {
    const char *expected = text(v, "error");
    if (st == 0) return fail("expected %s, but it succeeded", expected);
    if (st < 0) return 0; /* the reason is already recorded */
    if (expected == NULL || strcmp(alipay_notify_status_name(st), expected) != 0)
        return fail("expected %s, got %s: %s", expected, alipay_notify_status_name(st),
                    alipay_notify_error_message(err));
    if (!error_matches(st, err)) return fail("the error object does not match status %d", st);
    return 1;
}

static int unexpected_error(int32_t st, const alipay_notify_error *err) {
    if (st < 0) return 0;
    return fail("%s: %s", alipay_notify_status_name(st), alipay_notify_error_message(err));
}

/* The signed parameters, read three ways (JSON, by index, by name), against params_out. */
static int check_params(const alipay_notify_notification *n, const json_t *expected) {
    char *json = NULL;
    if (alipay_notify_notification_to_json(n, &json, NULL) != 0) return fail("to_json failed");
    json_t *actual = json_loads(json, 0, NULL);
    int same = json_equal(actual, expected);
    json_decref(actual);
    if (!same) {
        fail("params_out differs: got %s", json);
        alipay_notify_string_free(json);
        return 0;
    }
    alipay_notify_string_free(json);
    size_t count = 0;
    alipay_notify_notification_param_count(n, &count, NULL);
    if (count != json_object_size(expected)) return fail("param_count %zu", count);
    for (size_t i = 0; i <= count; i++) {
        const char *name, *value, *by_name;
        size_t name_len, value_len, by_name_len;
        if (alipay_notify_notification_param(n, i, &name, &name_len, &value, &value_len, NULL) != 0)
            return fail("param(%zu) failed", i);
        if (i == count) {
            if (name != NULL || value != NULL || name_len != 0) return fail("param past the end");
            break;
        }
        const json_t *want = json_object_get(expected, name);
        if (name == NULL || strlen(name) != name_len || !json_is_string(want) ||
            json_string_length(want) != value_len || memcmp(json_string_value(want), value, value_len) != 0)
            return fail("param %zu (%s) differs", i, name ? name : "NULL");
        if (alipay_notify_notification_get(n, name, name_len, &by_name, &by_name_len, NULL) != 0 ||
            by_name != value || by_name_len != value_len)
            return fail("get(%s) differs from param(%zu)", name, i);
    }
    return 1;
}

static int check_typed(const alipay_notify_notification *n, const json_t *typed) {
    const char *status = text(typed, "trade_status");
    if (status != NULL) {
        const char *actual = NULL;
        size_t len = 0;
        alipay_notify_notification_trade_status(n, &actual, &len, NULL);
        if (actual == NULL || strcmp(actual, status) != 0 || len != strlen(status))
            return fail("trade_status %s != %s", actual ? actual : "NULL", status);
    }
    const json_t *paid = json_object_get(typed, "is_paid");
    if (paid != NULL) {
        bool actual = !json_is_true(paid);
        alipay_notify_notification_is_paid(n, &actual, NULL);
        if (actual != json_is_true(paid)) return fail("is_paid differs");
    }
    const json_t *fen = json_object_get(typed, "total_amount_fen");
    if (fen != NULL) {
        int64_t actual = -1;
        bool present = false;
        alipay_notify_error *err = NULL;
        int32_t st = alipay_notify_notification_order_amount_fen(n, &actual, &present, &err);
        if (st != 0) {
            unexpected_error(st, err);
            alipay_notify_error_free(err);
            return 0;
        }
        if (!present || actual != json_integer_value(fen))
            return fail("total_amount_fen %lld != %lld", (long long)actual, (long long)json_integer_value(fen));
    }
    return 1;
}

static int check_order(const alipay_notify_notification *n, const json_t *order) {
    const char *expected = text(order, "error");
    alipay_notify_error *err = NULL;
    int32_t st = alipay_notify_notification_check_order(n, STR(text(order, "out_trade_no")),
                                                        STR(text(order, "total_amount")), &err);
    int ok = expected == NULL ? st == 0 : strcmp(alipay_notify_status_name(st), expected) == 0 && error_matches(st, err);
    if (!ok) fail("check_order gave %s, expected %s", alipay_notify_status_name(st), expected ? expected : "OK");
    alipay_notify_error_free(err);
    return ok;
}

static int check_valid_notification(const json_t *v, const alipay_notify_notification *n) {
    const char *rule = text(v, "rule");
    const char *actual_rule = NULL;
    alipay_notify_notification_rule(n, &actual_rule, NULL, NULL);
    if (rule != NULL && strcmp(actual_rule, rule) != 0) return fail("rule %s != %s", actual_rule, rule);
    const json_t *index = json_object_get(v, "key_index");
    if (index != NULL) {
        int64_t actual = -2;
        alipay_notify_notification_key_index(n, &actual, NULL);
        if (actual != json_integer_value(index)) return fail("key_index %lld", (long long)actual);
    }
    const json_t *params = json_object_get(v, "params_out");
    if (params != NULL && !check_params(n, params)) return 0;
    const json_t *typed = json_object_get(v, "typed");
    if (typed != NULL && !check_typed(n, typed)) return 0;
    const json_t *order = json_object_get(v, "check_order");
    if (order != NULL && !check_order(n, order)) return 0;
    return 1;
}

static int run_verify(const json_t *keys, const json_t *v, const char *kind) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_notification *n = NULL;
    alipay_notify_params *params = NULL;
    alipay_notify_error *err = NULL;
    bytes input = {NULL, 0};
    int32_t st = build_options(keys, v, &options, NULL, &err);
    if (st == 0) st = alipay_notify_verifier_build(options, &verifier, &err);
    if (st == 0 && strcmp(kind, "params") == 0) {
        st = alipay_notify_params_new(&params, &err);
        const json_t *pair;
        size_t i;
        json_array_foreach(json_object_get(v, "params"), i, pair) {
            if (st == 0)
                st = alipay_notify_params_add(params, JSTR(json_array_get(pair, 0)),
                                              JSTR(json_array_get(pair, 1)), &err);
        }
        if (st == 0) st = alipay_notify_verifier_verify_params(verifier, params, LIT("notify"), &n, &err);
    } else if (st == 0 && !read_input(v, &input)) {
        st = -1;
    } else if (st == 0 && strcmp(kind, "notify") == 0) {
        st = alipay_notify_verifier_verify_notify(verifier, input.data, input.len, &n, &err);
    } else if (st == 0) {
        st = alipay_notify_verifier_verify_return(verifier, input.data, input.len, &n, &err);
    }
    int ok;
    if (strcmp(text(v, "expect"), "valid") == 0) {
        ok = st == 0 ? check_valid_notification(v, n) : unexpected_error(st, err);
    } else {
        ok = expect_error(v, st, err) && (n == NULL || fail("notification written on failure"));
    }
    free(input.data);
    alipay_notify_error_free(err);
    alipay_notify_notification_free(n);
    alipay_notify_params_free(params);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    return ok;
}

/* A 消息服务 vector's `message`: msg_method, biz_content (as JSON), utc_timestamp in ms. */
static int check_message(const alipay_notify_notification *n, const json_t *message) {
    const char *method = NULL, *biz = NULL;
    alipay_notify_notification_msg_method(n, &method, NULL, NULL);
    const char *want = text(message, "msg_method");
    if (want == NULL ? method != NULL : method == NULL || strcmp(method, want) != 0)
        return fail("msg_method %s", method ? method : "(none)");
    alipay_notify_error *err = NULL;
    int32_t st = alipay_notify_notification_biz_content(n, &biz, NULL, &err);
    const json_t *want_biz = json_object_get(message, "biz_content");
    if (want_biz != NULL) {
        json_t *actual = st == 0 && biz != NULL ? json_loads(biz, 0, NULL) : NULL;
        int same = actual != NULL && json_equal(actual, want_biz);
        json_decref(actual);
        if (!same) return fail("biz_content differs");
    } else {
        const char *want_err = text(message, "biz_content_error");
        int as_expected = want_err == NULL
                              ? st == 0
                              : st != 0 && strcmp(alipay_notify_status_name(st), want_err) == 0 &&
                                    error_matches(st, err);
        if (!as_expected) return fail("biz_content status %d", st);
    }
    drop_error(&err);
    int64_t ms = -1;
    bool present = false;
    st = alipay_notify_notification_utc_timestamp_ms(n, &ms, &present, &err);
    const json_t *want_ms = json_object_get(message, "utc_timestamp_ms");
    int ok = want_ms != NULL ? st == 0 && present && ms == json_integer_value(want_ms)
                             : st == ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT && error_matches(st, err);
    drop_error(&err);
    return ok || fail("utc_timestamp_ms %lld (status %d)", (long long)ms, st);
}

/* The legacy families (wap.json): WAP notifications and 消息服务 messages are notify bodies;
 * app results go through alipay_notify_verifier_verify_app_result(). */
static int run_wap_family(const json_t *keys, const json_t *v, const char *kind) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_notification *n = NULL;
    alipay_notify_error *err = NULL;
    bytes input = {NULL, 0};
    int32_t st = build_options(keys, v, &options, NULL, &err);
    if (st == 0) st = alipay_notify_verifier_build(options, &verifier, &err);
    if (st == 0 && !read_input(v, &input)) {
        st = -1;
    } else if (st == 0 && strcmp(kind, "app_result") == 0) {
        st = alipay_notify_verifier_verify_app_result(verifier, input.data, input.len, &n, &err);
    } else if (st == 0) {
        st = alipay_notify_verifier_verify_notify(verifier, input.data, input.len, &n, &err);
    }
    int ok;
    if (strcmp(text(v, "expect"), "valid") == 0) {
        const json_t *message = json_object_get(v, "message");
        ok = st == 0 ? check_valid_notification(v, n) && (message == NULL || check_message(n, message))
                     : unexpected_error(st, err);
    } else {
        ok = expect_error(v, st, err) && (n == NULL || fail("notification written on failure"));
    }
    free(input.data);
    alipay_notify_error_free(err);
    alipay_notify_notification_free(n);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    return ok;
}

static int run_sign(const json_t *keys, const json_t *v) {
    const char *sign_type = text(v, "sign_type") ? text(v, "sign_type") : "RSA2";
    const char *rule = text(v, "rule") ? text(v, "rule") : "v1";
    const char *charset = text(v, "charset");
    const json_t *key = key_text(keys, json_object_get(v, "private_key"));
    if (key == NULL) return 0;
    alipay_notify_signer *signer = NULL;
    alipay_notify_params *params = NULL;
    alipay_notify_error *err = NULL;
    char *sign = NULL;
    int has_charset = 0;
    int32_t st = alipay_notify_signer_new_rsa(JSTR(key), STR(sign_type), STR(rule), &signer, &err);
    if (st == 0) st = alipay_notify_params_new(&params, &err);
    const json_t *pair;
    size_t i;
    json_array_foreach(json_object_get(v, "params"), i, pair) {
        has_charset |= strcmp(json_string_value(json_array_get(pair, 0)), "charset") == 0;
        if (st == 0)
            st = alipay_notify_params_add(params, JSTR(json_array_get(pair, 0)), JSTR(json_array_get(pair, 1)), &err);
    }
    if (st == 0 && charset != NULL && !has_charset)
        st = alipay_notify_params_add(params, LIT("charset"), STR(charset), &err);
    if (st == 0) st = alipay_notify_signer_sign(signer, params, &sign, &err);
    int ok;
    if (strcmp(text(v, "expect"), "invalid") == 0) {
        ok = expect_error(v, st, err);
    } else if (st != 0) {
        ok = unexpected_error(st, err);
    } else {
        ok = strcmp(sign, text(v, "sign")) == 0 || fail("sign differs: %s", sign);
    }
    alipay_notify_string_free(sign);
    alipay_notify_error_free(err);
    alipay_notify_params_free(params);
    alipay_notify_signer_free(signer);
    return ok;
}

/* Compares a diagnosis (JSON from alipay_notify_diagnose) with the vector's expectation. */
static int check_diagnosis(const char *json, const json_t *expected) {
    json_t *diagnosis = json_loads(json, 0, NULL);
    if (diagnosis == NULL) return fail("the diagnosis is not JSON");
    int ok = 1;
    if (json_is_true(json_object_get(diagnosis, "verified")) != json_is_true(json_object_get(expected, "verified")))
        ok = fail("verified differs: %s", json);
    const json_t *findings = json_object_get(diagnosis, "findings");
    const json_t *finding, *code;
    size_t i, j;
    size_t certain = 0;
    json_array_foreach(findings, i, finding) {
        if (!json_is_true(json_object_get(finding, "certain"))) continue;
        certain++;
        int listed = 0;
        json_array_foreach(json_object_get(expected, "causes"), j, code) {
            listed |= json_equal(code, json_object_get(finding, "code"));
        }
        if (!listed) ok = fail("unexpected cause %s", text(finding, "code"));
    }
    if (ok && certain != json_array_size(json_object_get(expected, "causes")))
        ok = fail("causes differ: %s", json);
    json_array_foreach(json_object_get(expected, "hints"), j, code) {
        int found = 0;
        json_array_foreach(findings, i, finding) {
            found |= !json_is_true(json_object_get(finding, "certain")) &&
                     json_equal(code, json_object_get(finding, "code"));
        }
        if (!found) ok = fail("hint %s missing: %s", json_string_value(code), json);
    }
    json_decref(diagnosis);
    return ok;
}

static int run_diagnose(const json_t *keys, const json_t *v) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_diagnose_options *diagnose = NULL;
    alipay_notify_error *err = NULL;
    bytes input = {NULL, 0};
    char *json = NULL;
    int32_t st = alipay_notify_diagnose_options_new(&diagnose, &err);
    if (st == 0) st = build_options(keys, v, &options, &diagnose, &err);
    if (st == 0 && !read_input(v, &input)) st = -1;
    if (st == 0) st = alipay_notify_diagnose(options, input.data, input.len, diagnose, &json, &err);
    int ok = st == 0 ? check_diagnosis(json, json_object_get(v, "diagnosis")) : unexpected_error(st, err);
    alipay_notify_string_free(json);
    free(input.data);
    alipay_notify_error_free(err);
    alipay_notify_diagnose_options_free(diagnose);
    alipay_notify_verifier_options_free(options);
    return ok;
}

/* diagnose_families.json: a v2 response or open-data envelope (diagnose_response), or a v3
 * response from its header pairs and body (diagnose_v3), diagnosed with a built verifier. */
static int run_diagnose_family(const json_t *keys, const json_t *v, const char *kind) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_diagnose_options *diagnose = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_params *headers = NULL;
    alipay_notify_error *err = NULL;
    char *json = NULL;
    const json_t *pair;
    size_t i;
    int32_t st = alipay_notify_diagnose_options_new(&diagnose, &err);
    if (st == 0) st = build_options(keys, v, &options, &diagnose, &err);
    if (st == 0) st = alipay_notify_verifier_build(options, &verifier, &err);
    if (st == 0 && strcmp(kind, "diagnose_v3") == 0) {
        st = alipay_notify_params_new(&headers, &err);
        json_array_foreach(json_object_get(v, "headers"), i, pair) {
            if (st == 0)
                st = alipay_notify_params_add(headers, JSTR(json_array_get(pair, 0)), JSTR(json_array_get(pair, 1)), &err);
        }
        if (st == 0)
            st = alipay_notify_verifier_diagnose_v3(verifier, headers, JSTR(json_object_get(v, "body")), diagnose, &json,
                                                    &err);
    } else if (st == 0) {
        const json_t *method = json_object_get(v, "method");
        st = alipay_notify_verifier_diagnose_response(verifier, JSTR(json_object_get(v, "input")),
                                                      json_string_value(method), json_string_length(method), diagnose,
                                                      &json, &err);
    }
    int ok = st == 0 ? check_diagnosis(json, json_object_get(v, "diagnosis")) : unexpected_error(st, err);
    alipay_notify_string_free(json);
    alipay_notify_error_free(err);
    alipay_notify_params_free(headers);
    alipay_notify_verifier_free(verifier);
    alipay_notify_diagnose_options_free(diagnose);
    alipay_notify_verifier_options_free(options);
    return ok;
}

/* The method and key index of a verified response, against the vector. */
static int check_valid_response_head(const json_t *v, const alipay_notify_response *r) {
    const char *method = NULL;
    size_t method_len = 0;
    int64_t index = -1;
    alipay_notify_response_method(r, &method, &method_len, NULL);
    alipay_notify_response_key_index(r, &index, NULL);
    if (method == NULL || strcmp(method, text(v, "method_out")) != 0 || strlen(method) != method_len)
        return fail("method %s != %s", method ? method : "NULL", text(v, "method_out"));
    if (index != json_integer_value(json_object_get(v, "key_index")))
        return fail("key_index %lld", (long long)index);
    return 1;
}

static int check_valid_response(const json_t *v, const alipay_notify_response *r) {
    const char *content = NULL;
    size_t content_len = 0;
    if (!check_valid_response_head(v, r)) return 0;
    alipay_notify_response_content(r, &content, &content_len, NULL);
    json_t *value = json_loadb(content, content_len, JSON_DECODE_ANY, NULL);
    int same = json_equal(value, json_object_get(v, "response_out"));
    json_decref(value);
    return same || fail("response_out differs: got %s", content);
}

/* Verifies a response vector; `check` judges a verified response against it. */
static int run_response_with(const json_t *keys, const json_t *v,
                             int (*check)(const json_t *, const alipay_notify_response *)) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_response *r = NULL;
    alipay_notify_error *err = NULL;
    const json_t *input = json_object_get(v, "input");
    const json_t *method = json_object_get(v, "method");
    int32_t st = build_options(keys, v, &options, NULL, &err);
    if (st == 0) st = alipay_notify_verifier_build(options, &verifier, &err);
    if (st == 0)
        st = alipay_notify_verifier_verify_response(verifier, JSTR(input), json_string_value(method),
                                                    json_string_length(method), &r, &err);
    int ok;
    if (strcmp(text(v, "expect"), "valid") == 0) {
        ok = st == 0 ? check(v, r) : unexpected_error(st, err);
    } else {
        ok = expect_error(v, st, err) && (r == NULL || fail("response written on failure"));
    }
    alipay_notify_error_free(err);
    alipay_notify_response_free(r);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    return ok;
}

static int run_response(const json_t *keys, const json_t *v) {
    return run_response_with(keys, v, check_valid_response);
}

static int run_cert_sn(const json_t *keys, const json_t *v) {
    const json_t *pem = key_text(keys, json_object_get(v, "cert"));
    if (pem == NULL) return 0;
    alipay_notify_error *err = NULL;
    char *sn = NULL;
    int32_t st = json_is_true(json_object_get(v, "root"))
                     ? alipay_notify_root_cert_sn(JSTR(pem), &sn, &err)
                     : alipay_notify_cert_sn(JSTR(pem), &sn, &err);
    int ok;
    if (strcmp(text(v, "expect"), "invalid") == 0) {
        ok = expect_error(v, st, err) && (sn == NULL || fail("sn written on failure"));
    } else if (st != 0) {
        ok = unexpected_error(st, err);
    } else {
        ok = strcmp(sn, text(v, "sn")) == 0 || fail("sn %s != %s", sn, text(v, "sn"));
    }
    alipay_notify_string_free(sn);
    alipay_notify_error_free(err);
    return ok;
}

/* SM2 (国密) signing: SM2 signatures are randomized, so the one made is verified with the
 * vector's `public_key` (sign type SM2) instead of compared; the verified parameters and rule
 * must be the vector's. */
static int run_sm2_sign(const json_t *keys, const json_t *v) {
    const json_t *key = key_text(keys, json_object_get(v, "private_key"));
    const json_t *public_key = key_text(keys, json_object_get(v, "public_key"));
    if (key == NULL || public_key == NULL) return 0;
    const char *rule = text(v, "rule") ? text(v, "rule") : "v1";
    alipay_notify_signer *signer = NULL;
    alipay_notify_params *params = NULL;
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_notification *n = NULL;
    alipay_notify_error *err = NULL;
    char *sign = NULL;
    int32_t st = alipay_notify_signer_new_sm2(JSTR(key), STR(rule), &signer, &err);
    if (st == 0) st = alipay_notify_params_new(&params, &err);
    const json_t *pair;
    size_t i;
    json_array_foreach(json_object_get(v, "params"), i, pair) {
        if (st == 0)
            st = alipay_notify_params_add(params, JSTR(json_array_get(pair, 0)), JSTR(json_array_get(pair, 1)), &err);
    }
    if (st == 0) st = alipay_notify_signer_sign(signer, params, &sign, &err);
    int ok;
    if (strcmp(text(v, "expect"), "invalid") == 0) {
        ok = expect_error(v, st, err) && (signer == NULL || fail("signer written on failure"));
    } else if (st != 0) {
        ok = unexpected_error(st, err);
    } else {
        st = alipay_notify_params_add(params, LIT("sign"), STR(sign), &err);
        if (st == 0) st = alipay_notify_verifier_options_new(&options, &err);
        if (st == 0) st = alipay_notify_verifier_options_add_public_key(options, JSTR(public_key), &err);
        if (st == 0) st = alipay_notify_verifier_options_add_sign_type(options, LIT("SM2"), &err);
        if (st == 0) st = alipay_notify_verifier_build(options, &verifier, &err);
        if (st == 0) st = alipay_notify_verifier_verify_params(verifier, params, LIT("notify"), &n, &err);
        ok = st == 0 ? check_valid_notification(v, n) : unexpected_error(st, err);
    }
    alipay_notify_string_free(sign);
    alipay_notify_error_free(err);
    alipay_notify_notification_free(n);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    alipay_notify_params_free(params);
    alipay_notify_signer_free(signer);
    return ok;
}

/* ---- aes.json: AES-encrypted content */

/* A JSON text (borrowed from the library) against the expected value. */
static int json_is(const char *text, size_t len, const json_t *expected, const char *what) {
    json_t *value = json_loadb(text, len, JSON_DECODE_ANY, NULL);
    int same = json_equal(value, expected);
    json_decref(value);
    return same || fail("%s differs: got %.*s", what, (int)len, text);
}

static int run_aes_decrypt(const json_t *keys, const json_t *v) {
    const json_t *key = key_text(keys, json_object_get(v, "aes_key"));
    if (key == NULL) return 0;
    alipay_notify_error *err = NULL;
    char *plain = NULL;
    size_t len = 0;
    int32_t st = alipay_notify_decrypt(JSTR(key), JSTR(json_object_get(v, "input")), &plain, &len, &err);
    int ok;
    if (strcmp(text(v, "expect"), "invalid") == 0) {
        ok = expect_error(v, st, err) && (plain == NULL || fail("plaintext written on failure"));
    } else if (st != 0) {
        ok = unexpected_error(st, err);
    } else {
        const json_t *want = json_object_get(v, "plaintext");
        ok = (len == json_string_length(want) && memcmp(plain, json_string_value(want), len) == 0 &&
              plain[len] == '\0') || fail("plaintext differs: %s", plain);
    }
    alipay_notify_string_free(plain);
    alipay_notify_error_free(err);
    return ok;
}

static int check_aes_response(const json_t *v, const alipay_notify_response *r) {
    if (!check_valid_response_head(v, r)) return 0;
    bool decrypted = false;
    const char *content = NULL;
    size_t len = 0;
    alipay_notify_response_is_decrypted(r, &decrypted, NULL);
    if (decrypted != json_is_true(json_object_get(v, "decrypted"))) return fail("decrypted differs");
    if (!decrypted) {
        alipay_notify_response_content(r, &content, &len, NULL);
        return json_is(content, len, json_object_get(v, "response_out"), "response_out");
    }
    alipay_notify_response_decrypted_content(r, &content, &len, NULL);
    if (!json_is(content, len, json_object_get(v, "response_out"), "response_out")) return 0;
    /* The members read by name are the decrypted object's. */
    const char *name;
    const json_t *member;
    json_object_foreach(json_object_get(v, "response_out"), name, member) {
        const char *value = NULL;
        size_t value_len = 0;
        alipay_notify_response_get(r, STR(name), &value, &value_len, NULL);
        if (json_is_string(member) && (value == NULL || strcmp(value, json_string_value(member)) != 0))
            return fail("get(%s) differs", name);
    }
    return 1;
}

static int run_aes_response(const json_t *keys, const json_t *v) {
    return run_response_with(keys, v, check_aes_response);
}

static int check_open_data(const json_t *v, const alipay_notify_open_data *d) {
    const char *content = NULL, *sign_type = NULL;
    size_t len = 0, sign_type_len = 0;
    int64_t index = -1;
    bool encrypted = false;
    alipay_notify_open_data_content(d, &content, &len, NULL);
    alipay_notify_open_data_sign_type(d, &sign_type, &sign_type_len, NULL);
    alipay_notify_open_data_key_index(d, &index, NULL);
    alipay_notify_open_data_is_encrypted(d, &encrypted, NULL);
    if (index != json_integer_value(json_object_get(v, "key_index"))) return fail("key_index %lld", (long long)index);
    if (sign_type == NULL || strcmp(sign_type, text(v, "sign_type")) != 0) return fail("sign_type differs");
    if (encrypted != json_is_true(json_object_get(v, "encrypted"))) return fail("encrypted differs");
    if (!json_is(content, len, json_object_get(v, "data_out"), "data_out")) return 0;
    const json_t *mobile = json_object_get(json_object_get(v, "data_out"), "mobile");
    if (mobile != NULL) {
        const char *value = NULL;
        alipay_notify_open_data_get(d, LIT("mobile"), &value, NULL, NULL);
        if (value == NULL || strcmp(value, json_string_value(mobile)) != 0) return fail("get(mobile) differs");
    }
    return 1;
}

static int run_open_data(const json_t *keys, const json_t *v) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_open_data *d = NULL;
    alipay_notify_error *err = NULL;
    int32_t st = build_options(keys, v, &options, NULL, &err);
    if (st == 0) st = alipay_notify_verifier_build(options, &verifier, &err);
    if (st == 0) st = alipay_notify_verifier_verify_open_data(verifier, JSTR(json_object_get(v, "input")), &d, &err);
    int ok;
    if (strcmp(text(v, "expect"), "valid") == 0) {
        ok = st == 0 ? check_open_data(v, d) : unexpected_error(st, err);
    } else {
        ok = expect_error(v, st, err) && (d == NULL || fail("open data written on failure"));
    }
    alipay_notify_error_free(err);
    alipay_notify_open_data_free(d);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    return ok;
}

static int run_rsa_biz_content(const json_t *keys, const json_t *v) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_notification *n = NULL;
    alipay_notify_error *err = NULL;
    int32_t st = build_options(keys, v, &options, NULL, &err);
    if (st == 0) st = alipay_notify_verifier_build(options, &verifier, &err);
    if (st == 0) st = alipay_notify_verifier_verify_notify(verifier, JSTR(json_object_get(v, "input")), &n, &err);
    int ok;
    if (strcmp(text(v, "expect"), "invalid") == 0) {
        ok = expect_error(v, st, err) && (n == NULL || fail("notification written on failure"));
    } else if (st != 0) {
        ok = unexpected_error(st, err);
    } else {
        const char *plain = NULL;
        size_t len = 0;
        const char *want = text(v, "biz_content_out");
        alipay_notify_notification_decrypted_biz_content(n, &plain, &len, NULL);
        ok = (want == NULL ? plain == NULL && len == 0 : plain != NULL && strcmp(plain, want) == 0 && len == strlen(want))
             || fail("decrypted biz_content differs: %s", plain ? plain : "NULL");
    }
    alipay_notify_error_free(err);
    alipay_notify_notification_free(n);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    return ok;
}

static int run_vector(const json_t *keys, const json_t *v) {
    const char *kind = text(v, "kind");
    why[0] = '\0';
    if (kind == NULL) return fail("no kind");
    if (strcmp(kind, "notify") == 0 || strcmp(kind, "return") == 0 || strcmp(kind, "params") == 0)
        return run_verify(keys, v, kind);
    if (strcmp(kind, "sign") == 0) return run_sign(keys, v);
    if (strcmp(kind, "diagnose") == 0) return run_diagnose(keys, v);
    if (strcmp(kind, "diagnose_response") == 0 || strcmp(kind, "diagnose_v3") == 0)
        return run_diagnose_family(keys, v, kind);
    if (strcmp(kind, "response") == 0) return run_response(keys, v);
    if (strcmp(kind, "cert_sn") == 0) return run_cert_sn(keys, v);
    if (strcmp(kind, "wap_notify") == 0 || strcmp(kind, "message_service") == 0 || strcmp(kind, "app_result") == 0)
        return run_wap_family(keys, v, kind);
    if (strcmp(kind, "sm2_sign") == 0) return run_sm2_sign(keys, v);
    if (strncmp(kind, "v3_", 3) == 0) return run_v3_vector(keys, v, why, sizeof why);
    if (strcmp(kind, "aes_decrypt") == 0) return run_aes_decrypt(keys, v);
    if (strcmp(kind, "aes_response") == 0) return run_aes_response(keys, v);
    if (strcmp(kind, "open_data") == 0) return run_open_data(keys, v);
    if (strcmp(kind, "rsa_biz_content") == 0) return run_rsa_biz_content(keys, v);
    return fail("unknown kind %s", kind);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json files of `dir`, sorted; the caller frees each name and the array. */
static size_t vector_files(const char *dir, char ***names) {
    DIR *d = opendir(dir);
    size_t count = 0;
    *names = NULL;
    if (d == NULL) return 0;
    for (struct dirent *entry; (entry = readdir(d)) != NULL;) {
        size_t len = strlen(entry->d_name);
        if (len < 6 || strcmp(entry->d_name + len - 5, ".json") != 0) continue;
        *names = realloc(*names, (count + 1) * sizeof **names);
        (*names)[count++] = strdup(entry->d_name);
    }
    closedir(d);
    qsort(*names, count, sizeof **names, by_name);
    return count;
}

void run_vectors(const char *dir) {
    char **names;
    size_t files = vector_files(dir, &names);
    int ran = 0;
    for (size_t f = 0; f < files; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        json_error_t error;
        json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &error);
        CHECK(doc != NULL, names[f]);
        const json_t *keys = json_object_get(doc, "keys");
        const json_t *v;
        size_t i;
        json_array_foreach(json_object_get(doc, "vectors"), i, v) {
            char name[512];
            snprintf(name, sizeof name, "%s: %s", names[f], text(v, "id"));
            int ok = run_vector(keys, v);
            record(ok, name, __FILE__, __LINE__, why);
            ran++;
        }
        json_decref(doc);
        free(names[f]);
    }
    free(names);
    CHECK(ran > 0, "vectors found");
    printf("vectors: %d from %zu files\n", ran, files);
}

char *vector_key(const char *dir, const char *file, const char *key_id) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    json_t *doc = json_load_file(path, 0, NULL);
    const char *key = json_string_value(json_object_get(json_object_get(doc, "keys"), key_id));
    char *copy = key ? strdup(key) : NULL;
    json_decref(doc);
    return copy;
}

char *vector_input(const char *dir, const char *file, const char *id) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    json_t *doc = json_load_file(path, 0, NULL);
    const json_t *v;
    size_t i;
    char *copy = NULL;
    json_array_foreach(json_object_get(doc, "vectors"), i, v) {
        if (copy == NULL && strcmp(text(v, "id"), id) == 0 && text(v, "input") != NULL) copy = strdup(text(v, "input"));
    }
    json_decref(doc);
    return copy;
}
