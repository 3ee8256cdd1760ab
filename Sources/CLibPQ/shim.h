/*
 * shim.h: libpq for Swift.
 *
 * libpq's API is plain C with no variadic functions, so Swift calls it directly; this
 * header only includes it, plus one wrapper for the notification's fields, which Swift
 * could read itself but which keeps the struct's layout out of Swift.
 */
#ifndef SMK_CLIBPQ_SHIM_H
#define SMK_CLIBPQ_SHIM_H

#include <postgresql/libpq-fe.h>

/* The payload of a NOTIFY (never NULL: an empty string when none was given). */
static inline const char *smk_pq_notify_extra(const PGnotify *notify) {
    return notify->extra ? notify->extra : "";
}

/* The channel a NOTIFY was sent on. */
static inline const char *smk_pq_notify_channel(const PGnotify *notify) {
    return notify->relname;
}

/* Drops the server's NOTICE messages ("relation … already exists, skipping"), which
   libpq would otherwise print on standard error in the middle of the shell's output. */
static void smk_pq_drop_notice(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

static inline void smk_pq_ignore_notices(PGconn *conn) {
    PQsetNoticeProcessor(conn, smk_pq_drop_notice, NULL);
}

#endif /* SMK_CLIBPQ_SHIM_H */
