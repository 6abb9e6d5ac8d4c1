"""The same fit from R (through kerasbridge) and from Python (Keras directly), in one process.

MLP 784-512-10, dropout 0.2, rmsprop; 60,000 x 784 random doubles made in R,
integer labels; batch 128, 3 epochs. Interleaved runs; min/median wall and CPU
time, the ratio R / Python, and the peak memory the R route adds, in float32
copies of x. What is measured and why: bench/README.md.

Run (after `bash scripts/setup.sh`):  .venv/bin/python bench/bench_fit.py
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERASBRIDGE_PYTHON", sys.executable)

import numpy as np  # noqa: E402

import rbridge  # noqa: E402

MB = 1e6


def proc_status():
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, val = line.split(":")
                out[key] = int(val.split()[0]) * 1024  # kB -> bytes
    return out


def reset_peak_rss():
    """Reset VmHWM to the current RSS (Linux >= 4.0); False where not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def timed(run):
    """(wall seconds, process CPU seconds) of run(). CPU time is the steadier
    figure on a machine shared with other work; wall time is what users wait."""
    w, c = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - w, time.process_time() - c


def r_setup(n, seed):
    rbridge.r("suppressPackageStartupMessages(library(kerasbridge)); invisible(kerasbridge:::core())")
    rbridge.r(f"""
      set.seed({seed})
      bench_x <- matrix(runif({n} * 784), nrow = {n}, ncol = 784)
      bench_y <- sample(0:9, {n}, replace = TRUE)
      bench_model <- function(seed) {{
        set_random_seed(seed)
        model <- keras_model_sequential() %>%
          layer_dense(units = 512, activation = "relu", input_shape = c(784)) %>%
          layer_dropout(rate = 0.2) %>%
          layer_dense(units = 10, activation = "softmax")
        model %>% compile(optimizer = "rmsprop", loss = "sparse_categorical_crossentropy",
                          metrics = "accuracy")
        model
      }}
      NULL
    """)


def r_fit(epochs, batch_size, seed, rows=None):
    """One R fit; (wall, CPU) seconds spent in R's fit() (conversion included)."""
    rbridge.r(f"bench_m <- bench_model({seed}); invisible(gc()); NULL")
    x, y = ("bench_x", "bench_y") if rows is None else (f"bench_x[1:{rows}, ]", f"bench_y[1:{rows}]")
    code = f"bench_h <- bench_m %>% fit({x}, {y}, batch_size = {batch_size}, epochs = {epochs}, verbose = 0); NULL"
    return timed(lambda: rbridge.r(code))


def py_model(seed):
    import keras
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((784,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def py_fit(x, y, epochs, batch_size, seed):
    model = py_model(seed)
    return timed(lambda: model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0))


def peak_growth(run):
    """Run `run()`; returns (peak RSS growth over the RSS before it, bytes) or None."""
    import gc
    gc.collect()
    if not reset_peak_rss():
        run()
        return None
    before = proc_status()["VmRSS"]
    run()
    return proc_status()["VmHWM"] - before


class KerasFitSpy:
    """Wraps keras.Model.fit while active: times each call and describes the x it gets.

    Around an R fit, (R fit time) - (time inside keras' fit) is what kerasbridge
    itself costs: R argument shaping, checks, conversion, the history back to R.
    That difference is small and sequential, so machine load barely blurs it.
    """

    def __init__(self, r_view=None):
        self.r_view = r_view
        self.inner = []
        self.seen = {}

    def __enter__(self):
        import keras
        self._keras, self._original = keras, keras.Model.fit
        spy = self

        def fit(model, x=None, *args, **kwargs):
            if isinstance(x, np.ndarray) and spy.r_view is not None:
                spy.seen.update(dtype=str(x.dtype), c_contiguous=bool(x.flags.c_contiguous),
                                nbytes=int(x.nbytes), shares_memory_with_r=bool(np.shares_memory(x, spy.r_view)))
            t0 = time.perf_counter()
            try:
                return spy._original(model, x, *args, **kwargs)
            finally:
                spy.inner.append(time.perf_counter() - t0)

        keras.Model.fit = fit
        return self

    def __exit__(self, *exc):
        self._keras.Model.fit = self._original
        return False


def summarize(times):
    return {"min": min(times), "median": statistics.median(times), "runs": times}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=3, help="timed runs of each kind (default 3)")
    ap.add_argument("--n", type=int, default=60000, help="rows of x (default 60000)")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    ep, bs, seed = args.epochs, args.batch_size, args.seed

    r_setup(args.n, seed)
    # The same numbers for Python, row-major as NumPy users have them (not timed).
    r_view = rbridge.r("bench_x")          # reticulate: a view of R's matrix (float64, column-major)
    assert r_view.shape == (args.n, 784)
    x64 = np.ascontiguousarray(r_view)
    x32 = x64.astype(np.float32)
    y = np.asarray(rbridge.r("array(bench_y)"), dtype=np.int32)
    assert y.shape == (args.n,) and y.min() >= 0 and y.max() <= 9

    # The conversion alone; the process' first large copy pays one-off costs
    # (x64 above took them), so this is what each fit pays.
    from kerasbridge import convert
    convert_s = min(timed(lambda: convert.as_array(r_view, "x"))[0] for _ in range(3))

    # Warm up both routes once (thread pools, first tracing), on a slice.
    r_fit(1, bs, seed, rows=2048)
    py_fit(x32[:2048], y[:2048], 1, bs, seed)

    kinds = {"r": lambda: r_fit(ep, bs, seed),
             "py64": lambda: py_fit(x64, y, ep, bs, seed),
             "py32": lambda: py_fit(x32, y, ep, bs, seed)}
    times = {k: [] for k in kinds}
    cpu = {k: [] for k in kinds}
    order = list(kinds)
    load_before = os.getloadavg()[0]
    spy, overhead = KerasFitSpy(), []
    for rep in range(args.reps):
        for k in order[rep % 3:] + order[:rep % 3]:   # rotate who goes first
            if k == "r":
                with spy:
                    wall, c = kinds[k]()
                overhead.append(wall - spy.inner[-1])
            else:
                wall, c = kinds[k]()
            times[k].append(wall)
            cpu[k].append(c)
            print(f"  rep {rep + 1}: {k:5s} {wall:7.2f} s wall {c:7.2f} s CPU  (load {os.getloadavg()[0]:.1f})",
                  flush=True)

    res = {k: summarize(v) for k, v in times.items()}
    for k in kinds:
        res[k]["cpu"] = summarize(cpu[k])
    res["ratio_cpu_median_r_over_best_python"] = res["r"]["cpu"]["median"] / min(
        res["py64"]["cpu"]["median"], res["py32"]["cpu"]["median"])
    res["load_average"] = {"before": load_before, "after": os.getloadavg()[0]}
    best_py = min(res["py64"]["median"], res["py32"]["median"])
    res["ratio_median_r_over_best_python"] = res["r"]["median"] / best_py
    res["ratio_min_r_over_best_python"] = res["r"]["min"] / min(res["py64"]["min"], res["py32"]["min"])
    res["ratio_median_r_over_py64"] = res["r"]["median"] / res["py64"]["median"]
    res["ratio_median_r_over_py32"] = res["r"]["median"] / res["py32"]["median"]
    res["conversion_s"] = convert_s
    res["kerasbridge_overhead_s"] = summarize(overhead)
    # Right after a fit, R's matrix has sat idle for seconds; on this VM the first
    # pass over idle memory is several times slower than the next one (CPU time, no
    # page faults seen by the guest). Both passes, to tell that from kerasbridge's own cost.
    py_fit(x32, y, ep, bs, seed)
    res["conversion_after_fit_s"] = [timed(lambda: convert.as_array(r_view, "x"))[0] for _ in range(2)]
    res["kerasbridge_overhead_fraction_of_r_fit"] = statistics.median(
        o / w for o, w in zip(overhead, times["r"]))
    res["setup"] = {"n": args.n, "epochs": ep, "batch_size": bs, "reps": args.reps,
                    "cpus": os.cpu_count(), "python": platform.python_version()}

    one_copy = args.n * 784 * 4
    if not args.no_memory:
        mem = {"float32_copy_bytes": one_copy, "r_matrix_bytes": args.n * 784 * 8}
        with KerasFitSpy(r_view) as seen:
            r_fit(ep, bs, seed)
        mem["keras_receives"] = seen.seen
        mem["peak_growth_r"] = peak_growth(kinds["r"])
        mem["peak_growth_py32"] = peak_growth(kinds["py32"])
        mem["peak_growth_py64"] = peak_growth(kinds["py64"])
        if mem["peak_growth_r"] is not None:
            extra = mem["peak_growth_r"] - mem["peak_growth_py32"]
            mem["r_extra_over_py32_bytes"] = extra
            mem["r_extra_in_float32_copies"] = extra / one_copy
        res["memory"] = mem

    print()
    print(f"fit: MLP 784-512-10, dropout 0.2, rmsprop; x {args.n} x 784 doubles; batch {bs}; {ep} epochs; "
          f"{args.reps} interleaved runs each; {os.cpu_count()} CPUs")
    print(f"{'route':28s} {'min s':>8s} {'median s':>9s} {'CPU median s':>13s}")
    for k, label in [("r", "R fit() via kerasbridge"), ("py64", "Python keras, float64 x"),
                     ("py32", "Python keras, float32 x")]:
        print(f"{label:28s} {res[k]['min']:8.2f} {res[k]['median']:9.2f} {res[k]['cpu']['median']:13.2f}")
    print(f"ratio R / best Python: median {res['ratio_median_r_over_best_python']:.3f}, "
          f"min {res['ratio_min_r_over_best_python']:.3f} "
          f"(R/py64 {res['ratio_median_r_over_py64']:.3f}, R/py32 {res['ratio_median_r_over_py32']:.3f}); "
          f"CPU time median {res['ratio_cpu_median_r_over_best_python']:.3f}")
    print(f"kerasbridge's own time per R fit (R fit minus keras' fit inside it): "
          f"median {res['kerasbridge_overhead_s']['median']:.3f} s, "
          f"{100 * res['kerasbridge_overhead_fraction_of_r_fit']:.1f}% of the R fit; "
          f"of which the conversion (float64 column-major -> float32 row-major): {convert_s:.3f} s")
    cold, warm = res["conversion_after_fit_s"]
    print(f"conversion right after a fit: {cold:.3f} s (R's matrix idle during the fit), then {warm:.3f} s")
    print(f"load average: {res['load_average']['before']:.1f} before, {res['load_average']['after']:.1f} after "
          f"({os.cpu_count()} CPUs; other work on the machine inflates wall times)")
    if "memory" in res:
        m = res["memory"]
        print(f"\nmemory: R's matrix {m['r_matrix_bytes'] / MB:.0f} MB (before the fit, not counted); "
              f"one float32 copy {one_copy / MB:.0f} MB")
        print(f"  Keras receives from R: {m['keras_receives']}")
        if m["peak_growth_r"] is None:
            print("  peak RSS: /proc/self/clear_refs not writable here; skipped")
        else:
            print(f"  peak RSS growth during fit: R {m['peak_growth_r'] / MB:.0f} MB, "
                  f"py32 {m['peak_growth_py32'] / MB:.0f} MB, py64 {m['peak_growth_py64'] / MB:.0f} MB")
            print(f"  R route's extra over py32: {m['r_extra_over_py32_bytes'] / MB:.0f} MB "
                  f"= {m['r_extra_in_float32_copies']:.2f} float32 copies")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=2)
    print("\n" + json.dumps({k: v for k, v in res.items() if k not in ("r", "py64", "py32", "memory")}))
    sys.stdout.flush()
    # R's gc() from Python (GIL held), then leave without rpy2's exit hook: see ../shared/PLATFORM.md
    del r_view
    rbridge.shutdown()
    os._exit(0)


if __name__ == "__main__":
    main()
