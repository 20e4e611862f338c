/*
 * Runs a C sample of the READMEs as a server would: load_verifier() once with the key, then
 * handle_notify() on the body for the order given, and prints the answer.
 *
 *   harness "$(cat alipay_public_key.txt)" "$(cat body.txt)" OUT_TRADE_NO TOTAL_AMOUNT
 *
 * Exit 0 when it printed an answer, 2 when the verifier could not be built.
 */
#include <stdio.h>
#include <string.h>

#include "sample.h"

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s KEY BODY OUT_TRADE_NO TOTAL_AMOUNT\n", argv[0]);
        return 2;
    }
    alipay_notify_verifier *verifier = load_verifier(argv[1], strlen(argv[1]));
    if (verifier == NULL) return 2;
    puts(handle_notify(verifier, argv[2], strlen(argv[2]), argv[3], argv[4]));
    alipay_notify_verifier_free(verifier);
    return 0;
}
