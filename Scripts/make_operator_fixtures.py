#!/usr/bin/env python3
"""Write the operator fixtures of CondenseGraphTests: one small hand-built ONNX graph per
operator case (odd but valid attributes included) with seeded inputs and ONNX Runtime's
outputs.

Run from the repository root (a few seconds; deterministic):

    python3 Scripts/make_operator_fixtures.py [--out Tests/CondenseGraphTests/Fixtures]

Requires onnx, onnxruntime, numpy. For each case NAME it writes NAME.onnx and NAME.json:

    op        the operator under test (the table of the closing note groups by it)
    case      what the case exercises
    inputs    {name: {"shape": [...], "dtype": "float32"|"int64", "values": [flat]}}
    outputs   {name: {"shape": [...], "dtype": ..., "values": [flat]}}; a ZipMap output
              (a sequence of maps) is written as shape [N, C] with the maps' values in
              class order.
"""

import argparse
import json
import os

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "Tests", "CondenseGraphTests", "Fixtures")
RNG = np.random.default_rng(20261205)

F = TensorProto.FLOAT
I64 = TensorProto.INT64
CASES = []


def rand(*shape, lo=-2.0, hi=2.0):
    return RNG.uniform(lo, hi, size=shape).astype(np.float32)


def case(name, op, what, nodes, inputs, outputs, initializers=(), opset=17, ml=False, feeds=None):
    """inputs: [(name, np.ndarray)]; outputs: [(name, elem_type)]."""
    CASES.append(dict(name=name, op=op, what=what, nodes=nodes, inputs=inputs, outputs=outputs,
                      initializers=list(initializers), opset=opset, ml=ml))


def single(name, op, what, x_shape, attrs=None, extra=(), opset=17, out_type=F, lo=-2.0, hi=2.0, domain=""):
    x = rand(*x_shape, lo=lo, hi=hi)
    inits = [numpy_helper.from_array(v, n) for n, v in extra]
    node = helper.make_node(op, ["X"] + [n for n, _ in extra], ["Y"], domain=domain, **(attrs or {}))
    case(name, op, what, [node], [("X", x)], [("Y", out_type)], inits, opset=opset, ml=bool(domain))


def build():
    # Linear algebra.
    single("gemm_plain", "Gemm", "Gemm with bias", [4, 5], extra=[("W", rand(5, 3)), ("B", rand(3))])
    single("gemm_odd", "Gemm", "alpha 0.5, beta -2, transB 1, bias broadcast from [1, 3]", [4, 5],
           attrs=dict(alpha=0.5, beta=-2.0, transB=1), extra=[("W", rand(3, 5)), ("B", rand(1, 3))])
    single("gemm_transA", "Gemm", "transA 1 on a [5, 4] input, scalar bias", [5, 4],
           attrs=dict(transA=1), extra=[("W", rand(5, 3)), ("B", rand(1))])
    single("matmul_2d", "MatMul", "[4,5] x [5,3]", [4, 5], extra=[("W", rand(5, 3))])
    single("matmul_batched", "MatMul", "[2,4,5] x [5,3] (batched left operand)", [2, 4, 5], extra=[("W", rand(5, 3))])
    # Element-wise.
    for op in ["Add", "Sub", "Mul", "Div"]:
        b = rand(1, 3, 1) if op != "Div" else rand(1, 3, 1, lo=0.5, hi=2.0)
        single(f"{op.lower()}_broadcast", op, "broadcast [2,3,4] with [1,3,1]", [2, 3, 4], extra=[("B", b)])
    x = rand(3, 4)
    case("add_two_tensors", "Add", "two data tensors, [3,4] + [4]",
         [helper.make_node("Add", ["X", "Z"], ["Y"])], [("X", x), ("Z", rand(4))], [("Y", F)])
    single("relu", "Relu", "Relu", [3, 7])
    single("leaky_relu", "LeakyRelu", "alpha 0.37", [3, 7], attrs=dict(alpha=0.37))
    single("sigmoid", "Sigmoid", "wide range [-30, 30]", [3, 7], lo=-30, hi=30)
    single("tanh", "Tanh", "Tanh", [3, 7], lo=-5, hi=5)
    single("identity", "Identity", "Identity", [2, 3, 2])
    x = rand(3, 5)
    case("dropout_ratio", "Dropout", "inference Dropout with ratio input and mask output (opset 13)",
         [helper.make_node("Dropout", ["X", "R"], ["Y", "M"])], [("X", x)], [("Y", F), ("M", TensorProto.BOOL)],
         [numpy_helper.from_array(np.array(0.3, dtype=np.float32), "R")], opset=13)
    single("dropout_opset10", "Dropout", "opset 10 ratio attribute", [3, 5], attrs=dict(ratio=0.5), opset=10)
    # Normalised outputs.
    single("softmax_axis1", "Softmax", "axis 1 of [2,3,4] (opset 13)", [2, 3, 4], attrs=dict(axis=1), lo=-10, hi=10)
    single("softmax_opset11", "Softmax", "opset 11: flattens from axis 1 of [2,3,4]", [2, 3, 4], attrs=dict(axis=1),
           opset=11, lo=-10, hi=10)
    single("log_softmax", "LogSoftmax", "default axis -1", [3, 6], lo=-10, hi=10)
    # Shapes.
    single("flatten_axis2", "Flatten", "axis 2 of [2,3,4,5]", [2, 3, 4, 5], attrs=dict(axis=2))
    single("flatten_axis0", "Flatten", "axis 0", [2, 3, 4], attrs=dict(axis=0))
    single("reshape_infer", "Reshape", "shape [0, -1] (copy and infer)", [2, 3, 4],
           extra=[("S", np.array([0, -1], dtype=np.int64))])
    single("reshape_allowzero", "Reshape", "shape [-1, 2, 6] on [2,3,4], opset 14", [2, 3, 4],
           extra=[("S", np.array([-1, 2, 6], dtype=np.int64))], opset=14)
    single("transpose_perm", "Transpose", "perm [2,0,1]", [2, 3, 4], attrs=dict(perm=[2, 0, 1]))
    single("transpose_default", "Transpose", "no perm (reverses the axes)", [2, 3, 4])
    single("squeeze_input", "Squeeze", "axes input [1, -1] (opset 13)", [3, 1, 4, 1],
           extra=[("A", np.array([1, -1], dtype=np.int64))])
    single("squeeze_attr", "Squeeze", "axes attribute (opset 11)", [3, 1, 4, 1], attrs=dict(axes=[3]), opset=11)
    single("unsqueeze_input", "Unsqueeze", "axes input [0, 3] (opset 13)", [3, 4],
           extra=[("A", np.array([0, 3], dtype=np.int64))])
    single("unsqueeze_attr", "Unsqueeze", "axes attribute [-1] (opset 11)", [3, 4], attrs=dict(axes=[-1]), opset=11)
    x = rand(2, 3)
    case("concat_axis_neg", "Concat", "axis -1 of a tensor and a constant",
         [helper.make_node("Concat", ["X", "C"], ["Y"], axis=-1)], [("X", x)], [("Y", F)],
         [numpy_helper.from_array(rand(2, 2), "C")])
    single("cast_int64", "Cast", "float to int64 (truncation toward zero)", [3, 4], attrs=dict(to=I64), out_type=I64,
           lo=-5, hi=5)
    single("cast_double", "Cast", "float to float64", [3, 4], attrs=dict(to=TensorProto.DOUBLE),
           out_type=TensorProto.DOUBLE)
    x = rand(3, 4)
    case("constant_add", "Constant", "Constant node (value tensor) added to the input",
         [helper.make_node("Constant", [], ["K"], value=numpy_helper.from_array(rand(4), "K")),
          helper.make_node("Add", ["X", "K"], ["Y"])], [("X", x)], [("Y", F)])
    case("constant_float", "Constant", "Constant value_float (opset 13)",
         [helper.make_node("Constant", [], ["K"], value_float=2.5),
          helper.make_node("Mul", ["X", "K"], ["Y"])], [("X", rand(3, 4))], [("Y", F)], opset=13)
    # BatchNormalization.
    c = 3
    bn = [("S", rand(c)), ("Bb", rand(c)), ("Mn", rand(c)), ("V", rand(c, lo=0.1, hi=2.0))]
    single("batchnorm_nchw", "BatchNormalization", "[2,3,4,4], epsilon 1e-3", [2, 3, 4, 4], attrs=dict(epsilon=1e-3),
           extra=bn)
    single("batchnorm_2d", "BatchNormalization", "[5,3] after a Gemm", [5, 3], extra=bn)
    # Convolution.
    single("conv_basic", "Conv", "3x3, pads 1, bias", [2, 3, 7, 7], attrs=dict(pads=[1, 1, 1, 1]),
           extra=[("W", rand(4, 3, 3, 3)), ("B", rand(4))])
    single("conv_strided", "Conv", "5x3 kernel, strides [2,3], asymmetric pads [0,1,2,0], no bias", [1, 2, 9, 8],
           attrs=dict(strides=[2, 3], pads=[0, 1, 2, 0]), extra=[("W", rand(3, 2, 5, 3))])
    single("conv_dilated", "Conv", "dilations [2,2], pads 2", [1, 2, 8, 8], attrs=dict(dilations=[2, 2], pads=[2, 2, 2, 2]),
           extra=[("W", rand(2, 2, 3, 3)), ("B", rand(2))])
    single("conv_same_upper", "Conv", "auto_pad SAME_UPPER, stride 2, even kernel", [1, 3, 7, 6],
           attrs=dict(auto_pad="SAME_UPPER", strides=[2, 2]), extra=[("W", rand(2, 3, 2, 2))])
    single("conv_same_lower", "Conv", "auto_pad SAME_LOWER, even kernel", [1, 2, 5, 5],
           attrs=dict(auto_pad="SAME_LOWER"), extra=[("W", rand(2, 2, 4, 4))])
    single("conv_valid", "Conv", "auto_pad VALID", [1, 2, 6, 5], attrs=dict(auto_pad="VALID"),
           extra=[("W", rand(3, 2, 3, 2))])
    single("conv_groups", "Conv", "group 2", [2, 4, 6, 6], attrs=dict(group=2, pads=[1, 1, 1, 1]),
           extra=[("W", rand(6, 2, 3, 3)), ("B", rand(6))])
    single("conv_depthwise", "Conv", "depthwise (group = channels = 3), stride 2", [1, 3, 8, 8],
           attrs=dict(group=3, strides=[2, 2], pads=[1, 1, 1, 1]), extra=[("W", rand(3, 1, 3, 3)), ("B", rand(3))])
    single("conv_pointwise", "Conv", "1x1 kernel", [2, 5, 4, 4], extra=[("W", rand(3, 5, 1, 1)), ("B", rand(3))])
    single("conv_1d", "Conv", "1-D, pads 1, stride 2", [2, 3, 9], attrs=dict(pads=[1, 1], strides=[2]),
           extra=[("W", rand(4, 3, 3)), ("B", rand(4))])
    # Pooling.
    single("maxpool_2x2", "MaxPool", "2x2 stride 2", [2, 3, 8, 8], attrs=dict(kernel_shape=[2, 2], strides=[2, 2]))
    single("maxpool_padded", "MaxPool", "3x3 stride 2 pads 1, all inputs negative", [1, 2, 7, 7],
           attrs=dict(kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]), lo=-3, hi=-1)
    single("maxpool_ceil", "MaxPool", "3x3 stride 2, ceil_mode 1", [1, 2, 8, 8],
           attrs=dict(kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1))
    single("maxpool_dilated", "MaxPool", "2x2 dilations 2", [1, 2, 7, 7], attrs=dict(kernel_shape=[2, 2], dilations=[2, 2]))
    single("averagepool_exclude", "AveragePool", "3x3 pads 1, pads excluded", [1, 2, 6, 6],
           attrs=dict(kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
    single("averagepool_include", "AveragePool", "3x3 pads 1, count_include_pad 1, stride 2", [1, 2, 7, 7],
           attrs=dict(kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2], count_include_pad=1))
    single("globalaveragepool", "GlobalAveragePool", "[2,3,5,4]", [2, 3, 5, 4])
    single("reducemean_attr", "ReduceMean", "axes [2,3] attribute, keepdims 1 (opset 13)", [2, 3, 4, 5],
           attrs=dict(axes=[2, 3]), opset=13)
    single("reducemean_input", "ReduceMean", "axes input [-1,-2], keepdims 0 (opset 18)", [2, 3, 4, 5],
           attrs=dict(keepdims=0), extra=[("A", np.array([-1, -2], dtype=np.int64))], opset=18)
    # ArgMax.
    single("argmax_axis1", "ArgMax", "axis 1, keepdims 0", [4, 6], attrs=dict(axis=1, keepdims=0), out_type=I64)
    single("argmax_last", "ArgMax", "axis 0, keepdims 1, select_last_index 1 with ties", [4, 3],
           attrs=dict(axis=0, keepdims=1, select_last_index=1), out_type=I64, lo=0, hi=1.5)
    # ai.onnx.ml.
    single("scaler", "Scaler", "offset and scale per feature", [4, 3], attrs=dict(offset=[0.5, -1.0, 2.0], scale=[2.0, 0.25, -1.0]),
           domain="ai.onnx.ml")
    single("scaler_broadcast", "Scaler", "one offset and scale for every feature", [4, 3], attrs=dict(offset=[0.5], scale=[3.0]),
           domain="ai.onnx.ml")
    for norm in ["MAX", "L1", "L2"]:
        single(f"normalizer_{norm.lower()}", "Normalizer", f"norm {norm}", [4, 5], attrs=dict(norm=norm),
               domain="ai.onnx.ml")
    x = rand(4, 5)
    case("array_feature_extractor", "ArrayFeatureExtractor", "columns [3, 0, 3]",
         [helper.make_node("ArrayFeatureExtractor", ["X", "I"], ["Y"], domain="ai.onnx.ml")], [("X", x)], [("Y", F)],
         [numpy_helper.from_array(np.array([3, 0, 3], dtype=np.int64), "I")], ml=True)
    x = rand(4, 3, lo=0, hi=1)
    case("zipmap", "ZipMap", "classlabels_int64s [0, 1, 7]",
         [helper.make_node("ZipMap", ["X"], ["Y"], domain="ai.onnx.ml", classlabels_int64s=[0, 1, 7])],
         [("X", x)], [("Y", "zipmap")], ml=True)
    # Convolutions with 8 or more input channels take the per-tap path (no im2col).
    single("conv_taps_pad", "Conv", "8 channels, 3x3, asymmetric pads [1,0,0,2], bias", [3, 8, 7, 6],
           attrs=dict(pads=[1, 0, 0, 2]), extra=[("W", rand(5, 8, 3, 3)), ("B", rand(5))])
    single("conv_taps_same", "Conv", "9 channels, 2x4 kernel, auto_pad SAME_LOWER", [2, 9, 5, 6],
           attrs=dict(auto_pad="SAME_LOWER"), extra=[("W", rand(4, 9, 2, 4))])


def make_model(c, shapes=None):
    inputs = [helper.make_tensor_value_info(n, F if v.dtype == np.float32 else I64, list(v.shape)) for n, v in c["inputs"]]
    outputs = []
    for n, t in c["outputs"]:
        if t == "zipmap":
            outputs.append(helper.make_value_info(n, helper.make_sequence_type_proto(
                helper.make_map_type_proto(I64, helper.make_tensor_type_proto(F, [])))))
        else:
            outputs.append(helper.make_tensor_value_info(n, t, shapes[n] if shapes else None))
    graph = helper.make_graph(c["nodes"], c["name"], inputs, outputs, c["initializers"])
    opsets = [helper.make_opsetid("", c["opset"])]
    if c["ml"]:
        opsets.append(helper.make_opsetid("ai.onnx.ml", 3))
    model = helper.make_model(graph, opset_imports=opsets, producer_name="make_operator_fixtures")
    model.ir_version = 8
    if shapes:
        onnx.checker.check_model(model, full_check=True)
    return model


def describe(value):
    if isinstance(value, list):  # ZipMap: a list of {class: probability}
        keys = sorted(value[0].keys())
        arr = np.array([[m[k] for k in keys] for m in value], dtype=np.float32)
        return {"shape": list(arr.shape), "dtype": "float32", "values": arr.ravel().tolist()}
    arr = np.asarray(value)
    dtype = {np.dtype(np.float32): "float32", np.dtype(np.float64): "float64", np.dtype(np.int64): "int64",
             np.dtype(np.bool_): "bool"}[arr.dtype]
    values = arr.ravel().astype(np.float64 if dtype.startswith("float") else np.int64).tolist()
    return {"shape": list(arr.shape), "dtype": dtype, "values": values}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    build()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    for c in CASES:
        # First without output shapes, to learn them from ONNX Runtime; then with them, checked.
        feeds = {n: v for n, v in c["inputs"]}
        draft = make_model(c)
        session = ort.InferenceSession(draft.SerializeToString(), options, providers=["CPUExecutionProvider"])
        results = session.run([n for n, _ in c["outputs"]], feeds)
        shapes = {n: list(np.asarray(r).shape) for (n, _), r in zip(c["outputs"], results) if not isinstance(r, list)}
        model = make_model(c, shapes)
        path = os.path.join(args.out, c["name"] + ".onnx")
        onnx.save(model, path)
        record = {
            "op": c["op"], "case": c["what"], "opset": c["opset"],
            "inputs": {n: describe(v) for n, v in c["inputs"]},
            "outputs": {n: describe(r) for (n, _), r in zip(c["outputs"], results)},
        }
        with open(os.path.join(args.out, c["name"] + ".json"), "w") as f:
            json.dump(record, f, separators=(",", ":"))
    print(f"{len(CASES)} operator fixtures in {os.path.relpath(args.out, ROOT)} "
          f"(onnx {onnx.__version__}, onnxruntime {ort.__version__})")


if __name__ == "__main__":
    main()
