#!/usr/bin/env python3
"""Train Pipeline(StandardScaler, MLPClassifier(256, 64)) on MNIST and export it to ONNX.

The pre-processing is part of the model: skl2onnx writes the scaler as an ai.onnx.ml
`Scaler` node before the network, so a tool that ignores the nodes around the network
scores this model wrongly. Pixels are x/255 (metadata condense.input_scale "1/255",
condense.input_domain "0,1"); StandardScaler then centres and scales each pixel (constant
pixels get scale 1).

    python3 graphs/mnist/train_sklearn_pipeline.py   # about a minute on one core

Writes graphs/mnist/sklearn-pipeline.onnx (no ZipMap; outputs "label" and
"probabilities") and sklearn-pipeline.json (accuracies from scikit-learn and ONNX Runtime
on the 10,000 test images, operators, versions). Deterministic: random_state 0, one BLAS thread.
"""

import json
import os
import sys
import time
import warnings

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from train_sklearn_mlp import load_mnist  # noqa: E402

NAME = "sklearn-pipeline"


def main():
    import onnx
    import onnxruntime as ort
    import sklearn
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    xtr, ytr = load_mnist("train")
    xte, yte = load_mnist("t10k")
    mlp = MLPClassifier(hidden_layer_sizes=(256, 64), max_iter=15, random_state=0)
    pipe = Pipeline([("scale", StandardScaler()), ("mlp", mlp)])
    t0 = time.time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipe.fit(xtr, ytr)
    seconds = time.time() - t0
    sk_acc = float(pipe.score(xte, yte))
    onx = convert_sklearn(pipe, NAME, initial_types=[("input", FloatTensorType([None, 784]))],
                          options={id(mlp): {"zipmap": False}}, target_opset={"": 17, "ai.onnx.ml": 3})
    for k, v in {"condense.input_scale": "1/255", "condense.input_domain": "0,1", "condense.dataset": "mnist"}.items():
        p = onx.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(onx, full_check=True)
    path = os.path.join(HERE, NAME + ".onnx")
    onnx.save(onx, path)
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    label, proba = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"]).run(None, {"input": xte})
    info = {"model": NAME + ".onnx", "architecture": "StandardScaler, then 784-256-64-10 relu MLPClassifier",
            "test_accuracy_sklearn": sk_acc, "test_accuracy_onnxruntime": float((label == yte).mean()),
            "max_iter": 15, "train_seconds": round(seconds, 1), "operators": sorted({n.op_type for n in onx.graph.node}),
            "versions": {"scikit-learn": sklearn.__version__, "onnxruntime": ort.__version__}}
    with open(os.path.join(HERE, NAME + ".json"), "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    print(info)


if __name__ == "__main__":
    main()
