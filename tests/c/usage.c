/*
 * The API used as a merchant would: sign a notification, verify it, read it, check the order;
 * MD5; is_valid_notify; responses; diagnosis (threads: threads.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>

#include "check.h"

static const char *const ORDER[][2] = {
    {"app_id", "2021000000000000"},  {"out_trade_no", "T1001"},     {"total_amount", "88.00"},
    {"trade_status", "TRADE_SUCCESS"}, {"subject", "测试 & <商品>"}, {"notify_id", "n-1"},
};
#define ORDER_LEN (sizeof ORDER / sizeof ORDER[0])

/* A signed form body of ORDER, made with `signer`; the caller frees it. */
static char *signed_form(const alipay_notify_signer *signer) {
    alipay_notify_params *params = NULL;
    char *form = NULL;
    alipay_notify_params_new(&params, NULL);
    for (size_t i = 0; i < ORDER_LEN; i++) alipay_notify_params_add(params, STR(ORDER[i][0]), STR(ORDER[i][1]), NULL);
    int32_t st = alipay_notify_signer_signed_form(signer, params, &form, NULL);
    CHECK(st == 0 && form != NULL, "signed_form");
    alipay_notify_params_free(params);
    return form;
}

/* A text accessor's value, "(NULL)" for NULL, "(bad length)" when the length it wrote is not
 * the string's. */
static const char *label(int32_t (*read)(const alipay_notify_notification *, const char **, size_t *,
                                         alipay_notify_error **),
                         const alipay_notify_notification *n) {
    const char *out = NULL;
    size_t len = 12345;
    if (read(n, &out, &len, NULL) != 0 || out == NULL) return len == 0 ? "(NULL)" : "(bad length)";
    return len == strlen(out) ? out : "(bad length)";
}

static void read_notification(const alipay_notify_notification *n) {
    const char *value = NULL;
    size_t len = 0;
    CHECK(alipay_notify_notification_get(n, LIT("subject"), &value, &len, NULL) == 0 && strcmp(value, "测试 & <商品>") == 0 &&
              len == strlen("测试 & <商品>"),
          "get returns the decoded UTF-8 value");
    CHECK(alipay_notify_notification_get(n, LIT("sign"), &value, &len, NULL) == 0 && value == NULL && len == 0,
          "sign is never among the signed parameters");
    CHECK(alipay_notify_notification_get(n, LIT("sign_type"), &value, NULL, NULL) == 0 && value == NULL,
          "sign_type is not signed under v1");
    CHECK(strcmp(label(alipay_notify_notification_kind, n), "notify") == 0, "kind notify");
    CHECK(strcmp(label(alipay_notify_notification_rule, n), "v1") == 0, "rule v1");
    CHECK(strcmp(label(alipay_notify_notification_sign_type, n), "RSA2") == 0, "sign_type RSA2");
    CHECK(strcmp(label(alipay_notify_notification_charset, n), "utf-8") == 0, "charset utf-8");
    CHECK(strcmp(label(alipay_notify_notification_empty_values, n), "skipped") == 0, "empty values skipped");
    const char *fingerprint = label(alipay_notify_notification_key_fingerprint, n);
    CHECK(strcmp(fingerprint, "(NULL)") != 0 && strcmp(fingerprint, "(bad length)") != 0, "a key fingerprint");
    int64_t index = -2;
    CHECK(alipay_notify_notification_key_index(n, &index, NULL) == 0 && index == 1, "the second key verified");
    bool paid = false;
    CHECK(alipay_notify_notification_is_paid(n, &paid, NULL) == 0 && paid, "is_paid");
    int64_t fen = 0;
    bool present = false;
    CHECK(alipay_notify_notification_amount_fen(n, LIT("total_amount"), &fen, &present, NULL) == 0 && present && fen == 8800,
          "total_amount in fen");
    fen = 7;
    present = true;
    CHECK(alipay_notify_notification_amount_fen(n, LIT("refund_fee"), &fen, &present, NULL) == 0 && !present && fen == 0,
          "an absent amount");
    alipay_notify_error *err = NULL;
    fen = 7;
    int32_t st = alipay_notify_notification_amount_fen(n, LIT("subject"), &fen, &present, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_INVALID_AMOUNT && error_matches(st, err) && fen == 7, "a value that is no amount");
    drop_error(&err);
    CHECK(alipay_notify_notification_check_order(n, LIT("T1001"), LIT("88"), NULL) == 0, "check_order passes");
    CHECK(alipay_notify_notification_check_order_fen(n, LIT("T1001"), 8800, NULL) == 0, "check_order_fen passes");
    CHECK(alipay_notify_notification_check_order(n, LIT("T1002"), LIT("88.00"), NULL) == ALIPAY_NOTIFY_STATUS_ORDER_MISMATCH,
          "another order");
    CHECK(alipay_notify_notification_check_order(n, LIT("T1001"), LIT("8.80"), NULL) == ALIPAY_NOTIFY_STATUS_AMOUNT_MISMATCH,
          "another amount");
    CHECK(alipay_notify_notification_check_order(n, LIT("T1001"), LIT("8.8.8"), NULL) == ALIPAY_NOTIFY_STATUS_INVALID_AMOUNT,
          "an expected amount that is no amount");
    CHECK(alipay_notify_notification_check_order(n, LIT("T\xff"), LIT("88.00"), NULL) == ALIPAY_NOTIFY_STATUS_ORDER_MISMATCH,
          "an expected order number that is not UTF-8 matches nothing");
}

static void rsa_round_trip(const char *private_key, const char *public_key, const char *other_key) {
    alipay_notify_signer *signer = NULL;
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_notification *n = NULL;
    alipay_notify_error *err = NULL;
    CHECK(alipay_notify_signer_new_rsa(STR(private_key), LIT("RSA2"), LIT("v1"), &signer, &err) == 0, "RSA2 signer");
    char *form = signed_form(signer);
    alipay_notify_verifier_options_new(&options, NULL);
    alipay_notify_verifier_options_add_public_key(options, STR(other_key), NULL); /* a rotation */
    alipay_notify_verifier_options_add_public_key(options, STR(public_key), NULL);
    alipay_notify_verifier_options_set_app_id(options, LIT("2021000000000000"), NULL);
    CHECK(alipay_notify_verifier_build(options, &verifier, &err) == 0, "verifier with two keys");

    int32_t st = alipay_notify_verifier_verify_notify(verifier, STR(form), &n, &err);
    CHECK(st == 0, "the signed form verifies");
    if (st == 0) read_notification(n);
    alipay_notify_notification_free(n);
    n = NULL;

    /* Inputs are pointer + length: bytes past the length are never read. */
    size_t query_len = strlen(form) + 40;
    char *longer = malloc(query_len);
    snprintf(longer, query_len, "%s&unsigned=1", form);
    st = alipay_notify_verifier_verify_notify(verifier, longer, strlen(form), &n, &err);
    CHECK(st == 0, "the length is honoured: bytes after it are not read");
    alipay_notify_notification_free(n);
    n = NULL;
    st = alipay_notify_verifier_verify_notify(verifier, STR(longer), &n, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE && n == NULL, "an unsigned extra parameter fails");
    drop_error(&err);
    free(longer);

    char *url = malloc(query_len);
    snprintf(url, query_len, "https://shop.example/return?%s", form);
    st = alipay_notify_verifier_verify_return(verifier, STR(url), &n, &err);
    const char *kind = NULL;
    CHECK(st == 0 && alipay_notify_notification_kind(n, &kind, NULL, NULL) == 0 && strcmp(kind, "return") == 0,
          "a return_url URL verifies as kind return");
    alipay_notify_notification_free(n);
    free(url);

    bool valid = false;
    CHECK(alipay_notify_verifier_is_valid_notify(verifier, STR(form), &valid, NULL) == 0 && valid, "is_valid_notify true");
    form[strlen(form) - 3] ^= 1; /* tamper with the signature */
    valid = true;
    CHECK(alipay_notify_verifier_is_valid_notify(verifier, STR(form), &valid, NULL) == 0 && !valid,
          "is_valid_notify false for a bad signature");
    CHECK(alipay_notify_verifier_is_valid_notify(verifier, LIT("{}"), &valid, NULL) == ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT,
          "is_valid_notify still reports malformed input as an error");

    char *json = NULL;
    st = alipay_notify_diagnose(options, STR(form), NULL, &json, &err);
    CHECK(st == 0 && strstr(json, "\"verified\":false") != NULL && strstr(json, "\"findings\"") != NULL,
          "diagnose returns JSON for a tampered message");
    CHECK(st == 0 && strstr(json, "\"search_capped\":false") != NULL, "a real message is searched to the end");
    alipay_notify_string_free(json);

    /* Hundreds of unsigned parameters up to the 64 KiB limit (thousands are refused: 1,000 at
     * most): the search stops and says so. */
    size_t crowded_len = 65536;
    char *crowded = malloc(crowded_len + 1);
    size_t used = (size_t)snprintf(crowded, crowded_len + 1, "%s", form);
    const char *pad = "1111111111111111111111111111111111111111111111111111111111111111";
    for (int i = 0; used + 80 < crowded_len; i++) used += (size_t)snprintf(crowded + used, 80, "&x%d=%s", i, pad);
    json = NULL;
    st = alipay_notify_diagnose(options, crowded, used, NULL, &json, &err);
    CHECK(st == 0 && strstr(json, "\"search_capped\":true") != NULL, "diagnose says when its search was cut short");
    alipay_notify_string_free(json);
    free(crowded);

    alipay_notify_string_free(form);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    alipay_notify_signer_free(signer);
}

static void md5_round_trip(void) {
    alipay_notify_signer *signer = NULL;
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_notification *n = NULL;
    CHECK(alipay_notify_signer_new_md5(LIT("partner-key"), &signer, NULL) == 0, "MD5 signer");
    char *form = signed_form(signer);
    alipay_notify_verifier_options_new(&options, NULL);
    alipay_notify_verifier_options_set_md5_key(options, LIT("partner-key"), NULL);
    alipay_notify_verifier_build(options, &verifier, NULL);
    int32_t st = alipay_notify_verifier_verify_notify(verifier, STR(form), &n, NULL);
    int64_t index = 0;
    const char *rule = NULL, *fingerprint = "x";
    CHECK(st == 0 && alipay_notify_notification_rule(n, &rule, NULL, NULL) == 0 && strcmp(rule, "md5") == 0, "MD5 verifies");
    CHECK(st == 0 && alipay_notify_notification_key_index(n, &index, NULL) == 0 && index == -1, "MD5 has key index -1");
    size_t fingerprint_len = 7;
    CHECK(st == 0 && alipay_notify_notification_key_fingerprint(n, &fingerprint, &fingerprint_len, NULL) == 0 &&
              fingerprint == NULL && fingerprint_len == 0,
          "MD5 has no key fingerprint");
    alipay_notify_notification_free(n);
    alipay_notify_string_free(form);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    alipay_notify_signer_free(signer);
}

static void response(const char *dir) {
    char *key = vector_key(dir, "responses.json", "alipay_a");
    char *body = vector_input(dir, "responses.json", "responses-trade-query");
    CHECK(key != NULL && body != NULL, "response vector found");
    if (key == NULL || body == NULL) return;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_response *r = NULL;
    alipay_notify_error *err = NULL;
    alipay_notify_verifier_new(STR(key), &verifier, NULL);
    int32_t st = alipay_notify_verifier_verify_response(verifier, STR(body), LIT("alipay.trade.query"), &r, &err);
    CHECK(st == 0, "the response verifies");
    if (st == 0) {
        const char *text = NULL;
        size_t len = 0;
        bool flag = false;
        CHECK(alipay_notify_response_method(r, &text, &len, NULL) == 0 && strcmp(text, "alipay.trade.query") == 0, "method");
        CHECK(alipay_notify_response_node(r, &text, NULL, NULL) == 0 && strcmp(text, "alipay_trade_query_response") == 0, "node");
        CHECK(alipay_notify_response_content(r, &text, &len, NULL) == 0 && text[0] == '{' && strstr(body, text) != NULL,
              "the signed content is the exact text of the node");
        CHECK(alipay_notify_response_get(r, LIT("code"), &text, &len, NULL) == 0 && strcmp(text, "10000") == 0 && len == 5,
              "get code");
        CHECK(alipay_notify_response_get(r, LIT("sub_code"), &text, &len, NULL) == 0 && text == NULL && len == 0,
              "get of an absent member");
        CHECK(alipay_notify_response_cert_sn(r, &text, NULL, NULL) == 0 && text == NULL, "no alipay_cert_sn");
        CHECK(alipay_notify_response_sign_type(r, &text, &len, NULL) == 0 && strcmp(text, "RSA2") == 0 && len == 4,
              "sign type");
        CHECK(alipay_notify_response_key_fingerprint(r, &text, &len, NULL) == 0 && text != NULL && len == strlen(text),
              "fingerprint");
        CHECK(alipay_notify_response_is_success(r, &flag, NULL) == 0 && flag, "is_success");
        CHECK(alipay_notify_response_is_error_response(r, &flag, NULL) == 0 && !flag, "not an error_response");
    }
    alipay_notify_response_free(r);
    r = NULL;
    st = alipay_notify_verifier_verify_response(verifier, STR(body), LIT("alipay.trade.pay"), &r, &err);
    CHECK(st == ALIPAY_NOTIFY_STATUS_METHOD_MISMATCH && error_matches(st, err) && r == NULL, "another method");
    drop_error(&err);
    alipay_notify_verifier_free(verifier);
    free(body);
    free(key);
}

void run_usage_tests(const char *dir) {
    char *private_key = vector_key(dir, "sign.json", "alipay_a_pkcs8_pem");
    char *public_key = vector_key(dir, "sign.json", "alipay_a_public_pem");
    char *other_key = vector_key(dir, "notify.json", "alipay_b");
    CHECK(private_key && public_key && other_key, "usage keys found");
    if (private_key && public_key && other_key) {
        rsa_round_trip(private_key, public_key, other_key);
        md5_round_trip();
        response(dir);
    }
    free(private_key);
    free(public_key);
    free(other_key);
}
