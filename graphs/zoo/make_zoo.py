#!/usr/bin/env python3
"""Write graphs/zoo/: small models made outside Condense, in the styles users bring, each
with the data it is scored on (.npz: x float32, y) and ONNX Runtime's outputs on it.

    python3 graphs/zoo/make_zoo.py      # a few seconds; deterministic; needs scikit-learn,
                                        # skl2onnx, onnx, onnxruntime, numpy

Data: scikit-learn's bundled `load_digits` (1,797 8x8 images, pixel values 0..16; the
last 500 are the test split written here) and `load_diabetes` (442 patients, 10 features).

Each NAME.npz holds x, y and ONNX Runtime's outputs as ort_OUTPUT.

Models (metadata condense.input_domain gives the domain of the model's input):
    sklearn-pipeline    Pipeline(StandardScaler, MLPClassifier(32, 16)) on digits, skl2onnx,
                        no ZipMap: Scaler, MatMul/Add/Relu, Softmax, ArgMax, ... two outputs.
                        Domain 0,16.
    sklearn-binary      MLPClassifier(16) on digits, "digit >= 5": a single logistic unit;
                        skl2onnx turns it into two probability columns. Domain 0,16.
    sigmoid-binary      the same network as one Gemm/Relu/Gemm/Sigmoid graph with a single
                        probability column [N, 1] (PyTorch's style): class 1 when >= 0.5.
    sklearn-regressor   Pipeline(StandardScaler, MLPRegressor(16)) on diabetes: one output.
                        Domain: the data's range.
    subdiv-mlp          The pipeline's network with explicit Sub/Div input normalisation
                        (PyTorch style: (x - mean) / std, Gemm, Relu, ..., logits). Domain 0,16.
    dropout-mlp         Gemm Relu Dropout(ratio input, opset 13) Gemm Relu Dropout Gemm.
    transpose-matmul    MatMul(x, Transpose(Constant W)) + Add (the dynamo exporter's style),
                        with Identity after an activation.
    gemm-skip           h1 = Relu(Gemm(x)); h2 = Relu(Gemm(h1) + Gemm(x)) (a skip projection); Gemm(h2).
    identity-residual   h1 = Relu(Gemm(x)); h2 = Relu(h1 + Gemm(h1)); logits = Gemm(h2).
The last four reuse trained weights of an MLPClassifier(32, 32) on digits, so that they
classify well and their outputs are meaningful.
"""

import json
import os
import warnings

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
F = TensorProto.FLOAT


def meta(model, domain, extra=None):
    props = {"condense.input_domain": domain}
    props.update(extra or {})
    for k, v in props.items():
        p = model.metadata_props.add()
        p.key, p.value = k, v
    return model


def save(model, name, x, y):
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(HERE, name + ".onnx")
    onnx.save(model, path)
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    outs = sess.run(None, {sess.get_inputs()[0].name: x.astype(np.float32)})
    outs = {o.name: np.asarray(v) for o, v in zip(sess.get_outputs(), outs)}
    # ONNX Runtime's outputs ride along as ort_<output> (float32 scores, int64 labels), for the tests.
    extra = {f"ort_{k}": v.astype(np.float32 if v.dtype.kind == "f" else np.int64) for k, v in outs.items()}
    np.savez_compressed(os.path.join(HERE, name + ".npz"), x=x.astype(np.float32), y=y, **extra)
    return outs


def sklearn_models(results):
    from sklearn.datasets import load_diabetes, load_digits
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    digits = load_digits()
    x, y = digits.data.astype(np.float32), digits.target.astype(np.int64)
    xtr, ytr, xte, yte = x[:-500], y[:-500], x[-500:], y[-500:]

    def convert(est, features, name):
        opts = {id(est): {"zipmap": False}} if hasattr(est, "predict_proba") else None
        if isinstance(est, Pipeline) and hasattr(est, "predict_proba"):
            opts = {id(est.steps[-1][1]): {"zipmap": False}}
        return convert_sklearn(est, name, initial_types=[("input", FloatTensorType([None, features]))],
                               options=opts, target_opset={"": 17, "ai.onnx.ml": 3})

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipe = Pipeline([("scale", StandardScaler()),
                         ("mlp", MLPClassifier(hidden_layer_sizes=(32, 16), max_iter=300, random_state=0))]).fit(xtr, ytr)
        m = meta(convert(pipe, 64, "sklearn-pipeline"), "0,16")
        results["sklearn-pipeline"] = (save(m, "sklearn-pipeline", xte, yte), float(pipe.score(xte, yte)))

        yb_tr, yb_te = (ytr >= 5).astype(np.int64), (yte >= 5).astype(np.int64)
        binary = MLPClassifier(hidden_layer_sizes=(16,), max_iter=300, random_state=0).fit(xtr, yb_tr)
        m = meta(convert(binary, 64, "sklearn-binary"), "0,16")
        results["sklearn-binary"] = (save(m, "sklearn-binary", xte, yb_te), float(binary.score(xte, yb_te)))

        diabetes = load_diabetes()
        xd, yd = diabetes.data.astype(np.float32), diabetes.target.astype(np.float32)
        reg = Pipeline([("scale", StandardScaler()),
                        ("mlp", MLPRegressor(hidden_layer_sizes=(16,), max_iter=2000, random_state=0, learning_rate_init=0.01))]).fit(xd[:-100], yd[:-100])
        lo, hi = float(xd.min()), float(xd.max())
        m = meta(convert(reg, 10, "sklearn-regressor"), f"{lo},{hi}")
        results["sklearn-regressor"] = (save(m, "sklearn-regressor", xd[-100:], yd[-100:]),
                                        float(reg.score(xd[-100:], yd[-100:])))

        # A single sigmoid column (PyTorch's style of a binary classifier): the binary MLP's own weights.
        nodes = [helper.make_node("Gemm", ["input", "W0", "B0"], ["z1"], transB=1),
                 helper.make_node("Relu", ["z1"], ["h1"]),
                 helper.make_node("Gemm", ["h1", "W1", "B1"], ["z2"], transB=1),
                 helper.make_node("Sigmoid", ["z2"], ["probability"])]
        g = helper.make_graph(nodes, "sigmoid-binary", [helper.make_tensor_value_info("input", F, ["N", 64])],
                              [helper.make_tensor_value_info("probability", F, ["N", 1])],
                              [numpy_helper.from_array(v.astype(np.float32), k) for k, v in
                               {"W0": binary.coefs_[0].T, "B0": binary.intercepts_[0],
                                "W1": binary.coefs_[1].T, "B1": binary.intercepts_[1]}.items()])
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_zoo")
        m.ir_version = 8
        m = meta(m, "0,16")
        results["sigmoid-binary"] = (save(m, "sigmoid-binary", xte, yb_te), float(binary.score(xte, yb_te)))

        # Weights for the hand-built graphs.
        scaler = pipe.named_steps["scale"]
        mlp = pipe.named_steps["mlp"]
        mlp2 = MLPClassifier(hidden_layer_sizes=(32, 32), max_iter=300, random_state=1).fit(xtr / 16.0, ytr)
    return (xte, yte), scaler, mlp, mlp2


def graph_model(name, nodes, inits, opset=17, domain="0,16"):
    g = helper.make_graph(nodes, name, [helper.make_tensor_value_info("input", F, ["N", 64])],
                          [helper.make_tensor_value_info("logits", F, ["N", 10])],
                          [numpy_helper.from_array(np.asarray(v, dtype=np.float32) if v.dtype != np.int64 else v, k)
                           for k, v in inits.items()])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="make_zoo")
    m.ir_version = 8
    return meta(m, domain)


def hand_built(results, test, scaler, mlp, mlp2):
    xte, yte = test
    W = [w.astype(np.float32) for w in mlp.coefs_]
    B = [b.astype(np.float32) for b in mlp.intercepts_]
    scale = scaler.scale_.astype(np.float32).copy()
    nodes = [helper.make_node("Sub", ["input", "mean"], ["centred"]),
             helper.make_node("Div", ["centred", "std"], ["normalised"]),
             helper.make_node("Gemm", ["normalised", "W0", "B0"], ["z1"], transB=1),
             helper.make_node("Relu", ["z1"], ["h1"]),
             helper.make_node("Gemm", ["h1", "W1", "B1"], ["z2"], transB=1),
             helper.make_node("Relu", ["z2"], ["h2"]),
             helper.make_node("Gemm", ["h2", "W2", "B2"], ["logits"], transB=1)]
    inits = {"mean": scaler.mean_.astype(np.float32), "std": scale,
             "W0": W[0].T, "B0": B[0], "W1": W[1].T, "B1": B[1], "W2": W[2].T, "B2": B[2]}
    results["subdiv-mlp"] = (save(graph_model("subdiv-mlp", nodes, inits), "subdiv-mlp", xte, yte), None)

    # The (32, 32) network on x/16, with x/16 folded into the first weights.
    V = [w.astype(np.float32) for w in mlp2.coefs_]
    C = [b.astype(np.float32) for b in mlp2.intercepts_]
    V0 = V[0] / 16.0
    nodes = [helper.make_node("Gemm", ["input", "W0", "B0"], ["z1"], transB=1),
             helper.make_node("Relu", ["z1"], ["h1"]),
             helper.make_node("Dropout", ["h1", "ratio"], ["d1"]),
             helper.make_node("Gemm", ["d1", "W1", "B1"], ["z2"], transB=1),
             helper.make_node("Relu", ["z2"], ["h2"]),
             helper.make_node("Dropout", ["h2", "ratio"], ["d2", "mask2"]),
             helper.make_node("Gemm", ["d2", "W2", "B2"], ["logits"], transB=1)]
    inits = {"W0": V0.T, "B0": C[0], "W1": V[1].T, "B1": C[1], "W2": V[2].T, "B2": C[2],
             "ratio": np.array(0.25, dtype=np.float32)}
    results["dropout-mlp"] = (save(graph_model("dropout-mlp", nodes, inits, opset=13), "dropout-mlp", xte, yte), None)

    nodes = [helper.make_node("Constant", [], ["Wt0"], value=numpy_helper.from_array(V0.T.copy(), "Wt0")),
             helper.make_node("Transpose", ["Wt0"], ["W0"], perm=[1, 0]),
             helper.make_node("MatMul", ["input", "W0"], ["m1"]),
             helper.make_node("Add", ["m1", "B0"], ["z1"]),
             helper.make_node("Relu", ["z1"], ["r1"]),
             helper.make_node("Identity", ["r1"], ["h1"]),
             helper.make_node("Transpose", ["Wt1"], ["W1"]),
             helper.make_node("MatMul", ["h1", "W1"], ["m2"]),
             helper.make_node("Add", ["B1", "m2"], ["z2"]),
             helper.make_node("Relu", ["z2"], ["h2"]),
             helper.make_node("Transpose", ["Wt2"], ["W2"], perm=[1, 0]),
             helper.make_node("MatMul", ["h2", "W2"], ["m3"]),
             helper.make_node("Add", ["m3", "B2"], ["logits"])]
    inits = {"B0": C[0], "Wt1": V[1].T.copy(), "B1": C[1], "Wt2": V[2].T.copy(), "B2": C[2]}
    results["transpose-matmul"] = (save(graph_model("transpose-matmul", nodes, inits), "transpose-matmul", xte, yte), None)

    rng = np.random.default_rng(0)
    Ws = (rng.normal(size=(32, 64)) * 0.01).astype(np.float32)
    nodes = [helper.make_node("Gemm", ["input", "W0", "B0"], ["z1"], transB=1),
             helper.make_node("Relu", ["z1"], ["h1"]),
             helper.make_node("Gemm", ["h1", "W1", "B1"], ["a2"], transB=1),
             helper.make_node("Gemm", ["input", "Ws", "Bs"], ["s2"], transB=1, alpha=0.5),
             helper.make_node("Add", ["a2", "s2"], ["z2"]),
             helper.make_node("Relu", ["z2"], ["h2"]),
             helper.make_node("Gemm", ["h2", "W2", "B2"], ["logits"], transB=1)]
    inits = {"W0": V0.T, "B0": C[0], "W1": V[1].T, "B1": C[1], "Ws": Ws, "Bs": np.zeros(32, np.float32),
             "W2": V[2].T, "B2": C[2]}
    results["gemm-skip"] = (save(graph_model("gemm-skip", nodes, inits), "gemm-skip", xte, yte), None)

    nodes = [helper.make_node("Gemm", ["input", "W0", "B0"], ["z1"], transB=1),
             helper.make_node("Relu", ["z1"], ["h1"]),
             helper.make_node("Gemm", ["h1", "W1", "B1"], ["f1"], transB=1, beta=0.5),
             helper.make_node("Add", ["h1", "f1"], ["z2"]),
             helper.make_node("Relu", ["z2"], ["h2"]),
             helper.make_node("Gemm", ["h2", "W2", "B2"], ["logits"], transB=1)]
    inits = {"W0": V0.T, "B0": C[0], "W1": (V[1].T * 0.5), "B1": C[1], "W2": V[2].T, "B2": C[2]}
    results["identity-residual"] = (save(graph_model("identity-residual", nodes, inits), "identity-residual", xte, yte), None)


def main():
    results = {}
    test, scaler, mlp, mlp2 = sklearn_models(results)
    hand_built(results, test, scaler, mlp, mlp2)
    summary = {}
    for name, (outs, sk_score) in results.items():
        data = np.load(os.path.join(HERE, name + ".npz"))
        first = next(iter(outs.values()))
        scores = [v for v in outs.values() if v.dtype == np.float32]
        entry = {"outputs": {k: list(v.shape) for k, v in outs.items()}, "sklearn_score": sk_score}
        if name != "sklearn-regressor":
            if first.dtype == np.int64:
                pred = first
            elif scores[0].shape[1] == 1:
                pred = (scores[0][:, 0] >= 0.5).astype(np.int64)
            else:
                pred = scores[0].argmax(1)
            entry["ort_accuracy"] = float((pred.reshape(-1) == data["y"]).mean())
        else:
            p = scores[0].reshape(-1)
            entry["ort_mse"] = float(((p - data["y"]) ** 2).mean())
        summary[name] = entry
        print(name, entry)
    with open(os.path.join(HERE, "zoo.json"), "w") as f:
        json.dump({"models": summary, "versions": {"onnx": onnx.__version__, "onnxruntime": ort.__version__}}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
