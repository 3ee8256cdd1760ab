/*
 * smk_lazy_library.h: a shared library opened on its first use, and functions that
 * forward to it.
 *
 * smk links neither libpq nor libedit: linking them made every start-up (`smk -c …`,
 * scripts, pipes) load them and the libraries they need. Each loader (CLibPQLoader,
 * CLibEditLoader) defines the library's functions it calls with their real prototypes,
 * forwarding through SMK_FORWARD to the library opened here on the first call.
 */
#ifndef SMK_LAZY_LIBRARY_H
#define SMK_LAZY_LIBRARY_H

#include <pthread.h>

/* One library, tried once: the names to dlopen in turn, and what came of it. */
typedef struct smk_lazy_library {
    const char *const *names; /* NULL-terminated */
    pthread_mutex_t lock;
    int tried;
    void *handle;
    const char *error;
} smk_lazy_library;

/* A library to be opened by the first name that loads, e.g.
   static smk_lazy_library libpq = SMK_LAZY_LIBRARY("libpq.so.5", "libpq.so"); */
#define SMK_LAZY_LIBRARY(...)                                                   \
    { (const char *const[]){ __VA_ARGS__, NULL }, PTHREAD_MUTEX_INITIALIZER, 0, NULL, NULL }

/* NAME in the library, opening it if not yet tried; NULL if it or the name is missing. */
void *smk_lazy_symbol(smk_lazy_library *library, const char *name);

/* Opens the library if not yet tried; NULL when it is open, else why it could not be. */
const char *smk_lazy_error(smk_lazy_library *library);

/* 1 once the library is open, else 0; opens nothing. */
int smk_lazy_is_loaded(smk_lazy_library *library);

/* Defines NAME with the library's prototype, forwarding to the library's NAME (looked up
   once through LOOKUP, a function from a name to a symbol); returns FAIL when missing. */
#define SMK_FORWARD(LOOKUP, RET, NAME, PARAMS, ARGS, FAIL)                       \
    RET NAME PARAMS {                                                         \
        static RET (*volatile real) PARAMS;                                   \
        if (!real) real = (RET (*) PARAMS)LOOKUP(#NAME);                       \
        if (!real) return FAIL;                                               \
        return real ARGS;                                                     \
    }
#define SMK_FORWARD_VOID(LOOKUP, NAME, PARAMS, ARGS)                             \
    void NAME PARAMS {                                                        \
        static void (*volatile real) PARAMS;                                  \
        if (!real) real = (void (*) PARAMS)LOOKUP(#NAME);                      \
        if (real) real ARGS;                                                  \
    }

#endif /* SMK_LAZY_LIBRARY_H */
