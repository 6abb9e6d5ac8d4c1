# Ctrl-C during a call into the Python core (src/interrupts.c,
# pycore/kerasbridge/interrupts.py).
#
# reticulate 1.28 answers SIGINT by telling both R and Python: Python raises
# KeyboardInterrupt at whatever bytecode runs next (inside Keras' bookkeeping,
# a finalizer, reticulate's own signal handler calling back into R), and R
# may jump out of reticulate's C++ frames. That crashed R or lost the
# interrupt (R kept looping). While R waits for the core, SIGINT only sets a
# flag instead; Keras' loops stop at the start of the next batch when it is set
# (the weights are those of the last whole step), anything else runs to its
# end, and then R signals its own interrupt condition, as Ctrl-C does in R
# code. Nested calls (R code Keras calls back) are inside the outermost one.

# Enter the guard (after Python has started: reticulate installs its handler
# then, and leaving puts back the handler found here).
interrupt_guard_enter <- function() {
  .Call(kb_guard_enter)
}

# Leave the guard (on exit of the call) and signal the interrupt if one came
# meanwhile, or R's time-limit error if a limit ran out during a call that had
# no steps to stop between (src/timelimits.c).
interrupt_guard_leave <- function() {
  came <- .Call(kb_guard_leave)
  if (is.null(came)) return(invisible())
  if (isTRUE(came)) rlang::interrupt()
  stop(time_limit_error(came))
}

# In the error handler of the outermost call: an error that is the core
# stopping for an interrupt becomes R's interrupt condition (a nested call,
# inside R code Keras called, lets its error travel up to the outermost).
interrupt_if_stopped <- function() {
  if (.Call(kb_guard_stopped)) rlang::interrupt()
  invisible()
}

# reticulate's record of a Ctrl-C it handled is cleared when a core call
# begins (src/interrupts.c): one R already acted on must not turn a later
# call's error into an interrupt. FALSE if this reticulate has no such record.
interrupt_use_reticulate <- function() {
  dll <- getLoadedDLLs()[["reticulate"]]
  if (is.null(dll)) return(FALSE)
  .Call(kb_use_reticulate, dll[["path"]])
}

# The shared library whose flag the core reads.
interrupt_flag_library <- function() {
  getLoadedDLLs()[["kerasbridge"]][["path"]]
}
