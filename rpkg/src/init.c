/* Registration of the package's C entry points (interrupts.c, rvalues.c, timelimits.c). */
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>

SEXP kb_guard_enter(void);
SEXP kb_guard_leave(void);
SEXP kb_guard_pending(void);
SEXP kb_guard_stopped(void);
SEXP kb_guard_state(void);
SEXP kb_raise_sigint(void);
SEXP kb_value_new(SEXP env);
SEXP kb_check_time_limits(void);
SEXP kb_use_reticulate(SEXP path);
SEXP kb_time_limit_take(void);
void kb_init_timelimits(void);
void kb_unload_timelimits(void);
void kb_init_rvalues(DllInfo *dll);

static const R_CallMethodDef call_methods[] = {
  {"kb_guard_enter", (DL_FUNC) &kb_guard_enter, 0},
  {"kb_guard_leave", (DL_FUNC) &kb_guard_leave, 0},
  {"kb_guard_pending", (DL_FUNC) &kb_guard_pending, 0},
  {"kb_guard_stopped", (DL_FUNC) &kb_guard_stopped, 0},
  {"kb_guard_state", (DL_FUNC) &kb_guard_state, 0},
  {"kb_raise_sigint", (DL_FUNC) &kb_raise_sigint, 0},
  {"kb_value_new", (DL_FUNC) &kb_value_new, 1},
  {"kb_check_time_limits", (DL_FUNC) &kb_check_time_limits, 0},
  {"kb_use_reticulate", (DL_FUNC) &kb_use_reticulate, 1},
  {"kb_time_limit_take", (DL_FUNC) &kb_time_limit_take, 0},
  {NULL, NULL, 0}
};

void R_init_kerasbridge(DllInfo *dll) {
  R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
  kb_init_rvalues(dll);
  kb_init_timelimits();
}

void R_unload_kerasbridge(DllInfo *dll) {
  (void) dll;
  kb_unload_timelimits();
}
