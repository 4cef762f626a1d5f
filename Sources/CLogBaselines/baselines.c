#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "CLogBaselines.h"

#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

// Records which call is running and jumps to the function's cleanup label when it fails.
#define TRY(name, call)                                                                                        \
    do {                                                                                                       \
        what = (name);                                                                                         \
        if ((rc = (call)) != 0) goto done;                                                                     \
    } while (0)

static int report(char *error, size_t error_size, int rc, const char *what, const char *msg) {
    if (error && error_size) {
        if (rc) snprintf(error, error_size, "%s: %s", what, msg);
        else error[0] = '\0';
    }
    return rc;
}

// MARK: - Raw LMDB

int clog_raw_lmdb_append(const char *dir, uint64_t count, uint32_t batch, const void *record, size_t record_size,
                         unsigned int env_flags, size_t map_size, int id_index, double *seconds, char *error,
                         size_t error_size) {
    if (!dir || !seconds || batch == 0 || (record_size && !record))
        return report(error, error_size, EINVAL, "clog_raw_lmdb_append", "invalid argument");
    unsigned char *value = malloc(record_size ? record_size : 1);
    if (!value) return report(error, error_size, ENOMEM, "malloc", strerror(ENOMEM));
    if (record_size) memcpy(value, record, record_size);
    const size_t stamp = record_size < sizeof(uint64_t) ? record_size : sizeof(uint64_t);

    MDB_env *env = NULL;
    MDB_txn *txn = NULL;
    MDB_dbi dbi, ids = 0;
    const char *what = "mdb_env_create";
    int rc = mdb_env_create(&env);
    if (rc) goto done;
    TRY("mdb_env_set_mapsize", mdb_env_set_mapsize(env, map_size));
    TRY("mdb_env_set_maxdbs", mdb_env_set_maxdbs(env, 8));
    TRY("mdb_env_open", mdb_env_open(env, dir, MDB_NOTLS | env_flags, 0644));
    TRY("mdb_txn_begin", mdb_txn_begin(env, NULL, 0, &txn));
    TRY("mdb_dbi_open", mdb_dbi_open(txn, "events", MDB_INTEGERKEY | MDB_CREATE, &dbi));
    if (id_index) TRY("mdb_dbi_open", mdb_dbi_open(txn, "event-ids", MDB_CREATE, &ids));
    what = "mdb_txn_commit";
    rc = mdb_txn_commit(txn);
    txn = NULL;
    if (rc) goto done;

    const double start = now();
    for (uint64_t written = 0; written < count;) {
        const uint64_t n = count - written < batch ? count - written : batch;
        TRY("mdb_txn_begin", mdb_txn_begin(env, NULL, 0, &txn));
        what = "mdb_put";
        for (uint64_t k = 0; k < n; k++) {
            uint64_t position = ++written;
            memcpy(value, &position, stamp);
            MDB_val key = {sizeof position, &position}, val = {record_size, value};
            if ((rc = mdb_put(txn, dbi, &key, &val, MDB_APPEND))) goto done;
            if (id_index) {
                // A 16-byte, time-ordered id (big-endian counter, constant tail) -> position.
                unsigned char id[16];
                for (int b = 0; b < 8; b++) id[b] = (unsigned char)(position >> (56 - 8 * b));
                memset(id + 8, 0x5A, 8);
                MDB_val id_key = {sizeof id, id}, id_val = {sizeof position, &position};
                if ((rc = mdb_put(txn, ids, &id_key, &id_val, MDB_APPEND | MDB_NOOVERWRITE))) goto done;
            }
        }
        what = "mdb_txn_commit";
        rc = mdb_txn_commit(txn); // frees the transaction even on failure
        txn = NULL;
        if (rc) goto done;
    }
    *seconds = now() - start;

done:
    if (txn) mdb_txn_abort(txn);
    if (env) mdb_env_close(env);
    free(value);
    return report(error, error_size, rc, what, rc ? mdb_strerror(rc) : "");
}

int clog_raw_lmdb_scan(const char *dir, uint64_t *rows, uint64_t *bytes, double *seconds, char *error, size_t error_size) {
    if (!dir || !rows || !bytes || !seconds)
        return report(error, error_size, EINVAL, "clog_raw_lmdb_scan", "invalid argument");
    MDB_env *env = NULL;
    MDB_txn *txn = NULL;
    MDB_cursor *cursor = NULL;
    MDB_dbi dbi;
    const char *what = "mdb_env_create";
    int rc = mdb_env_create(&env);
    if (rc) goto done;
    TRY("mdb_env_set_maxdbs", mdb_env_set_maxdbs(env, 8));
    TRY("mdb_env_open", mdb_env_open(env, dir, MDB_NOTLS | MDB_RDONLY, 0644));
    TRY("mdb_txn_begin", mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
    TRY("mdb_dbi_open", mdb_dbi_open(txn, "events", MDB_INTEGERKEY, &dbi));

    const double start = now();
    TRY("mdb_cursor_open", mdb_cursor_open(txn, dbi, &cursor));
    uint64_t n = 0, total = 0;
    MDB_val key, val;
    while ((rc = mdb_cursor_get(cursor, &key, &val, MDB_NEXT)) == 0) {
        n++;
        total += val.mv_size;
    }
    what = "mdb_cursor_get";
    if (rc != MDB_NOTFOUND) goto done;
    rc = 0;
    *seconds = now() - start;
    *rows = n;
    *bytes = total;

done:
    if (cursor) mdb_cursor_close(cursor);
    if (txn) mdb_txn_abort(txn);
    if (env) mdb_env_close(env);
    return report(error, error_size, rc, what, rc ? mdb_strerror(rc) : "");
}

// MARK: - SQLite

// Formats the connection's message (or the code's text) and releases everything.
static int sqlite_finish(sqlite3 *db, sqlite3_stmt **stmts, int nstmts, int rc, const char *what, const char *msg,
                         char *error, size_t error_size) {
    if (!msg) msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    report(error, error_size, rc, what, msg);
    for (int i = 0; i < nstmts; i++) sqlite3_finalize(stmts[i]);
    if (db && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

int clog_sqlite_append(const char *path, uint64_t count, uint32_t batch, const void *payload, size_t payload_size,
                       int synchronous, double *seconds, char *error, size_t error_size) {
    static const char *const sync_pragmas[] = {"PRAGMA synchronous=OFF", "PRAGMA synchronous=NORMAL",
                                               "PRAGMA synchronous=FULL"};
    if (!path || !seconds || batch == 0 || (payload_size && !payload) || synchronous < 0 || synchronous > 2)
        return report(error, error_size, SQLITE_MISUSE, "clog_sqlite_append", "invalid argument");
    enum { INSERT, BEGIN, COMMIT, MODE };
    sqlite3_stmt *st[4] = {NULL, NULL, NULL, NULL};
    sqlite3 *db = NULL;
    const char *what = "sqlite3_open_v2", *msg = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc) goto done;
    TRY("PRAGMA journal_mode", sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &st[MODE], NULL));
    if ((rc = sqlite3_step(st[MODE])) != SQLITE_ROW) goto done;
    const unsigned char *mode = sqlite3_column_text(st[MODE], 0);
    if (!mode || strcmp((const char *)mode, "wal") != 0) {
        rc = SQLITE_ERROR;
        msg = "WAL mode is not available";
        goto done;
    }
    sqlite3_finalize(st[MODE]); // a statement left in progress would block COMMIT
    st[MODE] = NULL;
    TRY("PRAGMA synchronous", sqlite3_exec(db, sync_pragmas[synchronous], NULL, NULL, NULL));
    TRY("CREATE TABLE", sqlite3_exec(db,
                                     "CREATE TABLE events(position INTEGER PRIMARY KEY, stream TEXT NOT NULL, "
                                     "version INTEGER NOT NULL, event_id BLOB NOT NULL UNIQUE, type TEXT NOT NULL, "
                                     "recorded_at INTEGER NOT NULL, payload BLOB NOT NULL, UNIQUE(stream, version))",
                                     NULL, NULL, NULL));
    TRY("prepare INSERT", sqlite3_prepare_v2(db,
                                             "INSERT INTO events(position, stream, version, event_id, type, "
                                             "recorded_at, payload) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                             -1, &st[INSERT], NULL));
    TRY("prepare BEGIN", sqlite3_prepare_v2(db, "BEGIN", -1, &st[BEGIN], NULL));
    TRY("prepare COMMIT", sqlite3_prepare_v2(db, "COMMIT", -1, &st[COMMIT], NULL));
    // Bindings survive sqlite3_reset, so the constant columns are bound once.
    TRY("bind type", sqlite3_bind_text(st[INSERT], 5, "SampleEvent", -1, SQLITE_STATIC));
    TRY("bind payload", sqlite3_bind_blob64(st[INSERT], 7, payload_size ? payload : "", payload_size, SQLITE_STATIC));

    enum { STREAMS = 100 };
    char names[STREAMS][16];
    int name_len[STREAMS];
    for (int s = 0; s < STREAMS; s++) name_len[s] = snprintf(names[s], sizeof names[s], "stream-%d", s);
    unsigned char event_id[16];
    memset(event_id + 8, 0x5A, 8);

    const double start = now();
    for (uint64_t written = 0; written < count;) {
        const uint64_t n = count - written < batch ? count - written : batch;
        what = "BEGIN";
        if ((rc = sqlite3_step(st[BEGIN])) != SQLITE_DONE) goto done;
        sqlite3_reset(st[BEGIN]);
        what = "INSERT";
        for (uint64_t k = 0; k < n; k++) {
            const uint64_t i = ++written;
            for (int b = 0; b < 8; b++) event_id[b] = (unsigned char)(i >> (56 - 8 * b));
            const int s = (int)(i % STREAMS);
            sqlite3_bind_int64(st[INSERT], 1, (sqlite3_int64)i);
            sqlite3_bind_text(st[INSERT], 2, names[s], name_len[s], SQLITE_STATIC);
            sqlite3_bind_int64(st[INSERT], 3, (sqlite3_int64)(i / STREAMS + 1));
            sqlite3_bind_blob(st[INSERT], 4, event_id, sizeof event_id, SQLITE_STATIC);
            sqlite3_bind_int64(st[INSERT], 6, (sqlite3_int64)i);
            if ((rc = sqlite3_step(st[INSERT])) != SQLITE_DONE) goto done;
            sqlite3_reset(st[INSERT]);
        }
        what = "COMMIT";
        if ((rc = sqlite3_step(st[COMMIT])) != SQLITE_DONE) goto done;
        sqlite3_reset(st[COMMIT]);
    }
    *seconds = now() - start;
    rc = SQLITE_OK;

done:
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_ERROR; // unexpected step result
    return sqlite_finish(db, st, 4, rc, what, msg, error, error_size);
}

int clog_sqlite_scan(const char *path, uint64_t *rows, uint64_t *bytes, double *seconds, char *error, size_t error_size) {
    if (!path || !rows || !bytes || !seconds)
        return report(error, error_size, SQLITE_MISUSE, "clog_sqlite_scan", "invalid argument");
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    const char *what = "sqlite3_open_v2";
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc) goto done;
    TRY("prepare SELECT", sqlite3_prepare_v2(db,
                                             "SELECT position, stream, version, event_id, type, recorded_at, payload "
                                             "FROM events ORDER BY position",
                                             -1, &st, NULL));

    const double start = now();
    uint64_t n = 0, total = 0, check = 0;
    what = "SELECT";
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        check += (uint64_t)sqlite3_column_int64(st, 0);
        check += sqlite3_column_text(st, 1) != NULL;
        check += (uint64_t)sqlite3_column_bytes(st, 1);
        check += (uint64_t)sqlite3_column_int64(st, 2);
        check += sqlite3_column_blob(st, 3) != NULL;
        check += (uint64_t)sqlite3_column_bytes(st, 3);
        check += sqlite3_column_text(st, 4) != NULL;
        check += (uint64_t)sqlite3_column_bytes(st, 4);
        check += (uint64_t)sqlite3_column_int64(st, 5);
        check += sqlite3_column_blob(st, 6) != NULL;
        total += (uint64_t)sqlite3_column_bytes(st, 6);
        n++;
    }
    if (rc != SQLITE_DONE) goto done;
    rc = SQLITE_OK;
    *seconds = now() - start;
    *rows = n;
    *bytes = total;
    volatile uint64_t sink = check; // keep the column reads observable
    (void)sink;

done:
    return sqlite_finish(db, &st, 1, rc, what, NULL, error, error_size);
}

// MARK: - fsync latency

static int compare_double(const void *a, const void *b) {
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int clog_fsync_latency(const char *path, uint32_t iterations, size_t size, double *median_us, char *error, size_t error_size) {
    if (!path || !median_us || iterations == 0)
        return report(error, error_size, EINVAL, "clog_fsync_latency", "invalid argument");
    unsigned char *buf = malloc(size ? size : 1);
    double *samples = malloc(iterations * sizeof *samples);
    const char *what = "malloc";
    int fd = -1, rc = 0;
    if (!buf || !samples) { rc = ENOMEM; goto done; }
    memset(buf, 0xA5, size);
    what = "open";
    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) { rc = errno; goto done; }
    for (uint32_t i = 0; i < iterations; i++) {
        const double start = now();
        for (size_t off = 0; off < size;) {
            const ssize_t w = pwrite(fd, buf + off, size - off, (off_t)off);
            if (w < 0 && errno == EINTR) continue;
            what = "pwrite";
            if (w <= 0) { rc = w < 0 ? errno : EIO; goto done; }
            off += (size_t)w;
        }
        what = "fsync";
        if (fsync(fd) != 0) { rc = errno; goto done; }
        samples[i] = (now() - start) * 1e6;
    }
    qsort(samples, iterations, sizeof *samples, compare_double);
    *median_us = iterations % 2 ? samples[iterations / 2]
                                : (samples[iterations / 2 - 1] + samples[iterations / 2]) / 2;

done:
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }
    free(buf);
    free(samples);
    return report(error, error_size, rc, what, rc ? strerror(rc) : "");
}

const char *clog_sqlite_version(void) { return sqlite3_libversion(); }
