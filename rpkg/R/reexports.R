# Names R keras/keras3 scripts use without attaching the package that defines
# them (NAMESPACE: importFrom + export); documented on one page.

#' @importFrom magrittr %>% %<>%
#' @export
magrittr::`%>%`
#' @export
magrittr::`%<>%`

#' @importFrom reticulate tuple dict np_array r_to_py py_to_r import use_python use_virtualenv use_condaenv py_help array_reshape %as%
#' @export
reticulate::tuple
#' @export
reticulate::dict
#' @export
reticulate::np_array
#' @export
reticulate::r_to_py
#' @export
reticulate::py_to_r
#' @export
reticulate::import
#' @export
reticulate::use_python
#' @export
reticulate::use_virtualenv
#' @export
reticulate::use_condaenv
#' @export
reticulate::py_help
#' @export
reticulate::array_reshape
#' @export
reticulate::`%as%`
