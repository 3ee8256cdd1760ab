/*
 * smk_pq_loader.h: why libpq could not be loaded, for the shared store's messages.
 *
 * smk does not link libpq: its dependencies (gnutls, krb5, ldap, …) took more than half
 * of every start-up, also for people who never open a shared workspace. The PQ*
 * functions the shared store calls are defined in loader.c, which loads libpq.so.5 with
 * dlopen on the first call.
 */
#ifndef SMK_PQ_LOADER_H
#define SMK_PQ_LOADER_H

/* NULL when libpq is loaded (or not tried yet); else what dlopen said. */
const char *smk_pq_load_error(void);

#endif /* SMK_PQ_LOADER_H */
