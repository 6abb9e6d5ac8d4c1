# R keras 2.x's predict_classes() and predict_proba(), which Keras removed:
# thin R functions over predict() (R/training.R), nothing in the core.

#' Predicted classes and probabilities (R keras 2.x; removed from Keras)
#'
#' `predict_classes()` gives 0-based class indices (argmax, or `p > 0.5` for one
#' output unit) as R keras 2.x did; `predict_proba()` is `predict()`.
#' @inheritParams predict.keras.src.models.model.Model
#' @returns `predict_classes()`: an integer vector of 0-based classes;
#'   `predict_proba()`: the predicted probabilities, an R array.
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>%
#'   layer_dense(units = 3, activation = "softmax")
#' x <- matrix(runif(8), ncol = 4)
#' predict_classes(model, x)
#' predict_proba(model, x)
#' @param batch_size,verbose,steps As in [predict()][predict.keras.src.models.model.Model].
#' @export
predict_classes <- function(object, x, batch_size = NULL, verbose = 0, steps = NULL) {
  p <- predict(object, x, batch_size = batch_size, verbose = verbose, steps = steps)
  if (is.null(dim(p)) || length(dim(p)) == 1 || dim(p)[length(dim(p))] == 1) return(as.integer(p > 0.5))
  max.col(matrix(p, nrow = dim(p)[1]), ties.method = "first") - 1L
}

#' @rdname predict_classes
#' @export
predict_proba <- function(object, x, batch_size = NULL, verbose = 0, steps = NULL) {
  predict(object, x, batch_size = batch_size, verbose = verbose, steps = steps)
}
