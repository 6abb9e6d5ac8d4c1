# tfdatasets' feature_spec() interface (recipes-like steps that describe how
# raw columns become model features), on Keras 3 preprocessing layers:
# tf.feature_column is gone with Keras 3. A spec is an R object that records
# the steps; fit() builds the core's column objects and computes vocabularies
# and scaler statistics from the data (pycore/kerasbridge/feature_spec.py);
# layer_dense_features() turns the dense columns into one Keras layer that
# maps a named list of inputs (layer_input_from_dataset()) to the feature
# matrix. Keras 3's own FeatureSpace is R/feature-space.R.

fspec_py <- function() {
  if (is.null(.kb$feature_spec)) {
    core()
    .kb$feature_spec <- reticulate::import("kerasbridge.feature_spec")
  }
  .kb$feature_spec
}

as_spec_dataset <- function(dataset, arg = "dataset", call = rlang::caller_env()) {
  if (is.data.frame(dataset) || (is.list(dataset) && !is_py_object(dataset))) {
    return(tensor_slices_dataset(dataset))
  }
  check_dataset(dataset, arg, call = call)
  dataset
}

# ---- the spec object ----------------------------------------------------------

new_feature_spec <- function(dataset, x, y, types, steps = list(), fitted = FALSE) {
  spec <- new.env(parent = emptyenv())
  spec$dataset <- dataset
  spec$x <- x
  spec$y <- y
  spec$types <- types
  spec$steps <- steps
  spec$fitted <- fitted
  spec$columns <- NULL
  # tfdatasets' R6 methods: spec$fit() fits in place (fit(spec) fits a copy)
  spec$fit <- function(dataset = NULL) invisible(fit_spec_in_place(spec, dataset))
  spec$features <- function() spec_features(spec, dense = FALSE)
  spec$dense_features <- function() spec_features(spec, dense = TRUE)
  spec$feature_names <- function() feature_names(spec)
  spec$feature_types <- function() feature_types(spec)
  spec$clone <- function(deep = TRUE) clone_spec(spec)
  class(spec) <- c("FeatureSpec", "R6")
  spec
}

# TensorFlow's feature columns for the fitted spec's columns, by name (as
# tfdatasets gives them); layer_dense_features() maps them back to the Keras 3 columns.
spec_features <- function(spec, dense, call = rlang::caller_env()) {
  if (!isTRUE(spec$fitted)) {
    abort_kb(c("Only available after fitting the feature_spec.", i = "Call {.code spec$fit()} or {.code spec <- fit(spec)}."), call = call)
  }
  cols <- spec$columns
  if (dense) cols <- Filter(function(c) isTRUE(c$dense), cols)
  to_tf <- fspec_py_raw()$to_tf_feature_column
  lapply(cols, function(c) with_py_errors(to_tf(c)))
}

# the module without conversion: TensorFlow's columns are namedtuples, which
# reticulate would turn into R lists
fspec_py_raw <- function() {
  if (is.null(.kb$feature_spec_raw)) {
    core()
    .kb$feature_spec_raw <- reticulate::import("kerasbridge.feature_spec", convert = FALSE)
  }
  .kb$feature_spec_raw
}

# the dtype of each feature: derived columns are float32 (dense) or the
# column's own type (categorical), as tfdatasets reports them
feature_types <- function(spec) {
  vapply(feature_names(spec), function(nm) {
    st <- spec$steps[[nm]]
    if (is.null(st)) return(unname(spec$types[[nm]] %||% NA_character_))
    switch(st$kind, numeric = , indicator = , embedding = , bucketized = "float32",
           crossed = "string", unname(spec$types[[st$var[1]]] %||% "string"))
  }, "", USE.NAMES = FALSE)
}

clone_spec <- function(spec) {
  new_feature_spec(spec$dataset, spec$x, spec$y, spec$types, spec$steps)
}

feature_names <- function(spec) unique(c(names(spec$steps), spec$x))

#' Feature specifications (tfdatasets' feature_spec() API)
#'
#' `feature_spec()` starts a specification of how the columns of a dataset
#' become model features; `step_*()` functions add feature columns to it,
#' [fit()] computes what they need from the data (vocabularies, means and
#' standard deviations), and [dense_features()] with [layer_dense_features()]
#' turns them into one Keras layer. tf.feature_column is gone with Keras 3:
#' the columns are built on Keras 3 preprocessing layers (Normalization-style
#' scaling, `StringLookup`, `Hashing`, `Discretization`, `HashedCrossing`,
#' `Embedding`), with tfdatasets' names and semantics.
#' @param dataset A data frame, or a TensorFlow dataset of named lists (one
#'   element per row, as `tensor_slices_dataset(df)` makes).
#' @param x A formula `target ~ .` (`.`: all other columns; `~ a + b` for no
#'   target), or a character vector of feature columns.
#' @param y The target column, when `x` is a character vector.
#' @param ... Ignored.
#' @returns A `FeatureSpec` object.
#' @examples
#' df <- data.frame(age = c(30, 40, 50, 60), thal = c("a", "b", "a", "c"),
#'                  target = c(0, 1, 0, 1))
#' spec <- feature_spec(df, target ~ .) %>%
#'   step_numeric_column(all_numeric(), normalizer_fn = scaler_standard()) %>%
#'   step_categorical_column_with_vocabulary_list(thal) %>%
#'   step_indicator_column(thal)
#' spec <- fit(spec)
#' spec
#' @export
feature_spec <- function(dataset, x, y = NULL, ...) {
  dataset <- as_spec_dataset(dataset)
  types <- with_py_errors(fspec_py()$column_types(dataset))
  if (is.null(types)) {
    abort_kb(c("{.arg dataset} must have named-list elements, one per column.",
               i = "Use a data frame or {.code tensor_slices_dataset(df)}."))
  }
  types <- unlist(types)
  cols <- names(types)
  if (inherits(x, "formula")) {
    y <- if (length(x) == 3L) all.vars(x[[2]]) else NULL
    rhs <- all.vars(x[[length(x)]])
    x <- if ("." %in% rhs) setdiff(cols, c(y, setdiff(rhs, "."))) else rhs
  }
  if (!is.character(x)) abort_kb("{.arg x} must be a formula ({.code target ~ .}) or column names, not {.obj_type_friendly {x}}.")
  unknown <- setdiff(c(x, y), cols)
  if (length(unknown)) {
    abort_kb(c("{.arg x} names columns the dataset lacks: {.val {unknown}}.", i = "Columns: {.val {cols}}."))
  }
  new_feature_spec(dataset, x, y, types[x])
}

#' @export
print.FeatureSpec <- function(x, ...) {
  cat("-- Feature Spec --------------------------------------------------\n")
  cat(sprintf("A feature_spec with %d steps.\nFitted: %s\n", length(x$steps), x$fitted))
  for (nm in names(x$steps)) cat(sprintf("  %s: %s\n", x$steps[[nm]]$kind, nm))
  if (x$fitted) cat(sprintf("The feature_spec has %d dense features.\n", length(dense_features(x))))
  invisible(x)
}

# ---- selecting columns -----------------------------------------------------------

.kb_selection <- new.env(parent = emptyenv())

current_vars <- function(call = rlang::caller_env()) {
  if (is.null(.kb_selection$vars)) {
    abort_kb("Selectors such as {.fn starts_with} must be used inside a {.code step_*()} function.", call = call)
  }
  .kb_selection$vars
}

# The names a quosure selects: column and step names evaluate to themselves,
# `-name` excludes, and the selectors see the spec's names and types.
select_features <- function(spec, quosures, call = rlang::caller_env()) {
  select_names(quosures, feature_names(spec), spec$types, what = "The spec", call = call)
}

# The names quosures select from `vars` (tidyselect's rules for the common
# cases): names evaluate to themselves, strings and `!!` vectors are names,
# numbers are positions, `-name` excludes, and the selectors (all_numeric(),
# starts_with(), ...) see `vars` and their dtypes `types`.
select_names <- function(quosures, vars, types = NULL, what = "The dataset", call = rlang::caller_env()) {
  old <- as.list(.kb_selection)
  .kb_selection$vars <- vars
  .kb_selection$types <- types
  on.exit({ .kb_selection$vars <- old$vars; .kb_selection$types <- old$types })
  # the selectors are ours even when dplyr/tidyselect's are attached after kerasbridge
  top <- list2env(mget(selector_names, envir = asNamespace("kerasbridge")), parent = emptyenv())
  bottom <- list2env(as.list(stats::setNames(vars, vars)), parent = top)
  mask <- rlang::new_data_mask(bottom, top)
  keep <- character(); drop <- character()
  for (q in quosures) {
    expr <- rlang::quo_get_expr(q)
    neg <- is.call(expr) && identical(expr[[1]], as.name("-")) && length(expr) == 2L
    if (neg) q <- rlang::quo_set_expr(q, expr[[2]])
    val <- tryCatch(rlang::eval_tidy(q, mask), error = function(e) {
      abort_kb(c("Can't select {.code {rlang::expr_deparse(rlang::quo_get_expr(q))}}.",
                 i = "{what} has {.val {vars}}."), call = call, parent = e)
    })
    if (is.numeric(val)) val <- vars[val]
    if (!is.character(val)) abort_kb("Select columns by name or with a selector such as {.fn all_numeric}.", call = call)
    unknown <- setdiff(val, vars)
    if (length(unknown)) abort_kb(c("Unknown column{?s} {.val {unknown}}.", i = "{what} has {.val {vars}}."), call = call)
    if (neg) drop <- c(drop, val) else keep <- c(keep, val)
  }
  if (!length(keep) && length(drop)) keep <- vars
  setdiff(unique(keep), drop)
}

selector_names <- c("all_numeric", "all_nominal", "has_type", "starts_with", "ends_with", "contains",
                    "matches", "one_of", "num_range", "everything")

#' Select columns in `step_*()` functions
#'
#' Used inside the `step_*()` functions of [feature_spec()], as tfdatasets
#' (re-exporting tidyselect) does: `all_numeric()` and `all_nominal()` select
#' the numeric and string columns, `has_type()` columns of given dtypes, and
#' `starts_with()`, `ends_with()`, `contains()`, `matches()`, `one_of()`,
#' `num_range()`, `everything()` select by name.
#' @param match A dtype name (`has_type()`, e.g. `"float32"`), a string, or a
#'   regular expression (`matches()`).
#' @param ignore.case Ignore case when matching names.
#' @param vars The names to select from (default: the spec's).
#' @param ... Names (`one_of()`).
#' @param prefix,range,width `num_range("x", 1:3)` selects `x1`, `x2`, `x3`
#'   (`width` pads the numbers with zeros).
#' @returns A character vector of names.
#' @examples
#' df <- data.frame(x1 = 1:3, x2 = c(1, 2, 3), s = c("a", "b", "c"))
#' spec <- feature_spec(df, ~ .) %>% step_numeric_column(starts_with("x"))
#' names(spec$steps)
#' starts_with("x", vars = c("x1", "y"))
#' @export
all_numeric <- function() {
  has_type(c("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bfloat16"))
}

#' @rdname all_numeric
#' @export
all_nominal <- function() has_type("string")

#' @rdname all_numeric
#' @export
has_type <- function(match = "float32") {
  current_vars()
  types <- .kb_selection$types
  names(types)[types %in% match]
}

#' @rdname all_numeric
#' @export
starts_with <- function(match, ignore.case = TRUE, vars = NULL) {
  vars <- vars %||% current_vars()
  if (ignore.case) vars[startsWith(tolower(vars), tolower(match))] else vars[startsWith(vars, match)]
}

#' @rdname all_numeric
#' @export
ends_with <- function(match, ignore.case = TRUE, vars = NULL) {
  vars <- vars %||% current_vars()
  if (ignore.case) vars[endsWith(tolower(vars), tolower(match))] else vars[endsWith(vars, match)]
}

#' @rdname all_numeric
#' @export
contains <- function(match, ignore.case = TRUE, vars = NULL) {
  vars <- vars %||% current_vars()
  vars[grepl(match, vars, fixed = !ignore.case) | (ignore.case & grepl(tolower(match), tolower(vars), fixed = TRUE))]
}

#' @rdname all_numeric
#' @export
matches <- function(match, ignore.case = TRUE, vars = NULL) {
  vars <- vars %||% current_vars()
  vars[grepl(match, vars, ignore.case = ignore.case)]
}

#' @rdname all_numeric
#' @export
one_of <- function(..., vars = NULL) {
  vars <- vars %||% current_vars()
  wanted <- unlist(list(...))
  vars[vars %in% wanted]
}

#' @rdname all_numeric
#' @export
num_range <- function(prefix, range, width = NULL, vars = NULL) {
  vars <- vars %||% current_vars()
  nums <- if (is.null(width)) range else formatC(range, width = width, flag = "0")
  intersect(paste0(prefix, nums), vars)
}

#' @rdname all_numeric
#' @export
everything <- function(vars = NULL) vars %||% current_vars()

# ---- steps ---------------------------------------------------------------------

check_spec <- function(spec, call = rlang::caller_env()) {
  if (!inherits(spec, "FeatureSpec")) {
    abort_kb(c("{.arg spec} must be a feature spec.", x = "Received {.obj_type_friendly {spec}}.",
               i = "Make one with {.fn feature_spec}."), call = call)
  }
}

add_steps <- function(spec, quosures, kind, args, prefix = NULL, call = rlang::caller_env()) {
  check_spec(spec, call)
  spec <- clone_spec(spec)
  vars <- select_features(spec, quosures, call = call)
  nms <- names(quosures)
  named <- !is.null(nms) && any(nzchar(nms))
  if (named && length(nms) != length(vars)) abort_kb("Can't name a feature made with a selector.", call = call)
  for (i in seq_along(vars)) {
    name <- if (named && nzchar(nms[i])) nms[i] else if (is.null(prefix)) vars[i] else paste0(prefix, "_", vars[i])
    spec$steps[[name]] <- list(kind = kind, var = vars[i], args = args)
  }
  spec
}

#' Feature columns of a feature spec
#'
#' Each step adds one feature column per selected column (named after it,
#' or `bucketized_<col>`, `indicator_<col>`, `embedding_<col>` for the steps
#' that derive a column from another; name a single column with
#' `new_name = col`):
#'
#' * `step_numeric_column()`: numbers, optionally scaled by `normalizer_fn`
#'   ([scaler_standard()], [scaler_min_max()], or an R function of a tensor);
#' * `step_categorical_column_with_vocabulary_list()` (vocabulary from the
#'   data when `vocabulary_list = NULL`), `_with_vocabulary_file()`,
#'   `_with_hash_bucket()`, `_with_identity()` (integer ids): categorical
#'   columns, which models use through an indicator or embedding column;
#' * `step_bucketized_column()`: numbers cut at `boundaries`, one-hot;
#' * `step_indicator_column()`: a categorical column one-hot encoded;
#' * `step_embedding_column()`: a categorical column embedded in `dimension`
#'   dimensions (a number or a function of the number of categories);
#' * `step_crossed_column()`: the hashed cross of columns, e.g.
#'   `thal_and_age = c(thal, bucketized_age)`;
#' * `step_shared_embeddings_column()`: embeddings of several categorical
#'   columns that share one table;
#' * `step_remove_column()`: drops a feature column from the spec.
#' @param spec A feature spec, [feature_spec()].
#' @param ... Columns, by name or with selectors ([all_numeric()]).
#' @param shape The shape of each value (1: one number per row).
#' @param default_value A value for missing entries (numeric); the id of a
#'   value outside the vocabulary (categorical; -1: none, all zeros).
#' @param dtype The dtype of the column (kept for tfdatasets scripts: the
#'   dtype of the data is used).
#' @param normalizer_fn `NULL`, a scaler, or an R function of a tensor.
#' @param vocabulary_list The categories; `NULL`: all values in the data
#'   (computed by [fit()]).
#' @param vocabulary_file,vocabulary_size A file of categories, one a line,
#'   and how many of its lines to use.
#' @param num_oov_buckets Extra ids for values outside the vocabulary.
#' @param hash_bucket_size The number of hash buckets.
#' @param num_buckets The number of integer ids (`0` to `num_buckets - 1`).
#' @param boundaries Sorted cut points.
#' @param dimension The embedding size, or a function of the number of categories.
#' @param combiner How the embeddings of several values per row combine:
#'   `"mean"`, `"sqrtn"` or `"sum"`.
#' @param initializer,ckpt_to_load_from,tensor_name_in_ckpt,max_norm,trainable,hash_key,shared_embedding_collection_name
#'   Kept for tfdatasets scripts; not used by the Keras 3 columns.
#' @returns The feature spec with the step added.
#' @examples
#' df <- data.frame(age = c(20, 35, 50, 65), city = c("a", "b", "a", "c"),
#'                  code = c(0L, 2L, 1L, 2L), target = c(0, 1, 0, 1))
#' spec <- feature_spec(df, target ~ .) %>%
#'   step_numeric_column(age) %>%
#'   step_bucketized_column(age, boundaries = c(30, 60)) %>%
#'   step_categorical_column_with_vocabulary_list(city) %>%
#'   step_categorical_column_with_identity(code, num_buckets = 3) %>%
#'   step_indicator_column(city, code) %>%
#'   step_embedding_column(city, dimension = 2) %>%
#'   step_crossed_column(city_age = c(city, bucketized_age), hash_bucket_size = 10) %>%
#'   step_indicator_column(city_age)
#' spec <- fit(spec)
#' names(dense_features(spec))
#' @name step_numeric_column
#' @export
step_numeric_column <- function(spec, ..., shape = 1L, default_value = NULL, dtype = NULL, normalizer_fn = NULL) {
  if (!is.null(normalizer_fn) && !inherits(normalizer_fn, "kerasbridge_scaler") && !is.function(normalizer_fn)) {
    abort_kb("{.arg normalizer_fn} must be NULL, a scaler ({.fn scaler_standard}) or a function, not {.obj_type_friendly {normalizer_fn}}.")
  }
  add_steps(spec, rlang::enquos(...), "numeric",
            list(shape = shape, default_value = default_value, normalizer = normalizer_fn))
}

#' @rdname step_numeric_column
#' @export
step_categorical_column_with_vocabulary_list <- function(spec, ..., vocabulary_list = NULL, dtype = NULL,
                                                         default_value = -1L, num_oov_buckets = 0L) {
  add_steps(spec, rlang::enquos(...), "vocabulary",
            list(vocabulary = vocabulary_list, default_value = as_count(default_value, "default_value"),
                 num_oov_buckets = as_count(num_oov_buckets, "num_oov_buckets")))
}

#' @rdname step_numeric_column
#' @export
step_categorical_column_with_vocabulary_file <- function(spec, ..., vocabulary_file, vocabulary_size = NULL,
                                                         dtype = NULL, default_value = -1L, num_oov_buckets = 0L) {
  if (!is.character(vocabulary_file) || length(vocabulary_file) != 1L || !file.exists(vocabulary_file)) {
    abort_kb("{.arg vocabulary_file} must be an existing file, one category a line; received {.val {vocabulary_file}}.")
  }
  vocab <- with_py_errors(fspec_py()$read_vocabulary_file(path.expand(vocabulary_file),
                                                          as_count(vocabulary_size, "vocabulary_size", allow_null = TRUE)))
  add_steps(spec, rlang::enquos(...), "vocabulary",
            list(vocabulary = as.list(vocab), default_value = as_count(default_value, "default_value"),
                 num_oov_buckets = as_count(num_oov_buckets, "num_oov_buckets")))
}

#' @rdname step_numeric_column
#' @export
step_categorical_column_with_hash_bucket <- function(spec, ..., hash_bucket_size, dtype = NULL) {
  add_steps(spec, rlang::enquos(...), "hash", list(hash_bucket_size = as_count(hash_bucket_size, "hash_bucket_size")))
}

#' @rdname step_numeric_column
#' @export
step_categorical_column_with_identity <- function(spec, ..., num_buckets, default_value = NULL) {
  add_steps(spec, rlang::enquos(...), "identity",
            list(num_buckets = as_count(num_buckets, "num_buckets"),
                 default_value = as_count(default_value, "default_value", allow_null = TRUE)))
}

#' @rdname step_numeric_column
#' @export
step_bucketized_column <- function(spec, ..., boundaries) {
  if (!is.numeric(boundaries) || is.unsorted(boundaries, strictly = TRUE)) {
    abort_kb("{.arg boundaries} must be increasing numbers, not {.obj_type_friendly {boundaries}}.")
  }
  add_steps(spec, rlang::enquos(...), "bucketized", list(boundaries = as.list(as.numeric(boundaries))), "bucketized")
}

#' @rdname step_numeric_column
#' @export
step_indicator_column <- function(spec, ...) {
  add_steps(spec, rlang::enquos(...), "indicator", list(), "indicator")
}

#' @rdname step_numeric_column
#' @export
step_embedding_column <- function(spec, ..., dimension = function(x) as.integer(x^0.25), combiner = "mean",
                                  initializer = NULL, ckpt_to_load_from = NULL, tensor_name_in_ckpt = NULL,
                                  max_norm = NULL, trainable = TRUE) {
  combiner <- rlang::arg_match0(combiner, c("mean", "sqrtn", "sum"))
  add_steps(spec, rlang::enquos(...), "embedding", list(dimension = dimension, combiner = combiner), "embedding")
}

#' @rdname step_numeric_column
#' @export
step_crossed_column <- function(spec, ..., hash_bucket_size, hash_key = NULL) {
  check_spec(spec)
  spec <- clone_spec(spec)
  quosures <- rlang::enquos(...)
  for (i in seq_along(quosures)) {
    vars <- select_features(spec, quosures[i])
    if (length(vars) < 2L) abort_kb("{.fn step_crossed_column} crosses two or more columns, received {.val {vars}}.")
    nm <- names(quosures)[i]
    name <- if (!is.null(nm) && nzchar(nm)) nm else paste0("crossed_", paste(vars, collapse = "_"))
    spec$steps[[name]] <- list(kind = "crossed", var = vars,
                               args = list(hash_bucket_size = as_count(hash_bucket_size, "hash_bucket_size")))
  }
  spec
}

#' @rdname step_numeric_column
#' @export
step_shared_embeddings_column <- function(spec, ..., dimension, combiner = "mean", initializer = NULL,
                                          shared_embedding_collection_name = NULL, ckpt_to_load_from = NULL,
                                          tensor_name_in_ckpt = NULL, max_norm = NULL, trainable = TRUE) {
  check_spec(spec)
  combiner <- rlang::arg_match0(combiner, c("mean", "sqrtn", "sum"))
  vars <- select_features(spec, rlang::enquos(...))
  table <- shared_embedding_collection_name %||% paste(c("shared_embedding", vars), collapse = "_")
  spec <- clone_spec(spec)
  for (v in vars) {
    spec$steps[[paste0("shared_embeddings_", v)]] <-
      list(kind = "embedding", var = v, args = list(dimension = as_count(dimension, "dimension"), combiner = combiner, shared = table))
  }
  spec
}

#' @rdname step_numeric_column
#' @export
step_remove_column <- function(spec, ...) {
  check_spec(spec)
  vars <- select_features(spec, rlang::enquos(...))
  spec <- clone_spec(spec)
  spec$steps[vars] <- NULL
  spec
}

#' Scalers for step_numeric_column()
#'
#' `scaler_standard()` subtracts the mean and divides by the standard
#' deviation; `scaler_min_max()` maps the minimum to 0 and the maximum to 1.
#' Both learn their statistics from the data when the spec is [fit()].
#' @returns A scaler, for `step_numeric_column(normalizer_fn = )`.
#' @examples
#' df <- data.frame(x = c(1, 2, 3, 4))
#' spec <- feature_spec(df, ~ x) %>% step_numeric_column(x, normalizer_fn = scaler_min_max())
#' fit(spec)
#' @export
scaler_standard <- function() structure(list(type = "standard"), class = "kerasbridge_scaler")

#' @rdname scaler_standard
#' @export
scaler_min_max <- function() structure(list(type = "min_max"), class = "kerasbridge_scaler")

# ---- fitting ---------------------------------------------------------------------

# The core's column objects for the spec's steps (in step order), by name.
build_columns <- function(spec, call = rlang::caller_env()) {
  fs <- fspec_py()
  cols <- list()
  numeric_of <- function(v) {
    if (!is.null(cols[[v]]) && spec$steps[[v]]$kind == "numeric") return(cols[[v]])
    if (v %in% spec$x) return(fs$NumericColumn(v))
    abort_kb("{.val {v}} must be a numeric column to be bucketized.", call = call)
  }
  categorical_of <- function(v, what) {
    col <- cols[[v]]
    if (is.null(col) || !isTRUE(col$categorical)) {
      abort_kb(c("{what} needs a categorical column; {.val {v}} is not one.",
                 i = "Add it first with {.code step_categorical_column_with_vocabulary_list({v})} (or another {.code step_categorical_column_with_*()})."),
               call = call)
    }
    col
  }
  for (name in names(spec$steps)) {
    st <- spec$steps[[name]]
    a <- st$args
    cols[[name]] <- switch(st$kind,
      numeric = {
        norm <- a$normalizer
        norm <- if (inherits(norm, "kerasbridge_scaler")) norm$type
                else if (is.function(norm)) data_py()$main_thread_only(norm, "normalizer_fn") else NULL
        fs$NumericColumn(st$var, shape = as.integer(a$shape), default_value = a$default_value, normalizer = norm)
      },
      vocabulary = fs$VocabularyColumn(st$var, vocabulary = if (is.null(a$vocabulary)) NULL else as.list(a$vocabulary),
                                       num_oov_buckets = a$num_oov_buckets, default_value = a$default_value),
      hash = fs$HashColumn(st$var, a$hash_bucket_size),
      identity = fs$IdentityColumn(st$var, a$num_buckets, default_value = a$default_value),
      bucketized = fs$BucketizedColumn(name, numeric_of(st$var), a$boundaries),
      indicator = fs$IndicatorColumn(name, categorical_of(st$var, "{.fn step_indicator_column}")),
      embedding = fs$EmbeddingColumn(name, categorical_of(st$var, "{.fn step_embedding_column}"), 1L,
                                     combiner = a$combiner, shared = a$shared),
      crossed = fs$CrossedColumn(name, lapply(st$var, function(v) {
        if (!is.null(cols[[v]]) && spec$steps[[v]]$kind == "bucketized") cols[[v]] else if (v %in% spec$x) v
        else abort_kb("{.fn step_crossed_column} crosses raw or bucketized columns; {.val {v}} is neither.", call = call)
      }), a$hash_bucket_size))
  }
  cols
}

#' Fit a feature spec
#'
#' Computes what the spec's steps need from the data: the vocabularies of
#' `step_categorical_column_with_vocabulary_list(vocabulary_list = NULL)`,
#' the statistics of the scalers, and the embedding sizes given as functions.
#' @param object A feature spec.
#' @param dataset The data to fit on (default: the spec's).
#' @param ... Ignored.
#' @returns The fitted spec.
#' @examples
#' df <- data.frame(x = c(1, 2, 3), s = c("a", "b", "a"))
#' spec <- feature_spec(df, ~ .) %>%
#'   step_numeric_column(x, normalizer_fn = scaler_standard()) %>%
#'   step_categorical_column_with_vocabulary_list(s) %>%
#'   step_indicator_column(s)
#' fit(spec)
#' @export
fit.FeatureSpec <- function(object, dataset = NULL, ...) {
  fit_spec_in_place(clone_spec(object), dataset)
}

fit_spec_in_place <- function(spec, dataset = NULL) {
  dataset <- if (is.null(dataset)) spec$dataset else as_spec_dataset(dataset)
  cols <- build_columns(spec)
  with_py_errors(fspec_py()$fit_columns(unname(cols), dataset))
  for (name in names(cols)) {
    st <- spec$steps[[name]]
    if (st$kind == "embedding") {
      dim <- st$args$dimension
      if (is.function(dim)) dim <- dim(cols[[name]]$source$num_buckets)
      cols[[name]]$dimension <- max(1L, as_count(dim, "dimension"))
    }
  }
  spec$columns <- cols
  spec$fitted <- TRUE
  spec
}

#' Dense features of a fitted spec, and the layer that computes them
#'
#' `dense_features()` returns the spec's dense feature columns (numeric,
#' bucketized, indicator and embedding columns) by name.
#' `layer_dense_features()` is a Keras layer that maps a named list of inputs
#' (one per raw column: [layer_input_from_dataset()], a data frame, or a
#' dataset batch) to the concatenated features, in the order of the columns'
#' names. `layer_input_from_dataset()` makes one Keras input per column of a
#' data frame or a dataset of named lists.
#' @param spec A fitted feature spec.
#' @param object A named list of inputs or tensors, a data frame, or missing
#'   (the layer is returned).
#' @param feature_columns The columns, `dense_features(spec)`; or, as in R keras 2.x, dense
#'   columns made with `tf$feature_column` (numeric, bucketized, indicator, embedding).
#' @param name,trainable,dtype The layer's name, whether it trains, its dtype.
#' @param input_shape,batch_input_shape,batch_size,weights Kept for R keras 2.x scripts.
#' @param ... Other arguments of the Keras layer.
#' @param dataset A data frame, or a dataset of named lists.
#' @returns `dense_features()`: a named list of feature columns;
#'   `layer_dense_features()`: the layer, or its output on `object`;
#'   `layer_input_from_dataset()`: a named list of Keras inputs.
#' @examples
#' df <- data.frame(x = c(1, 2, 3, 4), s = c("a", "b", "a", "b"), y = c(0, 1, 0, 1))
#' spec <- feature_spec(df, y ~ .) %>%
#'   step_numeric_column(x, normalizer_fn = scaler_standard()) %>%
#'   step_categorical_column_with_vocabulary_list(s) %>%
#'   step_indicator_column(s) %>%
#'   fit()
#' inputs <- layer_input_from_dataset(df[c("x", "s")])
#' outputs <- inputs %>%
#'   layer_dense_features(dense_features(spec)) %>%
#'   layer_dense(1, activation = "sigmoid")
#' model <- keras_model(inputs, outputs)
#' model %>% compile(loss = "binary_crossentropy", optimizer = "adam")
#' model %>% fit(df[c("x", "s")], df$y, epochs = 1, verbose = 0)
#' @export
dense_features <- function(spec) {
  check_spec(spec)
  spec_features(spec, dense = TRUE)
}

#' @rdname dense_features
#' @export
layer_dense_features <- function(object, feature_columns, name = NULL, trainable = NULL, input_shape = NULL,
                                 batch_input_shape = NULL, batch_size = NULL, dtype = NULL, weights = NULL, ...) {
  if (inherits(feature_columns, "FeatureSpec")) feature_columns <- dense_features(feature_columns)
  args <- list(unname(as.list(feature_columns)), ...)
  if (!is.null(name)) args$name <- name
  if (!is.null(trainable)) args$trainable <- as_flag(trainable, "trainable")
  if (!is.null(dtype)) args$dtype <- dtype
  layer <- with_py_errors(do.call(fspec_py()$dense_features_layer, args))
  if (missing(object) || is.null(object)) return(layer)
  if (is.data.frame(object) || (is.list(object) && !all(vapply(object, is_py_object, TRUE)))) {
    object <- with_py_errors(fspec_py()$as_input_structure(r_marshal(object)))
  }
  with_py_errors(layer(object))
}

#' @rdname dense_features
#' @export
layer_input_from_dataset <- function(dataset) {
  if (is.data.frame(dataset)) dataset <- utils::head(dataset)
  dataset <- as_spec_dataset(dataset)
  with_py_errors(fspec_py()$inputs_from_dataset(dataset))
}

#' Use a fitted feature spec on a dataset
#'
#' Turns a dataset of named lists into `list(features, target)` elements, the
#' features being the columns the spec uses, ready for [fit()] on a model
#' built with [layer_input_from_dataset()] and [layer_dense_features()].
#' @param dataset A dataset of named lists (or a data frame).
#' @param spec A fitted feature spec.
#' @returns A dataset.
#' @examples
#' df <- data.frame(x = c(1, 2, 3), y = c(0, 1, 0))
#' spec <- feature_spec(df, y ~ x) %>% step_numeric_column(x) %>% fit()
#' tensor_slices_dataset(df) %>% dataset_use_spec(spec) %>% dataset_collect(1)
#' @export
dataset_use_spec <- function(dataset, spec) {
  check_spec(spec)
  if (!isTRUE(spec$fitted)) abort_kb(c("The feature spec must be fitted first.", i = "Call {.code spec <- fit(spec)}."))
  dataset <- as_spec_dataset(dataset)
  with_py_errors(fspec_py()$use_spec(dataset, as.list(spec$x), spec$y))
}

# ---- tfdatasets' streaming scalers (internal R6 classes, as there) -------------
# fit_batch() takes the values batch by batch; fit_resume() computes the
# statistics: mean and sd (n - 1), or min and max.

StandardScaler <- R6::R6Class("StandardScaler", public = list(
  n = 0, sum = 0, sum_sq = 0, mean = NULL, sd = NULL,
  fit_batch = function(batch) {
    batch <- as.numeric(batch)
    self$n <- self$n + length(batch)
    self$sum <- self$sum + sum(batch)
    self$sum_sq <- self$sum_sq + sum(batch^2)
    invisible(self)
  },
  fit_resume = function() {
    self$mean <- self$sum / self$n
    self$sd <- sqrt((self$sum_sq - self$n * self$mean^2) / (self$n - 1))
    invisible(self)
  }))

MinMaxScaler <- R6::R6Class("MinMaxScaler", public = list(
  min = Inf, max = -Inf,
  fit_batch = function(batch) {
    batch <- as.numeric(batch)
    self$min <- min(self$min, batch)
    self$max <- max(self$max, batch)
    invisible(self)
  },
  fit_resume = function() invisible(self)))
