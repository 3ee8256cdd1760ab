/*
 * loader.c: libpq, loaded when first used.
 *
 * Each function below has libpq's own prototype (libpq-fe.h is included, so the compiler
 * checks them) and forwards to the function of the same name in libpq.so.5, looked up
 * once. When libpq cannot be loaded, connecting fails (PQconnectdbParams returns NULL)
 * and smk_pq_load_error() says why; no other function is reached without a connection.
 */
#include <stddef.h>
#include "smk_lazy_library.h"
#include <postgresql/libpq-fe.h>
#include "smk_pq_loader.h"

static smk_lazy_library libpq = SMK_LAZY_LIBRARY("libpq.so.5", "libpq.so", "libpq.5.dylib", "libpq.dylib");

static void *symbol(const char *name) {
    return smk_lazy_symbol(&libpq, name);
}

const char *smk_pq_load_error(void) {
    return smk_lazy_error(&libpq);
}

#define FORWARD(...) SMK_FORWARD(symbol, __VA_ARGS__)
#define FORWARD_VOID(...) SMK_FORWARD_VOID(symbol, __VA_ARGS__)

FORWARD(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname),
        (keywords, values, expand_dbname), NULL)
FORWARD(ConnStatusType, PQstatus, (const PGconn *conn), (conn), CONNECTION_BAD)
FORWARD(char *, PQerrorMessage, (const PGconn *conn), (conn), (char *)"libpq is not loaded")
FORWARD_VOID(PQfinish, (PGconn *conn), (conn))
FORWARD_VOID(PQreset, (PGconn *conn), (conn))
FORWARD_VOID(PQfreemem, (void *ptr), (ptr))
FORWARD_VOID(PQclear, (PGresult *res), (res))
FORWARD(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query), NULL)
FORWARD(PGresult *, PQexecParams,
        (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
         const int *paramLengths, const int *paramFormats, int resultFormat),
        (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat), NULL)
FORWARD(PGresult *, PQgetResult, (PGconn *conn), (conn), NULL)
FORWARD(ExecStatusType, PQresultStatus, (const PGresult *res), (res), PGRES_FATAL_ERROR)
FORWARD(char *, PQresultErrorMessage, (const PGresult *res), (res), (char *)"")
FORWARD(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode), NULL)
FORWARD(int, PQntuples, (const PGresult *res), (res), 0)
FORWARD(int, PQnfields, (const PGresult *res), (res), 0)
FORWARD(char *, PQfname, (const PGresult *res, int field_num), (res, field_num), NULL)
FORWARD(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num), NULL)
FORWARD(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num), 1)
FORWARD(char *, PQuser, (const PGconn *conn), (conn), NULL)
FORWARD(char *, PQdb, (const PGconn *conn), (conn), NULL)
FORWARD(char *, PQhost, (const PGconn *conn), (conn), NULL)
FORWARD(char *, PQport, (const PGconn *conn), (conn), NULL)
FORWARD(int, PQsocket, (const PGconn *conn), (conn), -1)
FORWARD(int, PQconsumeInput, (PGconn *conn), (conn), 0)
FORWARD(PGnotify *, PQnotifies, (PGconn *conn), (conn), NULL)
FORWARD(int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes), (conn, buffer, nbytes), -1)
FORWARD(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg), -1)
FORWARD(int, PQgetCopyData, (PGconn *conn, char **buffer, int async), (conn, buffer, async), -2)
FORWARD(char *, PQescapeLiteral, (PGconn *conn, const char *str, size_t len), (conn, str, len), NULL)
FORWARD(char *, PQescapeIdentifier, (PGconn *conn, const char *str, size_t len), (conn, str, len), NULL)
FORWARD(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg), NULL)
