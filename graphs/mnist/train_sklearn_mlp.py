#!/usr/bin/env python3
"""Train a scikit-learn MLPClassifier (784-300-100-10) on MNIST and export it to ONNX.

What it does
    * reads the MNIST IDX files (gzip) from graphs/mnist/data/ with gzip + numpy,
      scales pixels as x/255 (float32, range [0, 1]);
    * trains sklearn.neural_network.MLPClassifier(hidden_layer_sizes=(300, 100),
      activation="relu", solver="adam", random_state=0) on the first
      --train-size training images (default all 60,000) for --max-iter epochs
      (default 20; a ConvergenceWarning is expected and silenced);
    * converts it with skl2onnx.convert_sklearn, FloatTensorType([None, 784]),
      options {id(model): {"zipmap": False}}, target_opset
      {"": 15, "ai.onnx.ml": 3}.  The graph is the typical skl2onnx one:
      Cast -> MatMul/Add/Relu x2 -> MatMul/Add -> Softmax, then ai.onnx.ml
      post-processing (ArgMax, ArrayFeatureExtractor, Cast, Reshape, ...) and
      two outputs: "label" (int64 [N]) and "probabilities" (float [N, 10]);
    * adds ONNX metadata_props condense.input_scale = "1/255",
      condense.input_domain = "0,1", condense.dataset = "mnist";
    * writes graphs/mnist/sklearn-mlp-300-100.onnx and
      graphs/mnist/sklearn-mlp-300-100.json (test accuracy on the 10,000 test
      images from sklearn and from onnxruntime, node op types, versions).

Run (from the repository root; about a minute on one core):
    python3 graphs/mnist/train_sklearn_mlp.py
Options: --train-size N, --max-iter N, --seed S, --out-dir DIR.

Deterministic: random_state fixed, BLAS limited to one thread.
"""

import argparse
import gzip
import json
import os
import sys
import time
import warnings

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
NAME = "sklearn-mlp-300-100"


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


def load_mnist(split, data_dir=DATA):
    """split: 'train' or 't10k'. Returns (x float32 [N,784] in [0,1], y int64 [N])."""
    x = read_idx(os.path.join(data_dir, f"{split}-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(data_dir, f"{split}-labels-idx1-ubyte.gz"))
    x = x.reshape(x.shape[0], -1).astype(np.float32) / np.float32(255.0)
    return x, y.astype(np.int64)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train-size", type=int, default=60000)
    ap.add_argument("--max-iter", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--out-dir", default=HERE)
    args = ap.parse_args()

    import onnx
    import onnxruntime as ort
    import sklearn
    import skl2onnx
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
    except ImportError:  # pragma: no cover
        pass

    np.random.seed(args.seed)
    xtr, ytr = load_mnist("train", args.data)
    xte, yte = load_mnist("t10k", args.data)
    xtr, ytr = xtr[:args.train_size], ytr[:args.train_size]

    model = MLPClassifier(hidden_layer_sizes=(300, 100), activation="relu",
                          solver="adam", learning_rate_init=1e-3, batch_size=128,
                          max_iter=args.max_iter, random_state=args.seed)
    t0 = time.time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(xtr, ytr)
    train_seconds = time.time() - t0
    sk_acc = float((model.predict(xte) == yte).mean())
    sk_proba = model.predict_proba(xte)
    print(f"trained in {train_seconds:.1f}s ({model.n_iter_} epochs), "
          f"sklearn test accuracy {sk_acc:.4f}", flush=True)

    onx = convert_sklearn(
        model, name="sklearn_mlp_300_100",
        initial_types=[("input", FloatTensorType([None, 784]))],
        options={id(model): {"zipmap": False}},
        target_opset={"": 15, "ai.onnx.ml": 3})
    for k, v in {"condense.input_scale": "1/255",
                 "condense.input_domain": "0,1",
                 "condense.dataset": "mnist"}.items():
        p = onx.metadata_props.add()
        p.key, p.value = k, v
    onx.doc_string = "sklearn MLPClassifier 784-300-100-10 (relu) trained on MNIST (x/255)"
    onnx.checker.check_model(onx, full_check=True)
    onnx_path = os.path.join(args.out_dir, NAME + ".onnx")
    onnx.save(onx, onnx_path)

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    sess = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
    out_names = [o.name for o in sess.get_outputs()]
    outs = dict(zip(out_names, sess.run(None, {"input": xte})))
    label, proba = outs["label"], outs["probabilities"]
    ort_acc = float((label == yte).mean())
    ort_argmax_acc = float((proba.argmax(1) == yte).mean())
    max_diff = float(np.abs(proba - sk_proba).max())
    label_agree = float((label == model.predict(xte)).mean())

    info = {
        "model": NAME + ".onnx",
        "architecture": "784-300-100-10 relu, softmax output (sklearn MLPClassifier)",
        "dataset": "mnist",
        "input_scale": "1/255",
        "train_images": int(xtr.shape[0]),
        "test_images": int(xte.shape[0]),
        "test_accuracy_sklearn": sk_acc,
        "test_accuracy_onnxruntime": ort_acc,
        "test_accuracy_onnxruntime_argmax_probabilities": ort_argmax_acc,
        "label_agreement_sklearn_vs_ort": label_agree,
        "max_abs_probability_diff_sklearn_vs_ort": max_diff,
        "max_iter": args.max_iter,
        "n_iter": int(model.n_iter_),
        "solver": "adam lr=1e-3 batch=128",
        "seed": args.seed,
        "exporter": "skl2onnx.convert_sklearn (zipmap=False)",
        "opset": [{"domain": o.domain, "version": o.version} for o in onx.opset_import],
        "op_types": [(n.domain + "." if n.domain else "") + n.op_type for n in onx.graph.node],
        "inputs": [i.name for i in onx.graph.input],
        "outputs": [o.name for o in onx.graph.output],
        "metadata_props": {p.key: p.value for p in onx.metadata_props},
        "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__,
                     "skl2onnx": skl2onnx.__version__, "onnx": onnx.__version__,
                     "onnxruntime": ort.__version__, "numpy": np.__version__},
    }
    json_path = os.path.join(args.out_dir, NAME + ".json")
    with open(json_path, "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    print(f"wrote {onnx_path} ({os.path.getsize(onnx_path)} bytes) and {json_path}")
    print(f"test accuracy: sklearn {sk_acc:.4f}, onnxruntime {ort_acc:.4f}; "
          f"max |proba diff| {max_diff:.2e}")
    print("op types:", " ".join(info["op_types"]))


if __name__ == "__main__":
    main()
