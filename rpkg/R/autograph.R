# autograph(): R control flow on tensors becomes TensorFlow control flow.
#
# The function's body is not rewritten: it is evaluated in an environment
# where `if`, `while`, `for`, `repeat`, `break` and `next` are R functions
# that look at the condition (or the sequence) when it is evaluated. A plain R
# value gets base R's semantics; a symbolic tensor gets tf$cond(),
# tf$while_loop() or Dataset$reduce(). What flows through the graph construct
# (branch outputs, loop variables) is found by reading the R code: the
# symbols each branch or loop body assigns.

#' Translate R control flow on tensors into TensorFlow control flow
#'
#' `autograph(f)` returns `f` evaluated so that, while TensorFlow traces it
#' (inside [tf_function()] or a Keras method), R control flow whose condition
#' or sequence is a tensor or a `tf.data` dataset becomes graph control flow:
#'
#' * `if (tensor) a else b` becomes `tf$cond()`: both branches are traced; the
#'   variables both branches assign (or one assigns and existed before) take
#'   the value of the branch taken, and so does the value of the `if`.
#' * `while (tensor) body` becomes `tf$while_loop()`; the variables the body
#'   assigns are the loop variables. `break` and `next` work.
#' * `for (x in dataset)` over a `tf.data` dataset becomes `dataset$reduce()`
#'   (or an iterator loop when the body has a `break`); `for (i in tf$range(n))`
#'   and `for (row in tensor)` loop over the tensor's first dimension.
#' * A variable first assigned inside a loop and used after it is carried too,
#'   starting from zeros of the type and shape a trace of the body gives it.
#'
#' A condition or sequence that is an R value keeps plain R semantics (an R
#' `for` over an R vector is unrolled while tracing); an eager tensor is read as
#' its R value. [tf_function()] applies `autograph()` unless `autograph = FALSE`.
#'
#' Not translated (an error names the R line): `return()` inside a
#' tensor-conditioned `if` or loop, a `break`/`next` under a tensor condition
#' that would leave an R loop (`repeat`, or `for` over an R vector), and a
#' variable given different dtypes by the two branches or by a loop iteration.
#' @param f an R function.
#' @return `f`, whose control flow on tensors builds TensorFlow graph control flow.
#' @examples
#' f <- tf_function(function(x) {
#'   while (sum(x) < 100) x <- x * 2
#'   if (x[1] > 10) "big" else "small"
#' })
#' f(tf$constant(c(1, 2)))
#' @export
autograph <- function(f) {
  if (!is.function(f)) {
    cli::cli_abort("{.arg f} must be an R function, not {.obj_type_friendly {f}}.",
                   class = c("kerasbridge_argument_error", "kerasbridge_error"))
  }
  ag_translate(f)
}

# the methods of R classes that Keras traces into graphs (R/py-classes.R)
ag_traced_methods <- c("call", "train_step", "test_step", "predict_step", "update_state", "result")

ag_translate <- function(f) {
  if (is.primitive(f)) return(f)
  fenv <- environment(f)
  if (isTRUE(get0(".ag_mask", fenv, inherits = FALSE))) return(f)
  mask <- new.env(parent = fenv)
  mask$`if` <- ag_if
  mask$`while` <- ag_while
  mask$`for` <- ag_for
  mask$`repeat` <- ag_repeat
  mask$`break` <- ag_break
  mask$`next` <- ag_next
  mask$.ag_call <- function(f, ...) f(...)
  mask$.ag_mask <- TRUE
  mask$.ag_body <- body(f)
  environment(f) <- mask
  f
}

.ag <- new.env(parent = emptyenv())
.ag$stack <- list()     # innermost last: list(kind = "rloop" | "tloop" | "branch", call)
.ag$error <- NULL       # the original R error raised inside a traced branch/body
.ag$srcref <- NULL      # srcref of the statement being evaluated by ag_eval_block()


# `base::while`(...) and friends: R's own construct, evaluated where the user's
# code runs (so break/next find the loop), and a call rlang's traces can print
call_base <- function(name, ...) as.call(list(call("::", as.name("base"), as.name(name)), ...))

# ---- the masks --------------------------------------------------------------

ag_if <- function(cond, yes, no) {
  env <- parent.frame()
  if (!ag_symbolic(cond)) {
    cond <- ag_r_condition(cond, sys.call())
    # forcing the promise (not eval()) lets a `return()` in the branch
    # return from the user's function
    if (cond) return(yes)
    if (missing(no)) return(invisible(NULL))
    return(no)
  }
  ag_tensor_if(cond, substitute(yes), if (missing(no)) NULL else substitute(no),
               env, sys.call())
}

ag_while <- function(cond, body) {
  env <- parent.frame()
  cond_expr <- substitute(cond)
  body_expr <- substitute(body)
  if (!ag_symbolic(cond)) {
    loop <- call_base("while", call(".ag_call", ag_truthy, cond_expr), body_expr)
    ag_in_context("rloop", sys.call(), ag_force(loop, env))
    return(invisible(NULL))
  }
  call <- sys.call()
  ag_check_translatable(body_expr, call)
  ag_tensor_loop(call, env, body_expr,
                 cond_fn = function(benv, i) eval(cond_expr, benv),
                 extra_assigned = ag_assigned(cond_expr))
}

ag_for <- function(var, seq, body) {
  env <- parent.frame()
  call <- sys.call()
  var <- substitute(var)
  body_expr <- substitute(body)
  is_ds <- inherits(seq, dataset_class)
  if (!(is_ds || is_tensor(seq)) || !ag_graph_mode(seq)) {
    if (is_ds || is_tensor(seq)) {
      # eager: iterate in R, one element (a tensor) at a time
      nxt <- ag_eager_iterator(seq)
      loop <- call_base("while", call(".ag_call", nxt, as.character(var), env), body_expr)
    } else {
      loop <- call_base("for", var, seq, body_expr)
    }
    ag_in_context("rloop", call, ag_force(loop, env))
    return(invisible(NULL))
  }
  ag_check_translatable(body_expr, call)
  nm <- as.character(var)
  if (is_ds) {
    if (".ag_break" %in% ag_assigned(body_expr)) return(ag_dataset_iterator_loop(call, env, nm, seq, body_expr))
    return(ag_dataset_reduce(call, env, nm, seq, body_expr))
  }
  n <- tf$gather(tf$shape(seq, out_type = "int32"), 0L)
  ag_tensor_loop(call, env, body_expr,
                 cond_fn = function(benv, i) i < n,
                 pre = function(benv, i) assign(nm, tf$gather(seq, i), envir = benv))
}

ag_repeat <- function(body) {
  loop <- call_base("repeat", substitute(body))
  ag_in_context("rloop", sys.call(), ag_force(loop, parent.frame()))
  invisible(NULL)
}

ag_break <- function() ag_jump(".ag_break", "break", parent.frame(), sys.call())
ag_next <- function() ag_jump(".ag_next", "next", parent.frame(), sys.call())

# In an R loop: R's own break/next, evaluated where the loop runs. In a
# translated loop: set the flag (a loop or branch output) and stop evaluating
# the enclosing block (ag_eval_block() catches the signal).
ag_jump <- function(flag, prim, env, call) {
  stack <- .ag$stack
  kinds <- vapply(stack, `[[`, "", "kind")
  loops <- which(kinds != "branch")
  inner_loop <- if (length(loops)) loops[length(loops)] else 0L
  if (inner_loop == 0L) {
    return(eval(call_base(prim), env))  # not in a loop: R's own error
  }
  if (kinds[inner_loop] == "rloop") {
    branches <- which(kinds == "branch")
    if (any(branches > inner_loop)) {
      br <- stack[[max(branches)]]$call
      ag_abort(c("{ag_describe(call)} under the tensor condition {ag_describe(br)} can't leave the R loop {ag_describe(stack[[inner_loop]]$call)}.",
                 i = "Write the loop as {.code while (<tensor condition>)} or {.code for (x in <tensor or dataset>)} so it becomes a graph loop."),
               call)
    }
    return(eval(call_base(prim), env))
  }
  assign(flag, TRUE, envir = env)
  signalCondition(structure(class = c("kerasbridge_ag_jump", "condition"),
                            list(message = flag, call = NULL)))
  invisible(NULL)
}

# ---- tensor if ---------------------------------------------------------------

ag_tensor_if <- function(cond, yes, no, env, call) {
  ag_check_translatable(yes, call)
  ag_check_translatable(no, call)
  ya <- ag_assigned(yes)
  na <- ag_assigned(no)
  outs <- unique(c(ya, na))
  # a variable that is not defined before needs a value from both branches;
  # objects with reference semantics (Python objects, environments) are changed
  # in place, not carried
  outs <- Filter(function(nm) {
    v <- ag_lookup(nm, env)
    if (is.null(v)) return(nm %in% ya && nm %in% na)
    !ag_reference(v)
  }, outs)
  want_value <- !is.null(no) && ag_has_value(yes) && ag_has_value(no)
  rec <- list()
  branch <- function(expr, which) function() ag_guard({
    benv <- new.env(parent = env)
    val <- ag_in_context("branch", call, ag_eval_block(expr, benv))
    vals <- lapply(outs, function(nm) ag_carry_value(ag_lookup(nm, benv), nm, call))
    rec[[which]] <<- vals
    c(list(if (want_value) ag_value_or_none(val) else NULL), vals)
  })
  res <- ag_run(call, tf$cond(cond, branch(yes, "yes"), branch(no, "no")),
                diagnose = function() ag_diagnose_branches(outs, rec$yes, rec$no))
  for (i in seq_along(outs)) assign(outs[[i]], res[[i + 1L]], envir = env)
  if (want_value) res[[1]] else invisible(NULL)
}

ag_diagnose_branches <- function(outs, yes, no) {
  for (i in seq_along(outs)) {
    a <- ag_dtype(yes[[i]])
    b <- ag_dtype(no[[i]])
    if (!identical(a, b)) {
      return(sprintf("`%s` is %s in the `if` branch and %s in the `else` branch; give both the same dtype (e.g. with tf$cast()).",
                     outs[[i]], a, b))
    }
  }
  NULL
}

# ---- tensor loops ------------------------------------------------------------

# The variables a loop carries: those its body (or condition) assigns that exist
# before it, plus those first assigned in it and used elsewhere in the function.
ag_loop_vars <- function(call, env, body_expr, extra = character()) {
  assigned <- setdiff(unique(c(ag_assigned(body_expr), extra)), c(".ag_break", ".ag_next"))
  fbody <- get0(".ag_body", env, inherits = TRUE)
  vars <- character()
  undefs <- character()
  for (nm in assigned) {
    v <- ag_lookup(nm, env)
    if (!is.null(v)) {
      if (!ag_reference(v)) vars <- c(vars, nm)
    } else if (is.null(fbody) || sum(all.names(fbody) == nm) > sum(all.names(call) == nm)) {
      undefs <- c(undefs, nm)
    }
  }
  list(vars = vars, undefs = undefs)
}

# One iteration of a translated loop: the body evaluated in a fresh environment
# holding the loop variables; returns the new values.
ag_iteration <- function(env, body_expr, vars, state, pre, i, call) {
  benv <- new.env(parent = env)
  for (k in seq_along(vars)) assign(vars[[k]], state[[k]], envir = benv)
  benv$.ag_break <- FALSE
  benv$.ag_next <- FALSE
  if (!is.null(pre)) pre(benv, i)
  ag_in_context("tloop", call, ag_eval_block(body_expr, benv))
  benv
}

ag_tensor_loop <- function(call, env, body_expr, cond_fn, pre = NULL, extra_assigned = character()) {
  lv <- ag_loop_vars(call, env, body_expr, extra_assigned)
  has_break <- ".ag_break" %in% ag_assigned(body_expr)
  init_undef <- list()
  if (length(lv$undefs)) {
    init_undef <- ag_undef_init(call, lv$undefs, function() {
      benv <- ag_iteration(env, body_expr, character(), list(), pre, tf$constant(0L), call)
      lapply(lv$undefs, function(nm) ag_lookup(nm, benv))
    })
  }
  names_all <- c(lv$vars, names(init_undef))
  init <- c(lapply(lv$vars, function(nm) ag_as_loop_value(ag_lookup(nm, env), nm, call)), unname(init_undef))
  rec <- NULL
  loop_vars <- list(tf$constant(0L), tf$constant(FALSE), init)
  invariants <- list(tf$TensorShape(list()), tf$TensorShape(list()), ag_shapes(init))
  cond <- function(i, brk, state) ag_guard({
    benv <- new.env(parent = env)
    for (k in seq_along(names_all)) assign(names_all[[k]], state[[k]], envir = benv)
    c <- cond_fn(benv, i)
    if (has_break) tf$logical_and(tf$logical_not(brk), c) else c
  })
  body <- function(i, brk, state) ag_guard({
    benv <- ag_iteration(env, body_expr, names_all, state, pre, i, call)
    out <- lapply(names_all, function(nm) ag_carry_value(ag_lookup(nm, benv), nm, call))
    rec <<- out
    list(i + 1L, tf$convert_to_tensor(benv$.ag_break, dtype = "bool"), out)
  })
  res <- ag_run(call, tf$while_loop(cond, body, loop_vars, shape_invariants = invariants),
                diagnose = function() ag_diagnose_loop(call, names_all, init, rec))
  for (k in seq_along(names_all)) assign(names_all[[k]], res[[3]][[k]], envir = env)
  invisible(NULL)
}

ag_dataset_reduce <- function(call, env, nm, ds, body_expr) {
  lv <- ag_loop_vars(call, env, body_expr)
  pre <- function(benv, elem) assign(nm, elem, envir = benv)
  init_undef <- list()
  if (length(lv$undefs)) {
    init_undef <- ag_undef_init(call, lv$undefs, function(elem) {
      benv <- ag_iteration(env, body_expr, character(), list(), pre, elem, call)
      lapply(lv$undefs, function(v) ag_lookup(v, benv))
    }, ds$element_spec)
  }
  names_all <- c(lv$vars, names(init_undef))
  init <- c(lapply(lv$vars, function(v) ag_as_loop_value(ag_lookup(v, env), v, call)), unname(init_undef))
  rec <- NULL
  step <- function(state, elem) ag_guard({
    benv <- ag_iteration(env, body_expr, names_all, state[[2]], pre, elem, call)
    out <- lapply(names_all, function(v) ag_carry_value(ag_lookup(v, benv), v, call))
    rec <<- out
    ag_tuples(list(state[[1]] + 1L, out))
  })
  res <- ag_run(call, ds$reduce(ag_tuples(list(tf$constant(0L), init)), step),
                diagnose = function() ag_diagnose_loop(call, names_all, init, rec))
  for (k in seq_along(names_all)) assign(names_all[[k]], res[[2]][[k]], envir = env)
  invisible(NULL)
}

# A `break` can't stop Dataset$reduce(): iterate with an iterator instead. Each
# iteration asks for the next element and runs the body only if there was one.
ag_dataset_iterator_loop <- function(call, env, nm, ds, body_expr) {
  it <- reticulate::import_builtins()$iter(ds)
  box <- new.env()
  fetch <- function() {
    box$opt <- it$get_next_as_optional()
    box$opt$has_value()
  }
  get_elem <- call("<-", as.name(nm), call(".ag_call", function() box$opt$get_value()))
  stmts <- if (is.call(body_expr) && identical(body_expr[[1]], as.name("{"))) as.list(body_expr)[-1] else list(body_expr)
  guarded <- bquote({
    .ag_more <- .ag_call(.(fetch))
    if (.ag_more) .(as.call(c(as.name("{"), get_elem, stmts)))
  })
  assign(".ag_more", tf$constant(TRUE), envir = env)
  ag_tensor_loop(call, env, guarded, cond_fn = function(benv, i) get(".ag_more", envir = benv))
}

# tf.data reads a Python list as one tensor: unnamed R lists go as tuples
ag_tuples <- function(x) {
  if (!is.list(x) || is.object(x)) return(x)
  x <- lapply(x, ag_tuples)
  # tuple(<one list>) takes the list's elements: never a one-element surprise
  if (is.null(names(x))) reticulate::tuple(x) else x
}

# Zeros of the type and shape a throw-away trace of the body gives each
# variable first assigned in the loop; NULL (not carried) for non-tensors.
ag_undef_init <- function(call, undefs, trace_body, elem_spec = NULL) {
  fn <- function(...) ag_guard(lapply(trace_body(...), function(v) if (ag_tensorish(v)) v else NULL))
  tf_fn <- tf$`function`(fn, autograph = FALSE)
  cf <- ag_run(call, if (is.null(elem_spec)) tf_fn$get_concrete_function() else tf_fn$get_concrete_function(elem_spec))
  outs <- cf$structured_outputs
  init <- list()
  for (k in seq_along(undefs)) {
    if (!is.null(outs[[k]])) init[[undefs[[k]]]] <- ag_zeros_like_spec(outs[[k]])
  }
  init
}

ag_zeros_like_spec <- function(x) {
  if (is.list(x)) return(lapply(x, ag_zeros_like_spec))
  shape <- reticulate::py_get_attr(x, "shape")
  dims <- shape$as_list()
  dims <- vapply(dims, function(d) if (is.null(d)) 0L else as.integer(d), 0L)
  z <- tf$zeros(do.call(reticulate::tuple, as.list(dims)), dtype = x$dtype)
  attr(z, "ag_shape") <- shape
  z
}

ag_shapes <- function(x) {
  if (is.list(x)) return(lapply(x, ag_shapes))
  attr(x, "ag_shape") %||% reticulate::py_get_attr(x, "shape")
}

ag_diagnose_loop <- function(call, names_all, init, out) {
  if (is.null(out)) return(NULL)
  for (k in seq_along(names_all)) {
    a <- ag_dtype(init[[k]])
    b <- ag_dtype(out[[k]])
    if (!identical(a, b)) {
      return(sprintf("`%s` enters the loop as %s and leaves an iteration as %s; give it its final dtype before the loop (e.g. with tf$cast()).",
                     names_all[[k]], a, b))
    }
  }
  NULL
}

# ---- evaluation helpers -------------------------------------------------------

# Evaluates expr in env as a promise: unlike eval(), no function context, so a
# `return()` inside returns from the user's function.
ag_force <- function(expr, env) {
  box <- new.env(parent = emptyenv())
  do.call(delayedAssign, list("value", expr, env, box))
  box$value
}

# Evaluates a `{` block statement by statement: a break/next stops the block;
# once a tensor condition may have set the break/next flag, the remaining
# statements run under tf$cond(!flag).
ag_eval_block <- function(expr, env) {
  is_block <- is.call(expr) && identical(expr[[1]], as.name("{"))
  stmts <- if (is_block) as.list(expr)[-1] else list(expr)
  srcrefs <- if (is_block) attr(expr, "srcref") else NULL
  old_src <- .ag$srcref
  on.exit(.ag$srcref <- old_src)
  val <- NULL
  for (k in seq_along(stmts)) {
    if (!is.null(srcrefs)) .ag$srcref <- srcrefs[[k + 1L]]
    before <- ag_flags(env)
    jumped <- FALSE
    stmt <- stmts[[k]]
    nested <- is.call(stmt) && identical(stmt[[1]], as.name("{"))
    val <- tryCatch(if (nested) ag_eval_block(stmt, env) else eval(stmt, env), kerasbridge_ag_jump = function(s) { jumped <<- TRUE; NULL })
    if (jumped) return(NULL)
    after <- ag_flags(env)
    if (isTRUE(after[[1]]) || isTRUE(after[[2]])) return(NULL)
    changed <- !identical(before, after) && (ag_symbolic(after[[1]]) || ag_symbolic(after[[2]]))
    if (changed && k < length(stmts)) {
      rest <- as.call(c(as.name("{"), stmts[-seq_len(k)]))
      go <- tf$logical_not(tf$logical_or(tf$convert_to_tensor(after[[1]], dtype = "bool"),
                                         tf$convert_to_tensor(after[[2]], dtype = "bool")))
      return(ag_tensor_if(go, rest, NULL, env, as.call(list(as.name("if"), quote(!(.ag_break || .ag_next)), rest))))
    }
  }
  val
}

ag_flags <- function(env) {
  list(get0(".ag_break", env, inherits = TRUE), get0(".ag_next", env, inherits = TRUE))
}

ag_in_context <- function(kind, call, expr) {
  n <- length(.ag$stack)
  .ag$stack[[n + 1L]] <- list(kind = kind, call = call)
  on.exit(.ag$stack <- .ag$stack[seq_len(n)])
  expr
}

# Code run by TensorFlow (a branch, a loop body) keeps its R error, which
# crosses Python as a RuntimeError and loses its class.
ag_guard <- function(expr) {
  tryCatch(expr, error = function(e) {
    if (is.null(.ag$error)) .ag$error <- e
    stop(e)
  })
}

ag_run <- function(call, expr, diagnose = function() NULL) {
  .ag$error <- NULL
  tryCatch(expr, error = function(e) {
    inner <- .ag$error
    .ag$error <- NULL
    # a Python error from inside (a Keras method's): its own handlers explain it
    if (!is.null(inner)) stop(if (is_python_error(inner)) e else inner)
    why <- diagnose()
    if (is.null(why)) why <- strsplit(conditionMessage(e), "\n", fixed = TRUE)[[1]][1]
    ag_abort(c("Can't translate {ag_describe(call)} into TensorFlow control flow.", x = "{why}"),
             call, parent = e)
  })
}

# A plain R condition, not rlang's: rlang 1.0.6 can't build its backtrace
# through a frame whose call is `break()` or `next()` (our masks).
ag_abort <- function(message, call, parent = NULL, env = parent.frame()) {
  msg <- cli::format_error(message, .envir = env)
  stop(errorCondition(msg, class = c("kerasbridge_autograph_error", "kerasbridge_error"),
                      call = NULL, parent = parent))
}

# `if (x > 0)` at file.R:12 (the R line when the source is kept)
ag_describe <- function(call) {
  head <- if (is.call(call)) call[[1]] else call
  head <- if (is.name(head)) as.character(head) else ""
  arg <- function(i) paste(deparse(call[[i]], width.cutoff = 60L), collapse = " ")
  txt <- switch(head,
    "if" = , "while" = paste0(head, " (", arg(2), ")"),
    "for" = paste0("for (", arg(2), " in ", arg(3), ")"),
    "repeat" = "repeat", "break" = "break", "next" = "next",
    paste(deparse(call, width.cutoff = 60L), collapse = " "))
  sr <- attr(call, "srcref") %||% .ag$srcref
  where <- ""
  if (!is.null(sr)) {
    file <- utils::getSrcFilename(sr)
    where <- if (length(file) && nzchar(file)) paste0(" at ", file, ":", sr[[1]]) else paste0(" at line ", sr[[1]])
  }
  paste0("`", txt, "`", where)
}

# constructs with no graph equivalent inside a translated branch or loop body
ag_check_translatable <- function(expr, call) {
  if (is.null(expr)) return(invisible())
  if ("return" %in% ag_calls(expr)) {
    ag_abort(c("{.code return()} inside {ag_describe(call)} can't be translated: the condition is a tensor.",
               i = "Assign the result to a variable and return it after the {.code {as.character(call[[1]])}}."),
             call)
  }
  invisible()
}

# the function names called in expr, not looking into nested function definitions
ag_calls <- function(expr) {
  if (!is.call(expr)) return(character())
  head <- expr[[1]]
  if (identical(head, as.name("function"))) return(character())
  c(if (is.name(head)) as.character(head), unlist(lapply(as.list(expr)[-1], ag_calls)))
}

# Symbols an expression assigns (`x <- `, `x[i] <- `, `x$a <- `, `c(a, b) %<-% `,
# `for (x in ...)`), and the break/next flags of the loop it belongs to.
ag_assigned <- function(expr, in_loop = FALSE) {
  if (missing(expr) || !is.call(expr)) return(character())
  head <- expr[[1]]
  h <- if (is.name(head)) as.character(head) else ""
  args <- as.list(expr)[-1]
  walk <- function(xs, loop = in_loop) unlist(lapply(xs, function(x) if (missing(x)) NULL else ag_assigned(x, loop)))
  switch(h,
    "function" = character(),
    "<-" = , "=" = c(ag_target(args[[1]]), walk(args[2])),
    "<<-" = walk(args[2]),
    "%<-%" = c(setdiff(sub("^[.][.][.]", "", all.names(args[[1]])), c("c", ".", "")), walk(args[2])),
    "%as%" = c(all.names(args[[2]]), walk(args[1])),
    "for" = c(as.character(args[[1]]), walk(args[2]), walk(args[3], TRUE)),
    "while" = c(walk(args[1]), walk(args[2], TRUE)),
    "repeat" = walk(args[1], TRUE),
    "break" = if (!in_loop) ".ag_break",
    "next" = if (!in_loop) ".ag_next",
    walk(args))
}

ag_target <- function(lhs) {
  while (is.call(lhs)) lhs <- lhs[[2]]
  if (is.name(lhs)) as.character(lhs) else if (is.character(lhs)) lhs else character()
}

ag_has_value <- function(expr) {
  if (is.null(expr)) return(FALSE)
  if (is.call(expr) && identical(expr[[1]], as.name("{"))) {
    if (length(expr) < 2) return(FALSE)
    return(ag_has_value(expr[[length(expr)]]))
  }
  !(is.call(expr) && is.name(expr[[1]]) &&
      as.character(expr[[1]]) %in% c("<-", "=", "<<-", "%<-%", "for", "while", "repeat", "break", "next"))
}

ag_lookup <- function(nm, env) {
  v <- get0(nm, envir = env, inherits = TRUE)
  if (is.function(v)) NULL else v
}

ag_reference <- function(v) {
  # Python objects are environments too
  if (inherits(v, "python.builtin.object")) return(!ag_tensorish(v))
  is.environment(v)
}

ag_tensorish <- function(v) {
  if (is.list(v) && !is.object(v)) return(length(v) > 0 && all(vapply(v, ag_tensorish, TRUE)))
  is_tensor(v) || inherits(v, "tensorflow.python.ops.variables.Variable") ||
    (is.atomic(v) && !is.object(v) && (is.numeric(v) || is.logical(v)) && length(v) > 0)
}

ag_carry_value <- function(v, nm, call) {
  if (is.null(v)) return(NULL)
  if (!ag_tensorish(v)) {
    ag_abort(c("{.code {nm}} can't flow out of {ag_describe(call)}: the condition is a tensor, so it must be a tensor.",
               x = "It is {.obj_type_friendly {v}}."), call)
  }
  v
}

ag_as_loop_value <- function(v, nm, call) {
  if (is.list(v) && !is.object(v)) return(lapply(v, ag_as_loop_value, nm = nm, call = call))
  v <- ag_carry_value(v, nm, call)
  if (is_tensor(v) && !inherits(v, "tensorflow.python.ops.variables.Variable")) v else tf$convert_to_tensor(v)
}

ag_value_or_none <- function(v) if (ag_tensorish(v) || is.character(v)) v else NULL

ag_dtype <- function(v) {
  if (is.null(v)) return("NULL")
  if (is.list(v)) return(paste(vapply(v, ag_dtype, ""), collapse = ", "))
  if (is_tensor(v) || inherits(v, "python.builtin.object")) return(tryCatch(v$dtype$name, error = function(e) "object"))
  if (is.integer(v)) return("int32")
  if (is.logical(v)) return("bool")
  if (is.double(v)) return("float32")
  class(v)[1]
}

ag_graph_mode <- function(x) !tf$executing_eagerly()

ag_symbolic <- function(x) {
  (is_tensor(x) || inherits(x, "tensorflow.python.ops.variables.Variable")) &&
    !inherits(x, "tensorflow.python.framework.ops.EagerTensor") && !tf$executing_eagerly()
}

# an eager tensor or variable read as its R value; anything else unchanged
ag_truthy <- function(x) {
  if (is_tensor(x) || inherits(x, "tensorflow.python.ops.variables.Variable")) {
    if (ag_symbolic(x)) {
      cli::cli_abort(c("A tensor condition appeared inside an R loop while tracing.",
                       i = "Compute the loop's condition as a tensor before the loop so the whole loop is translated."),
                     class = c("kerasbridge_autograph_error", "kerasbridge_error"), call = NULL)
    }
    return(as.logical(ag_r_value(x)))
  }
  x
}

ag_r_value <- function(x) {
  v <- x$numpy()
  if (inherits(v, "python.builtin.object")) reticulate::py_to_r(v) else v
}

# base R's checks of an `if` condition, with the user's line in the message
ag_r_condition <- function(cond, call) {
  cond <- ag_truthy(cond)
  tryCatch(if (cond) TRUE else FALSE, error = function(e) {
    ag_abort(c("The condition of {ag_describe(call)} is not usable.", x = conditionMessage(e)), call)
  })
}

# returns a function(name, env) that assigns the next element and says whether there was one
ag_eager_iterator <- function(seq) {
  if (is_tensor(seq)) {
    n <- as.integer(ag_r_value(tf$shape(seq))[1])
    i <- 0L
    return(function(nm, env) {
      if (i >= n) return(FALSE)
      assign(nm, tf$gather(seq, i), envir = env)
      i <<- i + 1L
      TRUE
    })
  }
  it <- reticulate::as_iterator(seq)
  done <- new.env()
  function(nm, env) {
    x <- reticulate::iter_next(it, completed = done)
    if (identical(x, done)) return(FALSE)
    assign(nm, x, envir = env)
    TRUE
  }
}
