# keras3's FeatureSpace: feature_*() (generated, rpkg/tools/wrappers.dcf: the
# keras.utils.FeatureSpace static methods through call_op()) describe each
# input feature; layer_feature_space() builds the preprocessing layer.

#' Structured-data preprocessing with FeatureSpace (keras3 `feature_*`)
#'
#' `feature_*()` describe how each named input feature is preprocessed
#' (`keras.utils.FeatureSpace`'s `float()`, `string_categorical()`, ...);
#' `layer_feature_space()` makes the FeatureSpace layer from a named list of
#' them. `adapt()` it on a dataset of named features before use.
#' @param object Missing (the layer is returned), a Sequential model or a
#'   named list of tensors (passed through the layer).
#' @param features A named list: feature name -> a `feature_*()` or a string
#'   such as `"float_normalized"`.
#' @param output_mode `"concat"` (one tensor) or `"dict"` (one per feature).
#' @param crosses Feature crosses (`feature_cross()`), or `NULL`.
#' @param crossing_dim,hashing_dim,num_discretization_bins Sizes used by crosses,
#'   hashed and discretized features.
#' @param name The layer's name.
#' @param ... Other arguments of `keras.utils.FeatureSpace`.
#' @return The FeatureSpace layer (or `object` passed through it).
#' @examples
#' fs <- layer_feature_space(features = list(
#'   age = feature_float_normalized(),
#'   city = feature_string_categorical(num_oov_indices = 0)))
#' ds <- tensor_slices_dataset(list(age = c(20, 40, 60), city = c("a", "b", "a")))
#' adapt(fs, ds)
#' fs(list(age = 40, city = "b"))
#' @order 1
#' @name feature_space
NULL

#' @rdname feature_space
#' @order 3
#' @export
layer_feature_space <- function(object, features, output_mode = "concat", crosses = NULL, crossing_dim = 32L,
                                hashing_dim = 32L, num_discretization_bins = 32L, name = NULL, ...) {
  args <- capture_args(ignore = "object")
  fs <- call_op("utils.FeatureSpace", args)
  compose_layer(if (missing(object)) NULL else object, fs)
}
