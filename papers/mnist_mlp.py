"""Shared by the Python scripts in papers/: the Gemm layers of an ONNX MLP and the bundled
MNIST images. Import with `sys.path.insert(0, <papers folder>)`."""
import gzip
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "graphs", "mnist", "data")


def gemm_layers(path):
    """(W, b) per Gemm node in graph order, W as out x in, alpha and beta folded in, float64."""
    model = onnx.load(path)
    inits = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    layers = []
    for node in model.graph.node:
        if node.op_type != "Gemm":
            continue
        attrs = {a.name: a for a in node.attribute}
        w = inits[node.input[1]]
        if not ("transB" in attrs and attrs["transB"].i):
            w = w.T
        alpha = attrs["alpha"].f if "alpha" in attrs else 1.0
        beta = attrs["beta"].f if "beta" in attrs else 1.0
        layers.append((alpha * w, beta * inits[node.input[2]]))
    if not layers:
        sys.exit(f"{path}: no Gemm layers (these scripts read Gemm MLPs only)")
    return layers


def mnist_images(split="test", limit=None):
    """The first `limit` images of the MNIST test or train split, as float64 x/255, n x 784."""
    name = "t10k-images-idx3-ubyte.gz" if split == "test" else "train-images-idx3-ubyte.gz"
    raw = gzip.open(os.path.join(DATA, name)).read()
    images = np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 784)
    return images[:limit].astype(np.float64) / 255
