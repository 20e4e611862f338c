/*
 * The ledger row of a delivery (docs/ledger.md) and the reconciliation requests (issue 13):
 * the JSON a binding writes to its table, the signed alipay.trade.query form, a verified
 * answer; NULL, non-UTF-8 and impossible lengths give a typed status, never a crash.
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

#define APP_ID "2021000000000000"
/* The order responses-trade-query (tests/vectors/responses.json) answers about. */
#define ORDER "20240102102028001"

static alipay_notify_verifier *verifier_for(const char *public_key) {
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_verifier_options_new(&options, NULL);
    alipay_notify_verifier_options_add_public_key(options, STR(public_key), NULL);
    alipay_notify_verifier_build(options, &verifier, NULL);
    alipay_notify_verifier_options_free(options);
    return verifier;
}

static int has(const char *json, const char *member) { return json != NULL && strstr(json, member) != NULL; }

static void notification_rows(const char *dir) {
    char *private_key = vector_key(dir, "sign.json", "alipay_a_pkcs8_pem");
    char *public_key = vector_key(dir, "sign.json", "alipay_a_public_pem");
    alipay_notify_signer *signer = NULL;
    alipay_notify_signer_new_rsa(STR(private_key), NULL, 0, NULL, 0, &signer, NULL);
    alipay_notify_params *params = NULL;
    alipay_notify_params_new(&params, NULL);
    static const char *const pairs[][2] = {
        {"app_id", APP_ID}, {"notify_id", "n-1"},   {"notify_type", "trade_status_sync"},
        {"out_trade_no", "T1"}, {"total_amount", "88.00"}, {"trade_status", "TRADE_SUCCESS"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        alipay_notify_params_add(params, STR(pairs[i][0]), STR(pairs[i][1]), NULL);
    char *body = NULL;
    alipay_notify_signer_signed_form(signer, params, &body, NULL);
    alipay_notify_verifier *verifier = verifier_for(public_key);
    alipay_notify_notification *n = NULL;
    CHECK(alipay_notify_verifier_verify_notify(verifier, STR(body), &n, NULL) == 0, "ledger: a paid notification");

    char *json = NULL;
    alipay_notify_error *err = NULL;
    CHECK(alipay_notify_notification_ledger_entry_json(n, STR(body), &json, &err) == 0, "ledger entry of a notification");
    CHECK(has(json, "\"transition\":\"PAID\"") && has(json, "\"total_amount_fen\":8800") &&
              has(json, "\"source\":\"notify\"") && has(json, "\"verdict\":\"verified\"") &&
              has(json, "\"notify_id\":\"n-1\"") && has(json, "\"app_id\":\"" APP_ID "\""),
          "the row names the transition and the amount in fen");
    alipay_notify_string_free(json);

    /* The digest is of the bytes given, whatever they are (a GBK body is not UTF-8). */
    json = NULL;
    CHECK(alipay_notify_notification_ledger_entry_json(n, LIT("\xff\xfe"), &json, NULL) == 0 &&
              has(json, "\"body_sha256\":\"") && !has(json, "\xff"),
          "a body that is not UTF-8 is hashed, never copied");
    alipay_notify_string_free(json);
    json = (char *)1;
    CHECK(alipay_notify_notification_ledger_entry_json(n, NULL, 0, &json, &err) ==
                  ALIPAY_NOTIFY_STATUS_NULL_PARAMETER &&
              error_matches(ALIPAY_NOTIFY_STATUS_NULL_PARAMETER, err) && json == (char *)1,
          "NULL body: NULL_PARAMETER, output untouched");
    drop_error(&err);
    CHECK(alipay_notify_notification_ledger_entry_json(n, body, SIZE_MAX, &json, &err) ==
              ALIPAY_NOTIFY_STATUS_INPUT_TOO_LARGE,
          "an impossible length: INPUT_TOO_LARGE");
    drop_error(&err);

    /* The rejected row copies nothing of the body. */
    json = NULL;
    CHECK(alipay_notify_rejected_ledger_entry_json(LIT("notify"), STR(body), ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE,
                                                   &json, &err) == 0 &&
              has(json, "\"verdict\":\"rejected\"") && has(json, "\"error_name\":\"INVALID_SIGNATURE\"") &&
              has(json, "\"out_trade_no\":null") && has(json, "\"transition\":null"),
          "rejected row: the error's name, nothing from the body");
    alipay_notify_string_free(json);
    json = (char *)1;
    CHECK(alipay_notify_rejected_ledger_entry_json(LIT("webhook"), STR(body), 200, &json, &err) ==
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG && json == (char *)1,
          "rejected row: an unknown source is INVALID_CONFIG");
    drop_error(&err);
    CHECK(alipay_notify_rejected_ledger_entry_json(LIT("not\xff"), STR(body), 200, &json, &err) ==
              ALIPAY_NOTIFY_STATUS_INVALID_CONFIG,
          "rejected row: a source that is not UTF-8 is INVALID_CONFIG");
    drop_error(&err);
    CHECK(alipay_notify_rejected_ledger_entry_json(LIT("notify"), STR(body), 12345, &json, &err) ==
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG &&
              error_matches(ALIPAY_NOTIFY_STATUS_INVALID_CONFIG, err),
          "rejected row: a code outside the taxonomy is INVALID_CONFIG");
    drop_error(&err);

    alipay_notify_notification_free(n);
    alipay_notify_verifier_free(verifier);
    alipay_notify_string_free(body);
    alipay_notify_params_free(params);
    alipay_notify_signer_free(signer);
    free(private_key);
    free(public_key);
}

static void trade_requests(const char *dir) {
    char *app_key = vector_key(dir, "sign.json", "alipay_a_pkcs8_pem");
    alipay_notify_trade_request *request = NULL;
    alipay_notify_error *err = NULL;

    CHECK(alipay_notify_trade_request_query(LIT(APP_ID), NULL, 0, NULL, 0, &request, &err) ==
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG && request == NULL,
          "query without a trade number: INVALID_CONFIG");
    drop_error(&err);
    CHECK(alipay_notify_trade_request_query(LIT(APP_ID), LIT(ORDER), LIT("2024"), &request, &err) ==
              ALIPAY_NOTIFY_STATUS_INVALID_CONFIG,
          "query with both numbers: INVALID_CONFIG");
    drop_error(&err);
    CHECK(alipay_notify_trade_request_query(LIT("\xc3\x28"), LIT(ORDER), NULL, 0, &request, &err) ==
              ALIPAY_NOTIFY_STATUS_INVALID_CONFIG,
          "an app_id that is not UTF-8: INVALID_CONFIG");
    drop_error(&err);
    CHECK(alipay_notify_trade_request_query(APP_ID, SIZE_MAX, LIT(ORDER), NULL, 0, &request, &err) ==
              ALIPAY_NOTIFY_STATUS_INVALID_CONFIG,
          "an impossible app_id length: INVALID_CONFIG");
    drop_error(&err);

    CHECK(alipay_notify_trade_request_query(LIT(APP_ID), LIT(ORDER), NULL, 0, &request, &err) == 0, "a query");
    char *form = NULL;
    CHECK(alipay_notify_trade_request_signed_form(request, STR(app_key), LIT("2024-01-02 10:30:00"), &form, &err) == 0 &&
              has(form, "method=alipay.trade.query") && has(form, "timestamp=2024-01-02+10%3A30%3A00") &&
              has(form, "sign_type=RSA2") && has(form, "&sign="),
          "the signed form of a query");
    alipay_notify_string_free(form);
    form = NULL;
    CHECK(alipay_notify_trade_request_signed_form(request, STR(app_key), NULL, 0, &form, &err) == 0 &&
              has(form, "timestamp=20"),
          "NULL timestamp: now");
    alipay_notify_string_free(form);
    form = (char *)1;
    CHECK(alipay_notify_trade_request_signed_form(request, STR(app_key), LIT("yesterday"), &form, &err) ==
                  ALIPAY_NOTIFY_STATUS_INVALID_CONFIG && form == (char *)1,
          "a timestamp that is not Beijing time: INVALID_CONFIG");
    drop_error(&err);
    CHECK(alipay_notify_trade_request_signed_form(request, LIT("not a key"), NULL, 0, &form, &err) ==
              ALIPAY_NOTIFY_STATUS_INVALID_KEY,
          "a private key that is no key: INVALID_KEY");
    drop_error(&err);

    /* The answer: verified, typed, and its ledger row applies PAID. */
    char *alipay_key = vector_key(dir, "responses.json", "alipay_a");
    char *answer = vector_input(dir, "responses.json", "responses-trade-query");
    alipay_notify_verifier *verifier = verifier_for(alipay_key);
    alipay_notify_trade_result *result = NULL;
    CHECK(alipay_notify_trade_request_verify_response(request, verifier, STR(answer), &result, &err) == 0,
          "the answer to the query verifies");
    bool paid = false, success = false, not_found = true;
    alipay_notify_trade_result_is_paid(result, &paid, NULL);
    alipay_notify_trade_result_is_success(result, &success, NULL);
    alipay_notify_trade_result_is_not_found(result, &not_found, NULL);
    CHECK(paid && success && !not_found, "the answer says paid");
    char *json = NULL;
    CHECK(alipay_notify_trade_result_to_json(result, &json, NULL) == 0 && has(json, "\"total_amount_fen\":8800") &&
              has(json, "\"trade_status\":\"TRADE_SUCCESS\"") && has(json, "\"is_paid\":true"),
          "the result as JSON, amounts in fen");
    alipay_notify_string_free(json);
    json = NULL;
    CHECK(alipay_notify_trade_result_ledger_entry_json(result, &json, NULL) == 0 && has(json, "\"source\":\"query\"") &&
              has(json, "\"transition\":\"PAID\"") && has(json, "\"notify_type\":\"alipay.trade.query\"") &&
              has(json, "\"notify_id\":null"),
          "the answer's ledger row: source query, PAID");
    alipay_notify_string_free(json);
    alipay_notify_trade_result_free(result);

    /* The same answer to a question about another order must not mark that one paid. */
    alipay_notify_trade_request *other = NULL;
    alipay_notify_trade_request_query(LIT(APP_ID), LIT("ANOTHER"), NULL, 0, &other, NULL);
    result = NULL;
    CHECK(alipay_notify_trade_request_verify_response(other, verifier, STR(answer), &result, &err) ==
                  ALIPAY_NOTIFY_STATUS_ORDER_MISMATCH && result == NULL,
          "an answer about another order: ORDER_MISMATCH");
    drop_error(&err);
    CHECK(alipay_notify_trade_request_verify_response(request, verifier, LIT("{\"alipay_trade_query_response\":"),
                                                      &result, &err) != 0 && err != NULL && result == NULL,
          "a truncated answer: a typed error");
    drop_error(&err);
    CHECK(alipay_notify_trade_request_verify_response(request, verifier, answer, SIZE_MAX, &result, &err) ==
              ALIPAY_NOTIFY_STATUS_INPUT_TOO_LARGE,
          "an impossible answer length: INPUT_TOO_LARGE");
    drop_error(&err);

    alipay_notify_trade_request *refund = NULL;
    CHECK(alipay_notify_trade_request_refund_query(LIT(APP_ID), LIT("R1"), NULL, 0, LIT("2024"), &refund, &err) == 0,
          "a refund query by trade_no");
    form = NULL;
    CHECK(alipay_notify_trade_request_signed_form(refund, STR(app_key), LIT("2024-01-02 10:30:00"), &form, NULL) == 0 &&
              has(form, "method=alipay.trade.fastpay.refund.query") && has(form, "out_request_no"),
          "the refund query's form");
    alipay_notify_string_free(form);
    alipay_notify_trade_request_free(refund);
    alipay_notify_trade_request *close = NULL;
    CHECK(alipay_notify_trade_request_close(LIT(APP_ID), LIT(ORDER), NULL, 0, &close, NULL) == 0, "a close");
    alipay_notify_trade_request_free(close);

    alipay_notify_trade_request_free(other);
    alipay_notify_trade_request_free(request);
    alipay_notify_verifier_free(verifier);
    free(answer);
    free(alipay_key);
    free(app_key);
}

void run_ledger_tests(const char *dir) {
    notification_rows(dir);
    trade_requests(dir);
}
