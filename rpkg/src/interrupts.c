/* Ctrl-C during a call into the Python core (R/interrupts.R says why).
 *
 * While R is inside the core (depth > 0), SIGINT only sets a flag: neither R
 * (no longjmp out of reticulate's C++ code or Python's frames) nor Python (no
 * KeyboardInterrupt raised at an arbitrary bytecode in Keras) is told. The
 * core reads the flag between whole steps (kb_interrupt_pending, through
 * ctypes: pycore/kerasbridge/interrupts.py) and stops there; R signals the
 * interrupt once the call has returned. Outside the core the handler that was
 * installed before (reticulate's) is back in place, untouched. */
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>
#include <dlfcn.h>
#include <signal.h>
#include <string.h>

/* R's own flags (R_ext/GraphicsDevice.h declares them; reticulate sets them too) */
extern int R_interrupts_pending;
extern Rboolean R_interrupts_suspended;

SEXP kb_time_limit_take(void);

/* reticulate's own record of a SIGINT it handled (reticulate::signals::
 * setPythonInterruptsPending, looked up in its library; NULL if absent). */
static void (*set_reticulate_pending)(int) = NULL;

static volatile sig_atomic_t pending = 0;
static int depth = 0;
static Rboolean suspended_before = FALSE;
static struct sigaction previous;

static void on_sigint(int sig) {
  (void) sig;
  pending = 1;
}

/* Find reticulate's record in its loaded library at `path` (R/interrupts.R). */
SEXP kb_use_reticulate(SEXP path) {
  void *lib = dlopen(CHAR(STRING_ELT(path, 0)), RTLD_LAZY | RTLD_NOLOAD);
  if (lib != NULL) {
    *(void **) (&set_reticulate_pending) =
      dlsym(lib, "_ZN10reticulate7signals26setPythonInterruptsPendingEb");
  }
  return Rf_ScalarLogical(set_reticulate_pending != NULL);
}

/* Core calls R is inside now (0: none). */
int kb_guard_depth(void) {
  return depth;
}

/* For the core (ctypes): 1 while an interrupt waits. */
int kb_interrupt_pending(void) {
  return pending != 0;
}

SEXP kb_guard_enter(void) {
  if (depth++ == 0) {
    struct sigaction ours;
    memset(&ours, 0, sizeof ours);
    sigemptyset(&ours.sa_mask);
    ours.sa_handler = on_sigint;
    pending = 0;
    sigaction(SIGINT, &ours, &previous);
    /* R code inside the call (callbacks, generators) skips R's interrupt and
     * time-limit checks: both are the core's, between steps (timelimits.c) */
    suspended_before = R_interrupts_suspended;
    /* Ctrl-C pressed just before, while R code ran: R has not acted on it
     * yet and Python was told too (reticulate). Take it over, so that
     * Python's handler, asking R, finds nothing to raise. */
    if (R_interrupts_pending && !R_interrupts_suspended) {
      R_interrupts_pending = 0;
      pending = 1;
    } else if (set_reticulate_pending) {
      /* A Ctrl-C R already acted on (at the prompt, in R code) stays on
       * reticulate's record, and reticulate 1.28 turns the next Python error
       * of any later call into an interrupt: the error's message was lost. */
      set_reticulate_pending(0);
    }
    R_interrupts_suspended = TRUE;
  }
  return R_NilValue;
}

/* Leaving the outermost call: TRUE when an interrupt arrived meanwhile, R's
 * time-limit error when a limit ran out (timelimits.c), NULL otherwise. */
SEXP kb_guard_leave(void) {
  int was = 0;
  if (depth > 0 && --depth == 0) {
    sigaction(SIGINT, &previous, NULL);
    R_interrupts_suspended = suspended_before;
    was = pending != 0;
    pending = 0;
  }
  if (was) return Rf_ScalarLogical(1);
  return depth == 0 ? kb_time_limit_take() : R_NilValue;
}

SEXP kb_guard_pending(void) {
  return Rf_ScalarLogical(pending != 0);
}

/* In the outermost call's error handler: when the error is the core stopping
 * for an interrupt, leave the guard now and say so (TRUE). */
SEXP kb_guard_stopped(void) {
  if (depth == 1 && pending) {
    depth = 0;
    sigaction(SIGINT, &previous, NULL);
    R_interrupts_suspended = suspended_before;
    pending = 0;
    return Rf_ScalarLogical(1);
  }
  return Rf_ScalarLogical(0);
}

/* Test support: c(depth, pending, whether SIGINT is ours now). */
SEXP kb_guard_state(void) {
  struct sigaction now;
  sigaction(SIGINT, NULL, &now);
  SEXP out = PROTECT(Rf_allocVector(INTSXP, 3));
  INTEGER(out)[0] = depth;
  INTEGER(out)[1] = pending != 0;
  INTEGER(out)[2] = now.sa_handler == on_sigint;
  UNPROTECT(1);
  return out;
}

/* Test support: what Ctrl-C does, from inside the process. */
SEXP kb_raise_sigint(void) {
  raise(SIGINT);
  return R_NilValue;
}
