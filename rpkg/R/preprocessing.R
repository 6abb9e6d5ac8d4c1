#' Pad sequences to the same length
#'
#' As in R keras 2.x: a list of integer vectors (e.g. word indices) becomes an
#' integer matrix with one row per sequence.
#' @param sequences A list of integer vectors.
#' @param maxlen Length of the rows (default: the longest sequence).
#' @param dtype Type of the result.
#' @param padding,truncating `"pre"` or `"post"`.
#' @param value Padding value.
#' @export
pad_sequences <- function(sequences, maxlen = NULL, dtype = "int32", padding = "pre",
                          truncating = "pre", value = 0) {
  if (!is.list(sequences)) sequences <- list(sequences)
  seqs <- lapply(sequences, function(s) as.integer(s))
  call_core("convert.pad_sequences", lapply(seqs, function(s) array(s, dim = length(s))),
            maxlen = maxlen, dtype = dtype, padding = padding, truncating = truncating, value = value)
}
