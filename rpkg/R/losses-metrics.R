# loss_*() and metric_*(): as in R keras 2.x,
# - called with y_true and y_pred they compute the value (a tensor);
# - called without them they return a Keras loss/metric object for compile();
# - passed uncalled (`loss = loss_binary_crossentropy`) compile() uses their Keras name.

new_loss_wrapper <- function(fn_name, class_name, formals) {
  f <- function() {
    args <- capture_args(ignore = c("y_true", "y_pred"))
    if (!missing(y_true) && !missing(y_pred)) {
      fn <- keras$losses[[fn_name]]
      return(with_py_errors(do.call(fn, c(list(r_marshal(y_true), r_marshal(y_pred)), args))))
    }
    do.call(call_core, c(list("identifiers.make_loss", class_name), args))
  }
  formals(f) <- c(alist(y_true = , y_pred = ), formals)
  structure(f, py_function_name = fn_name, class = c("kerasbridge_loss_function", "function"))
}

new_metric_wrapper <- function(fn_name, class_name, formals, has_y = TRUE) {
  f <- function() {
    args <- capture_args(ignore = c("y_true", "y_pred"))
    if (has_y && !missing(y_true) && !missing(y_pred)) {
      fn <- keras$metrics[[fn_name]]
      return(with_py_errors(do.call(fn, c(list(r_marshal(y_true), r_marshal(y_pred)), args))))
    }
    do.call(call_core, c(list("identifiers.make_metric", class_name), args))
  }
  formals(f) <- c(if (has_y) alist(y_true = , y_pred = ), formals)
  structure(f, py_function_name = if (has_y) fn_name, class = c("kerasbridge_metric_function", "function"))
}

#' @export
print.kerasbridge_loss_function <- function(x, ...) {
  cat("<kerasbridge loss function: ", attr(x, "py_function_name"), ">\n", sep = ""); invisible(x)
}
#' @export
print.kerasbridge_metric_function <- function(x, ...) {
  cat("<kerasbridge metric function: ", environment(x)$class_name, ">\n", sep = ""); invisible(x)
}

#' Losses
#' @param y_true,y_pred Tensors or arrays; when both are supplied the loss is computed.
#' @param ... Other arguments of the Keras loss (`reduction`, `name`, ...).
#' @name losses
NULL

#' @rdname losses
#' @export
loss_binary_crossentropy <- new_loss_wrapper("binary_crossentropy", "BinaryCrossentropy", alist(from_logits = FALSE, label_smoothing = 0, axis = -1L, ... = ))
#' @rdname losses
#' @export
loss_categorical_crossentropy <- new_loss_wrapper("categorical_crossentropy", "CategoricalCrossentropy", alist(from_logits = FALSE, label_smoothing = 0, axis = -1L, ... = ))
#' @rdname losses
#' @export
loss_sparse_categorical_crossentropy <- new_loss_wrapper("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy", alist(from_logits = FALSE, ignore_class = NULL, axis = -1L, ... = ))
#' @rdname losses
#' @export
loss_mean_squared_error <- new_loss_wrapper("mean_squared_error", "MeanSquaredError", alist(... = ))
#' @rdname losses
#' @export
loss_mean_absolute_error <- new_loss_wrapper("mean_absolute_error", "MeanAbsoluteError", alist(... = ))
#' @rdname losses
#' @export
loss_mean_absolute_percentage_error <- new_loss_wrapper("mean_absolute_percentage_error", "MeanAbsolutePercentageError", alist(... = ))
#' @rdname losses
#' @export
loss_mean_squared_logarithmic_error <- new_loss_wrapper("mean_squared_logarithmic_error", "MeanSquaredLogarithmicError", alist(... = ))
#' @rdname losses
#' @export
loss_huber <- new_loss_wrapper("huber", "Huber", alist(delta = 1, ... = ))
#' @rdname losses
#' @export
loss_hinge <- new_loss_wrapper("hinge", "Hinge", alist(... = ))
#' @rdname losses
#' @export
loss_squared_hinge <- new_loss_wrapper("squared_hinge", "SquaredHinge", alist(... = ))
#' @rdname losses
#' @export
loss_categorical_hinge <- new_loss_wrapper("categorical_hinge", "CategoricalHinge", alist(... = ))
#' @rdname losses
#' @export
loss_kullback_leibler_divergence <- new_loss_wrapper("kl_divergence", "KLDivergence", alist(... = ))
#' @rdname losses
#' @export
loss_kl_divergence <- loss_kullback_leibler_divergence
#' @rdname losses
#' @export
loss_poisson <- new_loss_wrapper("poisson", "Poisson", alist(... = ))
#' @rdname losses
#' @export
loss_cosine_similarity <- new_loss_wrapper("cosine_similarity", "CosineSimilarity", alist(axis = -1L, ... = ))
#' @rdname losses
#' @export
loss_logcosh <- new_loss_wrapper("log_cosh", "LogCosh", alist(... = ))
#' @rdname losses
#' @export
loss_binary_focal_crossentropy <- new_loss_wrapper("binary_focal_crossentropy", "BinaryFocalCrossentropy", alist(apply_class_balancing = FALSE, alpha = 0.25, gamma = 2, from_logits = FALSE, ... = ))

#' Metrics
#' @param y_true,y_pred When both are supplied the metric function is computed.
#' @param ... Other arguments of the Keras metric (`name`, `dtype`, `thresholds`, ...).
#' @name metrics
NULL

#' @rdname metrics
#' @export
metric_accuracy <- new_metric_wrapper("accuracy", "Accuracy", alist(... = ))
#' @rdname metrics
#' @export
metric_binary_accuracy <- new_metric_wrapper("binary_accuracy", "BinaryAccuracy", alist(threshold = 0.5, ... = ))
#' @rdname metrics
#' @export
metric_categorical_accuracy <- new_metric_wrapper("categorical_accuracy", "CategoricalAccuracy", alist(... = ))
#' @rdname metrics
#' @export
metric_sparse_categorical_accuracy <- new_metric_wrapper("sparse_categorical_accuracy", "SparseCategoricalAccuracy", alist(... = ))
#' @rdname metrics
#' @export
metric_top_k_categorical_accuracy <- new_metric_wrapper("top_k_categorical_accuracy", "TopKCategoricalAccuracy", alist(k = 5L, ... = ))
#' @rdname metrics
#' @export
metric_sparse_top_k_categorical_accuracy <- new_metric_wrapper("sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy", alist(k = 5L, ... = ))
#' @rdname metrics
#' @export
metric_binary_crossentropy <- new_metric_wrapper("binary_crossentropy", "BinaryCrossentropy", alist(from_logits = FALSE, label_smoothing = 0, ... = ))
#' @rdname metrics
#' @export
metric_categorical_crossentropy <- new_metric_wrapper("categorical_crossentropy", "CategoricalCrossentropy", alist(from_logits = FALSE, label_smoothing = 0, ... = ))
#' @rdname metrics
#' @export
metric_sparse_categorical_crossentropy <- new_metric_wrapper("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy", alist(from_logits = FALSE, ... = ))
#' @rdname metrics
#' @export
metric_mean_squared_error <- new_metric_wrapper("mean_squared_error", "MeanSquaredError", alist(... = ))
#' @rdname metrics
#' @export
metric_mean_absolute_error <- new_metric_wrapper("mean_absolute_error", "MeanAbsoluteError", alist(... = ))
#' @rdname metrics
#' @export
metric_mean_absolute_percentage_error <- new_metric_wrapper("mean_absolute_percentage_error", "MeanAbsolutePercentageError", alist(... = ))
#' @rdname metrics
#' @export
metric_root_mean_squared_error <- new_metric_wrapper("root_mean_squared_error", "RootMeanSquaredError", alist(... = ), has_y = FALSE)
#' @rdname metrics
#' @export
metric_auc <- new_metric_wrapper("auc", "AUC", alist(num_thresholds = 200L, curve = "ROC", ... = ), has_y = FALSE)
#' @rdname metrics
#' @export
metric_precision <- new_metric_wrapper("precision", "Precision", alist(thresholds = NULL, top_k = NULL, class_id = NULL, ... = ), has_y = FALSE)
#' @rdname metrics
#' @export
metric_recall <- new_metric_wrapper("recall", "Recall", alist(thresholds = NULL, top_k = NULL, class_id = NULL, ... = ), has_y = FALSE)
#' @rdname metrics
#' @export
metric_mean <- new_metric_wrapper("mean", "Mean", alist(name = "mean", dtype = NULL), has_y = FALSE)
#' @rdname metrics
#' @export
metric_sum <- new_metric_wrapper("sum", "Sum", alist(name = "sum", dtype = NULL), has_y = FALSE)
#' @rdname metrics
#' @export
metric_true_positives <- new_metric_wrapper("true_positives", "TruePositives", alist(thresholds = NULL, ... = ), has_y = FALSE)
#' @rdname metrics
#' @export
metric_false_positives <- new_metric_wrapper("false_positives", "FalsePositives", alist(thresholds = NULL, ... = ), has_y = FALSE)
#' @rdname metrics
#' @export
metric_true_negatives <- new_metric_wrapper("true_negatives", "TrueNegatives", alist(thresholds = NULL, ... = ), has_y = FALSE)
#' @rdname metrics
#' @export
metric_false_negatives <- new_metric_wrapper("false_negatives", "FalseNegatives", alist(thresholds = NULL, ... = ), has_y = FALSE)

#' Custom metric from an R function, named
#'
#' As in R keras 2.x: `metrics = list(custom_metric("rmse", function(y_true, y_pred) ...))`.
#' A named list of R functions (`metrics = list(rmse = f)`) names them the same way.
#' @param name Metric name (shown in the history and logs).
#' @param metric_fn `function(y_true, y_pred)` returning a tensor.
#' @export
custom_metric <- function(name, metric_fn) {
  call_core("identifiers.named_function", name, metric_fn)
}
