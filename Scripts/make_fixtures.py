#!/usr/bin/env python3
"""Write the small ONNX test fixtures used by CondenseONNXTests.

Run from the repository root (a few seconds, deterministic; re-running
reproduces byte-identical files):

    python3 Scripts/make_fixtures.py [--out Tests/CondenseONNXTests/Fixtures]

Requires torch, onnx, onnxruntime, scikit-learn, skl2onnx, numpy.

Valid fixtures.  For each NAME.onnx there is NAME.expected.json with
    input            4 seeded rows in [0, 1], shape [4, in_features] (the model
                     input flattened; "input_shape" gives the real shape to feed)
    input_name, input_shape, input_dtype ("float32" | "float64")
    outputs          {output name: onnxruntime result as nested lists} for every
                     graph output (the first float tensor output is named in
                     "primary_output")
    core_widths      [in, h1, ..., out] of the dense neural core
    activations      one per dense layer: relu | leaky_relu | sigmoid | tanh |
                     identity  (leaky_relu's slope is in "leaky_relu_alpha")
    output_transform none | softmax | log_softmax (applied after the last layer)
    kept_operators   op types outside the neural core, in graph order (input
                     adapters such as Flatten/Reshape/Cast and post-processing
                     such as ArgMax/ArrayFeatureExtractor); Constant nodes that
                     only carry weights are not listed
    opset, notes

    torch_gemm      torch.onnx.export (classic exporter) of
                    Sequential(Linear(8,5), ReLU, Linear(5,4), ReLU, Linear(4,3)):
                    Gemm(transB=1) / Relu, dynamic batch, opset 17.
    torch_matmul    torch.onnx.export of x @ W + b layers (W is [in, out]):
                    MatMul + Add / Relu, 6-5-4-3, opset 17.
    sklearn_mlp     skl2onnx MLPClassifier, 8 features, hidden (5, 4), 3 classes,
                    zipmap False: Cast, MatMul/Add/Relu, Softmax, Identity, ArgMax,
                    ai.onnx.ml ArrayFeatureExtractor, Reshape, Cast; outputs
                    "label" (int64 [N]) and "probabilities" (float [N, 3]).
    gemm_attrs      hand-built, opset 9, IR 4, float_data weights, initializers
                    ALSO listed as graph inputs (old exporter style), 6-5-4-4-3:
                    Gemm(alpha=0.5, beta=2, transB=0; W is [in,out]) LeakyRelu(0.2),
                    Gemm(alpha=1.5, transB=1) Sigmoid, Gemm(transB=0) Tanh,
                    Gemm(transB=1) Identity.
    flatten_input   input [N,1,2,3] -> Flatten -> Gemm -> Relu -> Gemm -> Softmax,
                    opset 13 (6-4-3).
    reshape_input   input [N,2,3] -> Reshape(shape initializer [-1, 6]) -> Gemm ->
                    Relu -> Gemm -> LogSoftmax, opset 13 (6-4-3).
    double_weights  float64 input and weights (raw_data): Gemm -> Tanh -> Gemm
                    (6-4-3), opset 13.
    constant_nodes  weights and biases come from Constant nodes (value attribute,
                    raw_data float32), no initializers: Gemm -> Relu -> Gemm (6-4-3).

Bad fixtures (bad_fixtures.json maps file name -> a substring a good error
message should contain):
    truncated.onnx          first 60% of the bytes of torch_gemm.onnx
    not_onnx.onnx           plain English text
    unsupported_op.onnx     Gemm -> Elu -> Gemm (Elu inside the core; valid ONNX)
    mismatched_shapes.onnx  second Gemm's weight is [3, 5] but the first layer
                            has 4 outputs (checker not run)
    nan_weights.onnx        first weight matrix contains a NaN (valid ONNX)
    absurd_size.onnx        initializer declaring dims [2e9, 2e9] with 16 bytes
                            of raw_data
"""

import argparse
import json
import os
import sys
import warnings

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "Tests", "CondenseONNXTests", "Fixtures")

CORE_OPS = {"Gemm", "MatMul", "Add", "Relu", "LeakyRelu", "Sigmoid", "Tanh",
            "Softmax", "LogSoftmax", "Constant"}


def inputs_for(seed, n_in, dtype=np.float32):
    """4 seeded rows in [0, 1]."""
    return np.random.default_rng(seed).random((4, n_in)).astype(dtype)


def tolist(a):
    a = np.asarray(a)
    if a.dtype.kind == "f":
        return [float(v) for v in a] if a.ndim == 1 else [tolist(r) for r in a]
    return a.tolist()


def save_model(model, path):
    # onnx.save writes a deterministic serialization for a given proto.
    with open(path, "wb") as f:
        f.write(model.SerializeToString(deterministic=True))


def to_json(obj, indent=0):
    """JSON with one line per innermost list (rows stay readable)."""
    pad = " " * (indent + 1)
    if isinstance(obj, dict):
        items = [f"{pad}{json.dumps(k)}: {to_json(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(obj, list) and any(isinstance(v, (list, dict)) for v in obj):
        items = [pad + to_json(v, indent + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    return json.dumps(obj)


def write_json(path, obj):
    with open(path, "w") as f:
        f.write(to_json(obj) + "\n")


def write_expected(out, name, *, seed, core_widths, activations, output_transform,
                   notes, leaky_alpha=None, input_shape=None, dtype=np.float32,
                   check=True):
    """Run onnxruntime on NAME.onnx with 4 seeded rows and write NAME.expected.json."""
    import onnxruntime as ort
    path = os.path.join(out, name + ".onnx")
    model = onnx.load(path)
    if check:
        onnx.checker.check_model(model, full_check=True)
    init_names = {i.name for i in model.graph.initializer}
    real_inputs = [i for i in model.graph.input if i.name not in init_names]
    assert len(real_inputs) == 1, name
    inp = real_inputs[0]
    x = inputs_for(seed, core_widths[0], dtype)
    shape = input_shape or [core_widths[0]]
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.log_severity_level = 3
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    results = sess.run(None, {inp.name: x.reshape([4] + list(shape))})
    outputs = {n: tolist(r) for n, r in zip(names, results)}
    primary = next(n for n, r in zip(names, results) if r.dtype.kind == "f" and r.ndim == 2)
    kept = [n.op_type for n in model.graph.node if n.op_type not in CORE_OPS]
    if activations and activations[-1] == "identity" and "Identity" in kept \
            and name == "gemm_attrs":
        kept.remove("Identity")  # the explicit Identity is the last layer's activation
    exp = {
        "input": tolist(x),
        "input_name": inp.name,
        "input_shape": [4] + list(shape),
        "input_dtype": np.dtype(dtype).name,
        "outputs": outputs,
        "primary_output": primary,
        "core_widths": core_widths,
        "activations": activations,
        "output_transform": output_transform,
        "kept_operators": kept,
        "opset": {(o.domain or "ai.onnx"): o.version for o in model.opset_import},
        "notes": notes,
    }
    if leaky_alpha is not None:
        exp["leaky_relu_alpha"] = leaky_alpha
    write_json(os.path.join(out, name + ".expected.json"), exp)


# --------------------------------------------------------------------------
# helpers for hand-built graphs

def rnd(rng, *shape, dtype=np.float32):
    return rng.uniform(-1.0, 1.0, size=shape).astype(dtype)


def make(nodes, inits, inp, outp, opset, name, ir_version=None, domain_opsets=None,
         inits_as_inputs=False):
    inputs = [inp]
    if inits_as_inputs:
        inputs += [helper.make_tensor_value_info(t.name, t.data_type, list(t.dims))
                   for t in inits]
    g = helper.make_graph(nodes, name, inputs, [outp], initializer=inits)
    opsets = [helper.make_opsetid("", opset)] + (domain_opsets or [])
    m = helper.make_model(g, opset_imports=opsets, producer_name="condense-fixtures",
                          producer_version="1")
    m.ir_version = ir_version or {9: 4, 13: 7, 17: 8}.get(opset, 8)
    return m


def gemm_chain(rng, widths, acts, *, final=None, dtype=np.float32,
               elem=TensorProto.FLOAT, input_name="x", output_name="y",
               pre_nodes=(), first_input=None):
    """Gemm(transB=1) layers with the given activation op per layer (None = none)."""
    nodes, inits = list(pre_nodes), []
    cur = first_input or input_name
    for i, (a, b) in enumerate(zip(widths, widths[1:])):
        # biases in [-0.2, 0.8] so that most ReLUs are active on inputs in [0, 1]
        w, bias = rnd(rng, b, a, dtype=dtype), rnd(rng, b, dtype=dtype) * 0.5 + 0.3
        inits += [numpy_helper.from_array(w, f"W{i}"), numpy_helper.from_array(bias, f"B{i}")]
        nodes.append(helper.make_node("Gemm", [cur, f"W{i}", f"B{i}"], [f"g{i}"],
                                      name=f"gemm{i}", transB=1))
        cur = f"g{i}"
        if acts[i]:
            nodes.append(helper.make_node(acts[i], [cur], [f"a{i}"], name=f"act{i}"))
            cur = f"a{i}"
    if final:
        nodes.append(helper.make_node(final, [cur], [output_name], name="final", axis=1))
    else:
        nodes[-1].output[0] = output_name
    return nodes, inits


# --------------------------------------------------------------------------
# valid fixtures

def torch_gemm(out):
    import torch
    torch.manual_seed(1)
    m = torch.nn.Sequential(torch.nn.Linear(8, 5), torch.nn.ReLU(),
                            torch.nn.Linear(5, 4), torch.nn.ReLU(),
                            torch.nn.Linear(4, 3)).eval()
    with torch.no_grad():  # larger weights and mostly positive biases: most ReLUs active
        for layer in m[::2]:
            layer.weight.uniform_(-1.0, 1.0)
            layer.bias.uniform_(-0.2, 0.8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(m, (torch.zeros(1, 8),), os.path.join(out, "torch_gemm.onnx"),
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
                          opset_version=17, dynamo=False)
    write_expected(out, "torch_gemm", seed=101, core_widths=[8, 5, 4, 3],
                   activations=["relu", "relu", "identity"], output_transform="none",
                   notes="torch.onnx.export dynamo=False; Gemm(alpha=1,beta=1,transB=1), "
                         "weights [out,in] raw_data")


def torch_matmul(out):
    import torch

    class XWb(torch.nn.Module):
        def __init__(self, n_in, n_out):
            super().__init__()
            self.W = torch.nn.Parameter(torch.empty(n_in, n_out).uniform_(-1, 1))
            self.b = torch.nn.Parameter(torch.empty(n_out).uniform_(-0.2, 0.8))

        def forward(self, x):
            return x @ self.W + self.b

    torch.manual_seed(2)
    m = torch.nn.Sequential(XWb(6, 5), torch.nn.ReLU(), XWb(5, 4), torch.nn.ReLU(),
                            XWb(4, 3)).eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(m, (torch.zeros(1, 6),), os.path.join(out, "torch_matmul.onnx"),
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
                          opset_version=17, dynamo=False)
    ops = [n.op_type for n in onnx.load(os.path.join(out, "torch_matmul.onnx")).graph.node]
    assert "Gemm" not in ops and "MatMul" in ops, ops
    write_expected(out, "torch_matmul", seed=102, core_widths=[6, 5, 4, 3],
                   activations=["relu", "relu", "identity"], output_transform="none",
                   notes="torch.onnx.export of x @ W + b: MatMul(X, W[in,out]) then Add(b)")


def sklearn_mlp(out):
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType
    from sklearn.datasets import make_classification
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    x, y = make_classification(n_samples=300, n_features=8, n_informative=5,
                               n_classes=3, random_state=3)
    x = ((x - x.min(0)) / (x.max(0) - x.min(0))).astype(np.float32)  # into [0, 1]
    clf = MLPClassifier(hidden_layer_sizes=(5, 4), activation="relu", max_iter=300,
                        random_state=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, y)
    onx = convert_sklearn(clf, name="sklearn_mlp",
                          initial_types=[("input", FloatTensorType([None, 8]))],
                          options={id(clf): {"zipmap": False}},
                          target_opset={"": 15, "ai.onnx.ml": 3})
    save_model(onx, os.path.join(out, "sklearn_mlp.onnx"))
    write_expected(out, "sklearn_mlp", seed=103, core_widths=[8, 5, 4, 3],
                   activations=["relu", "relu", "identity"], output_transform="softmax",
                   notes="skl2onnx convert_sklearn zipmap=False; outputs label (int64) "
                         "and probabilities; weights as MatMul [in,out] + Add [1,out]")


def gemm_attrs(out):
    rng = np.random.default_rng(4)
    widths = [6, 5, 4, 4, 3]

    def tensor(name, arr):  # typed float_data (not raw_data)
        return helper.make_tensor(name, TensorProto.FLOAT, arr.shape,
                                  arr.flatten().tolist(), raw=False)

    w0 = rnd(rng, 6, 5)          # transB=0: [in, out]
    b0 = rnd(rng, 5)
    w1 = rnd(rng, 4, 5)          # transB=1: [out, in]
    b1 = rnd(rng, 4)
    w2 = rnd(rng, 4, 4)          # transB=0
    b2 = rnd(rng, 4)
    w3 = rnd(rng, 3, 4)          # transB=1
    b3 = rnd(rng, 3)
    inits = [tensor(n, a) for n, a in
             [("W0", w0), ("B0", b0), ("W1", w1), ("B1", b1),
              ("W2", w2), ("B2", b2), ("W3", w3), ("B3", b3)]]
    nodes = [
        helper.make_node("Gemm", ["x", "W0", "B0"], ["g0"], alpha=0.5, beta=2.0,
                         transA=0, transB=0),
        helper.make_node("LeakyRelu", ["g0"], ["a0"], alpha=0.2),
        helper.make_node("Gemm", ["a0", "W1", "B1"], ["g1"], alpha=1.5, transB=1),
        helper.make_node("Sigmoid", ["g1"], ["a1"]),
        helper.make_node("Gemm", ["a1", "W2", "B2"], ["g2"]),
        helper.make_node("Tanh", ["g2"], ["a2"]),
        helper.make_node("Gemm", ["a2", "W3", "B3"], ["g3"], transB=1),
        helper.make_node("Identity", ["g3"], ["y"]),
    ]
    m = make(nodes, inits,
             helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 6]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3]),
             opset=9, name="gemm_attrs", ir_version=4, inits_as_inputs=True)
    save_model(m, os.path.join(out, "gemm_attrs.onnx"))
    write_expected(out, "gemm_attrs", seed=104, core_widths=widths,
                   activations=["leaky_relu", "sigmoid", "tanh", "identity"],
                   leaky_alpha=0.2, output_transform="none",
                   notes="opset 9, IR 4; initializers also listed in graph.input; "
                         "typed float_data; layer0 Gemm alpha=0.5 beta=2 transB=0; "
                         "layer1 Gemm alpha=1.5 transB=1; layer2 transB=0 (no attrs); "
                         "layer3 transB=1 followed by an Identity node")


def flatten_input(out):
    rng = np.random.default_rng(5)
    pre = [helper.make_node("Flatten", ["x"], ["flat"], name="flatten", axis=1)]
    nodes, inits = gemm_chain(rng, [6, 4, 3], ["Relu", None], final="Softmax",
                              pre_nodes=pre, first_input="flat")
    m = make(nodes, inits,
             helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1, 2, 3]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3]),
             opset=13, name="flatten_input")
    save_model(m, os.path.join(out, "flatten_input.onnx"))
    write_expected(out, "flatten_input", seed=105, core_widths=[6, 4, 3],
                   activations=["relu", "identity"], output_transform="softmax",
                   input_shape=[1, 2, 3],
                   notes="input [N,1,2,3] -> Flatten(axis=1) -> Gemm(transB=1) ... Softmax(axis=1)")


def reshape_input(out):
    rng = np.random.default_rng(6)
    shape = numpy_helper.from_array(np.array([-1, 6], dtype=np.int64), "flat_shape")
    pre = [helper.make_node("Reshape", ["x", "flat_shape"], ["flat"], name="reshape")]
    nodes, inits = gemm_chain(rng, [6, 4, 3], ["Relu", None], final="LogSoftmax",
                              pre_nodes=pre, first_input="flat")
    m = make(nodes, [shape] + inits,
             helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2, 3]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3]),
             opset=13, name="reshape_input")
    save_model(m, os.path.join(out, "reshape_input.onnx"))
    write_expected(out, "reshape_input", seed=106, core_widths=[6, 4, 3],
                   activations=["relu", "identity"], output_transform="log_softmax",
                   input_shape=[2, 3],
                   notes="input [N,2,3] -> Reshape(shape initializer int64 [-1,6]) -> "
                         "Gemm(transB=1) ... LogSoftmax(axis=1)")


def double_weights(out):
    rng = np.random.default_rng(7)
    nodes, inits = gemm_chain(rng, [6, 4, 3], ["Tanh", None], dtype=np.float64)
    assert all(t.data_type == TensorProto.DOUBLE and t.raw_data for t in inits)
    m = make(nodes, inits,
             helper.make_tensor_value_info("x", TensorProto.DOUBLE, ["N", 6]),
             helper.make_tensor_value_info("y", TensorProto.DOUBLE, ["N", 3]),
             opset=13, name="double_weights")
    save_model(m, os.path.join(out, "double_weights.onnx"))
    write_expected(out, "double_weights", seed=107, core_widths=[6, 4, 3],
                   activations=["tanh", "identity"], output_transform="none",
                   dtype=np.float64,
                   notes="float64 input/output and weights (raw_data); Gemm(transB=1)")


def constant_nodes(out):
    rng = np.random.default_rng(8)
    nodes, inits = gemm_chain(rng, [6, 4, 3], ["Relu", None])
    consts = [helper.make_node("Constant", [], [t.name], name="const_" + t.name, value=t)
              for t in inits]
    assert all(t.raw_data for t in inits)
    m = make(consts + nodes, [],
             helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 6]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3]),
             opset=13, name="constant_nodes")
    save_model(m, os.path.join(out, "constant_nodes.onnx"))
    write_expected(out, "constant_nodes", seed=108, core_widths=[6, 4, 3],
                   activations=["relu", "identity"], output_transform="none",
                   notes="weights/biases are Constant nodes (value attribute, raw_data "
                         "float32); no initializers; Gemm(transB=1)")


# --------------------------------------------------------------------------
# bad fixtures

def bad_fixtures(out):
    expected = {}

    data = open(os.path.join(out, "torch_gemm.onnx"), "rb").read()
    with open(os.path.join(out, "truncated.onnx"), "wb") as f:
        f.write(data[: int(len(data) * 0.6)])
    expected["truncated.onnx"] = "truncated"

    text = ("Condense imports trained neural networks from ONNX, simplifies them by "
            "removing neurons and exports them back to ONNX. This file is plain text "
            "and is not an ONNX model at all; an importer should say so instead of "
            "crashing or returning an empty network.\n") * 2
    with open(os.path.join(out, "not_onnx.onnx"), "w") as f:
        f.write(text)
    expected["not_onnx.onnx"] = "not an ONNX"

    rng = np.random.default_rng(9)
    nodes, inits = gemm_chain(rng, [6, 4, 3], ["Elu", None])
    m = make(nodes, inits,
             helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 6]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3]),
             opset=13, name="unsupported_op")
    onnx.checker.check_model(m, full_check=True)
    save_model(m, os.path.join(out, "unsupported_op.onnx"))
    expected["unsupported_op.onnx"] = "Elu"

    rng = np.random.default_rng(10)
    nodes, inits = gemm_chain(rng, [6, 4, 3], ["Relu", None])
    # second Gemm expects 4 inputs (transB=1 -> W1 is [3, 4]); give it [3, 5]
    for i, t in enumerate(inits):
        if t.name == "W1":
            inits[i] = numpy_helper.from_array(rnd(rng, 3, 5), "W1")
    m = make(nodes, inits,
             helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 6]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3]),
             opset=13, name="mismatched_shapes")
    save_model(m, os.path.join(out, "mismatched_shapes.onnx"))
    expected["mismatched_shapes.onnx"] = "shape"

    rng = np.random.default_rng(11)
    nodes, inits = gemm_chain(rng, [6, 4, 3], ["Relu", None])
    w0 = numpy_helper.to_array(inits[0]).copy()
    w0[2, 3] = np.nan
    inits[0] = numpy_helper.from_array(w0, "W0")
    m = make(nodes, inits,
             helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 6]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3]),
             opset=13, name="nan_weights")
    onnx.checker.check_model(m, full_check=True)
    save_model(m, os.path.join(out, "nan_weights.onnx"))
    expected["nan_weights.onnx"] = "NaN"

    rng = np.random.default_rng(12)
    nodes, inits = gemm_chain(rng, [6, 4, 3], ["Relu", None])
    huge = TensorProto()
    huge.name = "W0"
    huge.data_type = TensorProto.FLOAT
    huge.dims.extend([2000000000, 2000000000])
    huge.raw_data = np.arange(4, dtype="<f4").tobytes()
    inits[0] = huge
    m = make(nodes, inits,
             helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 6]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3]),
             opset=13, name="absurd_size")
    save_model(m, os.path.join(out, "absurd_size.onnx"))
    expected["absurd_size.onnx"] = "declared"

    write_json(os.path.join(out, "bad_fixtures.json"), expected)
    return expected


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    import torch
    torch.set_num_threads(1)
    for make_fixture in (torch_gemm, torch_matmul, sklearn_mlp, gemm_attrs,
                         flatten_input, reshape_input, double_weights, constant_nodes):
        make_fixture(args.out)
    bad_fixtures(args.out)
    for f in sorted(os.listdir(args.out)):
        if f.endswith((".onnx", ".json")):
            print(f"{os.path.getsize(os.path.join(args.out, f)):7d}  {f}")


if __name__ == "__main__":
    sys.exit(main())
