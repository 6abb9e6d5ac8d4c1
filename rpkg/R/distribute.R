# tf.distribute from R (core: pycore/kerasbridge/distribute.py). Strategies
# themselves are TensorFlow's, used as R users write them:
# with(strategy$scope(), {...}), strategy$num_replicas_in_sync.

#' Read or write the TF_CONFIG cluster description
#'
#' TensorFlow's multi-worker strategies find the other workers through the
#' environment variable `TF_CONFIG` (JSON). `tf_config_cluster()` writes it
#' from an R list, or, called with no `cluster`, reads it back as one.
#'
#' R-defined layers, models, metrics, losses, callbacks and dataset functions
#' work under `MirroredStrategy` and `MultiWorkerMirroredStrategy`: their R
#' code always runs on R's thread. The one exception is an R `train_step()`
#' under a strategy with several devices in one process, an error of class
#' `kerasbridge_r_thread_error` (use one device per worker process).
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
  sync_tf_config()
  if (!is.null(cluster) && is.list(cluster)) cluster <- lapply(cluster, as.list)  # one address stays a list
  out <- call_core("distribute.tf_config_cluster", cluster, task_type, task_index, set_env)
  if (is.null(cluster)) return(out)
  if (isTRUE(set_env)) {  # R's environment too: Sys.getenv() and R's child processes see it
    Sys.setenv(TF_CONFIG = call_core("distribute.get_tf_config"))
    .kb_tf_config$last <- Sys.getenv("TF_CONFIG")
  }
  invisible(out)
}

# TensorFlow reads TF_CONFIG from Python's os.environ, which no longer follows
# R's Sys.setenv() once Python runs: R's value is handed over before a strategy
# is made (tf$distribute$..., see keras2-modules.R) or TF_CONFIG is read here.
.kb_tf_config <- new.env(parent = emptyenv())
.kb_tf_config$last <- "<not synced>"

sync_tf_config <- function() {
  value <- Sys.getenv("TF_CONFIG", NA)
  if (identical(value, .kb_tf_config$last)) return(invisible())
  call_core("distribute.set_tf_config", if (is.na(value)) NULL else value)
  .kb_tf_config$last <- value
  invisible()
}

#' Run several workers of one R script on this machine
#'
#' Starts `n` R processes of `script`, each with the `TF_CONFIG` of worker
#' `i` in a cluster of `n` workers on free ports of `host`, and waits for them.
#' Inside the script, `tf$distribute$MultiWorkerMirroredStrategy()` finds the
#' others; data made in R is split among the workers by `fit()`. When one
#' worker fails, the others are stopped (a worker alone would wait for its
#' peers forever). On real hosts, start the same script on each machine with
#' `tf_config_cluster(cluster, task_index = i)` (or `TF_CONFIG` set by the
#' cluster's scheduler) instead.
#'
#' @param script Path of the R script every worker runs.
#' @param n Number of workers.
#' @param args Further command-line arguments for the script
#'   (`commandArgs(trailingOnly = TRUE)` inside it).
#' @param host The address the workers listen on.
#' @param timeout Seconds after which the workers are stopped; `NULL` waits.
#' @param log_dir Where each worker's output goes (`worker-1.log`, ...);
#'   by default a new directory in the R session's temporary directory.
#' @returns A list: `status` (each worker's exit status), `output` (each
#'   worker's printed output and messages), `logs` (their files), `cluster`.
#' @seealso [is_chief()], [tf_config_cluster()],
#'   `vignette("distributed", package = "kerasbridge")`.
#' @examples
#' # each worker prints its place in the cluster (TF_CONFIG counts from 0)
#' script <- tempfile(fileext = ".R")
#' writeLines('cat(Sys.getenv("TF_CONFIG"), "\\n")', script)
#' run <- launch_workers(script, n = 2, timeout = 60)
#' run$status
#' cat(run$output, sep = "")
#' @export
launch_workers <- function(script, n = 2, args = character(), host = "127.0.0.1", timeout = NULL,
                           log_dir = tempfile("workers-")) {
  if (!is.character(script) || length(script) != 1L || !file.exists(script))
    abort_kb(c("{.arg script} must be the path of an existing R script.",
               x = "Received: {.val {format(script)}}.",
               i = "Give the file the workers run, e.g. {.code launch_workers(\"train.R\", n = 2)}."))
  sync_tf_config()
  command <- c(file.path(R.home("bin"), "Rscript"), normalizePath(script), as.character(args))
  out <- call_core("distribute.launch_workers", as.list(command), n, host, NULL, log_dir, timeout)
  out$status <- as.integer(unlist(out$status))
  out$output <- as.character(unlist(out$output))
  out$logs <- as.character(unlist(out$logs))
  out
}

#' Is this process the chief worker?
#'
#' In multi-worker training one worker, the chief, keeps checkpoints and the
#' saved model: the only process when `TF_CONFIG` is unset, the `chief` task
#' when the cluster has one, else the first worker. Every worker must still
#' call `save_model()` and the checkpoint callbacks (saving reads distributed
#' variables, a collective step): kerasbridge writes the other workers'
#' copies to a private temporary directory and removes them.
#'
#' @returns `TRUE` or `FALSE`.
#' @examples
#' is_chief()  # TRUE: no TF_CONFIG, this process is the only worker
#' @export
is_chief <- function() {
  sync_tf_config()
  call_core("distribute.is_chief")
}

#' How a dataset is split among workers
#'
#' `dataset_shard_policy()` sets the auto-sharding policy that
#' `tf.distribute` uses to give each worker its share of `dataset`: `"data"`
#' (every worker reads everything and keeps its share of the elements; the
#' right choice for data made in R), `"file"` (each worker reads its own
#' files), `"auto"` (file, else data), `"off"` (every worker sees every
#' element), `"hint"`. `distribute_dataset()` splits a dataset among the
#' replicas of `strategy` for a custom loop with `strategy$run()`; `fit()`
#' does this itself.
#'
#' @param dataset A TensorFlow dataset.
#' @param policy One of `"data"`, `"file"`, `"auto"`, `"off"`, `"hint"`.
#' @param strategy A `tf$distribute` strategy; `NULL` for the current one.
#' @returns A dataset (a distributed dataset for `distribute_dataset()`).
#' @examples
#' ds <- tensor_slices_dataset(1:8) %>% dataset_batch(4) %>% dataset_shard_policy("data")
#' strategy <- tf$distribute$OneDeviceStrategy("/cpu:0")
#' dist <- distribute_dataset(ds, strategy)
#' @export
dataset_shard_policy <- function(dataset, policy = "data") {
  call_core("distribute.dataset_shard_policy", dataset, policy)
}

#' @rdname dataset_shard_policy
#' @export
distribute_dataset <- function(dataset, strategy = NULL) {
  call_core("distribute.distribute_dataset", dataset, strategy)
}
