/* lazy_library.c: see include/smk_lazy_library.h. */
#include <dlfcn.h>
#include <stddef.h>
#include "smk_lazy_library.h"

/* Tries each name once, under the library's lock; the caller holds it. */
static void open_once(smk_lazy_library *library) {
    if (library->tried) return;
    library->tried = 1;
    for (const char *const *name = library->names; *name; name++) {
        library->handle = dlopen(*name, RTLD_NOW | RTLD_LOCAL);
        if (library->handle) return;
    }
    library->error = dlerror();
    if (!library->error) library->error = "the library was not found";
}

void *smk_lazy_symbol(smk_lazy_library *library, const char *name) {
    pthread_mutex_lock(&library->lock);
    open_once(library);
    void *handle = library->handle;
    pthread_mutex_unlock(&library->lock);
    return handle ? dlsym(handle, name) : NULL;
}

const char *smk_lazy_error(smk_lazy_library *library) {
    pthread_mutex_lock(&library->lock);
    open_once(library);
    const char *error = library->handle ? NULL : library->error;
    pthread_mutex_unlock(&library->lock);
    return error;
}

int smk_lazy_is_loaded(smk_lazy_library *library) {
    pthread_mutex_lock(&library->lock);
    int loaded = library->handle != NULL;
    pthread_mutex_unlock(&library->lock);
    return loaded;
}
