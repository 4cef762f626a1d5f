#ifndef CEVENTLOG_SUPPORT_H
#define CEVENTLOG_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli) of `count` bytes, continuing from `crc` (0 to start).
/// Uses the SSE4.2 crc32 instruction when the processor has it, a table otherwise.
uint32_t eventlog_crc32c(uint32_t crc, const void *bytes, size_t count);

/// One link of the log's hash chain: SHA-256(previous ‖ head ‖ tail) into `out` (32 bytes).
/// `previous` is 32 bytes. Uses libcrypto's SHA-256 (SHA-NI where present) with the context on
/// the stack: measured, the allocation and copies of a Swift digest wrapper cost more than the
/// compression itself for records of a few hundred bytes.
void eventlog_chain_link(const void *previous, const void *head, size_t head_count, const void *tail,
                         size_t tail_count, void *out);

#endif
