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
# output is a terminal and one line per epoch (2) elsewhere: knitr, a sink(),
# capture.output(), Rscript writing to a file, CI. interactive() alone can't
# tell: it is TRUE under rpy2 and in Emacs, whose output is not a terminal.
resolve_verbose <- function(verbose) {
  if (!identical(verbose, "auto")) return(verbose)
  if (progress_is_live()) 1L else 2L
}

progress_is_live <- function() {
  if (isTRUE(getOption("knitr.in.progress")) || sink.number() > 0) return(FALSE)
  isatty(stdout()) || (interactive() && identical(Sys.getenv("RSTUDIO"), "1"))
}

# R's time limits (setTimeLimit()) between batches of fit()/evaluate()/predict()
# (pycore/kerasbridge/rlimits.py): Sys.sleep(0) runs R's own check
# (R_CheckUserInterrupt); the error it raises is kept and returned, and R
# rethrows it once the core has stopped at the start of the batch. An
# interrupt R had pending is answered "interrupt" (the core stops as for
# Ctrl-C), never a jump out of Python's frames.
check_time_limits <- function() {
  tryCatch({
    Sys.sleep(0)
    NULL
  }, error = keep_r_error, interrupt = function(c) "interrupt")
}
