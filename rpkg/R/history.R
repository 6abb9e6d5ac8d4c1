# The training history, as R keras 2.x gives it: $params and $metrics
# (named numeric vectors, one value per epoch).

new_training_history <- function(h) {
  metrics <- lapply(h$metrics, as.numeric)
  params <- h$params
  structure(list(params = params, metrics = metrics, epoch = as.integer(unlist(h$epoch)) + 1L),
            class = "keras_training_history")
}

#' @export
print.keras_training_history <- function(x, ...) {
  p <- x$params
  n_epochs <- if (length(x$metrics)) length(x$metrics[[1]]) else 0L
  info <- c(if (!is.null(p$epochs)) paste0("epochs: ", n_epochs, if (n_epochs != p$epochs) paste0(" of ", p$epochs)),
            if (!is.null(p$steps)) paste0("steps per epoch: ", p$steps))
  if (length(info)) cat("Trained with ", paste(info, collapse = ", "), "\n", sep = "")
  if (!n_epochs) { cat("No epochs were run.\n"); return(invisible(x)) }
  cat("Final epoch (plot to see history):\n")
  last <- vapply(x$metrics, function(v) v[length(v)], numeric(1))
  labels <- formatC(names(last), width = max(nchar(names(last))))
  values <- formatC(last, format = "f", digits = 4)
  cat(paste0(labels, ": ", values), sep = "\n")
  invisible(x)
}

#' @export
as.data.frame.keras_training_history <- function(x, ...) {
  n <- if (length(x$metrics)) length(x$metrics[[1]]) else 0L
  nms <- names(x$metrics)
  is_val <- grepl("^val_", nms)
  base <- sub("^val_", "", nms)
  rows <- lapply(seq_along(nms), function(i) data.frame(
    epoch = seq_len(n), value = as.numeric(x$metrics[[i]]), metric = base[[i]],
    data = if (is_val[[i]]) "validation" else "training", stringsAsFactors = FALSE))
  df <- if (length(rows)) do.call(rbind, rows) else
    data.frame(epoch = integer(), value = numeric(), metric = character(), data = character())
  df$metric <- factor(df$metric, levels = unique(base))
  df$data <- factor(df$data, levels = c("training", "validation"))
  df
}

#' Plot a training history
#'
#' One panel per metric, training and validation together. Uses ggplot2 when it
#' is installed (returns the plot object), base graphics otherwise.
#' @param x A `keras_training_history`.
#' @param y Ignored.
#' @param metrics Which metrics to plot (default: all).
#' @param method `"auto"`, `"ggplot2"` or `"base"`.
#' @param smooth Add a smoothed line (ggplot2, 10 epochs or more).
#' @param theme_bw Use `ggplot2::theme_bw()`.
#' @param ... Ignored.
#' @returns A ggplot object (method `"ggplot2"`), or `x` invisibly (base graphics).
#' @examples
#' x <- matrix(runif(64 * 4), ncol = 4)
#' y <- x %*% c(1, -1, 0.5, 0)
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = "adam", loss = "mse")
#' history <- model %>% fit(x, y, epochs = 3, verbose = 0, validation_split = 0.25)
#' plot(history, method = "base")
#' @export
plot.keras_training_history <- function(x, y, metrics = NULL, method = c("auto", "ggplot2", "base"),
                                        smooth = getOption("keras.plot.history.smooth", TRUE),
                                        theme_bw = getOption("keras.plot.history.theme_bw", FALSE), ...) {
  method <- match.arg(method)
  df <- as.data.frame(x)
  if (!is.null(metrics)) df <- df[df$metric %in% metrics, , drop = FALSE]
  df$metric <- droplevels(df$metric)
  if (method == "auto") method <- if (requireNamespace("ggplot2", quietly = TRUE)) "ggplot2" else "base"
  if (method == "ggplot2") {
    p <- ggplot2::ggplot(df, ggplot2::aes(x = .data$epoch, y = .data$value, color = .data$data, fill = .data$data))
    if (theme_bw) p <- p + ggplot2::theme_bw()
    p <- p + ggplot2::geom_point(shape = 21, size = 2)
    if (smooth && max(df$epoch) >= 10) p <- p + ggplot2::geom_smooth(method = "loess", formula = y ~ x, se = FALSE)
    else p <- p + ggplot2::geom_line()
    p <- p + ggplot2::facet_grid(metric ~ ., switch = "y", scales = "free_y") +
      ggplot2::theme(axis.title.y = ggplot2::element_blank(), strip.placement = "outside",
                     strip.text = ggplot2::element_text(colour = "black", size = 11),
                     strip.background = ggplot2::element_rect(fill = NA, color = NA)) +
      ggplot2::labs(x = "epoch", color = "data", fill = "data")
    return(p)
  }
  mets <- levels(df$metric)
  op <- graphics::par(mfrow = c(length(mets), 1), mar = c(3, 4, 1, 1))
  on.exit(graphics::par(op))
  for (m in mets) {
    d <- df[df$metric == m, ]
    graphics::plot(d$epoch, d$value, type = "n", xlab = "epoch", ylab = m)
    for (s in levels(droplevels(d$data))) {
      di <- d[d$data == s, ]
      col <- if (s == "training") "#F8766D" else "#00BFC4"
      graphics::lines(di$epoch, di$value, col = col); graphics::points(di$epoch, di$value, col = col, pch = 19)
    }
    graphics::legend("topright", legend = levels(droplevels(d$data)), col = c("#F8766D", "#00BFC4")[seq_along(levels(droplevels(d$data)))], pch = 19, bty = "n")
  }
  invisible(x)
}
