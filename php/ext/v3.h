/*
 * OpenAPI v3 (issue 11): AlipayNotify\V3Response (v3.c), AlipayNotify\V3Signer (v3_signer.c)
 * and what Verifier::verifyV3() calls.
 */
#ifndef AN_V3_H
#define AN_V3_H

#include "php_alipay_notify.h"

extern zend_class_entry *an_ce_v3_response;
extern zend_class_entry *an_ce_v3_signer;

void an_setup_v3_response(zend_class_entry *ce);
void an_setup_v3_signer(zend_class_entry *ce);

/* Verifies a v3 response from a PHP header array and the raw body into a new V3Response in
 * `out`; `now_millis` NULL judges max_response_age now. False with an exception thrown. */
bool an_verify_v3(zval *out, const alipay_notify_verifier *verifier, HashTable *headers, const zend_string *body,
                  const zend_long *now_millis);

/* The header pairs of a PHP header array (as verifyV3() takes it), for the library. NULL with an
 * exception thrown; the caller frees the result. */
alipay_notify_params *an_v3_headers(HashTable *headers);

#endif
