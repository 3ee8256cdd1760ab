/*
 * loader.c: libedit, loaded when the line editor first needs it.
 *
 * Linking libedit made every start-up load it and the libraries it needs (libtinfo,
 * libbsd, libmd): about half a millisecond of the dynamic loader's time, also for
 * `smk -c …`, scripts and pipes, which never edit a line. Now only an interactive
 * session loads it (dlopen), on its first call here.
 *
 * Two kinds of functions are defined here, both declared in ../CLibEdit/shim.h and
 * <histedit.h> (included, so the compiler checks every signature):
 *   - libedit's own non-variadic functions that Swift calls directly (el_wgets, …),
 *     each forwarding to the function of the same name in libedit.so.2;
 *   - the smk_* wrappers of the variadic el_set/el_wset/el_get/history calls, which
 *     call libedit's functions through pointers looked up the same way.
 * When libedit cannot be loaded, el_init and history_init return NULL (the line editor
 * then reads nothing) and smk_edit_load_error() says why.
 */
#include <stddef.h>
#include <string.h>
#include "../CLibEdit/shim.h"
#include "smk_edit_loader.h"
#include "smk_lazy_library.h"

static smk_lazy_library libedit = SMK_LAZY_LIBRARY("libedit.so.2", "libedit.so", "libedit.3.dylib", "libedit.dylib");

static void *symbol(const char *name) {
    return smk_lazy_symbol(&libedit, name);
}

const char *smk_edit_load_error(void) {
    return smk_lazy_error(&libedit);
}

int smk_edit_is_loaded(void) {
    return smk_lazy_is_loaded(&libedit);
}

/* Declares `real`, libedit's NAME of type TYPE, looked up on first use. */
#define REAL(TYPE, NAME)                                                        \
    static TYPE real_##NAME;                                                  \
    if (!real_##NAME) real_##NAME = (TYPE)symbol(#NAME)

#define FORWARD(...) SMK_FORWARD(symbol, __VA_ARGS__)
#define FORWARD_VOID(...) SMK_FORWARD_VOID(symbol, __VA_ARGS__)

FORWARD(History *, history_init, (void), (), NULL)
FORWARD_VOID(history_end, (History *h), (h))
FORWARD(const wchar_t *, el_wgets, (EditLine *el, int *count), (el, count), (count ? (*count = -1, NULL) : NULL))
FORWARD(const LineInfoW *, el_wline, (EditLine *el), (el), NULL)
FORWARD(int, el_winsertstr, (EditLine *el, const wchar_t *text), (el, text), -1)
FORWARD_VOID(el_deletestr, (EditLine *el, int count), (el, count))
FORWARD_VOID(el_resize, (EditLine *el), (el))
FORWARD(int, el_source, (EditLine *el, const char *file), (el, file), -1)
FORWARD_VOID(el_end, (EditLine *el), (el))

/* The variadic entry points, called with the exact arguments each wrapper passes. */
typedef EditLine *(*el_init_fn)(const char *, FILE *, FILE *, FILE *);
typedef int (*el_set_fn)(EditLine *, int, ...);
typedef int (*el_wset_fn)(EditLine *, int, ...);
typedef int (*el_get_fn)(EditLine *, int, ...);
typedef int (*history_fn)(History *, HistEvent *, int, ...);

EditLine *smk_el_init(const char *prog) {
    REAL(el_init_fn, el_init);
    return real_el_init ? real_el_init(prog, stdin, stdout, stderr) : NULL;
}

#define EL_SET(...)                                                             \
    do {                                                                      \
        REAL(el_set_fn, el_set);                                              \
        return real_el_set ? real_el_set(__VA_ARGS__) : -1;                   \
    } while (0)

int smk_el_set_editor_emacs(EditLine *el) { EL_SET(el, EL_EDITOR, "emacs"); }

int smk_el_set_signal_handling(EditLine *el, int on) { EL_SET(el, EL_SIGNAL, on); }

int smk_el_set_prompt(EditLine *el, smk_el_prompt_fn fn, wchar_t invisible) {
    REAL(el_wset_fn, el_wset);
    return real_el_wset ? real_el_wset(el, EL_PROMPT_ESC, fn, invisible) : -1;
}

int smk_el_set_getcfn(EditLine *el, el_rfunc_t fn) { EL_SET(el, EL_GETCFN, fn); }

int smk_el_set_clientdata(EditLine *el, void *data) { EL_SET(el, EL_CLIENTDATA, data); }

void *smk_el_get_clientdata(EditLine *el) {
    REAL(el_get_fn, el_get);
    void *data = NULL;
    if (!real_el_get || real_el_get(el, EL_CLIENTDATA, &data) != 0)
        return NULL;
    return data;
}

int smk_el_set_history(EditLine *el, History *h) {
    REAL(history_fn, history);
    if (!real_history) return -1;
    EL_SET(el, EL_HIST, real_history, h);
}

int smk_el_add_function(EditLine *el, const char *name, const char *help, smk_el_command_fn fn) {
    EL_SET(el, EL_ADDFN, name, help, fn);
}

int smk_el_bind(EditLine *el, const char *keys, const char *command) {
    EL_SET(el, EL_BIND, keys, command, (const char *)NULL);
}

/* Ctrl-R: reverse incremental history search, always from the newest line. libedit's
 * search starts from the history entry being shown, so after Up it cannot find newer
 * lines (and Enter then runs the recalled one). Ctrl-R is therefore a macro of two
 * keys: ^X^A starts the line over (which also returns to the newest history entry),
 * ^X^R starts the search. */
int smk_el_bind_ctrl_r(EditLine *el) {
    if (smk_el_bind(el, "^X^A", "ed-start-over") != 0) return -1;
    if (smk_el_bind(el, "^X^R", "em-inc-search-prev") != 0) return -1;
    EL_SET(el, EL_BIND, "-s", "^R", "^X^A^X^R", (const char *)NULL);
}

int smk_el_bind_tab(EditLine *el, const char *command) {
    return smk_el_bind(el, "^I", command);
}

int smk_el_get_numeric_capability(EditLine *el, const char *name) {
    REAL(el_get_fn, el_get);
    int value = 0;
    if (!real_el_get || real_el_get(el, EL_GETTC, name, &value) != 0)
        return 0;
    return value;
}

int smk_el_prep_term(EditLine *el, int editing) { EL_SET(el, EL_PREP_TERM, editing); }

int smk_el_refresh(EditLine *el) { EL_SET(el, EL_REFRESH); }

/* History: one wrapper per history(3) request smk uses. Each returns history's result
   (0 or a count on success, -1 on failure). */
#define HISTORY(...)                                                            \
    do {                                                                      \
        REAL(history_fn, history);                                            \
        HistEvent ev;                                                         \
        return real_history ? real_history(h, &ev, __VA_ARGS__) : -1;         \
    } while (0)

int smk_history_setsize(History *h, int size) { HISTORY(H_SETSIZE, size); }

int smk_history_setunique(History *h, int on) { HISTORY(H_SETUNIQUE, on); }

int smk_history_enter(History *h, const char *line) { HISTORY(H_ENTER, line); }

int smk_history_load(History *h, const char *path) { HISTORY(H_LOAD, path); }

int smk_history_save(History *h, const char *path) { HISTORY(H_SAVE, path); }

int smk_history_drop_longer_than(History *h, size_t max_bytes) {
    REAL(history_fn, history);
    if (!real_history) return 0;
    HistEvent ev;
    int dropped = 0;
    for (;;) {
        int found = -1;
        for (int rc = real_history(h, &ev, H_FIRST); rc != -1; rc = real_history(h, &ev, H_NEXT)) {
            if (ev.str != NULL && strlen(ev.str) > max_bytes) {
                found = ev.num;
                break;
            }
        }
        if (found < 0 || real_history(h, &ev, H_DEL, found) == -1)
            return dropped;
        dropped++;
    }
}
