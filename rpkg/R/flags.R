# Training flags as tfruns has them (flags(), flag_*()), for scripts written
# for R keras 2.x: tfruns is not available from Debian, so they live here.

new_flag <- function(name, default, description, type, call = rlang::caller_env()) {
  if (!rlang::is_string(name) || !nzchar(name))
    abort_kb(c("{.arg name} must be a single flag name.", x = "You supplied {.obj_type_friendly {name}}."),
             call = call)
  structure(list(name = name, type = type, default = default, description = description),
            class = "kerasbridge_flag")
}

#' Training flags (tfruns-compatible)
#'
#' Declare a script's hyperparameters with their defaults; values given on
#' the command line (`Rscript train.R --learning_rate=0.01 --units 64`) or in
#' `arguments` replace the defaults, converted to the flag's type.
#'
#' @param name Flag name.
#' @param default Default value.
#' @param description Optional description.
#' @param ... Flags made by `flag_numeric()`, `flag_integer()`, `flag_boolean()`, `flag_string()`.
#' @param config,file Ignored (tfruns' config files are not read).
#' @param arguments Command-line arguments to read flags from.
#' @returns `flags()`: a named list of flag values; `flag_*()`: a flag
#'   definition; `run_dir()`: the current run's folder (`TFRUNS_RUN_DIR`), or `NULL`.
#' @examples
#' FLAGS <- flags(flag_numeric("learning_rate", 0.01), flag_integer("units", 32),
#'                flag_boolean("dropout", FALSE),
#'                arguments = c("--units=64", "--dropout", "true"))
#' FLAGS$units
#' FLAGS$dropout
#' @export
flags <- function(..., config = Sys.getenv("R_CONFIG_ACTIVE", unset = "default"), file = "flags.yml",
                  arguments = commandArgs(TRUE)) {
  defs <- list(...)
  ok <- vapply(defs, inherits, logical(1), "kerasbridge_flag")
  if (!all(ok))
    abort_kb(c("Every argument of {.fn flags} must be made by a {.fn flag_*} function.",
               x = "Argument{?s} {which(!ok)} {?is/are} not."))
  values <- stats::setNames(lapply(defs, `[[`, "default"), vapply(defs, `[[`, "", "name"))
  types <- stats::setNames(vapply(defs, `[[`, "", "type"), names(values))
  i <- 1L
  while (i <= length(arguments)) {
    arg <- arguments[[i]]
    i <- i + 1L
    if (!startsWith(arg, "--")) next
    arg <- substring(arg, 3L)
    if (grepl("=", arg, fixed = TRUE)) {
      name <- sub("=.*$", "", arg)
      value <- sub("^[^=]*=", "", arg)
    } else {
      name <- arg
      value <- if (i <= length(arguments) && !startsWith(arguments[[i]], "--")) arguments[[i]] else "true"
      if (i <= length(arguments) && !startsWith(arguments[[i]], "--")) i <- i + 1L
    }
    name <- gsub("-", "_", name, fixed = TRUE)
    if (!name %in% names(values))
      abort_kb(c("{.arg --{name}} is not a declared flag.", i = "Declared: {.val {names(values)}}."))
    values[[name]] <- flag_value(value, types[[name]], name)
  }
  structure(values, class = c("kerasbridge_flags", "list"))
}

flag_value <- function(value, type, name) {
  out <- switch(type,
    numeric = suppressWarnings(as.numeric(value)),
    integer = suppressWarnings(as.integer(value)),
    boolean = switch(tolower(value), "true" = , "t" = , "1" = , "yes" = TRUE,
                     "false" = , "f" = , "0" = , "no" = FALSE, NA),
    string = value)
  if (length(out) != 1L || is.na(out))
    abort_kb(c("Flag {.arg {name}} must be {type}.", x = "It was given {.val {value}}."))
  out
}

#' @rdname flags
#' @export
flag_numeric <- function(name, default, description = NULL) new_flag(name, as.numeric(default), description, "numeric")
#' @rdname flags
#' @export
flag_integer <- function(name, default, description = NULL) new_flag(name, as.integer(default), description, "integer")
#' @rdname flags
#' @export
flag_boolean <- function(name, default, description = NULL) new_flag(name, as.logical(default), description, "boolean")
#' @rdname flags
#' @export
flag_string <- function(name, default, description = NULL) new_flag(name, as.character(default), description, "string")

#' @rdname flags
#' @export
run_dir <- function() {
  d <- Sys.getenv("TFRUNS_RUN_DIR", unset = "")
  if (nzchar(d)) d else NULL
}
