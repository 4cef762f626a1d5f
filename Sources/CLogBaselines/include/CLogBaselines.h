#ifndef CLOG_BASELINES_H
#define CLOG_BASELINES_H

// Baselines the event-log benchmark compares against: a raw LMDB C loop (the
// physical limit) and the same event table in SQLite (WAL). Every function
// returns 0 on success, else a nonzero error code (LMDB/SQLite/errno code),
// and writes a message into `error` (a caller buffer of `error_size` bytes).
// Times cover only the write/read loop, measured with CLOCK_MONOTONIC.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Appends `count` records (keys: native uint64 positions 1..count, MDB_APPEND) to the
/// MDB_INTEGERKEY database "events" of a fresh LMDB environment in the existing, empty
/// directory `dir`, opened with MDB_NOTLS | `env_flags`. Each value is `record` with the
/// position stamped into its first 8 bytes; one write transaction per `batch` records.
/// With `id_index` nonzero, each record also gets a 16-byte time-ordered key -> position entry in
/// the database "event-ids" (MDB_APPEND), as the log's event-id index does.
int clog_raw_lmdb_append(const char *dir, uint64_t count, uint32_t batch, const void *record, size_t record_size,
                         unsigned int env_flags, size_t map_size, int id_index, double *seconds, char *error,
                         size_t error_size);

/// Reads every value of "events" in `dir` with a cursor in one read transaction,
/// counting rows and summing value sizes.
int clog_raw_lmdb_scan(const char *dir, uint64_t *rows, uint64_t *bytes, double *seconds, char *error, size_t error_size);

/// Inserts `count` events into a fresh SQLite database at `path` (WAL; synchronous
/// 0 = OFF, 1 = NORMAL, 2 = FULL), `batch` rows per transaction, with one reused
/// prepared INSERT. The table has the log's indexes: UNIQUE(event_id), UNIQUE(stream, version).
int clog_sqlite_append(const char *path, uint64_t count, uint32_t batch, const void *payload, size_t payload_size,
                       int synchronous, double *seconds, char *error, size_t error_size);

/// Reads every column of every row of the events table in position order,
/// counting rows and summing payload sizes.
int clog_sqlite_scan(const char *path, uint64_t *rows, uint64_t *bytes, double *seconds, char *error, size_t error_size);

/// Median microseconds of `iterations` pwrite(`size` bytes at offset 0) + fsync
/// rounds on a file at `path`, which is removed afterwards.
int clog_fsync_latency(const char *path, uint32_t iterations, size_t size, double *median_us, char *error, size_t error_size);

/// The SQLite library version the baselines link against.
const char *clog_sqlite_version(void);

#ifdef __cplusplus
}
#endif

#endif
