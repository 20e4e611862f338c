/*
 * The current request, as raw bytes: the body from php://input and the query string from
 * $_SERVER['QUERY_STRING']. Never $_POST or $_GET: PHP's parsing turns "+" into spaces,
 * drops or merges duplicates and loses the bytes a GBK message was signed over.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_alipay_notify.h"
#include "php_streams.h"

zend_string *an_request_body(void) {
    php_stream *stream = php_stream_open_wrapper_ex("php://input", "rb", REPORT_ERRORS, NULL, NULL);
    if (stream == NULL) {
        an_throw_message(ALIPAY_NOTIFY_STATUS_INTERNAL, "php://input cannot be opened");
        return NULL;
    }
    /* PHP keeps the body (php://input can be read again after $_POST was filled); its size is
     * bounded by post_max_size, and the verifier refuses what is over its own max_size. */
    zend_string *body = php_stream_copy_to_mem(stream, PHP_STREAM_COPY_ALL, 0);
    php_stream_close(stream);
    return body != NULL ? body : ZSTR_EMPTY_ALLOC();
}

zend_string *an_request_query(void) {
    /* $_SERVER is filled on first use (auto_globals_jit): ask for it as a script would. */
    zend_is_auto_global_str(ZEND_STRL("_SERVER"));
    zval *server = zend_hash_str_find_deref(&EG(symbol_table), ZEND_STRL("_SERVER"));
    if (server != NULL && Z_TYPE_P(server) == IS_ARRAY) {
        zval *query = zend_hash_str_find_deref(Z_ARRVAL_P(server), ZEND_STRL("QUERY_STRING"));
        if (query != NULL && Z_TYPE_P(query) == IS_STRING) return zend_string_copy(Z_STR_P(query));
    }
    return ZSTR_EMPTY_ALLOC();
}
