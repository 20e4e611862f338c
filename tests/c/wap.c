/*
 * The legacy families through the C ABI: a real mobile.securitypay app result, a legacy WAP
 * notification's trade fields, and the NULL paths of the new functions.
 */
#include <stdlib.h>

#include "check.h"

static alipay_notify_verifier *legacy_verifier(const char *key) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_verifier_options_new(&options, NULL);
    alipay_notify_verifier_options_add_public_key(options, STR(key), NULL);
    alipay_notify_verifier_options_add_sign_type(options, LIT("RSA"), NULL);
    alipay_notify_verifier_options_set_min_key_bits(options, 1024, NULL);
    alipay_notify_verifier_build(options, &verifier, NULL);
    alipay_notify_verifier_options_free(options);
    return verifier;
}

void run_wap_tests(const char *dir) {
    char *key = vector_key(dir, "wap.json", "real-alipay-legacy-1024");
    char *result = vector_input(dir, "wap.json", "wap-app-result-real-tobias");
    alipay_notify_verifier *verifier = legacy_verifier(key);
    alipay_notify_notification *n = NULL;
    alipay_notify_error *err = NULL;
    int32_t st = alipay_notify_verifier_verify_app_result(verifier, STR(result), &n, &err);
    CHECK(st == 0 && n != NULL, "a real app result verifies");
    const char *value = NULL;
    size_t len = 0;
    alipay_notify_notification_get(n, LIT("out_trade_no"), &value, &len, NULL);
    CHECK(value != NULL && strcmp(value, "180926084213001") == 0, "its out_trade_no is read");
    const char *rule = NULL;
    alipay_notify_notification_rule(n, &rule, NULL, NULL);
    CHECK(rule != NULL && strcmp(rule, "app_result") == 0, "its rule is app_result");
    int64_t ms = 7;
    bool present = true;
    st = alipay_notify_notification_utc_timestamp_ms(n, &ms, &present, NULL);
    CHECK(st == 0 && ms == 0 && !present, "no utc_timestamp reads as absent");
    const char *method = "x";
    st = alipay_notify_notification_msg_method(n, &method, &len, NULL);
    CHECK(st == 0 && method == NULL && len == 0, "no msg_method reads as NULL");
    st = alipay_notify_notification_utc_timestamp_ms(n, NULL, NULL, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_NULL_PARAMETER && error_matches(st, err), "NULL ms_out");
    drop_error(&err);
    alipay_notify_notification_free(n);
    n = NULL;

    st = alipay_notify_verifier_verify_app_result(NULL, STR(result), &n, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_NULL_PARAMETER && n == NULL, "NULL verifier");
    drop_error(&err);
    st = alipay_notify_verifier_verify_app_result(verifier, NULL, 5, &n, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_NULL_PARAMETER && n == NULL, "NULL result");
    drop_error(&err);
    st = alipay_notify_verifier_verify_app_result(verifier, LIT("resultStatus={9000};memo={}"), &n, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT && error_matches(st, err) && n == NULL,
          "the whole answer instead of result is MALFORMED_INPUT");
    drop_error(&err);
    st = alipay_notify_notification_biz_content(NULL, &value, NULL, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_NULL_PARAMETER, "NULL notification");
    drop_error(&err);

    alipay_notify_verifier_free(verifier);
    free(result);
    free(key);
}
