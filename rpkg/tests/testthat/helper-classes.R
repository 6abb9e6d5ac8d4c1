# Shared pieces of the class-constructor tests (test-new_*_class.R etc.).

# A layer that uses self, super and private; sizes arrive as doubles from R.
define_linear <- function(classname = "RLinear") {
  new_layer_class(classname,
    initialize = function(units = 3, ...) {
      super$initialize(...)
      self$units <- units
      private$calls <- 0
    },
    build = function(input_shape) {
      self$w <- self$add_weight(name = "w", shape = c(input_shape[[2]], self$units),
                                initializer = "ones")
      self$b <- self$add_weight(name = "b", shape = c(self$units), initializer = "zeros")
    },
    call = function(inputs, training = NULL) {
      private$calls <- private$calls + 1
      tf$matmul(inputs, self$w) + self$b
    },
    n_calls = function() private$calls
  )
}

class_xy <- function(n = 16) {
  set.seed(1)
  x <- matrix(runif(n * 4), n, 4)
  list(x = x, y = x %*% c(1, -2, 0.5, 3))
}

# Run R code in a fresh R session (a new process) and return its value.
in_new_r_session <- function(fn, args = list()) {
  callr::r(fn, args = args, libpath = .libPaths(),
           env = c(callr::rcmd_safe_env(),
                   KERASBRIDGE_PYTHON = Sys.getenv("KERASBRIDGE_PYTHON"),
                   TF_CPP_MIN_LOG_LEVEL = "3"))
}
