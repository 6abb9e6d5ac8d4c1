# Keras 2's `model$input` / `model$output` of a Sequential model built with an
# input shape: the tensors of the model's own graph (Keras 3 raises "has never
# been called"; legacy/sequential.py). `inputs`/`outputs` answer the same way;
# every other name is reticulate's.

#' @export
`$.keras.src.models.sequential.Sequential` <- function(x, name) {
  if (name %in% c("input", "inputs", "output", "outputs"))
    return(call_core("legacy.sequential.sequential_io", x, name))
  NextMethod()
}
