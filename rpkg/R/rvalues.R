# Models and layers as R values (core: rvalues.py; C: src/rvalues.c).
#
# A model in R is reticulate's environment holding a pointer to the Python
# object; R's serialize() (saveRDS(), save(), save.image(), parallel and
# callr workers) wrote that environment with a pointer that means nothing in
# another session ("object is from previous session"). Each model and layer
# that reaches R now carries a marker in that environment: a zero-length
# ALTREP vector whose serialized state R asks for at serialize time. The
# state is the object's bytes (a model's .keras file: weights, optimizer
# state, compile settings) and the R definitions of the new_*_class classes
# it uses; unserialize() defines those classes where they are missing,
# rebuilds the object and points the same environment at it. Nothing is kept
# anywhere but in the value itself.

# The environment reticulate holds a Python object in (a callable object is
# an R function with it as attribute).
py_env <- function(x) {
  env <- attr(x, "py_object", exact = TRUE)
  if (is.null(env)) x else env
}

# `x` (a layer or model as reticulate hands it to R) with its marker.
as_r_value <- function(x) {
  env <- py_env(x)
  if (is.environment(env) && is.null(attr(env, "kerasbridge_value", exact = TRUE)))
    attr(env, "kerasbridge_value") <- .Call(kb_value_new, env)
  x
}

value_kind <- function(env) if (inherits(env, "keras.src.models.model.Model")) "model" else "layer"

# The state R serializes for the object in `env` (called by the marker).
py_value_state <- function(env) {
  if (!reticulate::py_available(initialize = FALSE) || reticulate::py_is_null_xptr(env))
    return(list(env = env, kind = value_kind(env), error = "it was not usable when it was saved."))
  path <- tempfile("kerasbridge-value-", fileext = ".keras")
  on.exit(unlink(path))
  st <- tryCatch(call_core("rvalues.save_state", env, path), error = function(e) e)
  if (inherits(st, "error")) return(list(env = env, kind = value_kind(env), error = conditionMessage(st)))
  list(env = env, kind = st[[1]], bytes = readBin(path, "raw", file.size(path)),
       classes = lapply(unlist(st[[2]]), shipped_class))
}

# What defines the class `name` again in another session: its R members, and
# its parent (a class shipped the same way, or a Keras class by its path).
shipped_class <- function(name) {
  state <- .kb_classes$defined[[name]]
  if (is.null(state)) return(NULL)
  parent <- state$parent_class
  parent <- if (inherits(parent, "kerasbridge_class_constructor")) {
    list(shipped = shipped_class(attr(parent, "state")$classname))
  } else if (!is.null(parent)) {
    list(module = reticulate::py_get_attr(parent, "__module__"), name = reticulate::py_get_attr(parent, "__name__"))
  }
  list(kind = state$kind, classname = state$classname, members = state$members, parent = parent,
       convert = state$convert, raw = state$raw)
}

# Define a shipped class unless this session has a class of that name.
define_shipped_class <- function(cl) {
  if (is.null(cl) || !is.null(.kb_classes$defined[[cl$classname]])) return(invisible())
  parent <- cl$parent
  parent <- if (!is.null(parent$shipped)) {
    define_shipped_class(parent$shipped)
    .kb_classes$defined[[parent$shipped$classname]]
  } else if (!is.null(parent$module)) {
    reticulate::import(parent$module)[[parent$name]]
  }
  if (is.environment(parent)) parent <- structure(function() NULL, state = parent, class = "kerasbridge_class_constructor")
  members <- lapply(cl$members, with_kerasbridge_visible)
  new_class_constructor(cl$kind, cl$classname, members, parent_class = parent,
                        convert = cl$convert, raw = cl$raw)
  invisible()
}

# Methods were written where kerasbridge was attached (they call shape(),
# op_*()); a worker that reads the model may not have attached it. The
# package's exports are put between the method's own environments and the
# first global one (the global environment or a namespace) they lead to.
with_kerasbridge_visible <- function(f) {
  if (!is.function(f)) return(f)
  top <- function(e) identical(e, globalenv()) || isNamespace(e) || identical(e, emptyenv()) || identical(e, baseenv())
  exports_above <- function(e) {
    ns <- asNamespace("kerasbridge")
    list2env(mget(getNamespaceExports(ns), envir = ns, inherits = TRUE), parent = e)
  }
  e <- environment(f)
  if (is.null(e)) return(f)
  if (top(e)) {
    environment(f) <- exports_above(e)
    return(f)
  }
  while (!top(parent.env(e))) e <- parent.env(e)
  parent.env(e) <- exports_above(parent.env(e))
  f
}

# The marker for the object rebuilt from `state` into the serialized
# environment (called by the marker when R unserializes it).
py_value_restore <- function(state) {
  env <- state$env
  if (is.null(state$error)) {
    path <- tempfile("kerasbridge-value-", fileext = ".keras")
    on.exit(unlink(path))
    obj <- tryCatch({
      core()  # first: a class defined while Python runs is made at once
      for (cl in state$classes) define_shipped_class(cl)
      writeBin(state$bytes, path)
      call_core("rvalues.load_state", state$kind, path, .call = NULL)
    }, error = function(e) e)
    # one value that can't be rebuilt leaves the rest of the file readable
    if (inherits(obj, "error")) state$error <- paste("rebuilding it failed:", conditionMessage(obj))
    else assign("pyobj", get("pyobj", envir = py_env(obj)), envir = env)
  }
  if (!is.null(state$error) && reticulate::py_available(initialize = TRUE)) {
    # every use is a kerasbridge error that says what happened
    assign("pyobj", get("pyobj", envir = py_env(core()$rvalues$Unavailable(state$kind, state$error))), envir = env)
  }
  .Call(kb_value_new, env)
}

# reticulate's error for a Python object whose pointer is from an earlier
# session (a tensor, dataset or iterator read back with readRDS()).
is_previous_session_error <- function(e) {
  grepl("object is from previous session", conditionMessage(e), fixed = TRUE)
}

abort_previous_session <- function(call, args = list()) {
  dead <- Filter(function(a) inherits(a, "python.builtin.object") && reticulate::py_is_null_xptr(a), args)
  what <- if (length(dead)) paste0("a `", class(dead[[1]])[1], "`") else "a Python object"
  abort_kb(c("Can't use {what} from an earlier R session.",
             i = "Only models and layers are kept by {.fn saveRDS}, {.fn save} and workers; tensors, datasets and iterators are not.",
             i = "Make it again in this session, or keep its values with {.fn as.array} before saving."),
           kind = "unavailable", call = call)
}
