#!/usr/bin/env python3
"""Cross-check an ONNX MNIST classifier with onnxruntime (accuracy, diff, timing).

Usage (from the repository root):

    python3 Scripts/ort_check.py MODEL.onnx [--data graphs/mnist/data] [--limit N]
                                 [--condense-outputs OUT.npy] [--bench] [--json]
    python3 Scripts/ort_check.py MODEL.onnx --check-model [--json]

What it does
    * loads the first N (--limit, default all 10,000) MNIST test images from the
      IDX .gz files in --data, scales them to float32 x/255 in [0, 1] (x/256 if
      the model's metadata says condense.input_scale = "1/256"; --scale
      overrides), shape [N, 784]; a 4-D model input gets [N, 1, 28, 28], a
      float64 model input gets float64;
    * runs onnxruntime (CPU) and reports the accuracy: argmax of the first float
      output of rank 2 (probabilities or logits; --output NAME to choose) vs the
      labels;
    * --condense-outputs OUT.npy: a float32 array [N, classes] written by the
      Swift tool for the same N images; reports max |condense - ort| over that
      output, argmax agreement and the accuracy of the condense outputs;
    * --bench: times onnxruntime with intra_op_num_threads=1 and with the default
      thread count, per batch of 256 and per single sample (median over
      --repeat runs after warm-up), printed as JSON;
    * --check-model: only runs onnx.checker.check_model(full_check=True) and
      prints "ok" or the error (exit status 0 / 1).

--json prints one JSON object instead of text.  Exit status 2 on bad usage
(e.g. the .npy has the wrong shape).  Deterministic apart from timings.
"""

import argparse
import gzip
import json
import os
import statistics
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(ROOT, "graphs", "mnist", "data")


def read_idx(path):
    """Read a gzip-compressed IDX file into a numpy array (uint8)."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic = int.from_bytes(raw[0:4], "big")
    if magic >> 8 != 0x08:
        raise ValueError(f"{path}: unexpected IDX magic {magic:#010x}")
    ndim = magic & 0xFF
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_test(data_dir, limit):
    x = read_idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz"))
    if limit is not None:
        x, y = x[:limit], y[:limit]
    return x.reshape(x.shape[0], -1), y.astype(np.int64)


def fail(msg, as_json, code=2):
    if as_json:
        print(json.dumps({"error": msg}))
    else:
        print(f"error: {msg}", file=sys.stderr)
    sys.exit(code)


def check_model(path, as_json):
    import onnx
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
        result, code = "ok", 0
    except Exception as e:  # noqa: BLE001 - report whatever the checker says
        result, code = f"{type(e).__name__}: {e}".strip(), 1
    print(json.dumps({"model": path, "check_model": result}) if as_json else result)
    return code


def make_session(path, threads):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads  # 0 = onnxruntime's default
    so.log_severity_level = 3
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def median_ms(fn, repeat, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def bench(path, in_name, x, repeat):
    out = {}
    batch = x[:256]
    if batch.shape[0] < 256:  # tile so that a batch is always 256 rows
        batch = np.concatenate([batch] * (256 // max(1, batch.shape[0]) + 1))[:256]
    for label, threads in (("single_thread", 1), ("default_threads", 0)):
        sess = make_session(path, threads)
        b_ms = median_ms(lambda: sess.run(None, {in_name: batch}), repeat)
        singles = [x[i:i + 1] for i in range(min(len(x), 64))]
        k = [0]

        def one():
            sess.run(None, {in_name: singles[k[0] % len(singles)]})
            k[0] += 1
        s_ms = median_ms(one, repeat * 10, warmup=10)
        out[label] = {
            "intra_op_num_threads": threads,
            "batch256_ms_median": round(b_ms, 4),
            "batch256_samples_per_s": round(256 / b_ms * 1e3, 1),
            "single_sample_ms_median": round(s_ms, 4),
            "single_samples_per_s": round(1 / s_ms * 1e3, 1),
            "runs": {"batch": repeat, "single": repeat * 10},
        }
    return out


def main():
    ap = argparse.ArgumentParser(
        description="Cross-check an ONNX MNIST classifier with onnxruntime.",
        epilog="See the module docstring for details.")
    ap.add_argument("model")
    ap.add_argument("--data", default=DEFAULT_DATA, help="folder with the MNIST IDX .gz files")
    ap.add_argument("--limit", type=int, default=None, help="use the first N test images")
    ap.add_argument("--condense-outputs", metavar="OUT.npy",
                    help="float32 [N, classes] outputs of the Swift tool to compare")
    ap.add_argument("--output", help="output name to use (default: first float rank-2 output)")
    ap.add_argument("--scale", type=float, default=None,
                    help="divide pixels by this (default from metadata, else 255)")
    ap.add_argument("--bench", action="store_true", help="time onnxruntime (JSON)")
    ap.add_argument("--repeat", type=int, default=30, help="timed runs per batch benchmark")
    ap.add_argument("--check-model", action="store_true",
                    help="only run onnx.checker.check_model(full_check=True)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    if not os.path.isfile(args.model):
        fail(f"no such file: {args.model}", args.json)
    if args.check_model:
        return check_model(args.model, args.json)
    if args.limit is not None and args.limit <= 0:
        fail("--limit must be positive", args.json)

    import onnx
    import onnxruntime as ort

    meta = {p.key: p.value for p in onnx.load(args.model, load_external_data=False).metadata_props}
    scale = args.scale
    if scale is None:
        s = meta.get("condense.input_scale", "1/255").replace(" ", "")
        scale = float(s[2:]) if s.startswith("1/") else 1.0 / float(s)

    try:
        sess = make_session(args.model, 1)
    except Exception as e:  # noqa: BLE001
        fail(f"onnxruntime cannot load {args.model}: {e}", args.json, 1)
    inputs = sess.get_inputs()  # excludes initializers that old models list as inputs
    if len(inputs) != 1:
        fail(f"expected one model input, found {[i.name for i in inputs]}", args.json)
    inp = inputs[0]
    dtype = {"tensor(float)": np.float32, "tensor(double)": np.float64}.get(inp.type)
    if dtype is None:
        fail(f"unsupported input type {inp.type}", args.json)

    pixels, labels = load_test(args.data, args.limit)
    n = len(labels)
    x = (pixels.astype(np.float64) / scale).astype(dtype)
    rank = len(inp.shape) if inp.shape is not None else 2
    if rank == 4:
        x = x.reshape(n, 1, 28, 28)
    elif rank == 3:
        x = x.reshape(n, 28, 28)

    outs_meta = sess.get_outputs()
    if args.output:
        names = [o.name for o in outs_meta]
        if args.output not in names:
            fail(f"no output {args.output!r}; outputs are {names}", args.json)
        out_name = args.output
    else:
        floats = [o for o in outs_meta if o.type in ("tensor(float)", "tensor(double)")]
        ranked = [o for o in floats if o.shape is not None and len(o.shape) == 2]
        if not floats:
            fail("the model has no float output", args.json)
        out_name = (ranked or floats)[0].name

    t0 = time.perf_counter()
    try:
        scores = sess.run([out_name], {inp.name: x})[0]
    except Exception as e:  # noqa: BLE001 - e.g. a model that does not take 784 pixels
        fail(f"onnxruntime failed on input {list(x.shape)}: {e}", args.json, 1)
    run_s = time.perf_counter() - t0
    scores = scores.reshape(n, -1)
    pred = scores.argmax(1)
    result = {
        "model": args.model,
        "input": inp.name,
        "input_shape": list(x.shape),
        "input_scale": f"1/{scale:g}",
        "output": out_name,
        "n": n,
        "classes": int(scores.shape[1]),
        "accuracy": float((pred == labels).mean()),
        "correct": int((pred == labels).sum()),
        "ort_seconds_single_thread": round(run_s, 4),
        "versions": {"onnxruntime": ort.__version__, "onnx": onnx.__version__},
    }

    if args.condense_outputs:
        try:
            c = np.load(args.condense_outputs)
        except Exception as e:  # noqa: BLE001
            fail(f"cannot read {args.condense_outputs}: {e}", args.json)
        if c.ndim == 1 and c.size == scores.size:
            c = c.reshape(scores.shape)
        if c.shape != scores.shape:
            fail(f"{args.condense_outputs} has shape {list(c.shape)}, onnxruntime's "
                 f"{out_name!r} has {list(scores.shape)} (same --limit?)", args.json)
        diff = np.abs(c.astype(np.float64) - scores.astype(np.float64))
        cpred = c.argmax(1)
        worst = np.unravel_index(int(np.nanargmax(diff)), diff.shape) if diff.size else (0, 0)
        result["condense"] = {
            "file": args.condense_outputs,
            "dtype": str(c.dtype),
            "max_abs_diff": float(np.nanmax(diff)) if not np.isnan(diff).all() else None,
            "mean_abs_diff": float(np.nanmean(diff)) if not np.isnan(diff).all() else None,
            "worst": {"row": int(worst[0]), "col": int(worst[1])},
            "nan_count": int(np.isnan(c).sum()),
            "argmax_agreement": float((cpred == pred).mean()),
            "accuracy": float((cpred == labels).mean()),
        }

    if args.bench:
        result["bench"] = bench(args.model, inp.name, x, args.repeat)

    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"model     {args.model}")
        print(f"input     {inp.name} {list(x.shape)} ({np.dtype(dtype).name}, x/{scale:g})")
        print(f"output    {out_name} [{n}, {scores.shape[1]}]")
        print(f"accuracy  {result['accuracy']:.4f} ({result['correct']}/{n})")
        if "condense" in result:
            c = result["condense"]
            mx = "n/a" if c["max_abs_diff"] is None else f"{c['max_abs_diff']:.3e}"
            print(f"condense  max|diff| {mx}  mean|diff| "
                  f"{c['mean_abs_diff'] or 0:.3e}  argmax agreement {c['argmax_agreement']:.4f}"
                  f"  accuracy {c['accuracy']:.4f}" + (f"  NaNs {c['nan_count']}"
                                                        if c['nan_count'] else ""))
        if "bench" in result:
            print(json.dumps(result["bench"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
