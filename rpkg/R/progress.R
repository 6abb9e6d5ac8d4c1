# Training progress through R's output connection (pycore/kerasbridge/progress.py
# formats it): knitr, sink(), capture.output() and RStudio see it, because it is
# written with cat() on R's main thread, not by Python to the process's stdout.

# The writer the core calls with each piece of progress text (set in core()).
write_progress <- function(text) {
  cat(text, sep = "")
  if (grepl("\r", text, fixed = TRUE)) utils::flush.console()
  invisible(NULL)
}

# verbose for fit()/evaluate()/predict(): "auto" is the live bar (1) where R's
# output is a terminal; elsewhere (knitr, a sink(), capture.output(), Rscript
# writing to a file, CI) it is `not_live`: fit()'s one line per epoch (2), the
# record of a run; nothing (0) for evaluate() and predict(), whose result is
# their value. R keras 2.15 never put their progress in R's output (Python
# wrote it to the process's stdout), so scripts capture their own cat() output
# alone. interactive() alone can't tell: it is TRUE under rpy2 and in Emacs,
# whose output is not a terminal.
resolve_verbose <- function(verbose, not_live = 2L) {
  if (!identical(verbose, "auto")) return(verbose)
  if (progress_is_live()) 1L else not_live
}

progress_is_live <- function() {
  if (isTRUE(getOption("knitr.in.progress")) || sink.number() > 0) return(FALSE)
  isatty(stdout()) || (interactive() && identical(Sys.getenv("RSTUDIO"), "1"))
}

# R's time limits (setTimeLimit()) between batches of fit()/evaluate()/predict()
# (pycore/kerasbridge/rlimits.py): R's own check runs under the package's
# error handler (src/timelimits.c), which also keeps a limit that ran out while
# Python ran; the error is kept and returned, and R rethrows it once the core
# has stopped at the start of the batch.
check_time_limits <- function() {
  if (!.Call(kb_check_time_limits)) return(NULL)
  keep_r_error(time_limit_error(.Call(kb_time_limit_take)))
}

# R's time-limit error without the call it fired in (the package's handler).
time_limit_error <- function(cond) {
  cond$call <- NULL
  cond
}
