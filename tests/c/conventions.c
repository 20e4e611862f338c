/*
 * The API conventions, from C: NULL parameters, error objects, outputs written only on
 * success, status names, NULL-safe frees, pointer + length inputs.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>

#include "check.h"

#define NULL_PARAMETER ALIPAY_NOTIFY_STATUS_NULL_PARAMETER

static void status_names(void) {
    CHECK(strcmp(alipay_notify_status_name(ALIPAY_NOTIFY_STATUS_OK), "OK") == 0, "status 0 is OK");
    CHECK(strcmp(alipay_notify_status_name(107), "INVALID_SIGNATURE") == 0, "status 107");
    CHECK(strcmp(alipay_notify_status_name(ALIPAY_NOTIFY_STATUS_AMBIGUOUS_SIGNED_CONTENT), "AMBIGUOUS_SIGNED_CONTENT") == 0,
          "status 113");
    CHECK(strcmp(alipay_notify_status_name(ALIPAY_NOTIFY_STATUS_NULL_PARAMETER), "NULL_PARAMETER") == 0,
          "status 902");
    CHECK(strcmp(alipay_notify_status_name(ALIPAY_NOTIFY_STATUS_PANIC), "PANIC") == 0, "status 901");
    CHECK(strcmp(alipay_notify_status_name(-1), "UNKNOWN") == 0, "unknown status");
    CHECK(strcmp(alipay_notify_status_name(12345), "UNKNOWN") == 0, "unknown status 12345");
    CHECK(strcmp(alipay_notify_version(), "alipay_notify/" ALIPAY_NOTIFY_VERSION) == 0,
          "version string matches the header");
}

/* Every code the header lists has one of the six groups; a code the library does not know
 * takes its hundred's group, and anything else is "unknown". */
static void status_groups(void) {
    static const struct {
        int32_t status;
        const char *group;
    } GROUPS[] = {
        {ALIPAY_NOTIFY_STATUS_MISSING_SIGNATURE, "signature"},
        {ALIPAY_NOTIFY_STATUS_SIGN_TYPE_NOT_ALLOWED, "signature"},
        {ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE, "signature"},
        {ALIPAY_NOTIFY_STATUS_UNSIGNED_RESPONSE, "signature"},
        {ALIPAY_NOTIFY_STATUS_AMBIGUOUS_SIGNED_CONTENT, "signature"},
        {ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT, "malformed_input"},
        {ALIPAY_NOTIFY_STATUS_UNSUPPORTED_CHARSET, "malformed_input"},
        {ALIPAY_NOTIFY_STATUS_INVALID_AMOUNT, "malformed_input"},
        {ALIPAY_NOTIFY_STATUS_AMOUNT_MISMATCH, "business_mismatch"},
        {ALIPAY_NOTIFY_STATUS_METHOD_MISMATCH, "business_mismatch"},
        {ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_REJECTED, "notify_verify"},
        {ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_UNEXPECTED, "notify_verify"},
        {ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_INVALID, "notify_verify"},
        {ALIPAY_NOTIFY_STATUS_INVALID_KEY, "configuration"},
        {ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "configuration"},
        {ALIPAY_NOTIFY_STATUS_CERT_UNTRUSTED, "configuration"},
        {ALIPAY_NOTIFY_STATUS_INTERNAL, "library"},
        {ALIPAY_NOTIFY_STATUS_NULL_PARAMETER, "library"},
        {199, "malformed_input"},
        {299, "business_mismatch"},
        {399, "configuration"},
        {999, "library"},
        {ALIPAY_NOTIFY_STATUS_OK, "unknown"},
        {42, "unknown"},
        {-107, "unknown"},
        {INT32_MAX, "unknown"},
    };
    for (size_t i = 0; i < sizeof GROUPS / sizeof GROUPS[0]; i++) {
        const char *group = alipay_notify_status_group(GROUPS[i].status);
        CHECK(group != NULL && strcmp(group, GROUPS[i].group) == 0, "status group");
        if (group == NULL || strcmp(group, GROUPS[i].group) != 0) {
            printf("  status %d: got %s, expected %s\n", (int)GROUPS[i].status, group ? group : "NULL", GROUPS[i].group);
        }
    }
    /* Every named code has a known group. */
    int named = 0, grouped = 0;
    for (int32_t code = 1; code < 1000; code++) {
        if (strcmp(alipay_notify_status_name(code), "UNKNOWN") == 0) continue;
        named++;
        grouped += strcmp(alipay_notify_status_group(code), "unknown") != 0;
    }
    CHECK(named >= 29 && grouped == named, "every named code has a group");
}

static void null_parameters(const char *key) {
    alipay_notify_error *err = NULL;
    alipay_notify_verifier *verifier = (alipay_notify_verifier *)&err; /* a sentinel */
    alipay_notify_verifier *const sentinel = verifier;

    int32_t st = alipay_notify_verifier_new(NULL, 10, &verifier, &err);
    CHECK(st == NULL_PARAMETER, "NULL input gives NULL_PARAMETER");
    CHECK(error_matches(st, err), "the error object matches the status");
    CHECK(err != NULL && strstr(alipay_notify_error_message(err), "alipay_notify_verifier_new: alipay_public_key is NULL") != NULL,
          "the message names the function and the parameter");
    CHECK(verifier == sentinel, "the output is untouched on failure");
    drop_error(&err);

    st = alipay_notify_verifier_new(STR(key), NULL, &err);
    CHECK(st == NULL_PARAMETER && error_matches(st, err), "NULL output gives NULL_PARAMETER");
    drop_error(&err);

    st = alipay_notify_verifier_new(NULL, 0, NULL, NULL);
    CHECK(st == NULL_PARAMETER, "err_out may be NULL: the status alone");

    CHECK(alipay_notify_error_code(NULL) == NULL_PARAMETER, "error_code(NULL)");
    CHECK(strcmp(alipay_notify_error_name(NULL), "NULL_PARAMETER") == 0, "error_name(NULL)");
    CHECK(alipay_notify_error_message(NULL) != NULL, "error_message(NULL) is a string");

    alipay_notify_error_free(NULL);
    alipay_notify_string_free(NULL);
    alipay_notify_verifier_options_free(NULL);
    alipay_notify_verifier_free(NULL);
    alipay_notify_notification_free(NULL);
    alipay_notify_response_free(NULL);
    alipay_notify_params_free(NULL);
    alipay_notify_signer_free(NULL);
    alipay_notify_diagnose_options_free(NULL);
    CHECK(1, "every _free accepts NULL");
}

/* A failing setter or build reports the expected status and leaves outputs alone. */
static void expect_status(int32_t st, alipay_notify_error **err, int32_t expected, const char *name) {
    CHECK(st == expected && error_matches(st, *err), name);
    if (st != expected) printf("  got %s: %s\n", alipay_notify_status_name(st), alipay_notify_error_message(*err));
    drop_error(err);
}

static void configuration_errors(const char *key) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_error *err = NULL;
    alipay_notify_verifier_options_new(&options, &err);

    expect_status(alipay_notify_verifier_options_add_sign_type(options, LIT("SHA512"), &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "unknown sign type");
    expect_status(alipay_notify_verifier_options_set_rule(options, LIT("v3"), &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "unknown rule");
    expect_status(alipay_notify_verifier_options_set_default_charset(options, LIT("latin1"), &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "unknown default charset: an option error, not the sender's");
    expect_status(alipay_notify_verifier_options_add_public_key(options, LIT("\xff\xfe"), &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_KEY, "a key that is not UTF-8");
    expect_status(alipay_notify_verifier_build(options, &verifier, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "no key configured");
    CHECK(verifier == NULL, "no verifier on failure");

    alipay_notify_verifier_options_add_public_key(options, LIT("not a key"), &err);
    expect_status(alipay_notify_verifier_build(options, &verifier, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_KEY, "a bad key fails the build");
    alipay_notify_verifier_options_free(options);

    /* Options are only read by the build: reused, then freed before the verifier is used. */
    alipay_notify_verifier_options_new(&options, NULL);
    alipay_notify_verifier_options_add_public_key(options, STR(key), NULL);
    alipay_notify_verifier_options_set_max_size(options, 0, NULL);
    expect_status(alipay_notify_verifier_build(options, &verifier, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "max_size 0");
    alipay_notify_verifier_options_set_max_size(options, 32, NULL);
    alipay_notify_verifier_options_set_min_key_bits(options, 512, NULL);
    expect_status(alipay_notify_verifier_build(options, &verifier, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "min_key_bits 512");
    alipay_notify_verifier_options_set_min_key_bits(options, 4096, NULL);
    expect_status(alipay_notify_verifier_build(options, &verifier, &err), &err,
                  ALIPAY_NOTIFY_STATUS_WEAK_KEY, "a 2048-bit key under min_key_bits 4096");
    alipay_notify_verifier_options_set_min_key_bits(options, 2048, NULL);
    CHECK(alipay_notify_verifier_build(options, &verifier, &err) == 0, "options reused after failures");
    alipay_notify_verifier_options_free(options);

    alipay_notify_notification *n = NULL;
    expect_status(alipay_notify_verifier_verify_notify(verifier, LIT("a=1&sign=x&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11"), &n, &err),
                  &err, ALIPAY_NOTIFY_STATUS_INPUT_TOO_LARGE, "max_size applies after the options are freed");
    expect_status(alipay_notify_verifier_verify_notify(verifier, LIT(""), &n, &err), &err,
                  ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT, "an empty body");
    expect_status(alipay_notify_verifier_verify_notify(verifier, LIT("a=%zz&sign=x"), &n, &err), &err,
                  ALIPAY_NOTIFY_STATUS_MALFORMED_PERCENT_ENCODING, "bad percent-encoding");
    expect_status(alipay_notify_verifier_verify_notify(verifier, LIT("a=1&a=2&sign=x"), &n, &err), &err,
                  ALIPAY_NOTIFY_STATUS_DUPLICATE_PARAMETER, "a duplicate parameter");
    expect_status(alipay_notify_verifier_verify_notify(verifier, LIT("a=1"), &n, &err), &err,
                  ALIPAY_NOTIFY_STATUS_MISSING_SIGNATURE, "no sign");
    expect_status(alipay_notify_verifier_verify_notify(verifier, LIT("a=1&sign=AAAA"), &n, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE, "a bad signature");
    expect_status(alipay_notify_verifier_verify_notify(verifier, LIT("a=1&sign_type=MD5&sign=AAAA"), &n, &err), &err,
                  ALIPAY_NOTIFY_STATUS_SIGN_TYPE_NOT_ALLOWED, "a sign type outside the allowlist");
    CHECK(n == NULL, "no notification is ever written on failure");

    alipay_notify_params *params = NULL;
    alipay_notify_params_new(&params, NULL);
    expect_status(alipay_notify_params_add(params, LIT("\xff"), LIT("v"), &err), &err,
                  ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT, "a parameter name that is not UTF-8");
    alipay_notify_params_add(params, LIT("sign"), LIT("AAAA"), NULL);
    expect_status(alipay_notify_verifier_verify_params(verifier, params, LIT("bogus"), &n, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "an unknown message kind");
    alipay_notify_params_free(params);
    alipay_notify_verifier_free(verifier);
}

static void signer_errors(void) {
    alipay_notify_signer *signer = NULL;
    alipay_notify_error *err = NULL;
    expect_status(alipay_notify_signer_new_rsa(LIT("not a key"), LIT("RSA2"), LIT("v1"), &signer, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_KEY, "a bad private key");
    expect_status(alipay_notify_signer_new_rsa(LIT("k"), LIT("MD5"), LIT("v1"), &signer, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "RSA signer asked for MD5");
    expect_status(alipay_notify_signer_new_md5(LIT(""), &signer, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "an empty MD5 key");
    expect_status(alipay_notify_signer_new_sm2(LIT("not a key"), NULL, 0, &signer, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_KEY, "a bad SM2 private key");
    expect_status(alipay_notify_signer_new_sm2(LIT("k"), LIT("v3"), &signer, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "SM2 signer with an unknown rule");
    CHECK(signer == NULL, "no signer on failure");
    char *sn = NULL;
    expect_status(alipay_notify_cert_sn(LIT("-----BEGIN PUBLIC KEY-----"), &sn, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_KEY, "cert_sn of something that is no certificate");
    CHECK(sn == NULL, "no sn on failure");
}

static void legacy_notify_verify(void) {
    char *url = NULL;
    alipay_notify_error *err = NULL;
    int32_t st = alipay_notify_legacy_notify_verify_url(NULL, 0, LIT("2088101122136241"), LIT("a+b/c="), &url, &err);
    CHECK(st == 0 && strcmp(url, "https://mapi.alipay.com/gateway.do?service=notify_verify&partner=2088101122136241&notify_id=a%2Bb%2Fc%3D") == 0,
          "notify_verify URL with the default gateway");
    alipay_notify_string_free(url);
    url = NULL;
    st = alipay_notify_legacy_notify_verify_url(LIT("http://127.0.0.1:8080/gateway.do"), LIT("p"), LIT("n"), &url, &err);
    CHECK(st == 0 && strcmp(url, "http://127.0.0.1:8080/gateway.do?service=notify_verify&partner=p&notify_id=n") == 0,
          "notify_verify URL with a test gateway");
    alipay_notify_string_free(url);
    expect_status(alipay_notify_legacy_notify_verify_url(NULL, 0, LIT(""), LIT("n"), &url, &err), &err,
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, "notify_verify URL without a partner");
    CHECK(alipay_notify_legacy_classify_notify_verify(LIT("true"), NULL) == 0, "answer true");
    CHECK(alipay_notify_legacy_classify_notify_verify(LIT(" TRUE\n"), NULL) == 0, "answer TRUE with spaces");
    expect_status(alipay_notify_legacy_classify_notify_verify(LIT("false"), &err), &err,
                  ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_REJECTED, "answer false");
    expect_status(alipay_notify_legacy_classify_notify_verify(LIT("invalid"), &err), &err,
                  ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_INVALID, "answer invalid");
    expect_status(alipay_notify_legacy_classify_notify_verify(LIT("<html>\xff"), &err), &err,
                  ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_UNEXPECTED, "an unexpected answer");
}

void run_convention_tests(const char *dir) {
    char *key = vector_key(dir, "sign.json", "alipay_a_public_pem");
    CHECK(key != NULL, "test key found");
    if (key == NULL) return;
    status_names();
    status_groups();
    null_parameters(key);
    configuration_errors(key);
    signer_errors();
    legacy_notify_verify();
    free(key);
}
