/*
 * A tiny test harness shared by the C tests: counters, CHECK macros and helpers around the
 * library's conventions (pointer + length inputs, error objects).
 */
#ifndef ALIPAY_NOTIFY_TEST_CHECK_H
#define ALIPAY_NOTIFY_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "alipay_notify.h"

extern int tests_passed;
extern int tests_failed;

/* Records one named test as passed or failed; a failure prints where and why. */
void record(int ok, const char *name, const char *file, int line, const char *why);

#define CHECK(cond, name) record((cond) ? 1 : 0, (name), __FILE__, __LINE__, #cond)

/* A string literal as the library takes it: pointer and length. */
#define LIT(s) (s), (sizeof(s) - 1)

/* A NUL-terminated string as pointer and length. */
#define STR(s) (s), strlen(s)

/* The name of a status; an error object's name must be the same. */
int error_matches(int32_t status, const alipay_notify_error *err);

/* Frees *err and sets it back to NULL (a function never frees or reuses an error object). */
void drop_error(alipay_notify_error **err);

/* The test suites: each adds to the counters. */
void run_vectors(const char *dir);
void run_convention_tests(const char *dir);
void run_usage_tests(const char *dir);
void run_option_tests(const char *dir);
void run_wap_tests(const char *dir);
void run_v3_tests(const char *dir);
void run_ledger_tests(const char *dir);
void run_thread_tests(const char *dir);

/* The text of a key from a vector file (read once per call; the caller frees it). */
char *vector_key(const char *dir, const char *file, const char *key_id);

/* The `input` of the vector `id` in a vector file (the caller frees it). */
char *vector_input(const char *dir, const char *file, const char *id);

#endif
