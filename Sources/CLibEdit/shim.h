/*
 * shim.h: non-variadic wrappers around libedit for Swift.
 *
 * Swift cannot call C variadic functions (el_set, el_wset, el_get, history), and in
 * Swift 6 mode it refuses C's mutable globals stdin/stdout/stderr. So each operation
 * smk needs gets one wrapper, declared here and defined in CLibEditLoader/loader.c,
 * which loads libedit on first use. There is no logic there beyond the wrapping;
 * LineEditor.swift holds the behaviour.
 *
 * Debian's libedit-dev installs the header as /usr/include/histedit.h (the
 * /usr/include/editline directory that `pkg-config --cflags libedit` adds holds only
 * the readline-compatibility headers, which smk does not use).
 *
 * The functions that are not variadic (el_wgets, el_wline, el_winsertstr,
 * el_deletestr, el_resize, el_source, el_end, history_init, history_end) are called
 * from Swift directly; loader.c defines them too, forwarding to libedit's.
 */
#ifndef SMK_CLIBEDIT_SHIM_H
#define SMK_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Signature of a prompt function (EL_PROMPT_ESC through el_wset). */
typedef wchar_t *(*smk_el_prompt_fn)(EditLine *);

/* Signature of a user command added with EL_ADDFN; returns a CC_* code. */
typedef unsigned char (*smk_el_command_fn)(EditLine *, int);

/* el_init on the process's standard streams. */
EditLine *smk_el_init(const char *prog);

/* Emacs key bindings (the default map, set explicitly so ~/.editrc-less runs agree). */
int smk_el_set_editor_emacs(EditLine *el);

/* 1: libedit installs its own signal handlers around el_gets; 0: it does not. */
int smk_el_set_signal_handling(EditLine *el, int on);

/* The prompt function; characters between two `invisible` markers are sent to the
   terminal as they are and take no room on the line (for colour escapes). */
int smk_el_set_prompt(EditLine *el, smk_el_prompt_fn fn, wchar_t invisible);

/* Replaces libedit's character reader (used for Ctrl-C, resize and Ctrl-Z handling). */
int smk_el_set_getcfn(EditLine *el, el_rfunc_t fn);

/* An opaque pointer that callbacks get back with smk_el_get_clientdata. */
int smk_el_set_clientdata(EditLine *el, void *data);

void *smk_el_get_clientdata(EditLine *el);

/* Connects a history list so that Up/Down and searches walk it. */
int smk_el_set_history(EditLine *el, History *h);

/* Adds a named editor command implemented by `fn`. */
int smk_el_add_function(EditLine *el, const char *name, const char *help, smk_el_command_fn fn);

/* Binds a key sequence (in bind(1) notation, e.g. "^I", "\\e[1;5D") to a command. */
int smk_el_bind(EditLine *el, const char *keys, const char *command);

/* Ctrl-R: reverse incremental history search, always from the newest line. libedit's
 * search starts from the history entry being shown, so after Up it cannot find newer
 * lines (and Enter then runs the recalled one). Ctrl-R is therefore a macro of two
 * keys: ^X^A starts the line over (which also returns to the newest history entry),
 * ^X^R starts the search. */
int smk_el_bind_ctrl_r(EditLine *el);

/* TAB: the command added under `command` (see smk_el_add_function). */
int smk_el_bind_tab(EditLine *el, const char *command);

/* A numeric terminal capability such as "co" (columns) or "li" (lines); 0 if unknown. */
int smk_el_get_numeric_capability(EditLine *el, const char *name);

/* 1: put the terminal in libedit's editing mode; 0: back to the normal (cooked) mode. */
int smk_el_prep_term(EditLine *el, int editing);

/* Redraws the prompt and the line from scratch. */
int smk_el_refresh(EditLine *el);

/* History: one wrapper per history(3) request smk uses. Each returns history's result
   (0 or a count on success, -1 on failure). */
int smk_history_setsize(History *h, int size);

int smk_history_setunique(History *h, int on);

int smk_history_enter(History *h, const char *line);

int smk_history_load(History *h, const char *path);

int smk_history_save(History *h, const char *path);

/* Deletes every history entry longer than max_bytes (as loaded from an older history
   file); returns how many were deleted. Restarts the walk after each deletion, as
   deleting moves history's cursor; with at most historySize entries that stays cheap. */
int smk_history_drop_longer_than(History *h, size_t max_bytes);

/* Terminal columns a character takes (-1 if unprintable), by the current LC_CTYPE; the
   same measure libedit uses to lay out the line. glibc declares wcwidth only under
   _XOPEN_SOURCE, which Swift's Glibc module does not define, so it is declared here. */
extern int wcwidth(wchar_t);
static inline int smk_wcwidth(wchar_t c) {
    return wcwidth(c);
}

#endif /* SMK_CLIBEDIT_SHIM_H */
