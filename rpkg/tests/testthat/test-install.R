# R/install.R: install_kerasbridge() / install_keras() and kerasbridge_config().
# Offline: the pip commands are checked with dry_run; only a venv without pip is made.

# a folder that looks like a kerasbridge checkout, for `source`
fake_checkout <- function() {
  dir <- tempfile("checkout")
  dir.create(file.path(dir, "pycore", "kerasbridge"), recursive = TRUE)
  writeLines("[project]", file.path(dir, "pyproject.toml"))
  normalizePath(dir)
}

test_that("install_kerasbridge() installs the pinned requirements, then the core without its dependencies", {
  root <- fake_checkout()
  env <- tempfile("venv")
  expect_message(cmds <- install_kerasbridge(env, dry_run = TRUE, python = "/usr/bin/python3", source = root), "Would run")
  expect_equal(cmds[[1]], c("/usr/bin/python3", "-m", "venv", env))
  pip <- cmds[[2]]
  expect_equal(pip[2:5], c("-m", "pip", "install", "--upgrade"))
  expect_true(all(c("tensorflow-cpu==2.21.0", "numpy>=1.26,<2") %in% pip))
  expect_equal(tail(cmds[[3]], 2), c("--upgrade", root))
  expect_true("--no-deps" %in% cmds[[3]])
})

test_that("gpu = TRUE swaps in TensorFlow's CUDA build at the same version, other pins unchanged", {
  src <- fake_checkout()
  cpu <- suppressMessages(install_kerasbridge(tempfile(), dry_run = TRUE, python = "python3", source = src))
  gpu <- suppressMessages(install_keras(tempfile(), gpu = TRUE, dry_run = TRUE, python = "python3", source = src))
  expect_true("tensorflow[and-cuda]==2.21.0" %in% gpu[[2]])
  expect_false(any(grepl("tensorflow-cpu", gpu[[2]])))
  expect_equal(setdiff(gpu[[2]][-1], "tensorflow[and-cuda]==2.21.0"), setdiff(cpu[[2]][-1], "tensorflow-cpu==2.21.0"))
})

test_that("an existing venv is updated, not created again", {
  py <- Sys.which("python3")
  skip_if(!nzchar(py), "no python3")
  env <- tempfile("venv")
  on.exit(unlink(env, recursive = TRUE))
  # a real venv, offline: without pip
  expect_equal(system2(py, kerasbridge:::venv_command(py, env, without_pip = TRUE)[-1], stdout = FALSE), 0L)
  expect_true(file.exists(file.path(env, "bin", "python")))
  cmds <- suppressMessages(install_kerasbridge(env, dry_run = TRUE, source = fake_checkout()))
  expect_length(cmds, 2)
  expect_equal(cmds[[1]][1], file.path(env, "bin", "python"))
})

test_that("install_kerasbridge() errors name the argument", {
  expect_error(install_kerasbridge(tempfile(), gpu = "yes", dry_run = TRUE), class = "kerasbridge_argument_error")
  expect_error(install_kerasbridge(tempfile(), source = tempdir(), dry_run = TRUE), "source")
})

test_that("kerasbridge_config() and tf_config() report the Python and how it was chosen", {
  skip_if_no_core()
  cfg <- kerasbridge_config()
  expect_s3_class(cfg, "kerasbridge_python_config")
  expect_equal(cfg$python, reticulate::py_config()$python)
  expect_type(cfg$source, "character")
  expect_match(cfg$tensorflow, "^2[.]")
  expect_match(cfg$keras, "^3[.]")
  expect_type(cfg$gpus, "integer")
  expect_output(print(cfg), "chosen by")
  tcfg <- tf_config()
  expect_equal(tcfg$python_source, cfg$source)
  expect_equal(tf_gpu_configured(verbose = FALSE), cfg$gpus > 0)
})
