/* R's time limits (setTimeLimit()) during a call into the Python core
 * (R/progress.R, pycore/kerasbridge/rlimits.py).
 *
 * R checks its limits in R_ProcessEvents(), and clears a limit once it has
 * fired. While Python runs, R_ProcessEvents() runs from reticulate's event
 * poll (every 200 ms, a Python pending call, inside R_ToplevelExec(): R
 * prints the error and the jump ends there) and from R code Python calls
 * (reticulate turns the error into a Python exception, or loses it as
 * "Unknown exception"). Either way the call went on: a fit() under
 * setTimeLimit(elapsed = 3) ran to its end. So while R is inside the core
 * (the Ctrl-C guard's depth, interrupts.c), the event hook runs R's check
 * itself, under an error handler, and keeps the error: the core reads the
 * flag between whole steps (kb_time_limit_pending, through ctypes) and stops
 * there, and R signals the kept error once the call has returned. R code that
 * Keras calls meanwhile runs to its end, as for Ctrl-C: the guard suspends R's
 * interrupt checks (interrupts.c), so R_ProcessEvents() runs inside a core
 * call only from reticulate's poll and the core's own check between steps,
 * and R code there keeps its speed. */
#define R_INTERFACE_PTRS
#include <R.h>
#include <Rinternals.h>
#include <Rinterface.h>

int kb_guard_depth(void);

static void (*previous_hook)(void) = NULL;
static int hooked = 0, checking = 0;
static SEXP kept = NULL;  /* the limit's error, preserved until taken */

/* R looks at the clock on one R_ProcessEvents() in six, at most every 0.05 s
 * (R_CheckTimeLimits): six calls make one of them R's real check, and leave
 * R's own check in the R_ProcessEvents() that runs the hook a skipped one. */
#define KB_EVENT_CALLS 6
static SEXP run_events(void *data) {
  (void) data;
  for (int i = 0; i < KB_EVENT_CALLS; i++)
    R_ProcessEvents();  /* runs hook() again: `checking` makes it the previous hook only */
  return R_NilValue;
}

static SEXP keep(SEXP cond, void *data) {
  (void) data;
  if (kept == NULL) {
    R_PreserveObject(cond);
    kept = cond;
  }
  return R_NilValue;
}

/* R's own check, its error kept instead of raised. */
static void check_kept(void) {
  checking = 1;
  R_tryCatchError(run_events, NULL, keep, NULL);
  checking = 0;
}

/* R_ProcessEvents() runs this before its own limit check. Inside a core call
 * the check runs here, under our handler; a limit that fired is cleared, so
 * R's check after this finds none. */
static void hook(void) {
  if (!checking && kept == NULL && kb_guard_depth() > 0) {
    check_kept();
    return;
  }
  if (previous_hook) previous_hook();
}

void kb_init_timelimits(void) {
  if (hooked) return;
  previous_hook = ptr_R_ProcessEvents;
  ptr_R_ProcessEvents = hook;
  hooked = 1;
}

void kb_unload_timelimits(void) {
  if (hooked && ptr_R_ProcessEvents == hook) ptr_R_ProcessEvents = previous_hook;
  hooked = 0;
}

/* For the core (ctypes): 1 once a limit ran out during the call. */
int kb_time_limit_pending(void) {
  return kept != NULL;
}

/* R's check now (the core asks between steps); TRUE if a limit ran out. */
SEXP kb_check_time_limits(void) {
  if (kept == NULL) check_kept();
  return Rf_ScalarLogical(kept != NULL);
}

/* The kept error, removed; NULL if none. */
SEXP kb_time_limit_take(void) {
  SEXP out = kept;
  if (out == NULL) return R_NilValue;
  kept = NULL;
  PROTECT(out);
  R_ReleaseObject(out);
  UNPROTECT(1);
  return out;
}
