"""A small residual CNN with planted redundant channels, built by hand with onnx.helper.

Input [N, 1, 8, 8] on the domain [0, 1]. Planted (what exact channel collapse must find,
and nothing else):
  conv1 (1->8, 3x3, pad 1, ReLU):  ch2 dead (bias -100), ch3 constant (zero kernel, bias
      0.5; conv2 is unpadded so it folds), ch5 = 2 x ch1, ch6 = ch0, ch7 read by nobody.
  conv2 (8->6, 3x3, BN, ReLU) and conv4 (6->6, 1x1, no activation) are coupled by the
      residual Add; ch5 is dead in conv2 (bias -100) and conv4 (zero kernel, bias -1), so
      after Add + ReLU it is 0: removed from both.
Writes planted-channels.onnx and planted-channels.json (what is planted) next to itself,
and checks the model in ONNX Runtime. Seeded; numpy, onnx and onnxruntime only.
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(7)
here = os.path.dirname(os.path.abspath(__file__))


def init(name, a):
    return numpy_helper.from_array(np.asarray(a, dtype=np.float32), name)


w1 = rng.normal(0, 0.5, (8, 1, 3, 3)).astype(np.float32)
b1 = rng.normal(0.1, 0.1, 8).astype(np.float32)
w1[2] = np.abs(w1[2]); b1[2] = -100.0          # dead
w1[3] = 0.0; b1[3] = 0.5                      # constant 0.5
w1[5] = 2 * w1[1]; b1[5] = 2 * b1[1]          # proportional to ch1
w1[6] = w1[0]; b1[6] = b1[0]                  # duplicate of ch0

w2 = rng.normal(0, 0.3, (6, 8, 3, 3)).astype(np.float32)
b2 = rng.normal(0.1, 0.1, 6).astype(np.float32)
w2[:, 7] = 0.0                                # conv1 ch7: a dead end
w2[5] = np.abs(w2[5]); b2[5] = -100.0         # conv2 ch5 dead (BN below keeps the sign)
gamma = rng.uniform(0.5, 1.5, 6).astype(np.float32)
beta = rng.normal(0, 0.1, 6).astype(np.float32)
mean = rng.normal(0, 0.1, 6).astype(np.float32)
var = rng.uniform(0.5, 1.5, 6).astype(np.float32)
beta[5] = 0.0; mean[5] = 0.0

w3 = rng.normal(0, 0.4, (6, 6, 1, 1)).astype(np.float32)
b3 = rng.normal(0.1, 0.1, 6).astype(np.float32)
w4 = rng.normal(0, 0.4, (6, 6, 1, 1)).astype(np.float32)
b4 = rng.normal(0.0, 0.1, 6).astype(np.float32)
w4[5] = 0.0; b4[5] = -1.0                     # conv4 ch5: constant -1
wf = rng.normal(0, 0.5, (3, 6)).astype(np.float32)
bf = rng.normal(0, 0.1, 3).astype(np.float32)

nodes = [
    helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv1", pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
    helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
    helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
    helper.make_node("Conv", ["p1", "w2", "b2"], ["c2"], name="conv2", kernel_shape=[3, 3]),
    helper.make_node("BatchNormalization", ["c2", "gamma", "beta", "mean", "var"], ["n2"], name="bn2", epsilon=1e-5),
    helper.make_node("Relu", ["n2"], ["r2"], name="relu2"),
    helper.make_node("Conv", ["r2", "w3", "b3"], ["c3"], name="conv3"),
    helper.make_node("Relu", ["c3"], ["r3"], name="relu3"),
    helper.make_node("Conv", ["r3", "w4", "b4"], ["c4"], name="conv4"),
    helper.make_node("Add", ["c4", "r2"], ["s"], name="residual"),
    helper.make_node("Relu", ["s"], ["r4"], name="relu4"),
    helper.make_node("GlobalAveragePool", ["r4"], ["g"], name="gap"),
    helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
    helper.make_node("Gemm", ["f", "wf", "bf"], ["y"], name="fc", transB=1),
]
graph = helper.make_graph(
    nodes, "planted-channels",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1, 8, 8])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])],
    [init("w1", w1), init("b1", b1), init("w2", w2), init("b2", b2), init("gamma", gamma), init("beta", beta),
     init("mean", mean), init("var", var), init("w3", w3), init("b3", b3), init("w4", w4), init("b4", b4),
     init("wf", wf), init("bf", bf)])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
model.metadata_props.add(key="condense.input_domain", value="0,1")
onnx.checker.check_model(model)
path = os.path.join(here, "planted-channels.onnx")
onnx.save(model, path)
planted = {"conv1": {"constant": [2, 3], "proportional": [5, 6], "dead_end": [7]},
           "conv2+conv4": {"constant": [5]}}
with open(os.path.join(here, "planted-channels.json"), "w") as f:
    json.dump(planted, f, indent=1, sort_keys=True)
    f.write("\n")

import onnxruntime as ort  # noqa: E402

x = rng.uniform(0, 1, (64, 1, 8, 8)).astype(np.float32)
y = ort.InferenceSession(path, providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]
print(f"wrote {path}: outputs {y.shape}, max |y| {np.abs(y).max():.3f}")
