# The R-defined classes the distributed tests train with (sourced by
# mirrored.R and worker.R): a layer with a weight and an R call(), an R
# metric with state, and a model whose train_step() is R code (Keras 2 style).
Scale <- new_layer_class("Scale",
  build = function(input_shape) {
    self$w <- self$add_weight(shape = list(input_shape[[2]]), initializer = "ones", name = "w")
  },
  call = function(inputs) inputs * self$w)
MeanPred <- new_metric_class("MeanPred",
  initialize = function(name = "mean_pred", ...) {
    super$initialize(name = name, ...)
    self$total <- self$add_weight(name = "total", initializer = "zeros")
    self$count <- self$add_weight(name = "count", initializer = "zeros")
  },
  update_state = function(y_true, y_pred, sample_weight = NULL) {
    self$total$assign_add(op_sum(y_pred))
    self$count$assign_add(op_cast(op_shape(y_pred)[[1]], "float32"))
  },
  result = function() self$total / self$count)
KerasTwoStep <- new_model_class("KerasTwoStep",
  train_step = function(data) {
    c(x, y) %<-% data
    with(tf$GradientTape() %as% tape, {
      y_pred <- self(x, training = TRUE)
      loss <- self$compute_loss(y = y, y_pred = y_pred)
    })
    grads <- tape$gradient(loss, self$trainable_variables)
    self$optimizer$apply_gradients(zip_lists(grads, self$trainable_variables))
    list(loss = loss)
  })
