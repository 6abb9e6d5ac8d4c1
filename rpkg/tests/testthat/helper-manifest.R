# The wrapper manifest's entries of one Kind (tests of the generated families
# loop over them, so a new entry is exercised without editing its test).
manifest_entries <- function(kind) {
  path <- testthat::test_path("..", "..", "tools", "wrappers.dcf")
  if (!file.exists(path)) testthat::skip("tools/wrappers.dcf is not in this copy of the package")
  specs <- read.dcf(path, all = TRUE)
  specs[specs$Kind %in% kind, , drop = FALSE]
}

# Formals of a function that have no default (and are not `...`).
required_formals <- function(f) {
  fm <- formals(f)
  req <- names(fm)[vapply(fm, function(v) is.symbol(v) && identical(as.character(v), ""), TRUE)]
  setdiff(req, "...")
}

# Call fn on inputs[required formals] (or its own entry in `special`); the
# failures as "name: message", so one expectation lists them all.
# `optional`: required formals that may stay missing (a layer's `object`).
call_each <- function(fns, inputs, special = list(), optional = character()) {
  failed <- character()
  for (fn in fns) {
    f <- get(fn, asNamespace("kerasbridge"))
    args <- special[[fn]]
    if (is.null(args)) {
      req <- setdiff(required_formals(f), optional)
      lacking <- setdiff(req, names(inputs))
      if (length(lacking)) {
        failed <- c(failed, paste0(fn, ": no test input for ", paste(lacking, collapse = ", ")))
        next
      }
      args <- inputs[req]
    }
    msg <- tryCatch({ do.call(f, args); NULL }, error = function(e) conditionMessage(e))
    if (!is.null(msg)) failed <- c(failed, paste0(fn, ": ", substr(msg, 1, 200)))
  }
  failed
}
