/*
 * A notify_url handler's core, from C: verify the raw body Alipay POSTed, check it is for our
 * order, and answer "success" or "fail".
 *
 *   cc notify.c $(pkg-config --cflags --libs alipay_notify) -o notify
 *   ./notify alipay_public_key.txt T1001 88.00 < body.txt
 *
 * A real server builds the verifier once at startup and shares it between threads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <alipay_notify.h>

/* Reads a whole stream; the caller frees the buffer. */
static char *read_all(FILE *file, size_t *len) {
    size_t cap = 4096;
    char *data = malloc(cap);
    *len = 0;
    for (size_t n; data != NULL && (n = fread(data + *len, 1, cap - *len, file)) > 0;) {
        *len += n;
        if (*len == cap) data = realloc(data, cap *= 2);
    }
    return data;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s ALIPAY_PUBLIC_KEY_FILE OUT_TRADE_NO TOTAL_AMOUNT < body\n", argv[0]);
        return 2;
    }
    FILE *key_file = fopen(argv[1], "rb");
    if (key_file == NULL) {
        perror(argv[1]);
        return 2;
    }
    size_t key_len, body_len;
    char *key = read_all(key_file, &key_len);
    fclose(key_file);
    char *body = read_all(stdin, &body_len); /* the raw bytes: never a re-encoded form */

    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_notification *notification = NULL;
    alipay_notify_error *err = NULL;

    /* Each step runs only if the previous one succeeded; err holds the first failure. */
    int32_t status = alipay_notify_verifier_options_new(&options, &err);
    if (status == 0) status = alipay_notify_verifier_options_add_public_key(options, key, key_len, &err);
    if (status == 0) status = alipay_notify_verifier_build(options, &verifier, &err);
    if (status == 0) status = alipay_notify_verifier_verify_notify(verifier, body, body_len, &notification, &err);
    if (status == 0)
        status = alipay_notify_notification_check_order(notification, argv[2], strlen(argv[2]), argv[3],
                                                        strlen(argv[3]), &err);
    if (status == 0) {
        bool paid = false;
        const char *trade_no = NULL, *notify_id = NULL;
        alipay_notify_notification_is_paid(notification, &paid, NULL);
        alipay_notify_notification_get(notification, "trade_no", 8, &trade_no, NULL, NULL);
        alipay_notify_notification_get(notification, "notify_id", 9, &notify_id, NULL, NULL);
        if (paid) /* idempotently: Alipay repeats a notification until it reads "success" */
            fprintf(stderr, "order %s paid, trade_no %s, notify_id %s\n", argv[2], trade_no, notify_id);
        puts("success");
    } else {
        fprintf(stderr, "rejected: %s (%d): %s\n", alipay_notify_error_name(err), (int)status,
                alipay_notify_error_message(err));
        puts("fail");
    }

    alipay_notify_error_free(err);
    alipay_notify_notification_free(notification);
    alipay_notify_verifier_free(verifier);
    alipay_notify_verifier_options_free(options);
    free(body);
    free(key);
    return status == 0 ? 0 : 1;
}
