# R keras 2.x's deprecated R6 API: KerasLayer, KerasWrapper, KerasCallback,
# KerasConstraint and create_layer()/create_wrapper(), on the new_*_class()
# machinery (R/py-classes.R). An R6 class becomes a Keras class made from the
# methods its subclasses define; R6 callback and constraint objects become
# Keras objects when they reach Python (r_to_py methods below).

#' R keras 2.x's R6 base classes for custom layers, wrappers, callbacks, constraints
#'
#' Deprecated in R keras 2.x, kept for old scripts: subclass one of these with
#' `R6::R6Class(inherit = KerasLayer, ...)`. A layer class is instantiated
#' with [create_layer()] (a wrapper with [create_wrapper()]); inside its
#' methods `self` is the Keras layer (`self$add_weight()`, fields set in
#' `initialize`). A callback or constraint object (`$new()`) is passed where
#' Keras takes one (`fit(callbacks = list(cb))`, `kernel_constraint = c`); a
#' callback's `self$model` and `self$params` are set by `fit()`, and its fields
#' stay readable from R afterwards. Epochs and batches reach callback methods
#' 1-based, as in [new_callback_class()]. Prefer [new_layer_class()] &
#' co. in new code.
#' @format R6 class generators.
#' @examples
#' CustomLayer <- R6::R6Class("CustomLayer", inherit = KerasLayer,
#'   public = list(
#'     output_dim = NULL,
#'     initialize = function(output_dim) self$output_dim <- output_dim,
#'     build = function(input_shape) {
#'       self$kernel <- self$add_weight(name = "kernel",
#'         shape = list(input_shape[[2]], self$output_dim), initializer = "ones")
#'     },
#'     call = function(x, mask = NULL) op_matmul(x, self$kernel)
#'   ))
#' layer_custom <- function(object, output_dim, name = NULL)
#'   create_layer(CustomLayer, object, list(output_dim = as.integer(output_dim), name = name))
#' model <- keras_model_sequential(input_shape = 3) |> layer_custom(2)
#' predict(model, matrix(1, 1, 3), verbose = 0)
#' @name KerasLayer
#' @export
KerasLayer <- R6::R6Class("KerasLayer", public = list(
  # Keras 2's defaults: Keras 3's Layer already has them, so they are not copied
  build = function(input_shape) invisible(NULL),
  compute_output_shape = function(input_shape) input_shape
))

#' @rdname KerasLayer
#' @format NULL
#' @export
KerasWrapper <- R6::R6Class("KerasWrapper", inherit = KerasLayer)

#' @rdname KerasLayer
#' @format NULL
#' @export
KerasCallback <- R6::R6Class("KerasCallback", public = list(
  params = NULL,
  model = NULL,
  set_params = function(params) self$params <- params,
  set_model = function(model) self$model <- model
))

#' @rdname KerasLayer
#' @format NULL
#' @export
KerasConstraint <- R6::R6Class("KerasConstraint", public = list(
  call = function(w) stop("KerasConstraint subclasses must implement call(w)"),
  get_config = function() list()
))

# An R6 class's ancestry: `chain`, the R6 generators from the oldest ancestor
# below the root down to `gen`, and `root`, what the chain stops at: one of
# the R6 bases above (KerasLayer, ...), a Python class (`R6Class(inherit =
# keras$layers$Layer)`), or NULL (a plain R6 class).
r6_lineage <- function(gen) {
  bases <- list(KerasLayer, KerasWrapper, KerasCallback, KerasConstraint)
  chain <- list()
  g <- gen
  repeat {
    if (any(vapply(bases, identical, logical(1), g))) return(list(chain = chain, root = g))
    chain <- c(list(g), chain)
    parent <- g$get_inherit()
    if (is.null(parent) || is_py_object(parent)) return(list(chain = chain, root = parent))
    if (!inherits(parent, "R6ClassGenerator"))
      abort_kb(c("{.cls {g$classname}} inherits from something that is neither an R6 class nor a Python class.",
                 x = "Its parent is {.obj_type_friendly {parent}}."), call = rlang::caller_env(2))
    g <- parent
  }
}

# The members the R6 classes of a chain define (the nearest wins). R6's own
# `clone` method is not a member of the Keras class.
r6_members <- function(chain) {
  members <- list()
  for (g in chain) {
    for (nm in names(g$public_fields)) members[nm] <- list(g$public_fields[[nm]])
    for (nm in setdiff(names(g$public_methods), "clone")) members[[nm]] <- g$public_methods[[nm]]
    for (nm in names(g$active)) members[[nm]] <- mark_active(g$active[[nm]])
  }
  if (!is.null(members$`__init__`) && is.null(members$initialize)) members$initialize <- members$`__init__`
  members$`__init__` <- NULL
  members[!vapply(members, is.null, logical(1))]
}

# R6's `private = list(...)` of a chain: what each instance's `private` starts with.
r6_private <- function(chain) {
  private <- list()
  for (g in chain) {
    for (nm in names(g$private_fields)) private[nm] <- list(g$private_fields[[nm]])
    for (nm in names(g$private_methods)) private[[nm]] <- g$private_methods[[nm]]
  }
  private
}

.kb_r6 <- new.env(parent = emptyenv())

# One class constructor per R6 class (made once, reused): a Keras layer,
# wrapper, callback or constraint class for an R6 class inheriting one of the
# R6 bases or a Keras class; a plain Python class for any other R6 class.
r6_constructor <- function(gen, convert = TRUE, call = rlang::caller_env()) {
  key <- paste(gen$classname, convert, sep = ":")
  cached <- .kb_r6[[key]]
  if (!is.null(cached) && identical(attr(cached, "generator"), gen)) return(cached)
  lineage <- r6_lineage(gen)
  members <- r6_members(lineage$chain)
  root <- lineage$root
  parent <- NULL
  kind <- if (identical(root, KerasWrapper)) {
    members$initialize <- r6_wrapper_init(members$initialize)
    parent <- core()$legacy$classes$WrapperCompat
    "layer"
  } else if (identical(root, KerasLayer)) {
    members$initialize <- r6_layer_init(members$initialize)
    "layer"
  } else if (identical(root, KerasCallback)) {
    "callback"
  } else if (identical(root, KerasConstraint)) {
    "constraint"
  } else if (is_py_object(root)) {
    parent <- root
    py_class_kind(root)
  } else {
    "object"
  }
  # An R6 callback with a Python parent is R keras 2.x's Python class: its
  # hooks get Keras' arguments as they are (0-based epoch, logs unadapted).
  raw <- identical(kind, "callback") && is_py_object(root)
  ctor <- new_class_constructor(kind, gen$classname, members, parent, call = call, convert = convert,
                                raw = raw, private = r6_private(lineage$chain))
  attr(ctor, "generator") <- gen
  .kb_r6[[key]] <- ctor
  ctor
}

# R keras 2.x's create_layer() accepts an R6 class too (R/layers.R dispatches here).
create_r6_layer <- function(layer_class, object, args) {
  ctor <- r6_constructor(layer_class)
  if (!identical(attr(ctor, "state")$kind, "layer"))
    abort_kb(c("{.arg layer_class} must be an R6 class that inherits from {.cls KerasLayer}, {.cls KerasWrapper} or a Keras layer class.",
               x = "{.cls {layer_class$classname}} does not."), call = rlang::caller_env(2))
  compose_layer(object, class_errors(do.call(ctor, as.list(args))))
}

# An R6 initialize never called its parent (the R6 object was not the Keras
# layer): the parent is initialized first, with the arguments Keras 2 gave the
# Python layer (name, trainable, dtype, input_shape), and the rest go to the
# R6 initialize.
KERAS2_BASE_ARGS <- c("name", "trainable", "dtype", "input_shape", "batch_input_shape", "batch_size",
                      "weights")

r6_layer_init <- function(user_init) {
  force(user_init)
  function(...) {
    args <- list(...)
    do.call(super$initialize, keras2_base_args(args))
    r6_user_init(user_init, args, environment())
  }
}

# A KerasWrapper's initialize: the same, with the wrapped `layer` first.
r6_wrapper_init <- function(user_init) {
  force(user_init)
  function(layer, ...) {
    args <- list(...)
    do.call(super$initialize, c(list(layer), keras2_base_args(args)))
    r6_user_init(user_init, args, environment())
  }
}

keras2_base_args <- function(args) {
  base <- args[intersect(names(args), KERAS2_BASE_ARGS)]
  base[!vapply(base, is.null, logical(1))]
}

r6_user_init <- function(user_init, args, env) {
  if (is.null(user_init)) return(invisible())
  environment(user_init) <- env  # the user's initialize sees self/super/private
  do.call(user_init, args[setdiff(names(args), KERAS2_BASE_ARGS)])
}

#' Create a Keras wrapper layer from an R6 class (R keras 2.x)
#'
#' The class (inheriting [KerasWrapper]) becomes a subclass of Keras'
#' `Wrapper`: `self$layer` is the wrapped layer, given as `args$layer`. As in
#' R keras 2.x, `super$call(x)` calls the wrapped layer and `super$build()`
#' builds it; `input_shape`, `name`, `trainable` and the other Keras 2 layer
#' arguments in `args` go to the Keras wrapper, the rest to `initialize`.
#' @param wrapper_class An R6 class inheriting `KerasWrapper`.
#' @param object A model or tensor to compose with, or missing.
#' @param args A named list of arguments, with `layer`.
#' @returns The wrapper layer, or `object` with it applied.
#' @examples
#' Twice <- R6::R6Class("Twice", inherit = KerasWrapper,
#'   public = list(call = function(x, mask = NULL) super$call(x) * 2))
#' w <- create_wrapper(Twice, args = list(layer = layer_dense(units = 2, kernel_initializer = "ones")))
#' as.array(w(op_ones(c(1, 3))))
#' @export
create_wrapper <- function(wrapper_class, object, args = list()) {
  if (missing(object)) object <- NULL
  if (is.null(args$layer))
    abort_kb(c("{.arg args} must contain {.arg layer}, the layer to wrap."))
  create_r6_layer(wrapper_class, object, args)
}

# An R6 class -> its Python class (callable from R, as R keras 2.x returned it).
# With `convert = FALSE` its R methods receive Python objects unconverted
# (reticulate's meaning of `convert`), and what its instances return stays Python.
#' @export
r_to_py.R6ClassGenerator <- function(x, convert = FALSE) {
  reticulate::py_to_r(reticulate::r_to_py(py_class_of(r6_constructor(x, convert = convert)), convert = convert))
}

# A KerasCallback object -> a Keras callback whose hooks call the object's methods.
#' @export
r_to_py.KerasCallback <- function(x, convert = FALSE) {
  hooks <- setdiff(intersect(names(x), class_hooks$callback), c("initialize", "set_model", "set_params"))
  members <- lapply(stats::setNames(hooks, hooks), function(h) {
    force(h)
    function(...) {
      x$model <- self$model
      x$params <- self$params
      x[[h]](...)
      invisible(NULL)
    }
  })
  ctor <- new_class_constructor("callback", paste0("R6", class(x)[[1]]), members)
  reticulate::r_to_py(ctor(), convert = convert)
}

# A KerasConstraint object -> a Keras constraint calling its call(w).
#' @export
r_to_py.KerasConstraint <- function(x, convert = FALSE) {
  ctor <- new_class_constructor("constraint", paste0("R6", class(x)[[1]]),
                                list(call = function(w) x$call(w), get_config = function() x$get_config()))
  reticulate::r_to_py(ctor(), convert = convert)
}
