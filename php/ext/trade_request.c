/*
 * AlipayNotify\TradeRequest: a reconciliation request (alipay.trade.query, .close,
 * .fastpay.refund.query), signed with the app's private key and verified against its answer.
 * Immutable; created by its static constructors.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"

AN_HANDLE_CLASS(trade_request, alipay_notify_trade_request, "TradeRequest::query(), close() and refundQuery() create it")

#define AN_STR_OR_NULL(s) ((s) ? ZSTR_VAL(s) : NULL), ((s) ? ZSTR_LEN(s) : 0)

typedef int32_t (*trade_constructor)(const char *, size_t, const char *, size_t, const char *, size_t,
                                     alipay_notify_trade_request **, alipay_notify_error **);

static void construct(INTERNAL_FUNCTION_PARAMETERS, trade_constructor make) {
    zend_string *app_id, *out_trade_no = NULL, *trade_no = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 3)
        Z_PARAM_STR(app_id)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(out_trade_no)
        Z_PARAM_STR_OR_NULL(trade_no)
    ZEND_PARSE_PARAMETERS_END();
    alipay_notify_trade_request *request = NULL;
    AN_TRY(make(ZSTR_VAL(app_id), ZSTR_LEN(app_id), AN_STR_OR_NULL(out_trade_no), AN_STR_OR_NULL(trade_no), &request,
                &err));
    an_trade_request_wrap(return_value, request);
}

PHP_METHOD(AlipayNotify_TradeRequest, query) {
    construct(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_trade_request_query);
}

PHP_METHOD(AlipayNotify_TradeRequest, close) {
    construct(INTERNAL_FUNCTION_PARAM_PASSTHRU, alipay_notify_trade_request_close);
}

PHP_METHOD(AlipayNotify_TradeRequest, refundQuery) {
    zend_string *app_id, *out_request_no, *out_trade_no = NULL, *trade_no = NULL;
    ZEND_PARSE_PARAMETERS_START(2, 4)
        Z_PARAM_STR(app_id)
        Z_PARAM_STR(out_request_no)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(out_trade_no)
        Z_PARAM_STR_OR_NULL(trade_no)
    ZEND_PARSE_PARAMETERS_END();
    alipay_notify_trade_request *request = NULL;
    AN_TRY(alipay_notify_trade_request_refund_query(ZSTR_VAL(app_id), ZSTR_LEN(app_id), ZSTR_VAL(out_request_no),
                                                    ZSTR_LEN(out_request_no), AN_STR_OR_NULL(out_trade_no),
                                                    AN_STR_OR_NULL(trade_no), &request, &err));
    an_trade_request_wrap(return_value, request);
}

PHP_METHOD(AlipayNotify_TradeRequest, signedForm) {
    zend_string *key, *timestamp = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(key)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(timestamp)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    char *form = NULL;
    AN_TRY(alipay_notify_trade_request_signed_form(self, ZSTR_VAL(key), ZSTR_LEN(key), AN_STR_OR_NULL(timestamp), &form,
                                                   &err));
    RETVAL_STRING(form);
    alipay_notify_string_free(form);
}

PHP_METHOD(AlipayNotify_TradeRequest, verifyResponse) {
    zval *verifier_object;
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_OBJECT_OF_CLASS(verifier_object, an_ce_verifier)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    AN_THIS(self);
    const alipay_notify_verifier *verifier = an_verifier_handle(verifier_object);
    if (verifier == NULL) RETURN_THROWS();
    alipay_notify_trade_result *result = NULL;
    AN_TRY(alipay_notify_trade_request_verify_response(self, verifier, ZSTR_VAL(body), ZSTR_LEN(body), &result, &err));
    an_trade_result_wrap(return_value, result);
}
