# What reticulate 1.28 can't do alone, before data reaches the core's
# conversion policy (pycore/kerasbridge/convert.py):
# - an R vector with no dim would become a Python *list*: give it a dim so it
#   arrives as a 1-d array sharing R's memory;
# - a factor would lose its class: send 0-based integer codes;
# - a data frame becomes a named list of columns (a dict of named inputs).
# Arrays are passed as they are: reticulate shares their memory.
r_marshal <- function(x) {
  if (is.null(x)) return(NULL)
  if (inherits(x, "python.builtin.object")) return(x)
  if (is.factor(x)) return(array(as.integer(x) - 1L, dim = length(x)))
  if (is.data.frame(x)) return(lapply(as.list(x), r_marshal))
  if (is.list(x)) {
    out <- lapply(x, r_marshal)
    return(out)
  }
  if (is.atomic(x) && is.null(dim(x)) && !is.character(x)) {
    dim(x) <- length(x)
    return(x)
  }
  x
}
