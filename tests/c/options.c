/*
 * Options by name, as a program applying its configuration file would: the names come from
 * alipay_notify_option_name(), the values go to the setter of their shape, and the library
 * judges both. Then diagnosis with a verifier, and a signer with the library's defaults.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>

#include "check.h"

#define INVALID_CONFIG ALIPAY_NOTIFY_STATUS_INVALID_CONFIG

/* How many options a table lists, and whether `name` is one of them. */
static size_t count_options(const char *table, const char *name, int *found) {
    size_t n = 0;
    const char *option;
    *found = 0;
    while ((option = alipay_notify_option_name(STR(table), n)) != NULL) {
        if (name != NULL && strcmp(option, name) == 0) *found = 1;
        n++;
    }
    return n;
}

static void option_names(void) {
    int found = 0;
    CHECK(count_options("verifier", "check_certificates_at", &found) == 15 && found, "15 verifier options");
    CHECK(count_options("diagnose", "app_public_keys", &found) == 3 && found, "3 diagnosis options");
    CHECK(count_options("signer", "private_key", &found) == 4 && found, "4 signer options");
    CHECK(count_options("verifier", "alipay_root_cert", &found) == 15 && !found, "no old spelling");
    CHECK(alipay_notify_option_name(LIT("verifiers"), 0) == NULL, "another table lists nothing");
    CHECK(alipay_notify_option_name(NULL, 0, 0) == NULL, "a NULL table lists nothing");
}

/* The status of verifying `body` with what `options` hold. */
static int32_t verify_with(const alipay_notify_verifier_options *options, const char *body) {
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_notification *n = NULL;
    int32_t st = alipay_notify_verifier_build(options, &verifier, NULL);
    if (st == 0) st = alipay_notify_verifier_verify_notify(verifier, STR(body), &n, NULL);
    alipay_notify_notification_free(n);
    alipay_notify_verifier_free(verifier);
    return st;
}

static void set_by_name(const char *key, const char *body) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_error *err = NULL;
    alipay_notify_verifier_options_new(&options, NULL);
    const char *keys[] = {key};
    size_t key_lens[] = {strlen(key)};
    CHECK(alipay_notify_verifier_options_set_texts(options, LIT("alipay_public_key"), keys, key_lens, 1, &err) == 0,
          "set_texts alipay_public_key");
    CHECK(alipay_notify_verifier_options_set_text(options, LIT("app_id"), LIT("2021000000000000"), &err) == 0,
          "set_text app_id");
    CHECK(alipay_notify_verifier_options_set_integer(options, LIT("max_size"), 4096, &err) == 0, "set_integer max_size");
    CHECK(verify_with(options, body) == 0, "options set by name verify");

    int32_t st = alipay_notify_verifier_options_set_text(options, LIT("app_key"), LIT("x"), &err);
    CHECK(st == INVALID_CONFIG && error_matches(st, err) && strstr(alipay_notify_error_message(err), "app_id") != NULL,
          "an unknown name is INVALID_CONFIG listing the options");
    drop_error(&err);
    const char *rules[] = {"v1"};
    size_t rule_lens[] = {2};
    st = alipay_notify_verifier_options_set_texts(options, LIT("rule"), rules, rule_lens, 1, &err);
    CHECK(st == INVALID_CONFIG && error_matches(st, err), "a list for a one-value option");
    drop_error(&err);
    st = alipay_notify_verifier_options_set_time(options, LIT("max_size"), 1735689600, &err);
    CHECK(st == INVALID_CONFIG && error_matches(st, err), "a time for a size");
    drop_error(&err);
    CHECK(verify_with(options, body) == 0, "refused values changed nothing");

    CHECK(alipay_notify_verifier_options_set_text(options, LIT("appId"), LIT("2021000000000001"), NULL) == 0,
          "the camelCase spelling");
    CHECK(verify_with(options, body) == ALIPAY_NOTIFY_STATUS_APP_ID_MISMATCH, "app_id set again by name");
    CHECK(alipay_notify_verifier_options_set_integer(options, LIT("max_size"), 16, NULL) == 0, "max_size 16");
    alipay_notify_verifier_options_set_text(options, LIT("app_id"), LIT("2021000000000000"), NULL);
    CHECK(verify_with(options, body) == ALIPAY_NOTIFY_STATUS_INPUT_TOO_LARGE, "max_size set by name applies");
    alipay_notify_verifier_options_free(options);
}

/* check_certificates_at by name, before the roots: the check runs at that time. */
static void certificate_time_by_name(const char *dir) {
    char *cert = vector_key(dir, "responses.json", "alipay_a_cert");
    char *root = vector_key(dir, "responses.json", "test_root");
    CHECK(cert != NULL && root != NULL, "certificate vectors found");
    if (cert != NULL && root != NULL) {
        const int64_t times[] = {1735689600, 4102444800};
        const int32_t expected[] = {0, ALIPAY_NOTIFY_STATUS_CERT_EXPIRED};
        for (int i = 0; i < 2; i++) {
            alipay_notify_verifier_options *options = NULL;
            alipay_notify_verifier *verifier = NULL;
            alipay_notify_verifier_options_new(&options, NULL);
            alipay_notify_verifier_options_set_text(options, LIT("alipay_public_key"), STR(cert), NULL);
            CHECK(alipay_notify_verifier_options_set_time(options, LIT("check_certificates_at"), times[i], NULL) == 0,
                  "set_time check_certificates_at");
            alipay_notify_verifier_options_set_text(options, LIT("check_certificates"), STR(root), NULL);
            CHECK(alipay_notify_verifier_build(options, &verifier, NULL) == expected[i], "the certificates checked then");
            alipay_notify_verifier_free(verifier);
            alipay_notify_verifier_options_free(options);
        }
    }
    free(cert);
    free(root);
}

/* A verifier configured with the app's own key, diagnosed with that key given by name. */
static void diagnose_by_name(const char *dir) {
    char *app = vector_key(dir, "notify.json", "app");
    char *body = vector_input(dir, "notify.json", "notify-basic-rsa2");
    CHECK(app != NULL && body != NULL, "diagnosis vectors found");
    if (app != NULL && body != NULL) {
        alipay_notify_verifier *verifier = NULL;
        alipay_notify_diagnose_options *options = NULL;
        alipay_notify_error *err = NULL;
        char *json = NULL;
        alipay_notify_verifier_new(STR(app), &verifier, NULL);
        alipay_notify_diagnose_options_new(&options, NULL);
        const char *keys[] = {app};
        size_t key_lens[] = {strlen(app)};
        CHECK(alipay_notify_diagnose_options_set_texts(options, LIT("app_public_keys"), keys, key_lens, 1, &err) == 0,
              "diagnose set_texts app_public_keys");
        CHECK(alipay_notify_diagnose_options_set_text(options, LIT("kind"), LIT("notify"), &err) == 0,
              "diagnose set_text kind");
        int32_t st = alipay_notify_diagnose_options_set_integer(options, LIT("kind"), 1, &err);
        CHECK(st == INVALID_CONFIG && error_matches(st, err), "diagnose set_integer: no option takes a number");
        drop_error(&err);
        st = alipay_notify_diagnose_options_set_time(options, LIT("kind"), 1, &err);
        CHECK(st == INVALID_CONFIG && error_matches(st, err), "diagnose set_time: no option takes a time");
        drop_error(&err);
        st = alipay_notify_verifier_diagnose(verifier, STR(body), options, &json, &err);
        CHECK(st == 0 && strstr(json, "\"verified\":false") != NULL && strstr(json, "APP_PUBLIC_KEY_CONFIGURED") != NULL,
              "verifier_diagnose finds the app key configured as Alipay's");
        alipay_notify_string_free(json);
        json = NULL;
        CHECK(alipay_notify_verifier_diagnose(verifier, STR(body), NULL, &json, NULL) == 0 && json != NULL,
              "verifier_diagnose without options");
        alipay_notify_string_free(json);
        alipay_notify_diagnose_options_free(options);
        alipay_notify_verifier_free(verifier);
    }
    free(app);
    free(body);
}

/* NULL sign type and rule: the library's defaults, RSA2 and v1. */
static void signer_defaults(const char *private_key) {
    alipay_notify_signer *by_default = NULL, *explicit = NULL;
    alipay_notify_params *params = NULL;
    char *a = NULL, *b = NULL;
    CHECK(alipay_notify_signer_new_rsa(STR(private_key), NULL, 0, NULL, 0, &by_default, NULL) == 0, "signer with defaults");
    alipay_notify_signer_new_rsa(STR(private_key), LIT("RSA2"), LIT("v1"), &explicit, NULL);
    alipay_notify_params_new(&params, NULL);
    alipay_notify_params_add(params, LIT("out_trade_no"), LIT("T1"), NULL);
    alipay_notify_signer_signed_form(by_default, params, &a, NULL);
    alipay_notify_signer_signed_form(explicit, params, &b, NULL);
    CHECK(a != NULL && b != NULL && strcmp(a, b) == 0 && strstr(a, "sign_type=RSA2") != NULL,
          "the defaults are RSA2 and v1");
    alipay_notify_string_free(a);
    alipay_notify_string_free(b);
    alipay_notify_params_free(params);
    alipay_notify_signer_free(by_default);
    alipay_notify_signer_free(explicit);
}

void run_option_tests(const char *dir) {
    char *private_key = vector_key(dir, "sign.json", "alipay_a_pkcs8_pem");
    char *public_key = vector_key(dir, "sign.json", "alipay_a_public_pem");
    CHECK(private_key != NULL && public_key != NULL, "option test keys found");
    option_names();
    if (private_key != NULL && public_key != NULL) {
        alipay_notify_signer *signer = NULL;
        alipay_notify_params *params = NULL;
        char *body = NULL;
        alipay_notify_signer_new_rsa(STR(private_key), NULL, 0, NULL, 0, &signer, NULL);
        alipay_notify_params_new(&params, NULL);
        alipay_notify_params_add(params, LIT("app_id"), LIT("2021000000000000"), NULL);
        alipay_notify_params_add(params, LIT("out_trade_no"), LIT("T1001"), NULL);
        alipay_notify_signer_signed_form(signer, params, &body, NULL);
        CHECK(body != NULL, "a body to verify");
        if (body != NULL) set_by_name(public_key, body);
        alipay_notify_string_free(body);
        alipay_notify_params_free(params);
        alipay_notify_signer_free(signer);
        signer_defaults(private_key);
    }
    certificate_time_by_name(dir);
    diagnose_by_name(dir);
    free(private_key);
    free(public_key);
}
