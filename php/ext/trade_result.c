/*
 * AlipayNotify\TradeResult: a verified answer to a TradeRequest. The library hands the result
 * over as one JSON object; the accessors read its members, so no field is converted here.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"

AN_HANDLE_CLASS(trade_result, alipay_notify_trade_result, "TradeRequest::verifyResponse() creates it")

/* The result's fields as a PHP array in `out`; false with an exception thrown on failure. */
static bool fields(const alipay_notify_trade_result *result, zval *out) {
    char *json = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_trade_result_to_json(result, &json, &err);
    if (status != 0) {
        an_throw(status, err);
        return false;
    }
    return an_json_to_array(out, json);
}

PHP_METHOD(AlipayNotify_TradeResult, toArray) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(self);
    if (!fields(self, return_value)) RETURN_THROWS();
}

/* One member of toArray() (null when absent). */
static void member(INTERNAL_FUNCTION_PARAMETERS, const char *name) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(self);
    zval all;
    if (!fields(self, &all)) RETURN_THROWS();
    zval *value = zend_hash_str_find(Z_ARRVAL(all), name, strlen(name));
    if (value != NULL) RETVAL_COPY(value);
    zval_ptr_dtor(&all);
}

#define AN_MEMBER(method, name)                                                                \
    PHP_METHOD(AlipayNotify_TradeResult, method) { member(INTERNAL_FUNCTION_PARAM_PASSTHRU, name); }

AN_MEMBER(method, "method")
AN_MEMBER(code, "code")
AN_MEMBER(msg, "msg")
AN_MEMBER(subCode, "sub_code")
AN_MEMBER(subMsg, "sub_msg")
AN_MEMBER(outTradeNo, "out_trade_no")
AN_MEMBER(tradeNo, "trade_no")
AN_MEMBER(tradeStatus, "trade_status")
AN_MEMBER(totalAmountFen, "total_amount_fen")
AN_MEMBER(receiptAmountFen, "receipt_amount_fen")
AN_MEMBER(buyerPayAmountFen, "buyer_pay_amount_fen")
AN_MEMBER(refundAmountFen, "refund_amount_fen")
AN_MEMBER(outRequestNo, "out_request_no")
AN_MEMBER(refundStatus, "refund_status")
AN_MEMBER(sendPayDate, "send_pay_date")

AN_BOOL_GETTER(AlipayNotify_TradeResult, isSuccess, alipay_notify_trade_result_is_success)
AN_BOOL_GETTER(AlipayNotify_TradeResult, isNotFound, alipay_notify_trade_result_is_not_found)
AN_BOOL_GETTER(AlipayNotify_TradeResult, isPaid, alipay_notify_trade_result_is_paid)

PHP_METHOD(AlipayNotify_TradeResult, ledgerEntry) {
    ZEND_PARSE_PARAMETERS_NONE();
    AN_THIS(self);
    char *json = NULL;
    AN_TRY(alipay_notify_trade_result_ledger_entry_json(self, &json, &err));
    if (!an_json_to_array(return_value, json)) RETURN_THROWS();
}
