/*
 * C tests of libalipay_notify: every shared vector (every .json file in tests/vectors) and the API's NULL,
 * error and ownership paths. Usage: test_alipay_notify <tests/vectors directory>.
 * Prints one line per failure and closes with "N passed, N failed".
 */
#include <stdlib.h>

#include "check.h"

int tests_passed = 0;
int tests_failed = 0;

void record(int ok, const char *name, const char *file, int line, const char *why) {
    if (ok) {
        tests_passed++;
    } else {
        tests_failed++;
        printf("FAIL %s (%s:%d): %s\n", name, file, line, why);
    }
}

int error_matches(int32_t status, const alipay_notify_error *err) {
    return err != NULL && alipay_notify_error_code(err) == status &&
           strcmp(alipay_notify_error_name(err), alipay_notify_status_name(status)) == 0 &&
           alipay_notify_error_message(err)[0] != '\0';
}

void drop_error(alipay_notify_error **err) {
    alipay_notify_error_free(*err);
    *err = NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <tests/vectors directory>\n", argv[0]);
        return 2;
    }
    printf("%s\n", alipay_notify_version());
    run_vectors(argv[1]);
    run_convention_tests(argv[1]);
    run_usage_tests(argv[1]);
    run_option_tests(argv[1]);
    run_wap_tests(argv[1]);
    run_v3_tests(argv[1]);
    run_ledger_tests(argv[1]);
    run_thread_tests(argv[1]);
    printf("%d passed, %d failed\n", tests_passed, tests_failed);
    return tests_failed == 0 && tests_passed > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
