# tf.distribute from R (core: pycore/kerasbridge/distribute.py). Strategies
# themselves are TensorFlow's, used as R users write them:
# with(strategy$scope(), {...}), strategy$num_replicas_in_sync.

#' Read or write the TF_CONFIG cluster description
#'
#' TensorFlow's multi-worker strategies find the other workers through the
#' environment variable `TF_CONFIG` (JSON). `tf_config_cluster()` writes it
#' from an R list, or, called with no `cluster`, reads it back as one.
#'
#' R-defined layers, models, metrics and losses can't run under
#' `MirroredStrategy`: TensorFlow traces each replica on a thread of its own,
#' where R can't run; kerasbridge raises an error of class
#' `kerasbridge_r_thread_error` there (train them on one device, or write the
#' computation with `op_*()` functions in a Python-defined layer).
#'
#' @param cluster A named list of task types (`worker`, `chief`, ...), each a
#'   character vector of `"host:port"` addresses; `NULL` reads the current value.
#' @param task_type This process's task type, a name of `cluster`.
#' @param task_index This process's position (from 1) among the `task_type`
#'   addresses.
#' @param set_env If `TRUE`, `TF_CONFIG` is set in this process's environment.
#' @returns The configuration as a list (`task$index` from 1), invisibly when
#'   writing; `NULL` when reading and `TF_CONFIG` is unset.
#' @examples
#' tf_config_cluster(list(worker = c("127.0.0.1:12345", "127.0.0.1:12346")),
#'                   task_index = 1)
#' tf_config_cluster()$task$index
#' Sys.unsetenv("TF_CONFIG")
#' @export
tf_config_cluster <- function(cluster = NULL, task_type = "worker", task_index = NULL, set_env = TRUE) {
  if (!is.null(cluster) && is.list(cluster)) cluster <- lapply(cluster, as.list)  # one address stays a list
  out <- call_core("distribute.tf_config_cluster", cluster, task_type, task_index, set_env)
  if (is.null(cluster)) out else invisible(out)
}
