/*
 * OpenAPI v3 through the C ABI (issue 11, family A): the v3.json vectors (run_v3_vector, called
 * by vectors.c for the v3_* kinds), and the API used as a merchant would (run_v3_tests): verify
 * a response from its headers, read it, sign a request.
 */
#define _POSIX_C_SOURCE 200809L

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>

#include "check.h"

int run_v3_vector(const json_t *keys, const json_t *v, char *why, size_t why_len);

/* A JSON string as the library takes it. */
#define JSTR(j) json_string_value(j), json_string_length(j)

static int v3_fail(char *why, size_t why_len, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(why, why_len, fmt, args);
    va_end(args);
    return 0;
}

/* The verifier of a v3 vector: its keys and the options v3 vectors use. */
static int32_t v3_verifier(const json_t *keys, const json_t *v, alipay_notify_verifier **verifier,
                           alipay_notify_error **err) {
    alipay_notify_verifier_options *options = NULL;
    int32_t st = alipay_notify_verifier_options_new(&options, err);
    const json_t *item, *opts = json_object_get(v, "options");
    size_t i;
    json_array_foreach(json_object_get(v, "keys"), i, item) {
        const json_t *key = json_object_get(keys, json_string_value(item));
        if (st == 0) st = alipay_notify_verifier_options_add_public_key(options, JSTR(key), err);
    }
    json_array_foreach(json_object_get(opts, "sign_types"), i, item) {
        if (st == 0) st = alipay_notify_verifier_options_add_sign_type(options, JSTR(item), err);
    }
    const json_t *size = json_object_get(opts, "max_size");
    if (st == 0 && size != NULL)
        st = alipay_notify_verifier_options_set_max_size(options, (size_t)json_integer_value(size), err);
    const json_t *age = json_object_get(opts, "max_response_age");
    if (st == 0 && age != NULL)
        st = alipay_notify_verifier_options_set_max_response_age(options, (uint64_t)json_integer_value(age), err);
    if (st == 0) st = alipay_notify_verifier_build(options, verifier, err);
    alipay_notify_verifier_options_free(options);
    return st;
}

static int v3_response(const json_t *keys, const json_t *v, char *why, size_t why_len) {
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_params *headers = NULL;
    alipay_notify_v3_response *r = NULL;
    alipay_notify_error *err = NULL;
    const json_t *body = json_object_get(v, "body"), *now = json_object_get(v, "now"), *pair;
    size_t i;
    int32_t st = v3_verifier(keys, v, &verifier, &err);
    if (st == 0) st = alipay_notify_params_new(&headers, &err);
    json_array_foreach(json_object_get(v, "headers"), i, pair) {
        if (st == 0)
            st = alipay_notify_params_add(headers, JSTR(json_array_get(pair, 0)), JSTR(json_array_get(pair, 1)), &err);
    }
    if (st == 0 && now != NULL)
        st = alipay_notify_verifier_verify_v3_at(verifier, headers, JSTR(body), (int64_t)json_integer_value(now), &r,
                                                 &err);
    else if (st == 0)
        st = alipay_notify_verifier_verify_v3(verifier, headers, JSTR(body), &r, &err);
    const char *expected = json_string_value(json_object_get(v, "error"));
    int ok;
    if (expected != NULL) {
        ok = st != 0 && strcmp(alipay_notify_status_name(st), expected) == 0 && error_matches(st, err) && r == NULL;
        if (!ok) v3_fail(why, why_len, "expected %s, got %s", expected, alipay_notify_status_name(st));
    } else if (st != 0) {
        ok = v3_fail(why, why_len, "%s: %s", alipay_notify_status_name(st), alipay_notify_error_message(err));
    } else {
        const char *out = NULL;
        size_t len = 0;
        int64_t index = -1;
        const json_t *want = json_object_get(v, "body_out");
        alipay_notify_v3_response_body(r, &out, &len, NULL);
        alipay_notify_v3_response_key_index(r, &index, NULL);
        ok = len == json_string_length(want) && memcmp(out, json_string_value(want), len) == 0 && out[len] == '\0';
        if (!ok) v3_fail(why, why_len, "body_out differs");
        if (ok && index != json_integer_value(json_object_get(v, "key_index")))
            ok = v3_fail(why, why_len, "key_index %lld", (long long)index);
    }
    alipay_notify_error_free(err);
    alipay_notify_v3_response_free(r);
    alipay_notify_params_free(headers);
    alipay_notify_verifier_free(verifier);
    return ok;
}

static int v3_request(const json_t *keys, const json_t *v, char *why, size_t why_len) {
    const json_t *key = json_object_get(keys, json_string_value(json_object_get(v, "private_key")));
    const json_t *sn = json_object_get(v, "app_cert_sn"), *token = json_object_get(v, "app_auth_token");
    alipay_notify_v3_signer *signer = NULL;
    alipay_notify_error *err = NULL;
    char *authorization = NULL;
    int32_t st = alipay_notify_v3_signer_new(JSTR(key), JSTR(json_object_get(v, "app_id")), JSTR(sn), &signer, &err);
    if (st == 0)
        st = alipay_notify_v3_signer_authorization_at(
            signer, JSTR(json_object_get(v, "method")), JSTR(json_object_get(v, "uri")), JSTR(json_object_get(v, "body")),
            JSTR(token), JSTR(json_object_get(v, "nonce")), (int64_t)json_integer_value(json_object_get(v, "timestamp")),
            &authorization, &err);
    const char *expected = json_string_value(json_object_get(v, "error"));
    int ok;
    if (expected != NULL) {
        ok = st != 0 && strcmp(alipay_notify_status_name(st), expected) == 0 && error_matches(st, err) &&
             authorization == NULL;
        if (!ok) v3_fail(why, why_len, "expected %s, got %s", expected, alipay_notify_status_name(st));
    } else if (st != 0) {
        ok = v3_fail(why, why_len, "%s: %s", alipay_notify_status_name(st), alipay_notify_error_message(err));
    } else {
        const char *want = json_string_value(json_object_get(v, "authorization"));
        ok = strcmp(authorization, want) == 0 || v3_fail(why, why_len, "authorization differs: %s", authorization);
    }
    alipay_notify_string_free(authorization);
    alipay_notify_error_free(err);
    alipay_notify_v3_signer_free(signer);
    return ok;
}

int run_v3_vector(const json_t *keys, const json_t *v, char *why, size_t why_len) {
    const char *kind = json_string_value(json_object_get(v, "kind"));
    if (strcmp(kind, "v3_response") == 0) return v3_response(keys, v, why, why_len);
    if (strcmp(kind, "v3_request") == 0) return v3_request(keys, v, why, why_len);
    return v3_fail(why, why_len, "unknown kind %s", kind);
}

static const char BODY[] = "{\"trade_no\":\"2024\",\"subject\":\"测试\"}";

void run_v3_tests(const char *dir) {
    char *public_key = vector_key(dir, "v3.json", "alipay_b");
    char *app_key = vector_key(dir, "v3.json", "app_private");
    char *cert_a = vector_key(dir, "v3.json", "alipay_a_cert");
    CHECK(public_key != NULL && app_key != NULL && cert_a != NULL, "v3 keys from v3.json");

    /* A v3 request signed, then its signature checked as a v3 response would be: the same
     * SHA256withRSA over other lines. */
    alipay_notify_v3_signer *signer = NULL;
    alipay_notify_error *err = NULL;
    int32_t st = alipay_notify_v3_signer_new(STR(app_key), LIT("2014060600164699"), NULL, 0, &signer, &err);
    CHECK(st == 0 && signer != NULL, "v3 signer from a PKCS#8 PEM key");
    char *first = NULL, *second = NULL;
    st = alipay_notify_v3_signer_authorization(signer, LIT("post"), LIT("/v3/alipay/trade/query"), LIT(BODY), NULL, 0,
                                               &first, NULL);
    static const char start[] = "ALIPAY-SHA256withRSA app_id=2014060600164699,nonce=";
    CHECK(st == 0 && strncmp(first, start, sizeof start - 1) == 0,
          "the Authorization header starts with the scheme and app_id");
    st = alipay_notify_v3_signer_authorization(signer, LIT("POST"), LIT("/v3/alipay/trade/query"), LIT(BODY), NULL, 0,
                                               &second, NULL);
    CHECK(st == 0 && strcmp(first, second) != 0, "each authorization gets its own nonce");
    alipay_notify_string_free(first);
    alipay_notify_string_free(second);
    char *out = (char *)"untouched";
    st = alipay_notify_v3_signer_authorization(signer, LIT("GET"), LIT("https://openapi.alipay.com/v3/x"), LIT(""),
                                               NULL, 0, &out, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_INVALID_CONFIG && error_matches(st, err) && strcmp(out, "untouched") == 0,
          "a whole URL is refused and the output left alone");
    drop_error(&err);
    alipay_notify_v3_signer_free(signer);

    /* Headers as a framework lists them: any case, other headers among them; twice is refused. */
    alipay_notify_verifier *verifier = NULL;
    CHECK(alipay_notify_verifier_new(STR(public_key), &verifier, NULL) == 0, "a verifier for alipay_b");
    alipay_notify_params *headers = NULL;
    alipay_notify_params_new(&headers, NULL);
    alipay_notify_params_add(headers, LIT("Content-Type"), LIT("application/json"), NULL);
    alipay_notify_params_add(headers, LIT("Alipay-Timestamp"), LIT("1717756911576"), NULL);
    alipay_notify_params_add(headers, LIT("ALIPAY-NONCE"), LIT("n"), NULL);
    alipay_notify_v3_response *r = NULL;
    st = alipay_notify_verifier_verify_v3(verifier, headers, LIT(BODY), &r, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_UNSIGNED_RESPONSE && error_matches(st, err) && r == NULL,
          "no alipay-signature: UNSIGNED_RESPONSE");
    CHECK(alipay_notify_status_group(st) != NULL && strcmp(alipay_notify_status_group(st), "signature") == 0,
          "UNSIGNED_RESPONSE is a signature failure");
    drop_error(&err);
    alipay_notify_params_add(headers, LIT("alipay-signature"), LIT("AAAA"), NULL);
    alipay_notify_params_add(headers, LIT("Alipay-Signature"), LIT("AAAA"), NULL);
    st = alipay_notify_verifier_verify_v3(verifier, headers, LIT(BODY), &r, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_DUPLICATE_PARAMETER && error_matches(st, err), "alipay-signature twice");
    drop_error(&err);
    CHECK(alipay_notify_status_group(ALIPAY_NOTIFY_STATUS_STALE_RESPONSE) != NULL &&
              strcmp(alipay_notify_status_group(ALIPAY_NOTIFY_STATUS_STALE_RESPONSE), "signature") == 0 &&
              strcmp(alipay_notify_status_name(115), "STALE_RESPONSE") == 0,
          "STALE_RESPONSE is 115, a signature failure");
    alipay_notify_params_free(headers);
    alipay_notify_verifier_free(verifier);

    /* A genuine response of v3.json (certificate mode, the second certificate's alipay-sn),
     * read through every accessor. */
    char path[4096];
    snprintf(path, sizeof path, "%s/v3.json", dir);
    json_t *doc = json_load_file(path, 0, NULL);
    const json_t *v = NULL, *item;
    size_t i;
    json_array_foreach(json_object_get(doc, "vectors"), i, item) {
        if (strcmp(json_string_value(json_object_get(item, "id")), "v3-response-cert-sn") == 0) v = item;
    }
    CHECK(v != NULL, "the vector v3-response-cert-sn");
    if (v != NULL) {
        alipay_notify_verifier *both = NULL;
        st = v3_verifier(json_object_get(doc, "keys"), v, &both, NULL);
        alipay_notify_params_new(&headers, NULL);
        json_array_foreach(json_object_get(v, "headers"), i, item) {
            alipay_notify_params_add(headers, JSTR(json_array_get(item, 0)), JSTR(json_array_get(item, 1)), NULL);
        }
        st = alipay_notify_verifier_verify_v3(both, headers, JSTR(json_object_get(v, "body")), &r, &err);
        CHECK(st == 0, "a genuine v3 response");
        const char *text = NULL;
        size_t len = 99;
        int64_t index = -1;
        alipay_notify_v3_response_timestamp(r, &text, &len, NULL);
        CHECK(text != NULL && strcmp(text, "1717756911576") == 0 && len == 13, "its timestamp");
        alipay_notify_v3_response_nonce(r, &text, &len, NULL);
        CHECK(text != NULL && len == strlen(text) && len == 36, "its nonce");
        alipay_notify_v3_response_cert_sn(r, &text, &len, NULL);
        CHECK(text != NULL && len == 32, "its alipay-sn");
        alipay_notify_v3_response_key_fingerprint(r, &text, &len, NULL);
        CHECK(text != NULL && len == strlen(text) && len > 0, "the fingerprint of the key that verified");
        alipay_notify_v3_response_key_index(r, &index, NULL);
        CHECK(index == 1, "the second certificate verified");
        alipay_notify_v3_response_body(r, &text, NULL, NULL);
        CHECK(text != NULL && strcmp(text, json_string_value(json_object_get(v, "body"))) == 0,
              "the body, NUL-terminated, without asking its length");
        drop_error(&err);
        alipay_notify_v3_response_free(r);
        r = NULL;
        /* A byte of the body changed. */
        char *changed = strdup(json_string_value(json_object_get(v, "body")));
        changed[2] ^= 1;
        st = alipay_notify_verifier_verify_v3(both, headers, STR(changed), &r, &err);
        CHECK(st == ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE && error_matches(st, err) && r == NULL,
              "a changed body byte is INVALID_SIGNATURE");
        drop_error(&err);
        free(changed);
        alipay_notify_params_free(headers);
        alipay_notify_verifier_free(both);
    }
    json_decref(doc);

    /* Certificate mode: the SN of alipay_a's certificate, a response naming another one. */
    char *sn = NULL;
    CHECK(alipay_notify_cert_sn(STR(cert_a), &sn, NULL) == 0, "cert_sn of alipay_a");
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier_options_new(&options, NULL);
    alipay_notify_verifier_options_add_public_key(options, STR(cert_a), NULL);
    CHECK(alipay_notify_verifier_options_set_max_response_age(options, 0, NULL) == 0, "max_response_age is set");
    st = alipay_notify_verifier_build(options, &verifier, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_INVALID_CONFIG && error_matches(st, err), "max_response_age 0 is refused");
    drop_error(&err);
    alipay_notify_verifier_options_set_max_response_age(options, 300, NULL);
    CHECK(alipay_notify_verifier_build(options, &verifier, NULL) == 0, "a verifier with max_response_age 300");
    alipay_notify_params_new(&headers, NULL);
    alipay_notify_params_add(headers, LIT("alipay-timestamp"), LIT("1717756911576"), NULL);
    alipay_notify_params_add(headers, LIT("alipay-nonce"), LIT("n"), NULL);
    alipay_notify_params_add(headers, LIT("alipay-signature"), LIT("AAAA"), NULL);
    alipay_notify_params_add(headers, LIT("alipay-sn"), LIT("0123456789abcdef0123456789abcdef"), NULL);
    st = alipay_notify_verifier_verify_v3(verifier, headers, LIT(BODY), &r, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_UNKNOWN_CERT_SN && error_matches(st, err), "an unknown alipay-sn");
    drop_error(&err);
    alipay_notify_params_free(headers);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    alipay_notify_string_free(sn);
    free(public_key);
    free(app_key);
    free(cert_a);
}
