/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: a99c97029d502839143d27f41d9b0609a1a4f9b0 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_AlipayNotify_version, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_AlipayNotify_status_name, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, code, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_AlipayNotify_cert_sn, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, pem, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_AlipayNotify_root_cert_sn arginfo_AlipayNotify_cert_sn

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_AlipayNotify_notify_verify_url, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, partner, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, notifyId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, gateway, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_AlipayNotify_classify_notify_verify, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, answer, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_AlipayNotify_option_names, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, table, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_AlipayNotify_request_body arginfo_AlipayNotify_version

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_AlipayNotify_decrypt, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, aesKey, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ciphertext, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_AlipayNotify_request_query arginfo_AlipayNotify_version

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_AlipayNotify_rejected_ledger_entry, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, source, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, error, AlipayNotify\\Exception, MAY_BE_LONG, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_AlipayNotify_Verifier___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Verifier_verifyNotify, 0, 1, AlipayNotify\\\116otification, 0)
	ZEND_ARG_TYPE_INFO(0, rawBody, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Verifier_verifyReturn, 0, 1, AlipayNotify\\\116otification, 0)
	ZEND_ARG_TYPE_INFO(0, queryString, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Verifier_verifyAppResult, 0, 1, AlipayNotify\\\116otification, 0)
	ZEND_ARG_TYPE_INFO(0, result, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Verifier_verifyParams, 0, 1, AlipayNotify\\\116otification, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, kind, IS_STRING, 0, "\"notify\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Verifier_isValidNotify, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, rawBody, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Verifier_verifyResponse, 0, 1, AlipayNotify\\Response, 0)
	ZEND_ARG_TYPE_INFO(0, json, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, method, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Verifier_verifyOpenData, 0, 1, AlipayNotify\\OpenData, 0)
	ZEND_ARG_TYPE_INFO(0, envelope, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Verifier_diagnose, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, input, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Verifier_diagnoseResponse, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, json, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, method, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Verifier_diagnoseV3, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Verifier_verifyV3, 0, 2, AlipayNotify\\V3Response, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, nowMillis, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Verifier_verifyNotifyRequest, 0, 0, AlipayNotify\\\116otification, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Verifier_verifyReturnRequest arginfo_class_AlipayNotify_Verifier_verifyNotifyRequest

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_offsetExists, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_offsetGet, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_offsetSet, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_offsetUnset, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_get, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_toArray, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Notification_jsonSerialize arginfo_class_AlipayNotify_Notification_toArray

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_count, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Notification_getIterator, 0, 0, Iterator, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Notification_kind arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Notification_rule arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Notification_signType arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Notification_charset arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Notification_emptyValues arginfo_AlipayNotify_version

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_keyIndex, 0, 0, IS_LONG, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_keyFingerprint, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Notification_tradeStatus arginfo_class_AlipayNotify_Notification_keyFingerprint

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_isPaid, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Notification_totalAmountFen arginfo_class_AlipayNotify_Notification_keyIndex

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_amountFen, 0, 1, IS_LONG, 1)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_checkOrder, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, outTradeNo, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, totalAmount, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_checkOrderFen, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, outTradeNo, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, totalAmountFen, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Notification_outTradeNo arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_Notification_tradeNo arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_Notification_appId arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_Notification_sellerId arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_Notification_notifyId arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_Notification_msgMethod arginfo_class_AlipayNotify_Notification_keyFingerprint

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_bizContent, 0, 0, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Notification_utcTimestampMs arginfo_class_AlipayNotify_Notification_keyIndex

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Notification_utcTimestamp, 0, 0, DateTimeImmutable, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Notification_decryptedBizContent arginfo_class_AlipayNotify_Notification_keyFingerprint

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Notification_ledgerEntry, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Notification___debugInfo arginfo_class_AlipayNotify_Notification_toArray

#define arginfo_class_AlipayNotify_Response_offsetExists arginfo_class_AlipayNotify_Notification_offsetExists

#define arginfo_class_AlipayNotify_Response_offsetGet arginfo_class_AlipayNotify_Notification_offsetGet

#define arginfo_class_AlipayNotify_Response_offsetSet arginfo_class_AlipayNotify_Notification_offsetSet

#define arginfo_class_AlipayNotify_Response_offsetUnset arginfo_class_AlipayNotify_Notification_offsetUnset

#define arginfo_class_AlipayNotify_Response_get arginfo_class_AlipayNotify_Notification_get

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_AlipayNotify_Response_toArray, 0, 0, MAY_BE_ARRAY|MAY_BE_STRING)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Response_method arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Response_node arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Response_content arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Response_certSn arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_Response_signType arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Response_keyFingerprint arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Response_keyIndex arginfo_class_AlipayNotify_Notification_count

#define arginfo_class_AlipayNotify_Response_isSuccess arginfo_class_AlipayNotify_Notification_isPaid

#define arginfo_class_AlipayNotify_Response_isErrorResponse arginfo_class_AlipayNotify_Notification_isPaid

#define arginfo_class_AlipayNotify_Response_isDecrypted arginfo_class_AlipayNotify_Notification_isPaid

#define arginfo_class_AlipayNotify_Response_decryptedContent arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_Response___debugInfo arginfo_class_AlipayNotify_Notification_toArray

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_TradeRequest_query, 0, 1, AlipayNotify\\TradeRequest, 0)
	ZEND_ARG_TYPE_INFO(0, appId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, outTradeNo, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tradeNo, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_TradeRequest_close arginfo_class_AlipayNotify_TradeRequest_query

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_TradeRequest_refundQuery, 0, 2, AlipayNotify\\TradeRequest, 0)
	ZEND_ARG_TYPE_INFO(0, appId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, outRequestNo, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, outTradeNo, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tradeNo, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_TradeRequest_signedForm, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, appPrivateKey, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timestamp, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_TradeRequest_verifyResponse, 0, 2, AlipayNotify\\TradeResult, 0)
	ZEND_ARG_OBJ_INFO(0, verifier, AlipayNotify\\Verifier, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_TradeResult_method arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_TradeResult_code arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_TradeResult_msg arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_TradeResult_subCode arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_TradeResult_subMsg arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_TradeResult_outTradeNo arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_TradeResult_tradeNo arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_TradeResult_tradeStatus arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_TradeResult_totalAmountFen arginfo_class_AlipayNotify_Notification_keyIndex

#define arginfo_class_AlipayNotify_TradeResult_receiptAmountFen arginfo_class_AlipayNotify_Notification_keyIndex

#define arginfo_class_AlipayNotify_TradeResult_buyerPayAmountFen arginfo_class_AlipayNotify_Notification_keyIndex

#define arginfo_class_AlipayNotify_TradeResult_refundAmountFen arginfo_class_AlipayNotify_Notification_keyIndex

#define arginfo_class_AlipayNotify_TradeResult_outRequestNo arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_TradeResult_refundStatus arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_TradeResult_sendPayDate arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_TradeResult_isSuccess arginfo_class_AlipayNotify_Notification_isPaid

#define arginfo_class_AlipayNotify_TradeResult_isNotFound arginfo_class_AlipayNotify_Notification_isPaid

#define arginfo_class_AlipayNotify_TradeResult_isPaid arginfo_class_AlipayNotify_Notification_isPaid

#define arginfo_class_AlipayNotify_TradeResult_toArray arginfo_class_AlipayNotify_Notification_toArray

#define arginfo_class_AlipayNotify_TradeResult_ledgerEntry arginfo_class_AlipayNotify_Notification_toArray

#define arginfo_class_AlipayNotify_OpenData_offsetExists arginfo_class_AlipayNotify_Notification_offsetExists

#define arginfo_class_AlipayNotify_OpenData_offsetGet arginfo_class_AlipayNotify_Notification_offsetGet

#define arginfo_class_AlipayNotify_OpenData_offsetSet arginfo_class_AlipayNotify_Notification_offsetSet

#define arginfo_class_AlipayNotify_OpenData_offsetUnset arginfo_class_AlipayNotify_Notification_offsetUnset

#define arginfo_class_AlipayNotify_OpenData_get arginfo_class_AlipayNotify_Notification_get

#define arginfo_class_AlipayNotify_OpenData_toArray arginfo_class_AlipayNotify_Notification_toArray

#define arginfo_class_AlipayNotify_OpenData_content arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_OpenData_isEncrypted arginfo_class_AlipayNotify_Notification_isPaid

#define arginfo_class_AlipayNotify_OpenData_signType arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_OpenData_keyFingerprint arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_OpenData_keyIndex arginfo_class_AlipayNotify_Notification_count

#define arginfo_class_AlipayNotify_OpenData___debugInfo arginfo_class_AlipayNotify_Notification_toArray

#define arginfo_class_AlipayNotify_V3Response_body arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_V3Response_toArray arginfo_class_AlipayNotify_Notification_toArray

#define arginfo_class_AlipayNotify_V3Response_timestamp arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_V3Response_nonce arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_V3Response_certSn arginfo_class_AlipayNotify_Notification_keyFingerprint

#define arginfo_class_AlipayNotify_V3Response_keyFingerprint arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_V3Response_keyIndex arginfo_class_AlipayNotify_Notification_count

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_AlipayNotify_V3Signer___construct, 0, 0, 2)
	ZEND_ARG_TYPE_INFO(0, privateKey, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, appId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, appCertSn, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_V3Signer_authorization, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, method, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, uri, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, body, IS_STRING, 0, "\"\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, appAuthToken, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, nonce, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timestampMillis, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_AlipayNotify_Signer___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, privateKey, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, signType, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, rule, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Signer_md5, 0, 1, AlipayNotify\\Signer, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AlipayNotify_Signer_sign, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_AlipayNotify_Signer_signedForm arginfo_class_AlipayNotify_Signer_sign

#define arginfo_class_AlipayNotify_Exception_getErrorName arginfo_AlipayNotify_version

#define arginfo_class_AlipayNotify_Exception_getGroup arginfo_AlipayNotify_version

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AlipayNotify_Exception_fromCode, 0, 1, AlipayNotify\\Exception, 0)
	ZEND_ARG_TYPE_INFO(0, code, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, message, IS_STRING, 0, "\"\"")
ZEND_END_ARG_INFO()


ZEND_FUNCTION(AlipayNotify_version);
ZEND_FUNCTION(AlipayNotify_status_name);
ZEND_FUNCTION(AlipayNotify_cert_sn);
ZEND_FUNCTION(AlipayNotify_root_cert_sn);
ZEND_FUNCTION(AlipayNotify_notify_verify_url);
ZEND_FUNCTION(AlipayNotify_classify_notify_verify);
ZEND_FUNCTION(AlipayNotify_option_names);
ZEND_FUNCTION(AlipayNotify_request_body);
ZEND_FUNCTION(AlipayNotify_decrypt);
ZEND_FUNCTION(AlipayNotify_request_query);
ZEND_FUNCTION(AlipayNotify_rejected_ledger_entry);
ZEND_METHOD(AlipayNotify_Verifier, __construct);
ZEND_METHOD(AlipayNotify_Verifier, verifyNotify);
ZEND_METHOD(AlipayNotify_Verifier, verifyReturn);
ZEND_METHOD(AlipayNotify_Verifier, verifyAppResult);
ZEND_METHOD(AlipayNotify_Verifier, verifyParams);
ZEND_METHOD(AlipayNotify_Verifier, isValidNotify);
ZEND_METHOD(AlipayNotify_Verifier, verifyResponse);
ZEND_METHOD(AlipayNotify_Verifier, verifyOpenData);
ZEND_METHOD(AlipayNotify_Verifier, diagnose);
ZEND_METHOD(AlipayNotify_Verifier, diagnoseResponse);
ZEND_METHOD(AlipayNotify_Verifier, diagnoseV3);
ZEND_METHOD(AlipayNotify_Verifier, verifyV3);
ZEND_METHOD(AlipayNotify_Verifier, verifyNotifyRequest);
ZEND_METHOD(AlipayNotify_Verifier, verifyReturnRequest);
ZEND_METHOD(AlipayNotify_Notification, offsetExists);
ZEND_METHOD(AlipayNotify_Notification, offsetGet);
ZEND_METHOD(AlipayNotify_Notification, offsetSet);
ZEND_METHOD(AlipayNotify_Notification, offsetUnset);
ZEND_METHOD(AlipayNotify_Notification, get);
ZEND_METHOD(AlipayNotify_Notification, toArray);
ZEND_METHOD(AlipayNotify_Notification, count);
ZEND_METHOD(AlipayNotify_Notification, getIterator);
ZEND_METHOD(AlipayNotify_Notification, kind);
ZEND_METHOD(AlipayNotify_Notification, rule);
ZEND_METHOD(AlipayNotify_Notification, signType);
ZEND_METHOD(AlipayNotify_Notification, charset);
ZEND_METHOD(AlipayNotify_Notification, emptyValues);
ZEND_METHOD(AlipayNotify_Notification, keyIndex);
ZEND_METHOD(AlipayNotify_Notification, keyFingerprint);
ZEND_METHOD(AlipayNotify_Notification, tradeStatus);
ZEND_METHOD(AlipayNotify_Notification, isPaid);
ZEND_METHOD(AlipayNotify_Notification, totalAmountFen);
ZEND_METHOD(AlipayNotify_Notification, amountFen);
ZEND_METHOD(AlipayNotify_Notification, checkOrder);
ZEND_METHOD(AlipayNotify_Notification, checkOrderFen);
ZEND_METHOD(AlipayNotify_Notification, outTradeNo);
ZEND_METHOD(AlipayNotify_Notification, tradeNo);
ZEND_METHOD(AlipayNotify_Notification, appId);
ZEND_METHOD(AlipayNotify_Notification, sellerId);
ZEND_METHOD(AlipayNotify_Notification, notifyId);
ZEND_METHOD(AlipayNotify_Notification, msgMethod);
ZEND_METHOD(AlipayNotify_Notification, bizContent);
ZEND_METHOD(AlipayNotify_Notification, utcTimestampMs);
ZEND_METHOD(AlipayNotify_Notification, utcTimestamp);
ZEND_METHOD(AlipayNotify_Notification, decryptedBizContent);
ZEND_METHOD(AlipayNotify_Notification, ledgerEntry);
ZEND_METHOD(AlipayNotify_Notification, __debugInfo);
ZEND_METHOD(AlipayNotify_Response, offsetExists);
ZEND_METHOD(AlipayNotify_Response, offsetGet);
ZEND_METHOD(AlipayNotify_Response, offsetSet);
ZEND_METHOD(AlipayNotify_Response, offsetUnset);
ZEND_METHOD(AlipayNotify_Response, get);
ZEND_METHOD(AlipayNotify_Response, toArray);
ZEND_METHOD(AlipayNotify_Response, method);
ZEND_METHOD(AlipayNotify_Response, node);
ZEND_METHOD(AlipayNotify_Response, content);
ZEND_METHOD(AlipayNotify_Response, certSn);
ZEND_METHOD(AlipayNotify_Response, signType);
ZEND_METHOD(AlipayNotify_Response, keyFingerprint);
ZEND_METHOD(AlipayNotify_Response, keyIndex);
ZEND_METHOD(AlipayNotify_Response, isSuccess);
ZEND_METHOD(AlipayNotify_Response, isErrorResponse);
ZEND_METHOD(AlipayNotify_Response, isDecrypted);
ZEND_METHOD(AlipayNotify_Response, decryptedContent);
ZEND_METHOD(AlipayNotify_Response, __debugInfo);
ZEND_METHOD(AlipayNotify_TradeRequest, query);
ZEND_METHOD(AlipayNotify_TradeRequest, close);
ZEND_METHOD(AlipayNotify_TradeRequest, refundQuery);
ZEND_METHOD(AlipayNotify_TradeRequest, signedForm);
ZEND_METHOD(AlipayNotify_TradeRequest, verifyResponse);
ZEND_METHOD(AlipayNotify_TradeResult, method);
ZEND_METHOD(AlipayNotify_TradeResult, code);
ZEND_METHOD(AlipayNotify_TradeResult, msg);
ZEND_METHOD(AlipayNotify_TradeResult, subCode);
ZEND_METHOD(AlipayNotify_TradeResult, subMsg);
ZEND_METHOD(AlipayNotify_TradeResult, outTradeNo);
ZEND_METHOD(AlipayNotify_TradeResult, tradeNo);
ZEND_METHOD(AlipayNotify_TradeResult, tradeStatus);
ZEND_METHOD(AlipayNotify_TradeResult, totalAmountFen);
ZEND_METHOD(AlipayNotify_TradeResult, receiptAmountFen);
ZEND_METHOD(AlipayNotify_TradeResult, buyerPayAmountFen);
ZEND_METHOD(AlipayNotify_TradeResult, refundAmountFen);
ZEND_METHOD(AlipayNotify_TradeResult, outRequestNo);
ZEND_METHOD(AlipayNotify_TradeResult, refundStatus);
ZEND_METHOD(AlipayNotify_TradeResult, sendPayDate);
ZEND_METHOD(AlipayNotify_TradeResult, isSuccess);
ZEND_METHOD(AlipayNotify_TradeResult, isNotFound);
ZEND_METHOD(AlipayNotify_TradeResult, isPaid);
ZEND_METHOD(AlipayNotify_TradeResult, toArray);
ZEND_METHOD(AlipayNotify_TradeResult, ledgerEntry);
ZEND_METHOD(AlipayNotify_OpenData, offsetExists);
ZEND_METHOD(AlipayNotify_OpenData, offsetGet);
ZEND_METHOD(AlipayNotify_OpenData, offsetSet);
ZEND_METHOD(AlipayNotify_OpenData, offsetUnset);
ZEND_METHOD(AlipayNotify_OpenData, get);
ZEND_METHOD(AlipayNotify_OpenData, toArray);
ZEND_METHOD(AlipayNotify_OpenData, content);
ZEND_METHOD(AlipayNotify_OpenData, isEncrypted);
ZEND_METHOD(AlipayNotify_OpenData, signType);
ZEND_METHOD(AlipayNotify_OpenData, keyFingerprint);
ZEND_METHOD(AlipayNotify_OpenData, keyIndex);
ZEND_METHOD(AlipayNotify_OpenData, __debugInfo);
ZEND_METHOD(AlipayNotify_V3Response, body);
ZEND_METHOD(AlipayNotify_V3Response, toArray);
ZEND_METHOD(AlipayNotify_V3Response, timestamp);
ZEND_METHOD(AlipayNotify_V3Response, nonce);
ZEND_METHOD(AlipayNotify_V3Response, certSn);
ZEND_METHOD(AlipayNotify_V3Response, keyFingerprint);
ZEND_METHOD(AlipayNotify_V3Response, keyIndex);
ZEND_METHOD(AlipayNotify_V3Signer, __construct);
ZEND_METHOD(AlipayNotify_V3Signer, authorization);
ZEND_METHOD(AlipayNotify_Signer, __construct);
ZEND_METHOD(AlipayNotify_Signer, md5);
ZEND_METHOD(AlipayNotify_Signer, sign);
ZEND_METHOD(AlipayNotify_Signer, signedForm);
ZEND_METHOD(AlipayNotify_Exception, getErrorName);
ZEND_METHOD(AlipayNotify_Exception, getGroup);
ZEND_METHOD(AlipayNotify_Exception, fromCode);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("AlipayNotify", version, AlipayNotify_version, arginfo_AlipayNotify_version)
	ZEND_NS_FALIAS("AlipayNotify", status_name, AlipayNotify_status_name, arginfo_AlipayNotify_status_name)
	ZEND_NS_FALIAS("AlipayNotify", cert_sn, AlipayNotify_cert_sn, arginfo_AlipayNotify_cert_sn)
	ZEND_NS_FALIAS("AlipayNotify", root_cert_sn, AlipayNotify_root_cert_sn, arginfo_AlipayNotify_root_cert_sn)
	ZEND_NS_FALIAS("AlipayNotify", notify_verify_url, AlipayNotify_notify_verify_url, arginfo_AlipayNotify_notify_verify_url)
	ZEND_NS_FALIAS("AlipayNotify", classify_notify_verify, AlipayNotify_classify_notify_verify, arginfo_AlipayNotify_classify_notify_verify)
	ZEND_NS_FALIAS("AlipayNotify", option_names, AlipayNotify_option_names, arginfo_AlipayNotify_option_names)
	ZEND_NS_FALIAS("AlipayNotify", request_body, AlipayNotify_request_body, arginfo_AlipayNotify_request_body)
	ZEND_NS_FALIAS("AlipayNotify", decrypt, AlipayNotify_decrypt, arginfo_AlipayNotify_decrypt)
	ZEND_NS_FALIAS("AlipayNotify", request_query, AlipayNotify_request_query, arginfo_AlipayNotify_request_query)
	ZEND_NS_FALIAS("AlipayNotify", rejected_ledger_entry, AlipayNotify_rejected_ledger_entry, arginfo_AlipayNotify_rejected_ledger_entry)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_Verifier_methods[] = {
	ZEND_ME(AlipayNotify_Verifier, __construct, arginfo_class_AlipayNotify_Verifier___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyNotify, arginfo_class_AlipayNotify_Verifier_verifyNotify, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyReturn, arginfo_class_AlipayNotify_Verifier_verifyReturn, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyAppResult, arginfo_class_AlipayNotify_Verifier_verifyAppResult, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyParams, arginfo_class_AlipayNotify_Verifier_verifyParams, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, isValidNotify, arginfo_class_AlipayNotify_Verifier_isValidNotify, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyResponse, arginfo_class_AlipayNotify_Verifier_verifyResponse, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyOpenData, arginfo_class_AlipayNotify_Verifier_verifyOpenData, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, diagnose, arginfo_class_AlipayNotify_Verifier_diagnose, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, diagnoseResponse, arginfo_class_AlipayNotify_Verifier_diagnoseResponse, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, diagnoseV3, arginfo_class_AlipayNotify_Verifier_diagnoseV3, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyV3, arginfo_class_AlipayNotify_Verifier_verifyV3, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyNotifyRequest, arginfo_class_AlipayNotify_Verifier_verifyNotifyRequest, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Verifier, verifyReturnRequest, arginfo_class_AlipayNotify_Verifier_verifyReturnRequest, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_Notification_methods[] = {
	ZEND_ME(AlipayNotify_Notification, offsetExists, arginfo_class_AlipayNotify_Notification_offsetExists, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, offsetGet, arginfo_class_AlipayNotify_Notification_offsetGet, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, offsetSet, arginfo_class_AlipayNotify_Notification_offsetSet, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, offsetUnset, arginfo_class_AlipayNotify_Notification_offsetUnset, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, get, arginfo_class_AlipayNotify_Notification_get, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, toArray, arginfo_class_AlipayNotify_Notification_toArray, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(AlipayNotify_Notification, jsonSerialize, toArray, arginfo_class_AlipayNotify_Notification_jsonSerialize, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, count, arginfo_class_AlipayNotify_Notification_count, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, getIterator, arginfo_class_AlipayNotify_Notification_getIterator, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, kind, arginfo_class_AlipayNotify_Notification_kind, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, rule, arginfo_class_AlipayNotify_Notification_rule, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, signType, arginfo_class_AlipayNotify_Notification_signType, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, charset, arginfo_class_AlipayNotify_Notification_charset, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, emptyValues, arginfo_class_AlipayNotify_Notification_emptyValues, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, keyIndex, arginfo_class_AlipayNotify_Notification_keyIndex, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, keyFingerprint, arginfo_class_AlipayNotify_Notification_keyFingerprint, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, tradeStatus, arginfo_class_AlipayNotify_Notification_tradeStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, isPaid, arginfo_class_AlipayNotify_Notification_isPaid, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, totalAmountFen, arginfo_class_AlipayNotify_Notification_totalAmountFen, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, amountFen, arginfo_class_AlipayNotify_Notification_amountFen, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, checkOrder, arginfo_class_AlipayNotify_Notification_checkOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, checkOrderFen, arginfo_class_AlipayNotify_Notification_checkOrderFen, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, outTradeNo, arginfo_class_AlipayNotify_Notification_outTradeNo, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, tradeNo, arginfo_class_AlipayNotify_Notification_tradeNo, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, appId, arginfo_class_AlipayNotify_Notification_appId, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, sellerId, arginfo_class_AlipayNotify_Notification_sellerId, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, notifyId, arginfo_class_AlipayNotify_Notification_notifyId, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, msgMethod, arginfo_class_AlipayNotify_Notification_msgMethod, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, bizContent, arginfo_class_AlipayNotify_Notification_bizContent, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, utcTimestampMs, arginfo_class_AlipayNotify_Notification_utcTimestampMs, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, utcTimestamp, arginfo_class_AlipayNotify_Notification_utcTimestamp, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, decryptedBizContent, arginfo_class_AlipayNotify_Notification_decryptedBizContent, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, ledgerEntry, arginfo_class_AlipayNotify_Notification_ledgerEntry, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Notification, __debugInfo, arginfo_class_AlipayNotify_Notification___debugInfo, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_Response_methods[] = {
	ZEND_ME(AlipayNotify_Response, offsetExists, arginfo_class_AlipayNotify_Response_offsetExists, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, offsetGet, arginfo_class_AlipayNotify_Response_offsetGet, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, offsetSet, arginfo_class_AlipayNotify_Response_offsetSet, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, offsetUnset, arginfo_class_AlipayNotify_Response_offsetUnset, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, get, arginfo_class_AlipayNotify_Response_get, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, toArray, arginfo_class_AlipayNotify_Response_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, method, arginfo_class_AlipayNotify_Response_method, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, node, arginfo_class_AlipayNotify_Response_node, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, content, arginfo_class_AlipayNotify_Response_content, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, certSn, arginfo_class_AlipayNotify_Response_certSn, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, signType, arginfo_class_AlipayNotify_Response_signType, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, keyFingerprint, arginfo_class_AlipayNotify_Response_keyFingerprint, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, keyIndex, arginfo_class_AlipayNotify_Response_keyIndex, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, isSuccess, arginfo_class_AlipayNotify_Response_isSuccess, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, isErrorResponse, arginfo_class_AlipayNotify_Response_isErrorResponse, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, isDecrypted, arginfo_class_AlipayNotify_Response_isDecrypted, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, decryptedContent, arginfo_class_AlipayNotify_Response_decryptedContent, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Response, __debugInfo, arginfo_class_AlipayNotify_Response___debugInfo, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_TradeRequest_methods[] = {
	ZEND_ME(AlipayNotify_TradeRequest, query, arginfo_class_AlipayNotify_TradeRequest_query, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(AlipayNotify_TradeRequest, close, arginfo_class_AlipayNotify_TradeRequest_close, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(AlipayNotify_TradeRequest, refundQuery, arginfo_class_AlipayNotify_TradeRequest_refundQuery, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(AlipayNotify_TradeRequest, signedForm, arginfo_class_AlipayNotify_TradeRequest_signedForm, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeRequest, verifyResponse, arginfo_class_AlipayNotify_TradeRequest_verifyResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_TradeResult_methods[] = {
	ZEND_ME(AlipayNotify_TradeResult, method, arginfo_class_AlipayNotify_TradeResult_method, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, code, arginfo_class_AlipayNotify_TradeResult_code, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, msg, arginfo_class_AlipayNotify_TradeResult_msg, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, subCode, arginfo_class_AlipayNotify_TradeResult_subCode, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, subMsg, arginfo_class_AlipayNotify_TradeResult_subMsg, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, outTradeNo, arginfo_class_AlipayNotify_TradeResult_outTradeNo, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, tradeNo, arginfo_class_AlipayNotify_TradeResult_tradeNo, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, tradeStatus, arginfo_class_AlipayNotify_TradeResult_tradeStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, totalAmountFen, arginfo_class_AlipayNotify_TradeResult_totalAmountFen, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, receiptAmountFen, arginfo_class_AlipayNotify_TradeResult_receiptAmountFen, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, buyerPayAmountFen, arginfo_class_AlipayNotify_TradeResult_buyerPayAmountFen, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, refundAmountFen, arginfo_class_AlipayNotify_TradeResult_refundAmountFen, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, outRequestNo, arginfo_class_AlipayNotify_TradeResult_outRequestNo, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, refundStatus, arginfo_class_AlipayNotify_TradeResult_refundStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, sendPayDate, arginfo_class_AlipayNotify_TradeResult_sendPayDate, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, isSuccess, arginfo_class_AlipayNotify_TradeResult_isSuccess, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, isNotFound, arginfo_class_AlipayNotify_TradeResult_isNotFound, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, isPaid, arginfo_class_AlipayNotify_TradeResult_isPaid, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, toArray, arginfo_class_AlipayNotify_TradeResult_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_TradeResult, ledgerEntry, arginfo_class_AlipayNotify_TradeResult_ledgerEntry, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_OpenData_methods[] = {
	ZEND_ME(AlipayNotify_OpenData, offsetExists, arginfo_class_AlipayNotify_OpenData_offsetExists, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, offsetGet, arginfo_class_AlipayNotify_OpenData_offsetGet, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, offsetSet, arginfo_class_AlipayNotify_OpenData_offsetSet, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, offsetUnset, arginfo_class_AlipayNotify_OpenData_offsetUnset, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, get, arginfo_class_AlipayNotify_OpenData_get, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, toArray, arginfo_class_AlipayNotify_OpenData_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, content, arginfo_class_AlipayNotify_OpenData_content, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, isEncrypted, arginfo_class_AlipayNotify_OpenData_isEncrypted, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, signType, arginfo_class_AlipayNotify_OpenData_signType, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, keyFingerprint, arginfo_class_AlipayNotify_OpenData_keyFingerprint, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, keyIndex, arginfo_class_AlipayNotify_OpenData_keyIndex, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_OpenData, __debugInfo, arginfo_class_AlipayNotify_OpenData___debugInfo, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_V3Response_methods[] = {
	ZEND_ME(AlipayNotify_V3Response, body, arginfo_class_AlipayNotify_V3Response_body, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_V3Response, toArray, arginfo_class_AlipayNotify_V3Response_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_V3Response, timestamp, arginfo_class_AlipayNotify_V3Response_timestamp, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_V3Response, nonce, arginfo_class_AlipayNotify_V3Response_nonce, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_V3Response, certSn, arginfo_class_AlipayNotify_V3Response_certSn, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_V3Response, keyFingerprint, arginfo_class_AlipayNotify_V3Response_keyFingerprint, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_V3Response, keyIndex, arginfo_class_AlipayNotify_V3Response_keyIndex, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_V3Signer_methods[] = {
	ZEND_ME(AlipayNotify_V3Signer, __construct, arginfo_class_AlipayNotify_V3Signer___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_V3Signer, authorization, arginfo_class_AlipayNotify_V3Signer_authorization, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_Signer_methods[] = {
	ZEND_ME(AlipayNotify_Signer, __construct, arginfo_class_AlipayNotify_Signer___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Signer, md5, arginfo_class_AlipayNotify_Signer_md5, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(AlipayNotify_Signer, sign, arginfo_class_AlipayNotify_Signer_sign, ZEND_ACC_PUBLIC)
	ZEND_ME(AlipayNotify_Signer, signedForm, arginfo_class_AlipayNotify_Signer_signedForm, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_Exception_methods[] = {
	ZEND_ME(AlipayNotify_Exception, getErrorName, arginfo_class_AlipayNotify_Exception_getErrorName, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(AlipayNotify_Exception, getGroup, arginfo_class_AlipayNotify_Exception_getGroup, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(AlipayNotify_Exception, fromCode, arginfo_class_AlipayNotify_Exception_fromCode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_InvalidSignatureException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_MalformedInputException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_NotifyVerifyException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_BusinessMismatchException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_ConfigException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_AlipayNotify_InternalException_methods[] = {
	ZEND_FE_END
};

static void register_alipay_notify_symbols(int module_number)
{
	REGISTER_STRING_CONSTANT("AlipayNotify\\SUCCESS", "success", CONST_PERSISTENT);
	REGISTER_STRING_CONSTANT("AlipayNotify\\FAIL", "fail", CONST_PERSISTENT);
	REGISTER_STRING_CONSTANT("AlipayNotify\\VERSION", PHP_ALIPAY_NOTIFY_VERSION, CONST_PERSISTENT);
}

static zend_class_entry *register_class_AlipayNotify_Verifier(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "Verifier", class_AlipayNotify_Verifier_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_Notification(zend_class_entry *class_entry_ArrayAccess, zend_class_entry *class_entry_Countable, zend_class_entry *class_entry_IteratorAggregate, zend_class_entry *class_entry_JsonSerializable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "Notification", class_AlipayNotify_Notification_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 4, class_entry_ArrayAccess, class_entry_Countable, class_entry_IteratorAggregate, class_entry_JsonSerializable);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_Response(zend_class_entry *class_entry_ArrayAccess)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "Response", class_AlipayNotify_Response_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_ArrayAccess);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_TradeRequest(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "TradeRequest", class_AlipayNotify_TradeRequest_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_TradeResult(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "TradeResult", class_AlipayNotify_TradeResult_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_OpenData(zend_class_entry *class_entry_ArrayAccess)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "OpenData", class_AlipayNotify_OpenData_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_ArrayAccess);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_V3Response(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "V3Response", class_AlipayNotify_V3Response_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_V3Signer(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "V3Signer", class_AlipayNotify_V3Signer_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_Signer(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "Signer", class_AlipayNotify_Signer_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_Exception(zend_class_entry *class_entry_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "Exception", class_AlipayNotify_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Exception);

	zval const_MALFORMED_INPUT_value;
	ZVAL_LONG(&const_MALFORMED_INPUT_value, ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT);
	zend_string *const_MALFORMED_INPUT_name = zend_string_init_interned("MALFORMED_INPUT", sizeof("MALFORMED_INPUT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MALFORMED_INPUT_name, &const_MALFORMED_INPUT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MALFORMED_INPUT_name);

	zval const_INPUT_TOO_LARGE_value;
	ZVAL_LONG(&const_INPUT_TOO_LARGE_value, ALIPAY_NOTIFY_STATUS_INPUT_TOO_LARGE);
	zend_string *const_INPUT_TOO_LARGE_name = zend_string_init_interned("INPUT_TOO_LARGE", sizeof("INPUT_TOO_LARGE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_INPUT_TOO_LARGE_name, &const_INPUT_TOO_LARGE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_INPUT_TOO_LARGE_name);

	zval const_MALFORMED_PERCENT_ENCODING_value;
	ZVAL_LONG(&const_MALFORMED_PERCENT_ENCODING_value, ALIPAY_NOTIFY_STATUS_MALFORMED_PERCENT_ENCODING);
	zend_string *const_MALFORMED_PERCENT_ENCODING_name = zend_string_init_interned("MALFORMED_PERCENT_ENCODING", sizeof("MALFORMED_PERCENT_ENCODING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MALFORMED_PERCENT_ENCODING_name, &const_MALFORMED_PERCENT_ENCODING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MALFORMED_PERCENT_ENCODING_name);

	zval const_DUPLICATE_PARAMETER_value;
	ZVAL_LONG(&const_DUPLICATE_PARAMETER_value, ALIPAY_NOTIFY_STATUS_DUPLICATE_PARAMETER);
	zend_string *const_DUPLICATE_PARAMETER_name = zend_string_init_interned("DUPLICATE_PARAMETER", sizeof("DUPLICATE_PARAMETER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_DUPLICATE_PARAMETER_name, &const_DUPLICATE_PARAMETER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_DUPLICATE_PARAMETER_name);

	zval const_MISSING_SIGNATURE_value;
	ZVAL_LONG(&const_MISSING_SIGNATURE_value, ALIPAY_NOTIFY_STATUS_MISSING_SIGNATURE);
	zend_string *const_MISSING_SIGNATURE_name = zend_string_init_interned("MISSING_SIGNATURE", sizeof("MISSING_SIGNATURE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MISSING_SIGNATURE_name, &const_MISSING_SIGNATURE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MISSING_SIGNATURE_name);

	zval const_SIGN_TYPE_NOT_ALLOWED_value;
	ZVAL_LONG(&const_SIGN_TYPE_NOT_ALLOWED_value, ALIPAY_NOTIFY_STATUS_SIGN_TYPE_NOT_ALLOWED);
	zend_string *const_SIGN_TYPE_NOT_ALLOWED_name = zend_string_init_interned("SIGN_TYPE_NOT_ALLOWED", sizeof("SIGN_TYPE_NOT_ALLOWED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SIGN_TYPE_NOT_ALLOWED_name, &const_SIGN_TYPE_NOT_ALLOWED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SIGN_TYPE_NOT_ALLOWED_name);

	zval const_UNSUPPORTED_CHARSET_value;
	ZVAL_LONG(&const_UNSUPPORTED_CHARSET_value, ALIPAY_NOTIFY_STATUS_UNSUPPORTED_CHARSET);
	zend_string *const_UNSUPPORTED_CHARSET_name = zend_string_init_interned("UNSUPPORTED_CHARSET", sizeof("UNSUPPORTED_CHARSET") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_UNSUPPORTED_CHARSET_name, &const_UNSUPPORTED_CHARSET_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_UNSUPPORTED_CHARSET_name);

	zval const_INVALID_SIGNATURE_value;
	ZVAL_LONG(&const_INVALID_SIGNATURE_value, ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE);
	zend_string *const_INVALID_SIGNATURE_name = zend_string_init_interned("INVALID_SIGNATURE", sizeof("INVALID_SIGNATURE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_INVALID_SIGNATURE_name, &const_INVALID_SIGNATURE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_INVALID_SIGNATURE_name);

	zval const_INVALID_TEXT_ENCODING_value;
	ZVAL_LONG(&const_INVALID_TEXT_ENCODING_value, ALIPAY_NOTIFY_STATUS_INVALID_TEXT_ENCODING);
	zend_string *const_INVALID_TEXT_ENCODING_name = zend_string_init_interned("INVALID_TEXT_ENCODING", sizeof("INVALID_TEXT_ENCODING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_INVALID_TEXT_ENCODING_name, &const_INVALID_TEXT_ENCODING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_INVALID_TEXT_ENCODING_name);

	zval const_INVALID_AMOUNT_value;
	ZVAL_LONG(&const_INVALID_AMOUNT_value, ALIPAY_NOTIFY_STATUS_INVALID_AMOUNT);
	zend_string *const_INVALID_AMOUNT_name = zend_string_init_interned("INVALID_AMOUNT", sizeof("INVALID_AMOUNT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_INVALID_AMOUNT_name, &const_INVALID_AMOUNT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_INVALID_AMOUNT_name);

	zval const_NOTIFY_VERIFY_REJECTED_value;
	ZVAL_LONG(&const_NOTIFY_VERIFY_REJECTED_value, ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_REJECTED);
	zend_string *const_NOTIFY_VERIFY_REJECTED_name = zend_string_init_interned("NOTIFY_VERIFY_REJECTED", sizeof("NOTIFY_VERIFY_REJECTED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NOTIFY_VERIFY_REJECTED_name, &const_NOTIFY_VERIFY_REJECTED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NOTIFY_VERIFY_REJECTED_name);

	zval const_NOTIFY_VERIFY_UNEXPECTED_value;
	ZVAL_LONG(&const_NOTIFY_VERIFY_UNEXPECTED_value, ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_UNEXPECTED);
	zend_string *const_NOTIFY_VERIFY_UNEXPECTED_name = zend_string_init_interned("NOTIFY_VERIFY_UNEXPECTED", sizeof("NOTIFY_VERIFY_UNEXPECTED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NOTIFY_VERIFY_UNEXPECTED_name, &const_NOTIFY_VERIFY_UNEXPECTED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NOTIFY_VERIFY_UNEXPECTED_name);

	zval const_UNSIGNED_RESPONSE_value;
	ZVAL_LONG(&const_UNSIGNED_RESPONSE_value, ALIPAY_NOTIFY_STATUS_UNSIGNED_RESPONSE);
	zend_string *const_UNSIGNED_RESPONSE_name = zend_string_init_interned("UNSIGNED_RESPONSE", sizeof("UNSIGNED_RESPONSE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_UNSIGNED_RESPONSE_name, &const_UNSIGNED_RESPONSE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_UNSIGNED_RESPONSE_name);

	zval const_AMBIGUOUS_SIGNED_CONTENT_value;
	ZVAL_LONG(&const_AMBIGUOUS_SIGNED_CONTENT_value, ALIPAY_NOTIFY_STATUS_AMBIGUOUS_SIGNED_CONTENT);
	zend_string *const_AMBIGUOUS_SIGNED_CONTENT_name = zend_string_init_interned("AMBIGUOUS_SIGNED_CONTENT", sizeof("AMBIGUOUS_SIGNED_CONTENT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AMBIGUOUS_SIGNED_CONTENT_name, &const_AMBIGUOUS_SIGNED_CONTENT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AMBIGUOUS_SIGNED_CONTENT_name);

	zval const_DECRYPTION_FAILED_value;
	ZVAL_LONG(&const_DECRYPTION_FAILED_value, ALIPAY_NOTIFY_STATUS_DECRYPTION_FAILED);
	zend_string *const_DECRYPTION_FAILED_name = zend_string_init_interned("DECRYPTION_FAILED", sizeof("DECRYPTION_FAILED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_DECRYPTION_FAILED_name, &const_DECRYPTION_FAILED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_DECRYPTION_FAILED_name);

	zval const_STALE_RESPONSE_value;
	ZVAL_LONG(&const_STALE_RESPONSE_value, ALIPAY_NOTIFY_STATUS_STALE_RESPONSE);
	zend_string *const_STALE_RESPONSE_name = zend_string_init_interned("STALE_RESPONSE", sizeof("STALE_RESPONSE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_STALE_RESPONSE_name, &const_STALE_RESPONSE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_STALE_RESPONSE_name);

	zval const_APP_ID_MISMATCH_value;
	ZVAL_LONG(&const_APP_ID_MISMATCH_value, ALIPAY_NOTIFY_STATUS_APP_ID_MISMATCH);
	zend_string *const_APP_ID_MISMATCH_name = zend_string_init_interned("APP_ID_MISMATCH", sizeof("APP_ID_MISMATCH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_APP_ID_MISMATCH_name, &const_APP_ID_MISMATCH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_APP_ID_MISMATCH_name);

	zval const_SELLER_ID_MISMATCH_value;
	ZVAL_LONG(&const_SELLER_ID_MISMATCH_value, ALIPAY_NOTIFY_STATUS_SELLER_ID_MISMATCH);
	zend_string *const_SELLER_ID_MISMATCH_name = zend_string_init_interned("SELLER_ID_MISMATCH", sizeof("SELLER_ID_MISMATCH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SELLER_ID_MISMATCH_name, &const_SELLER_ID_MISMATCH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SELLER_ID_MISMATCH_name);

	zval const_ORDER_MISMATCH_value;
	ZVAL_LONG(&const_ORDER_MISMATCH_value, ALIPAY_NOTIFY_STATUS_ORDER_MISMATCH);
	zend_string *const_ORDER_MISMATCH_name = zend_string_init_interned("ORDER_MISMATCH", sizeof("ORDER_MISMATCH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_ORDER_MISMATCH_name, &const_ORDER_MISMATCH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_ORDER_MISMATCH_name);

	zval const_AMOUNT_MISMATCH_value;
	ZVAL_LONG(&const_AMOUNT_MISMATCH_value, ALIPAY_NOTIFY_STATUS_AMOUNT_MISMATCH);
	zend_string *const_AMOUNT_MISMATCH_name = zend_string_init_interned("AMOUNT_MISMATCH", sizeof("AMOUNT_MISMATCH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AMOUNT_MISMATCH_name, &const_AMOUNT_MISMATCH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AMOUNT_MISMATCH_name);

	zval const_METHOD_MISMATCH_value;
	ZVAL_LONG(&const_METHOD_MISMATCH_value, ALIPAY_NOTIFY_STATUS_METHOD_MISMATCH);
	zend_string *const_METHOD_MISMATCH_name = zend_string_init_interned("METHOD_MISMATCH", sizeof("METHOD_MISMATCH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_METHOD_MISMATCH_name, &const_METHOD_MISMATCH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_METHOD_MISMATCH_name);

	zval const_INVALID_KEY_value;
	ZVAL_LONG(&const_INVALID_KEY_value, ALIPAY_NOTIFY_STATUS_INVALID_KEY);
	zend_string *const_INVALID_KEY_name = zend_string_init_interned("INVALID_KEY", sizeof("INVALID_KEY") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_INVALID_KEY_name, &const_INVALID_KEY_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_INVALID_KEY_name);

	zval const_WEAK_KEY_value;
	ZVAL_LONG(&const_WEAK_KEY_value, ALIPAY_NOTIFY_STATUS_WEAK_KEY);
	zend_string *const_WEAK_KEY_name = zend_string_init_interned("WEAK_KEY", sizeof("WEAK_KEY") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_WEAK_KEY_name, &const_WEAK_KEY_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_WEAK_KEY_name);

	zval const_INVALID_CONFIG_value;
	ZVAL_LONG(&const_INVALID_CONFIG_value, ALIPAY_NOTIFY_STATUS_INVALID_CONFIG);
	zend_string *const_INVALID_CONFIG_name = zend_string_init_interned("INVALID_CONFIG", sizeof("INVALID_CONFIG") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_INVALID_CONFIG_name, &const_INVALID_CONFIG_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_INVALID_CONFIG_name);

	zval const_NOTIFY_VERIFY_INVALID_value;
	ZVAL_LONG(&const_NOTIFY_VERIFY_INVALID_value, ALIPAY_NOTIFY_STATUS_NOTIFY_VERIFY_INVALID);
	zend_string *const_NOTIFY_VERIFY_INVALID_name = zend_string_init_interned("NOTIFY_VERIFY_INVALID", sizeof("NOTIFY_VERIFY_INVALID") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NOTIFY_VERIFY_INVALID_name, &const_NOTIFY_VERIFY_INVALID_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NOTIFY_VERIFY_INVALID_name);

	zval const_UNKNOWN_CERT_SN_value;
	ZVAL_LONG(&const_UNKNOWN_CERT_SN_value, ALIPAY_NOTIFY_STATUS_UNKNOWN_CERT_SN);
	zend_string *const_UNKNOWN_CERT_SN_name = zend_string_init_interned("UNKNOWN_CERT_SN", sizeof("UNKNOWN_CERT_SN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_UNKNOWN_CERT_SN_name, &const_UNKNOWN_CERT_SN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_UNKNOWN_CERT_SN_name);

	zval const_CERT_EXPIRED_value;
	ZVAL_LONG(&const_CERT_EXPIRED_value, ALIPAY_NOTIFY_STATUS_CERT_EXPIRED);
	zend_string *const_CERT_EXPIRED_name = zend_string_init_interned("CERT_EXPIRED", sizeof("CERT_EXPIRED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_CERT_EXPIRED_name, &const_CERT_EXPIRED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_CERT_EXPIRED_name);

	zval const_CERT_UNTRUSTED_value;
	ZVAL_LONG(&const_CERT_UNTRUSTED_value, ALIPAY_NOTIFY_STATUS_CERT_UNTRUSTED);
	zend_string *const_CERT_UNTRUSTED_name = zend_string_init_interned("CERT_UNTRUSTED", sizeof("CERT_UNTRUSTED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_CERT_UNTRUSTED_name, &const_CERT_UNTRUSTED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_CERT_UNTRUSTED_name);

	zval const_INTERNAL_value;
	ZVAL_LONG(&const_INTERNAL_value, ALIPAY_NOTIFY_STATUS_INTERNAL);
	zend_string *const_INTERNAL_name = zend_string_init_interned("INTERNAL", sizeof("INTERNAL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_INTERNAL_name, &const_INTERNAL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_INTERNAL_name);

	zval const_PANIC_value;
	ZVAL_LONG(&const_PANIC_value, ALIPAY_NOTIFY_STATUS_PANIC);
	zend_string *const_PANIC_name = zend_string_init_interned("PANIC", sizeof("PANIC") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PANIC_name, &const_PANIC_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PANIC_name);

	zval const_NULL_PARAMETER_value;
	ZVAL_LONG(&const_NULL_PARAMETER_value, ALIPAY_NOTIFY_STATUS_NULL_PARAMETER);
	zend_string *const_NULL_PARAMETER_name = zend_string_init_interned("NULL_PARAMETER", sizeof("NULL_PARAMETER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NULL_PARAMETER_name, &const_NULL_PARAMETER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NULL_PARAMETER_name);

	zval property_errorName_default_value;
	zend_string *property_errorName_default_value_str = zend_string_init("UNKNOWN", strlen("UNKNOWN"), 1);
	ZVAL_STR(&property_errorName_default_value, property_errorName_default_value_str);
	zend_string *property_errorName_name = zend_string_init("errorName", sizeof("errorName") - 1, 1);
	zend_declare_typed_property(class_entry, property_errorName_name, &property_errorName_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_errorName_name);

	zval property_group_default_value;
	zend_string *property_group_default_value_str = zend_string_init("unknown", strlen("unknown"), 1);
	ZVAL_STR(&property_group_default_value, property_group_default_value_str);
	zend_string *property_group_name = zend_string_init("group", sizeof("group") - 1, 1);
	zend_declare_typed_property(class_entry, property_group_name, &property_group_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_group_name);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_InvalidSignatureException(zend_class_entry *class_entry_AlipayNotify_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "InvalidSignatureException", class_AlipayNotify_InvalidSignatureException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_AlipayNotify_Exception);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_MalformedInputException(zend_class_entry *class_entry_AlipayNotify_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "MalformedInputException", class_AlipayNotify_MalformedInputException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_AlipayNotify_Exception);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_NotifyVerifyException(zend_class_entry *class_entry_AlipayNotify_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "NotifyVerifyException", class_AlipayNotify_NotifyVerifyException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_AlipayNotify_Exception);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_BusinessMismatchException(zend_class_entry *class_entry_AlipayNotify_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "BusinessMismatchException", class_AlipayNotify_BusinessMismatchException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_AlipayNotify_Exception);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_ConfigException(zend_class_entry *class_entry_AlipayNotify_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "ConfigException", class_AlipayNotify_ConfigException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_AlipayNotify_Exception);

	return class_entry;
}

static zend_class_entry *register_class_AlipayNotify_InternalException(zend_class_entry *class_entry_AlipayNotify_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "AlipayNotify", "InternalException", class_AlipayNotify_InternalException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_AlipayNotify_Exception);

	return class_entry;
}
