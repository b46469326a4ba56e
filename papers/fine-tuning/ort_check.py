#!/usr/bin/env python3
"""Check the fine-tuned models of papers/fine-tuning in ONNX Runtime.

    python3 papers/fine-tuning/ort_check.py MODEL_DIR --model ORIGINAL.onnx --data DATA

For every MODEL_DIR/models/NAME.onnx with its report MODEL_DIR/NAME.json: onnx.checker, the
test accuracy in ORT against the one Condense reported, and ORT's time for a batch of 256
(one thread, medians, original and fine-tuned back to back). Writes MODEL_DIR/ort.md and
exits 1 when a model fails the checker or differs from Condense's accuracy by more than one sample.
"""
import argparse
import glob
import json
import os
import sys


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Scripts"))
from check_models import Runner, load_data  # noqa: E402
from ort_sweep_check import checked_accuracy, median_seconds  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True)
    a = p.parse_args()
    x, y = load_data(a.data, 10000)
    base = Runner(a.model)
    rows, bad = [], 0
    for path in sorted(glob.glob(os.path.join(a.folder, "models", "*.onnx"))):
        name = os.path.basename(path)[:-5]
        report = json.load(open(os.path.join(a.folder, name + ".json")))
        checker, runner, acc = checked_accuracy(path, x, y)
        bad += 0 if checker == "ok" else 1
        agree = abs(acc - report["metric_after"]) * len(x) <= 1.0
        bad += 0 if agree else 1
        speed = median_seconds(base, x[:256], 20) / median_seconds(runner, x[:256], 20)
        flops = report["before"]["flops"] / max(1, report["after"]["flops"])
        rows.append((name, checker, acc, report["metric_after"], flops, speed))
        print(f"{name}: ORT {100 * acc:.2f} % (Condense {100 * report['metric_after']:.2f} %), checker {checker}, "
              f"speed-up {speed:.2f}x for {flops:.2f}x fewer FLOPs", flush=True)
    with open(os.path.join(a.folder, "ort.md"), "w") as f:
        f.write("| model | checker | ORT accuracy | Condense accuracy | FLOP ratio | ORT speed-up (batch 256, 1 thread) |\n")
        f.write("|---|---|---:|---:|---:|---:|\n")
        for n, c, acc, cond, fl, sp in rows:
            f.write(f"| {n} | {c} | {100 * acc:.2f} | {100 * cond:.2f} | {fl:.2f} | {sp:.2f} |\n")
        f.write(f"\n{len(rows)} models, {bad} problem(s).\n")
    print(f"wrote {a.folder}/ort.md; {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
