# Writes the mechanical R wrappers (R/<kind>-generated.R, one file per Kind) and
# the generated export block of NAMESPACE from tools/wrappers.dcf.
# Run from rpkg/:  Rscript tools/generate-wrappers.R [output-dir]
# With output-dir, the R files and an updated copy of NAMESPACE go there instead
# (tests/test_wrapper_manifest.py does this and compares with the committed files).
#
# Each wrapper captures the arguments the user supplied (capture_args()) and hands
# them to the hand-written mechanism of its kind, called at call time (so no file
# depends on collation order):
#   layer        create_layer()          R/layers.R         -> core layers.make_layer
#   optimizer    make_optimizer()        R/optimizers.R     -> identifiers.make_optimizer
#   loss         compute_loss(), make_loss()      R/losses-metrics.R -> identifiers.make_loss
#   metric       compute_metric(), make_metric()  R/losses-metrics.R -> identifiers.make_metric
#   callback     make_callback()         R/callbacks.R      -> callbacks.make_callback
#   initializer, constraint, regularizer, schedule
#                make_object()           R/callbacks.R      -> callbacks.make_object
#   backend      k_call()                R/keras2-k_backend.R -> the core's k_* backend (legacy)
#   op, activation, random, config
#                call_op()               R/ops.R            -> ops.call_op (Class: path under keras)
#
# Manifest fields: Function, Kind, Class (the Keras class, or the core's name for
# optimizers and k_* functions), Formals (R source of the formals; for layers
# without the leading object and the trailing `...`, added here), Title (layers:
# the help page title), Object (layers whose first argument is not `object`), Inputs
# (`dots`: merging layers, unnamed `...` are more inputs),
# Rdname (shared help page), PyFunction (losses/metrics computed when called with
# y_true and y_pred), Prepare (an R function applied to the captured arguments),
# Aliases (other exported names for the same function), DeprecatedAliases (the same,
# with a deprecation warning: names R keras 2.x had deprecated), Keras2Defaults and
# Keras2Why (defaults that differ from Keras 3 on purpose; checked by the test).
args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args)) args[[1]] else "R"
namespace_out <- if (length(args)) file.path(out_dir, "NAMESPACE") else "NAMESPACE"

specs <- read.dcf(file.path("tools", "wrappers.dcf"), all = TRUE)
field <- function(s, name, default = "") {
  v <- if (name %in% names(s)) s[[name]] else NA
  if (is.na(v)) default else trimws(gsub("\\s+", " ", v))
}

# file, and the module callbacks.make_object looks the class up in
kinds <- list(
  layer       = list(file = "layers-generated.R"),
  optimizer   = list(file = "optimizers-generated.R"),
  loss        = list(file = "losses-generated.R"),
  metric      = list(file = "metrics-generated.R"),
  callback    = list(file = "callbacks-generated.R"),
  initializer = list(file = "initializers-generated.R", module = "initializers"),
  constraint  = list(file = "constraints-generated.R", module = "constraints"),
  regularizer = list(file = "regularizers-generated.R", module = "regularizers"),
  schedule    = list(file = "schedules-generated.R", module = "schedules"),
  backend     = list(file = "backend-generated.R"),
  application = list(file = "applications-generated.R"),
  # Functions, not classes: Class is the path under `keras` ("ops.sum"), called
  # through the core's one ops.call_op (1-based axes and positions from R).
  op          = list(file = "ops-generated.R"),
  activation  = list(file = "activations-generated.R"),
  random      = list(file = "random-generated.R"),
  config      = list(file = "config-generated.R")
)
function_kinds <- c("op", "activation", "random", "config")
bad <- setdiff(unique(specs$Kind), names(kinds))
if (length(bad)) stop("Unknown Kind in tools/wrappers.dcf: ", paste(bad, collapse = ", "),
                      ". Use one of: ", paste(names(kinds), collapse = ", "), ".", call. = FALSE)

# Argument names from R's own parser (a regex split breaks on defaults such as
# `cropping = list(c(0L, 0L), c(0L, 0L))`).
formal_names <- function(formals) {
  if (!nzchar(formals)) return(character())
  names(formals(eval(parse(text = paste0("function(", formals, ") NULL")))))
}
q <- function(x) paste0("\"", x, "\"")

# One runnable example per layer page: the layer made with its required arguments
# (values by argument name below; a layer that needs more has its own lines).
example_values <- c(
  units = "4", filters = "4", kernel_size = "3", factor = "0.2", rate = "0.5",
  height = "8", width = "8", height_factor = "0.2", width_factor = "0.2", num_bins = "4",
  activation = "\"relu\"", axes = "1", dims = "c(2, 1)", equation = "\"ab,bc->ac\"",
  output_shape = "4", head_dim = "4", input_dim = "10", output_dim = "3", key_dim = "4",
  max_number = "4", n = "3", num_heads = "2", num_key_value_heads = "2",
  num_query_heads = "2", scale = "1 / 255", stddev = "0.1", target_shape = "c(2, 2)",
  cell = "layer_simple_rnn_cell(units = 4)",
  cells = "list(layer_gru_cell(units = 4), layer_gru_cell(units = 2))",
  layer = "layer_lstm(units = 4)", layers = "list(layer_rescaling(scale = 1 / 255))")
example_overrides <- list(
  layer_average_pooling_1d = "layer <- layer_average_pooling_1d(pool_size = 2)",
  layer_average_pooling_2d = "layer <- layer_average_pooling_2d(pool_size = 2)",
  layer_average_pooling_3d = "layer <- layer_average_pooling_3d(pool_size = 2)",
  layer_category_encoding = "layer <- layer_category_encoding(num_tokens = 4)",
  layer_discretization = "layer <- layer_discretization(bin_boundaries = c(0, 1, 2))",
  layer_random_posterization = "layer <- layer_random_posterization(factor = 4)",
  # Keras needs SciPy for this layer; the project's Python does not install it
  layer_stft_spectrogram = c(
    "if (reticulate::py_module_available(\"scipy\")) {",
    "  layer <- layer_stft_spectrogram(frame_length = 64)",
    "}"),
  layer_tfsm = c(
    "model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 2)",
    "path <- file.path(tempdir(), \"exported\")",
    "model$export(path, verbose = FALSE)",
    "layer <- layer_tfsm(filepath = path)"))
layer_example <- function(s, formals) {
  lines <- example_overrides[[s$Function]]
  if (is.null(lines)) {
    fm <- if (nzchar(formals)) formals(eval(parse(text = paste0("function(", formals, ") NULL")))) else list()
    required <- names(fm)[vapply(fm, function(v) identical(v, quote(expr = )), TRUE)]
    missing_value <- setdiff(required, names(example_values))
    # a warning, not an error: the other files are still written; R CMD check
    # (tests/test_r_cmd_check.py) then fails on the example that lacks the value
    if (length(missing_value))
      warning(s$Function, ": no example value for ", paste(missing_value, collapse = ", "),
              "; add one to example_values or example_overrides in tools/generate-wrappers.R.", call. = FALSE)
    required <- intersect(required, names(example_values))
    call_args <- if (length(required)) paste0(required, " = ", example_values[required], collapse = ", ") else ""
    lines <- paste0("layer <- ", s$Function, "(", call_args, ")")
  }
  c("#' @examples", paste0("#' ", lines), if (!grepl("^if", lines[1])) "#' layer")
}

layer_wrapper <- function(s) {
  object <- field(s, "Object", "object")
  formals <- field(s, "Formals")
  class <- field(s, "Class")
  arg_names <- formal_names(formals)
  # Inputs: dots -- a merging layer: unnamed arguments after `inputs` are more inputs (R keras 2.x)
  merge <- field(s, "Inputs") == "dots"
  # Object: none -- made, never applied (RNN cells: given to layer_rnn())
  if (object == "none") return(c(
    paste0("#' ", field(s, "Title")),
    "#'",
    paste0("#' Wraps `keras.layers.", class, "`: returns the layer object (no `object` argument)."),
    if (length(arg_names)) paste0("#' @param ", arg_names, " See the Keras documentation of `", class, "`."),
    "#' @param ... Other arguments of the Keras layer (`name`, `dtype`, ...).",
    "#' @returns The layer object.",
    layer_example(s, formals),
    "#' @export",
    paste0(s$Function, " <- function(", paste(c(if (nzchar(formals)) formals, "..."), collapse = ", "), ") {"),
    "  args <- capture_args(ignore = character())",
    paste0("  create_layer(\"", class, "\", NULL, args)"),
    "}"))
  c(paste0("#' ", field(s, "Title")),
    "#'",
    paste0("#' Wraps `keras.layers.", class, "`. Object-first: with `", object,
           "` missing the layer is returned; a Sequential model gets it added;"),
    "#' a tensor (or list of tensors) is passed through it.",
    paste0("#' @param ", object, " A Sequential model, a tensor or list of tensors, or missing."),
    if (length(arg_names)) paste0("#' @param ", arg_names, " See the Keras documentation of `", class, "`."),
    if (merge) "#' @param ... Unnamed: more input tensors (`layer_add(a, b)`, `a %>% layer_add(b)`). Named: other arguments of the Keras layer (`name`, `dtype`, `trainable`, ...)."
    else "#' @param ... Other arguments of the Keras layer (`name`, `input_shape`, `dtype`, `trainable`, ...).",
    paste0("#' @returns With `", object, "` missing, the layer; with a Sequential model, the model"),
    "#'   (the layer added, in place); with tensors, the layer's output tensor(s).",
    layer_example(s, formals),
    "#' @export",
    if (merge) c(
      paste0(s$Function, " <- function(", paste(c(object, "...", if (nzchar(formals)) formals), collapse = ", "), ") {"),
      paste0("  args <- capture_args(ignore = \"", object, "\")"),
      paste0("  create_merge_layer(\"", class, "\", if (missing(", object, ")) NULL else ", object, ", args",
             if (length(arg_names)) paste0(", positional = ", q(arg_names[1])), ")"))
    else c(
      paste0(s$Function, " <- function(", paste(c(object, if (nzchar(formals)) formals, "..."), collapse = ", "), ") {"),
      paste0("  args <- capture_args(ignore = \"", object, "\")"),
      paste0("  create_layer(\"", class, "\", if (missing(", object, ")) NULL else ", object, ", args)")),
    "}")
}

# Every other kind: one function whose body hands the captured arguments on.
other_wrapper <- function(s) {
  kind <- s$Kind
  class <- field(s, "Class")
  formals <- field(s, "Formals")
  prepare <- field(s, "Prepare")
  captured <- if (nzchar(prepare)) paste0(prepare, "(args)") else "args"
  py_fn <- field(s, "PyFunction")
  has_y <- kind %in% c("loss", "metric") && nzchar(py_fn)
  if (has_y) formals <- paste(c("y_true, y_pred", if (nzchar(formals)) formals), collapse = ", ")
  ignore <- if (has_y) "c(\"y_true\", \"y_pred\")" else "character()"
  body <- switch(kind,
    optimizer = paste0("  make_optimizer(", q(class), ", ", captured, ")"),
    loss = c(
      paste0("  if (!missing(y_true) && !missing(y_pred)) return(compute_loss(", q(py_fn), ", y_true, y_pred, ", captured, "))"),
      paste0("  make_loss(", q(class), ", ", captured, ")")),
    metric = c(
      if (has_y) paste0("  if (!missing(y_true) && !missing(y_pred)) return(compute_metric(", q(py_fn), ", y_true, y_pred, ", captured, "))"),
      paste0("  make_metric(", q(class), ", ", captured, ")")),
    callback = paste0("  make_callback(", q(class), ", ", captured, ")"),
    backend = paste0("  k_call(", q(class), ", ", captured, ")"),
    op = , activation = , random = , config = paste0("  call_op(", q(class), ", ", captured, ")"),
    paste0("  make_object(", q(kinds[[kind]]$module), ", ", q(class), ", ", captured, ")"))
  fn <- c(paste0("function(", formals, ") {"),
          paste0("  args <- capture_args(ignore = ", ignore, ")"),
          body,
          "}")
  # Activations carry their Keras name, so layer_dense(activation = activation_relu) works.
  if (kind == "activation") {
    fn[1] <- paste0("structure(", fn[1])
    fn[length(fn)] <- paste0("}, py_function_name = ", q(sub("^activations[.]", "", class)),
                             ", class = c(\"kerasbridge_activation_function\", \"function\"))")
  }
  # Losses and metrics carry their Keras name, so compile() can take them uncalled.
  if (kind %in% c("loss", "metric")) {
    fn[1] <- paste0("structure(", fn[1])
    fn[length(fn)] <- paste0("}, ", if (has_y) paste0("py_function_name = ", q(py_fn), ", "),
                             "py_class_name = ", q(class),
                             ", class = c(\"kerasbridge_", kind, "_function\", \"function\"))")
  }
  fn[1] <- paste0(s$Function, " <- ", fn[1])
  rdname <- field(s, "Rdname")
  # On a shared page the hand-written header (@order 1) comes first, then these,
  # then the page's hand-written functions (roxygen merges by @order, then file order).
  c(if (nzchar(rdname)) c(paste0("#' @rdname ", rdname), "#' @order 2") else paste0("#' ", field(s, "Title")),
    page_params(s),
    "#' @export",
    fn)
}

# Each shared page documents the generated functions' arguments once (with the
# page's first generated function): the union of their argument names, less
# those the page's hand-written roxygen (R/*.R, not generated) documents.
hand_documented <- function() {
  out <- list()
  for (f in setdiff(list.files("R", pattern = "[.]R$", full.names = TRUE),
                    list.files("R", pattern = "-generated[.]R$", full.names = TRUE))) {
    lines <- readLines(f, warn = FALSE)
    is_rox <- grepl("^#'", lines)
    starts <- which(is_rox & !c(FALSE, head(is_rox, -1)))
    for (b in starts) {
      e <- b
      while (e < length(lines) && is_rox[e + 1]) e <- e + 1
      block <- lines[b:e]
      page <- sub("^#' @(rdname|name) +(\\S+).*$", "\\2", grep("^#' @(rdname|name) ", block, value = TRUE))
      if (!length(page) && e < length(lines)) page <- sub("^`?([^ `]+)`? *<-.*$", "\\1", lines[e + 1])
      params <- sub("^#' @param +(\\S+).*$", "\\1", grep("^#' @param ", block, value = TRUE))
      if (length(page) && length(params))
        out[[page[1]]] <- c(out[[page[1]]], trimws(unlist(strsplit(params, ","))))
    }
  }
  out
}
documented <- hand_documented()
documented_pages <- character()
page_params <- function(s) {
  rdname <- field(s, "Rdname")
  if (!nzchar(rdname) || rdname %in% documented_pages) return(character())
  documented_pages <<- c(documented_pages, rdname)
  rows <- which(vapply(seq_len(nrow(specs)), function(i) field(specs[i, ], "Rdname"), "") == rdname)
  formal_list <- lapply(rows, function(i) {
    f <- field(specs[i, ], "Formals")
    if (specs$Kind[i] %in% c("loss", "metric") && nzchar(field(specs[i, ], "PyFunction")))
      f <- paste(c("y_true, y_pred", if (nzchar(f)) f), collapse = ", ")
    formal_names(f)
  })
  all_names <- setdiff(gsub("`", "", unique(unlist(formal_list))), documented[[rdname]])
  arg_names <- setdiff(all_names, c("...", "zero_indexed"))
  where <- if (s$Kind %in% function_kinds) paste0("`keras.", sub("[.][^.]*$", "", field(s, "Class")), "`")
           else "the Keras class each function wraps"
  c(if (length(arg_names)) paste0("#' @param ", paste(arg_names, collapse = ","),
                                  if (s$Kind %in% function_kinds) " Tensors, R arrays or numbers, and the other arguments,"
                                  else " Arguments", " as documented for ", where, "."),
    if ("zero_indexed" %in% all_names)
      "#' @param zero_indexed Positions (indices) given and returned count from 0 when `TRUE`; from 1 (R's way) by default.",
    if ("..." %in% all_names) "#' @param ... Further arguments of the Keras function or class.")
}

header <- function(kind) c(
  "# Generated by tools/generate-wrappers.R from tools/wrappers.dcf: do not edit by hand.",
  if (kind == "layer") c(
    "# Each wrapper forwards only the arguments the user supplied (capture_args());",
    "# the defaults shown are Keras' own and document them.")
  else c(
    paste0("# Kind: ", kind, ". Each wrapper forwards only the arguments the user supplied"),
    "# (capture_args()); the defaults shown document Keras' (see tools/wrappers.dcf)."),
  "")

exports <- character()
written <- character()
for (kind in names(kinds)) {
  rows <- which(specs$Kind == kind)
  if (!length(rows)) next
  lines <- header(kind)
  for (i in rows) {
    s <- specs[i, ]
    lines <- c(lines, if (kind == "layer") layer_wrapper(s) else other_wrapper(s))
    exports <- c(exports, s$Function)
    for (alias in strsplit(field(s, "Aliases"), ",\\s*")[[1]]) {
      lines <- c(lines, paste0("#' @rdname ", field(s, "Rdname", s$Function)), "#' @order 2", "#' @export",
                 paste0(alias, " <- ", s$Function))
      exports <- c(exports, alias)
    }
    # names R keras 2.x had already deprecated: they still work, with its warning
    for (alias in strsplit(field(s, "DeprecatedAliases"), ",\\s*")[[1]]) {
      lines <- c(lines, paste0("#' @rdname ", field(s, "Rdname", s$Function)), "#' @order 2", "#' @export",
                 paste0(alias, " <- function(...) {"),
                 paste0("  warn_deprecated_alias(", q(alias), ", ", q(s$Function), ")"),
                 paste0("  ", s$Function, "(...)"), "}")
      exports <- c(exports, alias)
    }
    lines <- c(lines, "")
  }
  writeLines(lines, file.path(out_dir, kinds[[kind]]$file))
  written <- c(written, kinds[[kind]]$file)
}
dup <- unique(exports[duplicated(exports)])
if (length(dup)) stop("Listed twice in tools/wrappers.dcf: ", paste(dup, collapse = ", "), call. = FALSE)

# The export block of NAMESPACE; everything outside the markers is hand-maintained.
ns <- readLines("NAMESPACE")
begin <- which(ns == "# BEGIN generated exports (tools/generate-wrappers.R from tools/wrappers.dcf)")
end <- which(ns == "# END generated exports")
if (length(begin) != 1 || length(end) != 1 || end < begin)
  stop("NAMESPACE needs exactly one '# BEGIN generated exports ...' / '# END generated exports' pair.", call. = FALSE)
ns <- c(ns[seq_len(begin)], paste0("export(", exports, ")"), ns[end:length(ns)])
writeLines(ns, namespace_out)
