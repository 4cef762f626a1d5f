// SHA-256 links of the record hash chain, through libcrypto's one-shot context API.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "CEventLogSupport.h"

#include <openssl/sha.h>

void eventlog_chain_link(const void *previous, const void *head, size_t head_count, const void *tail,
                         size_t tail_count, void *out) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, previous, 32);
    SHA256_Update(&context, head, head_count);
    SHA256_Update(&context, tail, tail_count);
    SHA256_Final(out, &context);
}
