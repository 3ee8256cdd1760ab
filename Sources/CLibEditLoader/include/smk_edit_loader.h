/*
 * smk_edit_loader.h: whether libedit could be loaded. The line-editing functions
 * themselves are declared in CLibEdit's shim.h and <histedit.h>; loader.c defines them.
 */
#ifndef SMK_EDIT_LOADER_H
#define SMK_EDIT_LOADER_H

/* Loads libedit if not yet tried; NULL when it is loaded, else why it could not be. */
const char *smk_edit_load_error(void);

/* 1 once libedit has been loaded (by any line-editing call), else 0; loads nothing. */
int smk_edit_is_loaded(void);

#endif /* SMK_EDIT_LOADER_H */
