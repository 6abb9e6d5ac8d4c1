# The R side shared by every new_*_class constructor. The classes themselves
# are made by the Python core (pycore/kerasbridge/classes/factory.py); here we
# only (1) keep the definition until first use, so defining a class never
# starts Python, and (2) wrap each R method so that `self`, `super` and
# `private` are visible inside it.

.kb_classes <- new.env(parent = emptyenv())
.kb_classes$defined <- new.env(parent = emptyenv())   # classname -> state
.kb_classes$private <- new.env(parent = emptyenv())   # key -> weak reference to an environment
.kb_classes$n_private <- 0L

# Keep in sync with HOOKS/ALIASES in pycore/kerasbridge/classes/hooks.py: R
# warns about typos without starting Python (tests/test_roundtrip_classes.py
# checks the two tables are equal).
.layer_hooks <- c("initialize", "build", "call", "compute_output_shape", "compute_mask",
                  "get_config", "from_config")
class_hooks <- list(
  layer = .layer_hooks,
  model = c(.layer_hooks, "train_step", "test_step", "predict_step", "compute_loss",
            "compute_metrics", "metrics"),
  metric = c("initialize", "update_state", "result", "reset_state", "get_config"),
  loss = c("initialize", "call", "get_config"),
  callback = c("initialize", "set_model", "set_params",
               "on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end",
               "on_train_batch_begin", "on_train_batch_end",
               "on_batch_begin", "on_batch_end",
               "on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end",
               "on_predict_begin", "on_predict_end",
               "on_predict_batch_begin", "on_predict_batch_end"),
  constraint = c("initialize", "call", "get_config"),
  learning_rate_schedule = c("initialize", "call", "get_config"),
  object = "initialize")
class_aliases <- list(metric = c(reset_states = "reset_state"))

likely_typo <- function(kind, name) {
  hooks <- class_hooks[[kind]]
  if (name %in% hooks || name %in% names(class_aliases[[kind]])) return(NULL)
  d <- drop(utils::adist(name, hooks))
  hit <- which(d == 1 | (d == 2 & nchar(hooks) >= 8))
  if (length(hit)) hooks[[hit[[1]]]] else NULL
}

warn_typos <- function(kind, classname, names, call) {
  for (nm in names) {
    meant <- likely_typo(kind, nm)
    if (!is.null(meant))
      cli::cli_warn(c("{.val {classname}}: method {.fn {nm}} is not a {kind} method Keras calls, so Keras will never call it.",
                      i = "Did you mean {.fn {meant}}?"),
                    class = "kerasbridge_method_name_warning", call = call)
  }
}

#' Make an active property (a binding computed on access)
#'
#' Inside a `new_*_class()` definition, `metrics = mark_active(function() list(self$tracker))`
#' makes `metrics` a property. A function with one argument `value` is also a
#' setter: it is called with the new value on assignment.
#' @param fn A function of no arguments (getter) or of `value` (getter and setter).
#' @return `fn`, marked.
#' @examples
#' Counter <- new_layer_class(
#'   "Counter",
#'   initialize = function(...) {
#'     super$initialize(...)
#'     self$n <- 0
#'   },
#'   call = function(inputs) inputs,
#'   count = mark_active(function() self$n)
#' )
#' layer <- Counter()
#' layer$count
#' @export
mark_active <- function(fn) {
  if (!is.function(fn))
    abort_kb(c("{.arg fn} must be a function.", x = "Received {.obj_type_friendly {fn}}."))
  class(fn) <- unique(c("kerasbridge_active", class(fn)))
  fn
}

# The constructor every new_*_class() returns: formals mirror `initialize`;
# the Python class is made on the first call (or when Python is already running).
# With `compose = TRUE` (new_layer_class(), Layer(): R keras' layer wrappers)
# the formals are `object` and then those of `initialize`, and the layer is
# composed with `object` as every layer_*() does.
new_class_constructor <- function(kind, classname, members, parent_class = NULL,
                                  call = rlang::caller_env(), compose = FALSE, convert = TRUE,
                                  raw = FALSE, private = list()) {
  if (!rlang::is_string(classname) || !grepl("^[A-Za-z_][A-Za-z0-9_]*$", classname))
    abort_kb(c("{.arg classname} must be a single valid class name (letters, digits, _).",
               x = "Received {.obj_type_friendly {classname}}."), call = call)
  members <- members[!vapply(members, is.null, logical(1))]
  if (length(members) && (is.null(names(members)) || any(!nzchar(names(members)))))
    abort_kb(c("Every method or field given to {.fn new_{kind}_class} must be named.",
               i = "Write e.g. {.code call = function(inputs) ...}."), call = call)
  if (!is.null(parent_class) && !inherits(parent_class, "kerasbridge_class_constructor") &&
      !is_py_object(parent_class))
    abort_kb(c("{.arg parent_class} must be a class made by a {.fn new_*_class} constructor or a Keras class.",
               x = "Received {.obj_type_friendly {parent_class}}."), call = call)
  warn_typos(kind, classname, names(members), call)

  state <- new.env(parent = emptyenv())
  state$kind <- kind
  state$classname <- classname
  state$members <- members
  state$parent_class <- parent_class
  state$py_class <- NULL
  state$convert <- convert  # FALSE: R methods receive Python objects unconverted
  state$raw <- raw          # TRUE: Keras' hook arguments unadapted (0-based epochs, logs as Python gives them)
  if (length(private) && (is.null(names(private)) || any(!nzchar(names(private)))))
    abort_kb("Every member of {.arg private} must be named.", call = call)
  state$private <- private  # each instance's private environment starts with these (seed_private())
  if (length(private)) .kb_classes$any_private <- TRUE

  init <- members$initialize
  init_formals <- if (is.function(init)) formals(init) else alist(... = )
  compose <- compose && !"object" %in% names(init_formals)
  ctor <- if (compose) {
    function(object) {
      # a piped-in object first, so layers are created (and named) in pipe order
      object <- if (missing(object)) NULL else object
      args <- capture_args(ignore = "object")
      if (!is.null(object) && !is_composable(object)) {
        # `Scale(3)`: a value no layer composes with is the first `initialize` argument
        args <- tryCatch(
          rematch_without_object(sys.function(), sys.call(), environment(), formals(sys.function())[-1]),
          error = function(e) c(list(object), args))  # a call through `...`: the value goes first
        object <- NULL
      }
      compose_layer(object, class_errors(do.call(py_class_of(state), args)))
    }
  } else {
    function() {
      # R keras 2.x: a layer constructor also composes, `inputs %>% layer_linear(units = 8)`
      if (state$kind == "layer") {
        object <- composable_first_arg(sys.function(), sys.call(), environment())
        if (!is.null(object)) {
          layer <- eval(sys.call()[-2], parent.frame())  # the same call without the object
          return(compose_layer(object, layer))
        }
      }
      args <- capture_args(ignore = character())
      class_errors(do.call(py_class_of(state), args))
    }
  }
  formals(ctor) <- if (compose) c(alist(object = ), init_formals) else init_formals
  environment(ctor) <- list2env(list(state = state), parent = asNamespace("kerasbridge"))
  attr(ctor, "state") <- state
  class(ctor) <- c("kerasbridge_class_constructor", paste0("kerasbridge_", kind, "_class"), "function")

  assign(classname, state, envir = .kb_classes$defined)
  # No Python is started here; if it is already running, make the class now so
  # that Keras finds it (loading a saved model, for example).
  if (reticulate::py_available(initialize = FALSE) && !is.null(.kb$core)) py_class_of(state)
  ctor
}

# The arguments of `call` re-matched to `init_formals` as R would have matched
# them without `object` in front (`Scale(3)`: 3 is initialize's first free
# argument), as values: those already bound in `env` (the constructor's frame)
# are not evaluated again.
rematch_without_object <- function(fn, call, env, init_formals, caller = parent.frame(2)) {
  # a `...` in the call stands for the caller's arguments: both matchings expand it alike
  orig <- as.list(match.call(function(...) NULL, call, envir = caller))[-1]
  onames <- names(orig) %||% rep("", length(orig))
  bound <- as.list(match.call(fn, call, expand.dots = FALSE, envir = caller))[-1]
  dots <- bound$...
  bound$... <- NULL
  used <- character(); dots_used <- integer()
  values <- vector("list", length(orig))
  for (i in seq_along(orig)) {
    hit <- setdiff(names(bound)[vapply(bound, identical, logical(1), orig[[i]])], used)
    if (length(hit)) {
      used <- c(used, hit[[1]])
      values[i] <- list(get(hit[[1]], envir = env))
      if (hit[[1]] == "object") onames[[i]] <- ""
    } else {
      k <- setdiff(which(vapply(dots, identical, logical(1), orig[[i]])), dots_used)[[1]]
      dots_used <- c(dots_used, k)
      values[i] <- list(eval(call("...elt", k), env))
    }
  }
  f <- function() NULL
  formals(f) <- init_formals
  quoted <- lapply(values, function(v) if (is.language(v)) call("quote", v) else v)
  names(quoted) <- onames
  out <- as.list(match.call(f, as.call(c(list(f), quoted)), expand.dots = TRUE))[-1]
  lapply(out, function(v) if (is.call(v) && identical(v[[1]], as.name("quote"))) v[[2]] else v)
}

# Where Python is handed a constructor (custom_objects, a parent class), it
# gets the Keras class it makes.
#' @export
r_to_py.kerasbridge_class_constructor <- function(x, convert = FALSE) {
  reticulate::r_to_py(py_class_of(x), convert = convert)
}

#' @export
print.kerasbridge_class_constructor <- function(x, ...) {
  st <- attr(x, "state")
  args <- names(formals(x))
  if (identical(st$kind, "object")) cat("<", st$classname, "> a Python class made by %py_class% or r_to_py(<R6 class>)\n", sep = "")
  else cat("<", st$classname, "> a Keras ", st$kind, " class made by new_", st$kind, "_class()\n", sep = "")
  cat("  constructor: ", st$classname, "(", paste(args, collapse = ", "), ")\n", sep = "")
  cat("  methods: ", paste(names(st$members), collapse = ", "), "\n", sep = "")
  invisible(x)
}

# The Python class of an R constructor (made on first use).
py_class_of <- function(state) {
  if (inherits(state, "kerasbridge_class_constructor")) state <- attr(state, "state")
  if (!is.null(state$py_class)) return(state$py_class)
  parent <- state$parent_class
  if (inherits(parent, "kerasbridge_class_constructor")) parent <- py_class_of(parent)
  r_methods <- list(); r_active <- list(); fields <- list()
  for (nm in names(state$members)) {
    m <- state$members[[nm]]
    if (inherits(m, "kerasbridge_active")) {
      r_active[[nm]] <- list(wrap_r_method(m, state), length(formals(m)) > 0)
    } else if (is.function(m)) {
      if (nm %in% ag_traced_methods) m <- ag_translate(m)  # tensor control flow, R/autograph.R
      r_methods[[nm]] <- if (isTRUE(state$raw)) {
        # r_to_py(<R6 class>): R keras 2.x's Python class; Keras' arguments as Python gives them
        list(wrap_r_method(m, state), formals_spec(m), list(raw = TRUE))
      } else if (identical(state$kind, "callback") && nm %in% callback_hook_names) {
        list(wrap_r_hook(m, state), formals_spec(m), list(pass_self = names_self(m)))
      } else {
        list(keras2_logs_hook(state$kind, nm, wrap_r_method(m, state)), formals_spec(m))
      }
    } else {
      fields[[nm]] <- m
    }
  }
  if (identical(state$convert, FALSE)) {
    # r_to_py(<R6 class>, convert = FALSE): methods get Python objects as they are
    r_methods <- lapply(r_methods, function(m) {
      m[[1]] <- reticulate::r_to_py(m[[1]], convert = FALSE)
      m
    })
  }
  cls <- call_core("classes.factory.make_r_class", state$kind, state$classname,
                   fields = fields, parent_class = parent,
                   r_methods = r_methods, r_active = r_active)
  state$py_class <- cls
  if (!isTRUE(.kb_classes$hook_set)) {
    core()$classes$registry$set_before_load(function() { materialize_defined_classes(); NULL })
    .kb_classes$hook_set <- TRUE
  }
  cls
}

#' Make the Python class of every class defined in this R session.
#'
#' Loading a saved model needs its classes to exist on the Python side, and a
#' class defined before Python started has not been made yet: call this
#' before loading. (Once any class has been made, the core calls it itself
#' through `registry.set_before_load()`.)
#' @keywords internal
materialize_defined_classes <- function() {
  for (nm in ls(.kb_classes$defined)) py_class_of(get(nm, envir = .kb_classes$defined))
  invisible()
}

# R formals -> what the core needs to give Keras the real signature.
formals_spec <- function(fn) {
  f <- formals(fn)
  lapply(names(f), function(nm) {
    if (identical(nm, "...")) return(list(name = "..."))
    # an argument without default holds the empty symbol, which can't be bound to a variable
    if (identical(f[[nm]], quote(expr = ))) return(list(name = nm, has_default = FALSE))
    val <- constant_default(f[[nm]])
    list(name = nm, has_default = TRUE, constant_default = val$ok, default = val$value)
  })
}

# A default Python can show (Keras records it in the layer's config): NULL, a
# scalar, or a negative scalar; anything else is left for R to evaluate.
constant_default <- function(d) {
  if (is.null(d)) return(list(ok = TRUE, value = NULL))
  if (is.call(d) && all(all.names(d) %in% c("-", "c")) && length(all.names(d)) <= 2)
    d <- tryCatch(eval(d, baseenv()), error = function(e) quote(expr = ))
  if (is.atomic(d) && length(d) == 1 && !is.na(d)) return(list(ok = TRUE, value = d))
  list(ok = FALSE, value = NULL)
}

# Each R method runs with `self`, `super` and `private` bound in a fresh
# environment whose parent is the method's own; `super` and `private` are
# promises, so a method that does not use them costs nothing for them.
wrap_r_method <- function(fn, state) {
  force(fn)
  fenv <- environment(fn)
  # The core calls this with the instance and its private key (NULL until
  # `private` is first used), so finding `private` needs no call back into
  # Python. Dotted names: no argument of a user method can partially match them.
  function(.kb_self, .kb_private_key, ...) {
    if (is_py_object(.kb_private_key)) .kb_private_key <- reticulate::py_to_r(.kb_private_key)  # convert = FALSE
    env <- new.env(parent = fenv)
    env$self <- .kb_self
    delayedAssign("super", new_super(state, .kb_self), assign.env = env)
    delayedAssign("private", private_of(.kb_self, .kb_private_key), assign.env = env)
    # keras3: the class itself, as `__class__` and by its name
    delayedAssign("__class__", py_class_of(state), assign.env = env)
    delayedAssign(state$classname, py_class_of(state), assign.env = env)
    environment(fn) <- env
    # An R error is kept in R and travels through Python by id, so it can be
    # the parent of the MethodError R users finally see (errors.R).
    tryCatch(fn(...), error = keep_r_error)
  }
}

# Keras' callback hooks (on_epoch_end, on_train_batch_end, ...) run once per
# batch in fit(), so one closure does for them what wrap_r_method() and
# keras2_logs_hook() do for other methods, at less cost per call (issue 12):
# - the core passes the instance only to hooks whose code names `self` or
#   `super` (names_self()); otherwise .kb_self is NULL and `self` is a promise
#   that fetches the instance by its key (reticulate would build an R wrapper
#   of the instance on every call), so code that reaches `self` otherwise
#   (get("self"), eval()) still finds it;
# - `logs` is a kerasbridge_logs list (R/keras2-callbacks.R);
# - an R error comes back as an RFailure, as from every R method (keep_r_error());
# - a vector the hook returns is not sent back: the core only reads a named list.
# Called by the core (classes/callback.py) as (self or NULL, key, epoch/batch, logs)
# or (self or NULL, key, logs).
callback_hook_names <- grep("^on_", class_hooks$callback, value = TRUE)

wrap_r_hook <- function(fn, state) {
  force(fn)
  # a call of `bind` makes the environment: its arguments are promises, so
  # `self`, `super` and `private` cost nothing until used (and this is cheaper
  # than new.env() and delayedAssign())
  bind <- function(self, super, private) environment()
  environment(bind) <- environment(fn)
  bind_key <- function(.kb_self, .kb_private_key)  # .kb_self: a promise of the instance
    bind(.kb_self, new_super(state, .kb_self), private_of(.kb_self, .kb_private_key))
  function(.kb_self, .kb_private_key, ...) {
    environment(fn) <- if (is.null(.kb_self)) {
      bind_key(instance_of_key(.kb_private_key), .kb_private_key)
    } else {
      bind(.kb_self, new_super(state, .kb_self), private_of(.kb_self, .kb_private_key))
    }
    written <- new.env(parent = emptyenv())
    if (...length() == 2L) {
      logs <- keras2_logs(..2, written)
      out <- tryCatch(fn(..1, logs), error = keep_r_error)
    } else {
      logs <- keras2_logs(..1, written)
      out <- tryCatch(fn(logs), error = keep_r_error)
    }
    if (inherits(out, "python.builtin.object")) return(out)  # an RFailure (R/errors.R)
    if (length(written) || inherits(out, "kerasbridge_logs")) return(keras2_logs_added(out, logs))
    if (is.atomic(out)) NULL else out
  }
}

# Whether a method's code (body or defaults) names `self` or `super`.
names_self <- function(fn) {
  nms <- all.names(body(fn))
  f <- formals(fn)
  if (length(f)) nms <- c(nms, all.names(as.call(c(quote(list), f))))
  any(c("self", "super") %in% nms)
}

# The instance behind a hook that was not handed `self` (factory.instance_of).
instance_of_key <- function(key) core_function("classes.factory.instance_of")(key)

# `super$initialize(...)`, `super()$initialize(...)` and super()$`__init__`(...)
new_super <- function(state, self) {
  sup <- function() sup
  attr(sup, "state") <- state
  attr(sup, "self") <- self
  class(sup) <- "kerasbridge_super"
  sup
}

#' @export
`$.kerasbridge_super` <- function(x, name) {
  cls <- attr(x, "state")$py_class
  self <- attr(x, "self")
  if (name %in% c("initialize", "__init__")) {
    # the core coerces R doubles for a Keras layer parent (Dense(units = 64))
    return(function(...) invisible(core()$classes$factory$super_init(cls, self, ...)))
  }
  if (is.null(.kb_classes$builtins)) .kb_classes$builtins <- reticulate::import_builtins()
  .kb_classes$builtins$super(cls, self)[[name]]
}

#' @export
`[[.kerasbridge_super` <- `$.kerasbridge_super`

# The per-instance R environment behind `private`. The instance holds an R
# closure over it (never seen by Keras); the registry here holds it only
# weakly, so it is freed with the instance.
private_of <- function(self, key = NULL) {
  if (!is.null(key)) {
    w <- .kb_classes$private[[as.character(key)]]
    env <- if (!is.null(w)) rlang::wref_key(w) else NULL
    if (!is.null(env)) return(env)
  }
  env <- new.env(parent = emptyenv())
  holder <- function() NULL
  environment(holder) <- env
  key <- core()$classes$factory$attach_private(self, holder)
  assign(as.character(key), rlang::new_weakref(env), envir = .kb_classes$private)
  if (isTRUE(.kb_classes$any_private)) seed_private(env, self)
  .kb_classes$n_private <- .kb_classes$n_private + 1L
  if (.kb_classes$n_private %% 100L == 0L) prune_private()
  env
}

# keras3's `private = list(...)`: each instance's private environment starts
# with these members (its class's and its parents', the nearest winning);
# functions among them see `self`, `super` and `private` as methods do.
seed_private <- function(env, self) {
  cls <- reticulate::py_get_attr(self, "__class__")
  state <- .kb_classes$defined[[reticulate::py_to_r(reticulate::py_get_attr(cls, "__name__"))]]
  defaults <- if (is.null(state)) list() else private_defaults(state)
  for (nm in names(defaults)) {
    value <- defaults[[nm]]
    if (is.function(value)) {
      fenv <- new.env(parent = environment(value))
      fenv$self <- self
      fenv$private <- env
      delayedAssign("super", new_super(state, self), assign.env = fenv)
      environment(value) <- fenv
    }
    assign(nm, value, envir = env)
  }
}

private_defaults <- function(state) {
  parent <- state$parent_class
  inherited <- if (inherits(parent, "kerasbridge_class_constructor")) private_defaults(attr(parent, "state")) else list()
  utils::modifyList(inherited, as.list(state$private %||% list()), keep.null = TRUE)
}

prune_private <- function() {
  for (k in ls(.kb_classes$private)) {
    if (is.null(rlang::wref_key(.kb_classes$private[[k]]))) rm(list = k, envir = .kb_classes$private)
  }
}

# Python errors from a class's methods, as R errors; rethrow_py_error() gives a
# MethodError the R error raised inside the method as its parent.
class_errors <- function(expr, call = rlang::caller_env()) {
  with_py_errors(expr, .call = call)
}


# The value of a call's first, unnamed argument when it is something a layer
# composes with (a tensor, a list of tensors, a Sequential model); else NULL.
# Only that argument's promise is forced, so the others are evaluated once,
# when the call is re-made without it.
composable_first_arg <- function(fn, call, env) {
  if (length(call) < 2) return(NULL)
  nms <- names(call)
  if (!is.null(nms) && nzchar(nms[[2]])) return(NULL)
  named <- if (is.null(nms)) character() else nms[nzchar(nms)]
  free <- setdiff(names(formals(fn)), named)
  if (!length(free)) return(NULL)
  value <- if (free[[1]] == "...") eval(quote(..1), env) else get(free[[1]], envir = env)
  if (is_composable(value)) value else NULL
}

is_composable <- function(x) {
  composable_classes <- c("keras.src.backend.common.keras_tensor.KerasTensor",
                          "tensorflow.python.types.core.Tensor", "keras.src.models.sequential.Sequential")
  if (is_py_object(x)) return(inherits(x, composable_classes))
  is.list(x) && length(x) > 0 && all(vapply(x, function(e) is_py_object(e) && inherits(e, composable_classes), logical(1)))
}
