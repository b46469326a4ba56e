"""Writes ONNX Runtime's reference outputs for the bundled MNIST models, used by
Tests/CondenseEvalTests to check that Condense's forward pass agrees with ORT.

    python3 Scripts/make_reference_outputs.py

For each bundled model: the float output (logits or probabilities) on the first
256 MNIST test images (x/255) as float32 .npy, and ORT's accuracy on all 10,000.
"""
import gzip, json, os
import numpy as np
import onnxruntime as ort

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "graphs", "mnist", "data")
OUT = os.path.join(ROOT, "Tests", "CondenseEvalTests", "Fixtures")

def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)

x = idx(os.path.join(DATA, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255.0
y = idx(os.path.join(DATA, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
summary = {}
for name in ["lenet-300-100", "sklearn-mlp-300-100"]:
    sess = ort.InferenceSession(os.path.join(ROOT, "graphs", "mnist", name + ".onnx"), providers=["CPUExecutionProvider"])
    outputs = sess.get_outputs()
    index = next(i for i, o in enumerate(outputs) if "float" in o.type and len(o.shape or []) == 2)
    values = sess.run(None, {sess.get_inputs()[0].name: x})[index].astype(np.float32)
    np.save(os.path.join(OUT, name + ".ort-first256.npy"), values[:256])
    summary[name] = {"output": outputs[index].name, "accuracy": float((values.argmax(1) == y).mean())}
with open(os.path.join(OUT, "reference.json"), "w") as f:
    json.dump(summary, f, indent=1, sort_keys=True)
print(json.dumps(summary))
