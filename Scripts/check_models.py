#!/usr/bin/env python3
"""Check Condense against ONNX Runtime on every bundled model, through the CLI.

    python3 Scripts/check_models.py [--condense .build/release/condense] [--json OUT.json] [MODEL ...]

For each model (graphs/zoo, graphs/mnist, graphs/fashion) with its data:
  1. `condense inspect MODEL --json` must succeed;
  2. `condense evaluate MODEL --data DATA --json --dump-outputs OUT.npy`: the metric must
     equal ONNX Runtime's (accuracy, or MSE for a regressor), and the dumped scored
     output must be within 1e-4 of ORT's, relative to the output's scale;
  3. `condense simplify MODEL -o S.onnx --mode exact --data DATA`: S must pass
     onnx.checker and run in ORT, and ORT(S) must stay within 1e-5 of ORT(MODEL) relative
     to the output scale, on 1,000 seeded random points of the model's domain
     (condense.input_domain) and on the data;
  4. the round trip: when exact collapse removed nothing, ORT's outputs of S and MODEL must
     be bit-identical.
Prints one line per model and a table; exits 1 if any check fails. Needs onnx, onnxruntime, numpy.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime as ort

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = [
    ("graphs/zoo/sklearn-pipeline.onnx", "graphs/zoo/sklearn-pipeline.npz"),
    ("graphs/zoo/sklearn-binary.onnx", "graphs/zoo/sklearn-binary.npz"),
    ("graphs/zoo/sigmoid-binary.onnx", "graphs/zoo/sigmoid-binary.npz"),
    ("graphs/zoo/sklearn-regressor.onnx", "graphs/zoo/sklearn-regressor.npz"),
    ("graphs/zoo/subdiv-mlp.onnx", "graphs/zoo/subdiv-mlp.npz"),
    ("graphs/zoo/dropout-mlp.onnx", "graphs/zoo/dropout-mlp.npz"),
    ("graphs/zoo/transpose-matmul.onnx", "graphs/zoo/transpose-matmul.npz"),
    ("graphs/zoo/gemm-skip.onnx", "graphs/zoo/gemm-skip.npz"),
    ("graphs/zoo/identity-residual.onnx", "graphs/zoo/identity-residual.npz"),
    ("graphs/mnist/lenet-300-100.onnx", "graphs/mnist/data"),
    ("graphs/mnist/sklearn-mlp-300-100.onnx", "graphs/mnist/data"),
    ("graphs/mnist/sklearn-pipeline.onnx", "graphs/mnist/data"),
    ("graphs/mnist/lenet5.onnx", "graphs/mnist/data"),
    ("graphs/mnist/lenet5-dynamo.onnx", "graphs/mnist/data"),
    ("graphs/fashion/resnet8.onnx", "graphs/fashion/data"),
    ("graphs/fashion/resnet8-bn.onnx", "graphs/fashion/data"),
    ("graphs/fashion/resnet8-dynamo.onnx", "graphs/fashion/data"),
]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = int.from_bytes(raw[0:4], "big") & 0xFF
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_data(path, limit):
    if path.endswith(".npz"):
        d = np.load(path)
        return d["x"][:limit].astype(np.float32), d["y"][:limit]
    x = read_idx(os.path.join(path, "t10k-images-idx3-ubyte.gz"))[:limit]
    y = read_idx(os.path.join(path, "t10k-labels-idx1-ubyte.gz"))[:limit]
    return x.reshape(len(x), -1).astype(np.float32) / np.float32(255), y.astype(np.int64)


class Runner:
    def __init__(self, path):
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        self.session = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0]

    def run(self, x):
        shape = [len(x)] + [d if isinstance(d, int) else -1 for d in self.input.shape[1:]]
        if len(shape) > 2:
            x = x.reshape(shape)
        outs = self.session.run(None, {self.input.name: x})
        return {o.name: np.asarray(v) for o, v in zip(self.session.get_outputs(), outs)}


def scored(outputs):
    """The first float output (probabilities, logits or values), as Condense scores it."""
    for v in outputs.values():
        if v.dtype in (np.float32, np.float64):
            return v.reshape(len(v), -1).astype(np.float64)
    raise ValueError("no float output")


def relative_change(a, b):
    worst = 0.0
    for k in a:
        if a[k].dtype in (np.float32, np.float64):
            scale = max(1.0, float(np.abs(a[k]).max()))
            worst = max(worst, float(np.abs(a[k].astype(np.float64) - b[k]).max()) / scale)
        elif not np.array_equal(a[k], b[k]):
            worst = max(worst, float(np.mean(a[k] != b[k])))  # label outputs: the share that differs
    return worst


def condense(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"condense {' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def check(binary, model, data, tmp):
    name = os.path.basename(model)[:-5]
    row = {"model": model}
    json.loads(condense(binary, "inspect", model, "--json"))
    x, y = load_data(data, 2000)
    dump = os.path.join(tmp, name + ".npy")
    ev = json.loads(condense(binary, "evaluate", model, "--data", data, "--limit", "2000", "--json",
                             "--dump-outputs", dump))
    reference = Runner(model).run(x)
    ref_scores = scored(reference)
    mine = np.load(dump).reshape(len(x), -1).astype(np.float64)
    row["evaluate_vs_ort"] = float(np.abs(mine - ref_scores).max() / max(1.0, np.abs(ref_scores).max()))
    evaluation = ev.get("evaluation", ev)
    if evaluation.get("task") == "regress":
        ort_mse = float(((ref_scores.reshape(-1) - y) ** 2).mean())
        row["metric"] = f"MSE {evaluation['mse']:.6g} / ORT {ort_mse:.6g}"
        row["metric_ok"] = abs(evaluation["mse"] - ort_mse) <= 1e-4 * max(1.0, ort_mse)
    else:
        labels = [v for v in reference.values() if v.dtype == np.int64]
        pred = labels[0].reshape(-1) if labels else (ref_scores.argmax(1) if ref_scores.shape[1] > 1 else
                                                      (ref_scores[:, 0] >= 0.5).astype(np.int64))
        ort_acc = float((pred == y).mean())
        row["metric"] = f"accuracy {100 * evaluation['accuracy']:.2f} % / ORT {100 * ort_acc:.2f} %"
        row["metric_ok"] = abs(evaluation["accuracy"] - ort_acc) < 1e-12
    simplified = os.path.join(tmp, name + "-exact.onnx")
    report = json.loads(condense(binary, "simplify", model, "-o", simplified, "--mode", "exact", "--data", data,
                                 "--limit", "2000", "--json"))
    onnx.checker.check_model(onnx.load(simplified), full_check=True)
    after = Runner(simplified)
    removed = report.get("removed", [])
    row["removed"] = len(removed) if isinstance(removed, list) else removed
    domain = {p.key: p.value for p in onnx.load(model).metadata_props}.get("condense.input_domain", "-1,1")
    lo, hi = (float(v) for v in domain.split(","))
    rng = np.random.default_rng(0)
    points = rng.uniform(lo, hi, size=(1000, x.shape[1])).astype(np.float32)
    row["exact_change_random"] = relative_change(Runner(model).run(points), after.run(points))
    row["exact_change_data"] = relative_change(reference, after.run(x))
    if row["removed"]:  # the unchanged round trip
        simplified = os.path.join(tmp, name + "-roundtrip.onnx")
        condense(binary, "simplify", model, "-o", simplified, "--mode", "exact", "--rules", "none")
        after = Runner(simplified)
    row["round_trip_identical"] = all(np.array_equal(reference[k], v) for k, v in after.run(x).items())
    row["ok"] = (row["metric_ok"] and row["evaluate_vs_ort"] <= 1e-4 and row["exact_change_random"] <= 1e-5
                 and row["exact_change_data"] <= 1e-5 and row.get("round_trip_identical", True))
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("models", nargs="*")
    ap.add_argument("--condense", default=os.path.join(ROOT, ".build", "release", "condense"))
    ap.add_argument("--json")
    args = ap.parse_args()
    os.chdir(ROOT)
    chosen = [m for m in MODELS if not args.models or m[0] in args.models]
    rows, failed = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for model, data in chosen:
            if not os.path.exists(model):
                print(f"{model}: missing", file=sys.stderr)
                failed += 1
                continue
            try:
                row = check(args.condense, model, data, tmp)
            except Exception as e:  # one line per failure, keep going
                row = {"model": model, "ok": False, "error": str(e)}
            rows.append(row)
            failed += not row["ok"]
            print(json.dumps(row), flush=True)
    print("\nmodel | metric (Condense / ORT) | evaluate vs ORT | removed | exact change random / data | round trip")
    for r in rows:
        if "error" in r:
            print(f"{r['model']} | FAILED: {r['error']}")
            continue
        rt = "identical" if r.get("round_trip_identical") else ("n/a" if "round_trip_identical" not in r else "DIFFERS")
        print(f"{r['model']} | {r['metric']} | {r['evaluate_vs_ort']:.1e} | {r['removed']} | "
              f"{r['exact_change_random']:.1e} / {r['exact_change_data']:.1e} | {rt}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
    print(f"{len(rows) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
