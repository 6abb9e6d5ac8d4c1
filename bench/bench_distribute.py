"""One process against two workers on 127.0.0.1, from R and from Python (issue 13).

The MLP of bench_fit.py (784-512-10, dropout 0.2, rmsprop, batch 128) on
random data, trained by bench/distribute_worker.R and distribute_worker.py:
- "1 process": plain fit() with no strategy;
- "2 workers": MultiWorkerMirroredStrategy, two processes started by
  kerasbridge.launch_workers() with the same global batch of 128.
Each worker times its epochs; the first epoch (tracing) is left out, and a
run's time is the slowest worker's steady epoch. Runs are interleaved
(R 1, Py 1, R 2, Py 2, ...). Prints samples/s, the 2-worker/1-process ratio
(the engine's overhead: on one machine two workers share the same two cores)
and R/Python for the 2-worker run (target <= 1.05).

Run (after `bash scripts/setup.sh`):  .venv/bin/python bench/bench_distribute.py [--reps 3]
"""

import argparse
import os
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "pycore"))
sys.path.insert(0, os.path.join(ROOT, "tests"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from kerasbridge import distribute  # noqa: E402  (no TensorFlow import)
from rchild import r_child_env  # noqa: E402


def child_env():
    """A worker's environment: the tests' child R environment, with this core first."""
    env = r_child_env()
    env["PYTHONPATH"] = os.pathsep.join([os.path.join(ROOT, "pycore"), env.get("PYTHONPATH", "")])
    return env


def run(lang, workers, rows, epochs):
    """Seconds of one steady epoch (the slowest worker's median after epoch 1)."""
    script = os.path.join(ROOT, "bench", "distribute_worker." + ("R" if lang == "R" else "py"))
    program = ["Rscript"] if lang == "R" else [sys.executable]
    mode = "mw" if workers > 1 else "none"
    out = distribute.launch_workers(program + [script, str(rows), str(epochs), mode], n=workers,
                                    env=child_env(), timeout=1200)
    if out["status"] != [0] * workers:
        raise SystemExit(f"{lang} x{workers} failed:\n" + "\n".join(o[-3000:] for o in out["output"]))
    per_worker = []
    for text in out["output"]:
        line = next(l for l in text.splitlines() if l.startswith("EPOCH_SECONDS"))
        seconds = [float(v) for v in line.split()[1:]]
        per_worker.append(statistics.median(seconds[1:] or seconds))
    return max(per_worker)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=16384)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    kinds = [("R", 1), ("Python", 1), ("R", 2), ("Python", 2)]
    times = {k: [] for k in kinds}
    for _ in range(a.reps):
        for k in kinds:
            times[k].append(run(*k, a.rows, a.epochs))
    print(f"MLP 784-512-10, dropout 0.2, rmsprop; {a.rows} rows, global batch 128; {a.epochs} epochs "
          f"(first left out); {a.reps} interleaved runs each; {os.cpu_count()} CPUs")
    print(f"{'route':<28}{'min s/epoch':>12}{'median':>9}{'samples/s (median)':>20}")
    med = {}
    for (lang, n), ts in times.items():
        med[(lang, n)] = statistics.median(ts)
        label = f"{lang}, " + ("1 process" if n == 1 else f"{n} workers on 127.0.0.1")
        print(f"{label:<28}{min(ts):>12.3f}{med[(lang, n)]:>9.3f}{a.rows / med[(lang, n)]:>20.0f}")
    for lang in ("R", "Python"):
        print(f"{lang}: 2 workers / 1 process, time per epoch (median): {med[(lang, 2)] / med[(lang, 1)]:.3f}")
    print(f"2 workers, R / Python, time per epoch: median {med[('R', 2)] / med[('Python', 2)]:.3f}, "
          f"min {min(times[('R', 2)]) / min(times[('Python', 2)]):.3f} (target <= 1.05)")
    print(f"1 process, R / Python, time per epoch: median {med[('R', 1)] / med[('Python', 1)]:.3f}")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
