/*
 * What a C sample of the READMEs (ffi-c/README.md, README.md) defines. scripts/test-c.sh
 * compiles each extracted sample with `-include` of this file, so a sample whose functions
 * drift from these prototypes does not compile.
 */
#ifndef ALIPAY_NOTIFY_README_SAMPLE_H
#define ALIPAY_NOTIFY_README_SAMPLE_H

#include <stddef.h>

#include <alipay_notify.h>

alipay_notify_verifier *load_verifier(const char *key, size_t key_len);
const char *handle_notify(const alipay_notify_verifier *verifier, const char *body, size_t body_len,
                          const char *out_trade_no, const char *total_amount);

#endif
