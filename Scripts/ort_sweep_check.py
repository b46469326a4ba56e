#!/usr/bin/env python3
"""Check the models of a `condense sweep --units --save-models` run in ONNX Runtime.

Usage (from the repository root):

    python3 Scripts/ort_sweep_check.py SWEEP_DIR ORIGINAL.onnx --data DATA [--repeat 20]

For every row of SWEEP_DIR/summary.json that has a model: onnx.checker, the accuracy ORT
gives on the test data (against the accuracy Condense reported), and ORT's time for a
batch of 256 with one thread against the original's in the same run (median of --repeat,
after warm-up), next to the FLOP ratio. Writes SWEEP_DIR/ort.csv and SWEEP_DIR/ort.md and
exits 1 when a model fails the checker or its ORT accuracy differs from Condense's by more
than one sample.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import onnx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_models import Runner, load_data, scored  # noqa: E402


def median_seconds(runner, x, repeat):
    for _ in range(3):
        runner.run(x)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        runner.run(x)
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def checked_accuracy(path, x, y):
    """onnx.checker's verdict ("ok" or its first line), the ORT runner and its accuracy on (x, y)."""
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
        checker = "ok"
    except Exception as e:  # noqa: BLE001
        checker = str(e).splitlines()[0]
    runner = Runner(path)
    return checker, runner, float(np.mean(scored(runner.run(x)).argmax(1) == y))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("sweep")
    p.add_argument("original")
    p.add_argument("--data", required=True)
    p.add_argument("--repeat", type=int, default=20)
    a = p.parse_args()
    summary = json.load(open(os.path.join(a.sweep, "summary.json")))
    x, y = load_data(a.data, 10000)
    base = Runner(a.original)
    batch = x[:256]
    flops0 = summary["before"]["flops"]
    rows, bad = [], 0
    for r in summary["rows"]:
        path = r.get("model")
        if not path:
            continue
        checker, runner, accuracy = checked_accuracy(path, x, y)
        bad += 0 if checker == "ok" else 1
        agree = abs(accuracy - r["accuracy"]) * len(x) <= 1.0
        bad += 0 if agree else 1
        # Original and simplified timed back to back, so the ratio is from one run.
        t0, t1 = median_seconds(base, batch, a.repeat), median_seconds(runner, batch, a.repeat)
        rows.append({"method": r["method"], "fraction": r["fraction"], "checker": checker, "condense_accuracy": r["accuracy"],
                     "ort_accuracy": accuracy, "flop_ratio": flops0 / max(1, r["flops"]), "ort_speedup": t0 / t1,
                     "ms_original": 1e3 * t0, "ms_simplified": 1e3 * t1})
        print(f"{r['method']:>20} {100*r['fraction']:.0f}%: ORT {100*accuracy:.2f} % (Condense {100*r['accuracy']:.2f} %), "
              f"speed-up {t0/t1:.2f}x for {flops0/max(1,r['flops']):.2f}x fewer FLOPs, checker {checker}", flush=True)
    with open(os.path.join(a.sweep, "ort.csv"), "w") as f:
        keys = list(rows[0].keys())
        f.write(",".join(keys) + "\n")
        for r in rows:
            f.write(",".join(f"{r[k]:.6g}" if isinstance(r[k], float) else str(r[k]) for k in keys) + "\n")
    with open(os.path.join(a.sweep, "ort.md"), "w") as f:
        f.write("| method | removed | ORT accuracy | Condense accuracy | FLOP ratio | ORT speed-up (batch 256, 1 thread) | speed-up / FLOP ratio |\n")
        f.write("|---|---:|---:|---:|---:|---:|---:|\n")
        for r in rows:
            f.write(f"| {r['method']} | {100*r['fraction']:.0f} % | {100*r['ort_accuracy']:.2f} | {100*r['condense_accuracy']:.2f} | "
                    f"{r['flop_ratio']:.2f} | {r['ort_speedup']:.2f} | {r['ort_speedup']/r['flop_ratio']:.2f} |\n")
    print(f"wrote {a.sweep}/ort.csv and ort.md; {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
