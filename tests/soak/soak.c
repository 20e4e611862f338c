/*
 * The C soak driver of scripts/soak.sh: one verifier, N verifications of a mixed corpus, every
 * answer checked against the corpus's expected status, resident memory sampled after warm-up
 * and at the end.
 *
 *   soak CORPUS PUBLIC_KEY_FILE APP_ID N WARMUP
 *
 * CORPUS has one message a line: the expected status, a space, the raw body.
 * Prints one line of name=value figures (scripts/soak.sh reads it); exits 1 on a wrong answer.
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <alipay_notify.h>

typedef struct {
    int expected;
    char *body;
    size_t len;
} message;

/* VmRSS of this process in KiB, from /proc (what the other drivers read too). */
static long rss_kib(void) {
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (status != NULL && fgets(line, sizeof line, status) != NULL)
        if (strncmp(line, "VmRSS:", 6) == 0) kib = strtol(line + 6, NULL, 10);
    if (status != NULL) fclose(status);
    return kib;
}

static char *read_file(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *data = malloc((size_t)size + 1);
    *len = fread(data, 1, (size_t)size, file);
    data[*len] = '\0';
    fclose(file);
    return data;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s CORPUS PUBLIC_KEY_FILE APP_ID N WARMUP\n", argv[0]);
        return 2;
    }
    size_t corpus_len, key_len;
    char *corpus = read_file(argv[1], &corpus_len);
    char *key = read_file(argv[2], &key_len);
    const char *app_id = argv[3];
    long n = atol(argv[4]), warmup = atol(argv[5]);
    if (corpus == NULL || key == NULL || n <= warmup) {
        fprintf(stderr, "cannot read the corpus or the key, or N <= WARMUP\n");
        return 2;
    }
    message messages[256];
    size_t count = 0;
    for (char *line = strtok(corpus, "\n"); line != NULL && count < 256; line = strtok(NULL, "\n")) {
        char *space = strchr(line, ' ');
        if (space == NULL) continue;
        *space = '\0';
        messages[count++] = (message){atoi(line), space + 1, strlen(space + 1)};
    }

    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_error *err = NULL;
    int32_t status = alipay_notify_verifier_options_new(&options, &err);
    if (status == 0) status = alipay_notify_verifier_options_add_public_key(options, key, key_len, &err);
    if (status == 0) status = alipay_notify_verifier_options_set_app_id(options, app_id, strlen(app_id), &err);
    if (status == 0) status = alipay_notify_verifier_build(options, &verifier, &err);
    alipay_notify_verifier_options_free(options);
    if (status != 0) {
        fprintf(stderr, "verifier: %s\n", alipay_notify_error_message(err));
        return 2;
    }

    long wrong = 0, rss_warm = 0;
    double started = 0;
    clock_t cpu_started = 0;
    for (long i = 0; i < n; i++) {
        if (i == warmup) {
            rss_warm = rss_kib();
            started = now();
            cpu_started = clock();
        }
        const message *m = &messages[(size_t)i % count];
        alipay_notify_notification *notification = NULL;
        err = NULL;
        status = alipay_notify_verifier_verify_notify(verifier, m->body, m->len, &notification, &err);
        if (status == 0) {
            /* Read a field, as a handler would. */
            const char *value = NULL;
            if (alipay_notify_notification_get(notification, "out_trade_no", 12, &value, NULL, NULL) != 0 ||
                value == NULL)
                status = -1;
        } else if (err == NULL || alipay_notify_error_code(err) != status) {
            status = -2;
        }
        if (status != m->expected && wrong++ < 5)
            fprintf(stderr, "message %zu: status %d, expected %d\n", (size_t)i % count, status, m->expected);
        alipay_notify_notification_free(notification);
        alipay_notify_error_free(err);
    }
    double seconds = now() - started;
    double cpu_seconds = (double)(clock() - cpu_started) / CLOCKS_PER_SEC;
    long rss_end = rss_kib();
    printf("binding=c n=%ld timed=%ld seconds=%.3f cpu_seconds=%.3f rss_warm_kib=%ld rss_end_kib=%ld wrong=%ld\n",
           n, n - warmup, seconds, cpu_seconds, rss_warm, rss_end, wrong);
    alipay_notify_verifier_free(verifier);
    free(corpus);
    free(key);
    return wrong == 0 ? 0 : 1;
}
