/*
 * One verifier shared by pthreads answers every message exactly as a sequential run does: valid
 * V1 and V2 notifications, tampered ones, other apps', malformed and unsigned bodies, verified
 * at the same time in different orders (each thread starts elsewhere in the corpus).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdlib.h>

#include "check.h"

#define APP_ID "2021000000000001"
#define ORDERS 4
#define KINDS 5
#define CORPUS (ORDERS * KINDS)
#define THREADS 4
#define ROUNDS 5

/* What a verification answered: the status and the notification's JSON or the error's message. */
typedef struct {
    int32_t status;
    char *text;
} outcome;

typedef struct {
    const alipay_notify_verifier *verifier;
    char **bodies;
    const outcome *sequential;
    size_t start;
    int verified;
    int mismatches;
} worker;

static char *signed_notification(const alipay_notify_signer *signer, const char *app_id, int order) {
    char no[16], amount[16];
    snprintf(no, sizeof no, "T%d", order);
    snprintf(amount, sizeof amount, "%d.00", order + 1);
    const char *pairs[][2] = {{"app_id", app_id}, {"charset", "utf-8"}, {"out_trade_no", no},
                              {"subject", "测试商品 a+b=c&d"}, {"total_amount", amount},
                              {"trade_status", "TRADE_SUCCESS"}};
    alipay_notify_params *params = NULL;
    char *form = NULL;
    alipay_notify_params_new(&params, NULL);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        alipay_notify_params_add(params, STR(pairs[i][0]), STR(pairs[i][1]), NULL);
    alipay_notify_signer_signed_form(signer, params, &form, NULL);
    alipay_notify_params_free(params);
    char *copy = form != NULL ? strdup(form) : NULL;
    alipay_notify_string_free(form);
    return copy;
}

/* A copy of `body` with `from` (which must occur) replaced by `to`. */
static char *replaced(const char *body, const char *from, const char *to) {
    const char *at = strstr(body, from);
    if (at == NULL) return strdup(body);
    size_t head = (size_t)(at - body);
    char *out = malloc(strlen(body) - strlen(from) + strlen(to) + 1);
    memcpy(out, body, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

static outcome verify(const alipay_notify_verifier *verifier, const char *body) {
    alipay_notify_notification *n = NULL;
    alipay_notify_error *err = NULL;
    outcome o = {alipay_notify_verifier_verify_notify(verifier, STR(body), &n, &err), NULL};
    if (o.status == 0) {
        char *json = NULL;
        alipay_notify_notification_to_json(n, &json, NULL);
        o.text = json != NULL ? strdup(json) : NULL;
        alipay_notify_string_free(json);
    } else if (err != NULL) {
        o.text = strdup(alipay_notify_error_message(err));
    }
    alipay_notify_notification_free(n);
    alipay_notify_error_free(err);
    return o;
}

static int same(outcome a, outcome b) {
    return a.status == b.status && a.text != NULL && b.text != NULL && strcmp(a.text, b.text) == 0;
}

static void *verify_corpus(void *arg) {
    worker *w = arg;
    for (size_t i = 0; i < ROUNDS * CORPUS; i++) {
        size_t index = (w->start + i) % CORPUS;
        outcome o = verify(w->verifier, w->bodies[index]);
        if (!same(o, w->sequential[index])) w->mismatches++;
        if (o.status == 0) w->verified++;
        free(o.text);
    }
    return NULL;
}

static void shared_by_threads(const char *private_key, const char *public_key) {
    alipay_notify_signer *v1 = NULL, *v2 = NULL;
    alipay_notify_signer_new_rsa(STR(private_key), LIT("RSA2"), LIT("v1"), &v1, NULL);
    alipay_notify_signer_new_rsa(STR(private_key), LIT("RSA2"), LIT("v2"), &v2, NULL);
    alipay_notify_verifier_options *options = NULL;
    alipay_notify_verifier *verifier = NULL;
    alipay_notify_verifier_options_new(&options, NULL);
    alipay_notify_verifier_options_add_public_key(options, STR(public_key), NULL);
    alipay_notify_verifier_options_set_app_id(options, LIT(APP_ID), NULL);
    alipay_notify_verifier_options_set_rule(options, LIT("auto"), NULL);
    CHECK(alipay_notify_verifier_build(options, &verifier, NULL) == 0, "threads: verifier");
    alipay_notify_verifier_options_free(options);

    char *bodies[CORPUS];
    for (int order = 0; order < ORDERS; order++) {
        const alipay_notify_signer *signer = order % 2 == 0 ? v1 : v2;
        char *body = signed_notification(signer, APP_ID, order);
        char **kind = &bodies[order * KINDS];
        kind[0] = body;
        kind[1] = replaced(body, "TRADE_SUCCESS", "TRADE_CLOSED");
        kind[2] = replaced(body, "subject=", "subject=%zz");
        kind[3] = strdup(body);
        char *sign = strstr(kind[3], "&sign=");
        if (sign != NULL) *sign = '\0';
        kind[4] = signed_notification(signer, "2021000000000002", order);
    }

    outcome sequential[CORPUS];
    int seen[5] = {0}; /* OK, MALFORMED_PERCENT_ENCODING, MISSING_SIGNATURE, INVALID_SIGNATURE, APP_ID_MISMATCH */
    const int32_t kinds[5] = {0, ALIPAY_NOTIFY_STATUS_MALFORMED_PERCENT_ENCODING, ALIPAY_NOTIFY_STATUS_MISSING_SIGNATURE,
                              ALIPAY_NOTIFY_STATUS_INVALID_SIGNATURE, ALIPAY_NOTIFY_STATUS_APP_ID_MISMATCH};
    for (size_t i = 0; i < CORPUS; i++) {
        sequential[i] = verify(verifier, bodies[i]);
        for (int k = 0; k < 5; k++) seen[k] += sequential[i].status == kinds[k];
    }
    /* Every kind of answer is in the corpus, so agreement means something. */
    CHECK(seen[0] == ORDERS && seen[1] == ORDERS && seen[2] == ORDERS && seen[3] == ORDERS && seen[4] == ORDERS,
          "threads: the corpus has each kind of answer");

    worker workers[THREADS];
    pthread_t threads[THREADS];
    for (size_t t = 0; t < THREADS; t++) {
        workers[t] = (worker){verifier, bodies, sequential, t * 7, 0, 0};
        pthread_create(&threads[t], NULL, verify_corpus, &workers[t]);
    }
    int verified = 0, mismatches = 0;
    for (size_t t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        verified += workers[t].verified;
        mismatches += workers[t].mismatches;
    }
    CHECK(verified == THREADS * ROUNDS * ORDERS, "threads: every valid notification verified in every thread");
    CHECK(mismatches == 0, "threads: every answer is the sequential run's");

    for (size_t i = 0; i < CORPUS; i++) {
        free(bodies[i]);
        free(sequential[i].text);
    }
    alipay_notify_verifier_free(verifier);
    alipay_notify_signer_free(v1);
    alipay_notify_signer_free(v2);
}

void run_thread_tests(const char *dir) {
    char *private_key = vector_key(dir, "sign.json", "alipay_a_pkcs8_pem");
    char *public_key = vector_key(dir, "sign.json", "alipay_a_public_pem");
    CHECK(private_key && public_key, "threads: keys found");
    if (private_key && public_key) shared_by_threads(private_key, public_key);
    free(private_key);
    free(public_key);
}
