#' Define a custom Keras model class with R functions
#'
#' With `initialize` and `call`: a subclassed model. Without `initialize`: the
#' constructor takes `inputs` and `outputs` like [keras_model()], typically to
#' override `train_step` (written with `tf$GradientTape()`; `fit()` compiles
#' it, so the R code runs when the step is traced, not on every batch). Inside
#' the step, `self$compiled_loss(y, y_pred)`,
#' `self$compiled_metrics$update_state(y, y_pred)` (Keras 2) and
#' `self$compute_loss()` (Keras 3) work. Make `metrics` a property with
#' [mark_active()] so that `fit()` and `evaluate()` reset your trackers.
#' `self`, `super` and `private` are as in [new_layer_class()].
#'
#' @inheritParams new_layer_class
#' @param initialize,call The constructor and the forward pass,
#'   `function(inputs, training = NULL)`.
#' @param train_step,test_step,predict_step Methods of one batch, `data` is a
#'   list `list(x, y)` (or `list(x, y, sample_weight)`).
#' @param parent_class A class to extend instead of `keras$Model`.
#' @return A constructor function.
#' @examples
#' CustomModel <- new_model_class(
#'   "CustomModel",
#'   train_step = function(data) {
#'     c(x, y) %<-% data
#'     with(tf$GradientTape() %as% tape, {
#'       y_pred <- self(x, training = TRUE)
#'       loss <- self$compute_loss(y = y, y_pred = y_pred)
#'     })
#'     grads <- tape$gradient(loss, self$trainable_variables)
#'     self$optimizer$apply_gradients(zip_lists(grads, self$trainable_variables))
#'     list(loss = loss)
#'   }
#' )
#' inputs <- layer_input(shape = 4)
#' outputs <- inputs %>% layer_dense(units = 1)
#' model <- CustomModel(inputs = inputs, outputs = outputs)
#' model %>% compile(optimizer = "adam", loss = "mse")
#' history <- model %>% fit(matrix(runif(40), ncol = 4), runif(10), epochs = 2, verbose = 0)
#' history$metrics$loss
#' @export
new_model_class <- function(classname, initialize = NULL, call = NULL, train_step = NULL,
                            test_step = NULL, predict_step = NULL, ...,
                            parent_class = NULL) {
  new_class_constructor("model", classname,
                        c(list(initialize = initialize, call = call, train_step = train_step,
                               test_step = test_step, predict_step = predict_step), list(...)),
                        parent_class)
}
