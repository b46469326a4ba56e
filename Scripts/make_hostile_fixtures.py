#!/usr/bin/env python3
"""Write the hostile models of CondenseCLITests (valid protobuf, odd or broken graphs):

    python3 Scripts/make_hostile_fixtures.py   # needs onnx, numpy; deterministic

two_matmuls      Add(MatMul(x, W0), MatMul(x, Ws)): valid (passes onnx.checker); must load
zero_outputs     a Gemm with no output                -> refused, names the node
leaky_nan        LeakyRelu with alpha NaN             -> refused (attribute must be finite)
relu_self        a Relu that writes the tensor it reads (z produced twice) -> refused
transb7          Gemm with transB = 7                 -> refused (must be 0 or 1)
missing_weight   Gemm whose B input is empty          -> refused (A and B are required)
width0           an input of width 0                  -> refused (shapes)
newline_name     a weight named "W\nevil" whose shape does not fit -> one line (escaped), names the node
scale_tiny       a valid model whose condense.input_scale is 1e-20 -> data loading refused
badlabels.npz    graphs/zoo/gemm-skip.npz's first 20 samples with label 200 at sample 3
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "CondenseCLITests", "Fixtures")
F = TensorProto.FLOAT


def save(name, nodes, inits, inp=(None, 4), out=(None, 3), meta=None, check=False):
    g = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", F, list(inp))],
                          [helper.make_tensor_value_info("y", F, list(out))],
                          [numpy_helper.from_array(v, k) for k, v in inits.items()])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_hostile_fixtures")
    m.ir_version = 8
    for k, v in (meta or {}).items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    if check:
        onnx.checker.check_model(m, full_check=True)
    onnx.save(m, os.path.join(OUT, name + ".onnx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    r = np.random.default_rng(0)
    W0 = r.normal(size=(4, 3)).astype(np.float32)
    Ws = r.normal(size=(4, 3)).astype(np.float32)
    save("two_matmuls", [helper.make_node("MatMul", ["x", "W0"], ["a"]), helper.make_node("MatMul", ["x", "Ws"], ["b"]),
                         helper.make_node("Add", ["a", "b"], ["y"])], {"W0": W0, "Ws": Ws}, check=True)
    save("zero_outputs", [helper.make_node("Gemm", ["x", "W", "B"], []), helper.make_node("Relu", ["x"], ["y"])],
         {"W": W0.T.copy(), "B": np.zeros(3, np.float32)}, out=(None, 4))
    save("leaky_nan", [helper.make_node("Gemm", ["x", "W"], ["z"], transB=1),
                       helper.make_node("LeakyRelu", ["z"], ["y"], alpha=float("nan"))], {"W": W0.T.copy()})
    save("relu_self", [helper.make_node("Gemm", ["x", "W"], ["z"], transB=1), helper.make_node("Relu", ["z"], ["z"]),
                       helper.make_node("Identity", ["z"], ["y"])], {"W": W0.T.copy()})
    save("transb7", [helper.make_node("Gemm", ["x", "W"], ["y"], transB=7)], {"W": W0.T.copy()})
    save("missing_weight", [helper.make_node("Gemm", ["x", ""], ["y"])], {})
    save("width0", [helper.make_node("Gemm", ["x", "W"], ["y"], transB=1)], {"W": np.zeros((3, 0), np.float32)}, inp=(None, 0))
    save("newline_name", [helper.make_node("Gemm", ["x", "W\nevil"], ["y"], transB=1)],
         {"W\nevil": np.zeros((3, 5), np.float32)})
    save("scale_tiny", [helper.make_node("Gemm", ["x", "W"], ["y"], transB=1)], {"W": r.normal(size=(3, 784)).astype(np.float32)},
         inp=(None, 784), meta={"condense.input_scale": "1e-20"}, check=True)
    zoo = np.load(os.path.join(os.path.dirname(OUT), "..", "..", "graphs", "zoo", "gemm-skip.npz"))
    y = zoo["y"][:20].copy()
    y[3] = 200
    np.savez(os.path.join(OUT, "badlabels.npz"), x=zoo["x"][:20], y=y)
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
