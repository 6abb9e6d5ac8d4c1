# Keras 2's `model$add_loss(<symbolic tensor>)` and `model$add_metric(<symbolic
# tensor>, name =, aggregation =)` on functional models (Keras 3 has neither):
# the core joins the tensor to the model's graph (legacy/model_losses.py).
# TF functions on symbolic tensors: see the `tf` proxy (R/keras2-modules.R).

#' @export
`$.keras.src.models.functional.Functional` <- function(x, name) {
  switch(name,
    add_loss = function(losses, ...) {
      legacy_module("model_losses")
      invisible(call_core("legacy.model_losses.add_loss", x, losses, ..., .call = environment()))
    },
    add_metric = function(value, name = NULL, aggregation = "mean", ...) {
      legacy_module("model_losses")
      invisible(call_core("legacy.model_losses.add_metric", x, value, name = name,
                          aggregation = aggregation, ..., .call = environment()))
    },
    NextMethod())
}
