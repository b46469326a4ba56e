#!/usr/bin/env python3
"""Does label distance predict redundancy on channel DAGs? (papers/label-hypothesis, channels)

The harness of analyze.py, on conv channels: for pairs (i, j) of channels of the same layer,
the *redundancy* of the pair is the mean squared change of the logits (ONNX Runtime, 500
held-out test images) when j is merged into i: the map j feeds its consumer with is replaced
by c·(map i) + d (least squares over the positions of 500 calibration images), i.e. the
consumer's kernels of j move to i scaled by c, d times their sum goes into its bias, and j's
are zeroed. The better of the two directions counts. The *relative change* divides it by
the change of removing j alone with its mean folded in. Channels constant on the calibration
set are left out and counted.

Predictors: the cosine estimated from Condense's 256-bit SimHash unit labels (`condense labels
--units --scheme sketch`) of the incoming kernel norms (data-free) and of each channel's
activation per sample (its map mean, on 1,000 training images); the exact cosine of those
per-sample means (what that sketch estimates); the exact cosine of the full maps; and the
removal cost ||W_consumer[:, j]||² var(map j).

Layers: LeNet-5 (MNIST) conv1 (6 channels) and conv2 (16); ResNet-8 (Fashion-MNIST) the first
conv of each block (16, 32, 64 channels; the layers not coupled by a residual Add), at most
200 random pairs per layer. Usage: analyze_units.py (after run.sh's label step); writes
summary-units.json and prints the table.
"""
import json
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper
from scipy.stats import spearmanr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Scripts"))
from check_models import read_idx  # noqa: E402

sys.path.insert(0, HERE)
from analyze import sketch_cosine, sketches  # noqa: E402


def images(folder, split, limit):
    x = read_idx(os.path.join(folder, f"{split}-images-idx3-ubyte.gz"))[:limit]
    return x.reshape(len(x), 1, 28, 28).astype(np.float32) / np.float32(255)

CASES = [
    # model, data, labels prefix, [(unit layer, producer's activation output, consumer node)]
    ("graphs/mnist/lenet5.onnx", "graphs/mnist/data", "lenet5", [
        (1, "/features/features.2/MaxPool_output_0", "/features/features.3/Conv"),
        (2, "/features/features.5/MaxPool_output_0", "/classifier/classifier.1/Gemm"),
    ]),
    ("graphs/fashion/resnet8.onnx", "graphs/fashion/data", "resnet8", [
        (2, "/blocks/blocks.0/Relu_output_0", "/blocks/blocks.0/conv2/Conv"),
        (4, "/blocks/blocks.1/Relu_output_0", "/blocks/blocks.1/conv2/Conv"),
        (7, "/blocks/blocks.2/Relu_output_0", "/blocks/blocks.2/conv2/Conv"),
    ]),
]


def session(model, outputs=None):
    m = onnx.ModelProto()
    m.CopyFrom(model)
    if outputs:
        for name in outputs:
            m.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(m.SerializeToString(), opts, providers=["CPUExecutionProvider"])


def cosine(a, b):
    n = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / n) if n > 0 else 0.0


def main():
    rng = np.random.default_rng(0)
    summary = {"layers": []}
    print("| model | layer | channels | pairs | predictor | Spearman: output change | precision@10 | Spearman: relative change | precision@10 |")
    print("|---|---|---:|---:|---|---:|---:|---:|---:|")
    for path, data, prefix, layers in CASES:
        model = onnx.load(os.path.join(ROOT, path))
        x_cal = images(os.path.join(ROOT, data), "train", 500)
        x_test = images(os.path.join(ROOT, data), "t10k", 500)
        inputs = model.graph.input[0].name
        base_sess = session(model, [t for _, t, _ in layers])
        names = [o.name for o in base_sess.get_outputs()]
        cal = dict(zip(names, base_sess.run(None, {inputs: x_cal})))
        base = session(model).run(None, {inputs: x_test})[0]
        inits = {t.name: i for i, t in enumerate(model.graph.initializer)}
        nodes = {n.name: n for n in model.graph.node}
        for layer, tensor, consumer in layers:
            node = nodes[consumer]
            w_name = node.input[1]
            b_name = node.input[2]
            W = numpy_helper.to_array(model.graph.initializer[inits[w_name]]).astype(np.float32)
            B = numpy_helper.to_array(model.graph.initializer[inits[b_name]]).astype(np.float32)
            maps = cal[tensor]  # [N, C, h, w]
            width = maps.shape[1]
            per = maps.reshape(maps.shape[0], width, -1)
            flat = per.transpose(1, 0, 2).reshape(width, -1)  # channel x (samples * positions)
            means = per.mean(2)  # samples x channels
            gemm = node.op_type == "Gemm"
            block = per.shape[2] if gemm else None

            def columns(k):  # the consumer's weights reading channel k
                return W[:, k * block:(k + 1) * block] if gemm else W[:, k]

            def change(i, j):
                """Mean squared logit change when j is merged into i (i None: j removed, mean folded)."""
                aj = flat[j]
                if i is None:
                    c, d = 0.0, float(aj.mean())
                else:
                    ai = flat[i]
                    var = ai.var()
                    c = float(((ai - ai.mean()) @ (aj - aj.mean())) / (len(ai) * var)) if var > 0 else 0.0
                    d = float(aj.mean() - c * ai.mean())
                W2, B2 = W.copy(), B.copy()
                wj = columns(j).copy()
                B2 += d * wj.reshape(wj.shape[0], -1).sum(1)
                if gemm:
                    W2[:, j * block:(j + 1) * block] = 0
                    if i is not None:
                        W2[:, i * block:(i + 1) * block] += c * wj
                else:
                    W2[:, j] = 0
                    if i is not None:
                        W2[:, i] += c * wj
                m = onnx.ModelProto()
                m.CopyFrom(model)
                m.graph.initializer[inits[w_name]].CopyFrom(numpy_helper.from_array(W2, w_name))
                m.graph.initializer[inits[b_name]].CopyFrom(numpy_helper.from_array(B2, b_name))
                y = session(m).run(None, {inputs: x_test})[0]
                return float(np.mean((y - base) ** 2))

            ws = sketches(os.path.join(HERE, f"labels-{prefix}-units-weights.json"), layer, width)
            acs = sketches(os.path.join(HERE, f"labels-{prefix}-units-activations.json"), layer, width)
            live = [k for k in range(width) if flat[k].var() > 0]
            alone = {k: change(None, k) for k in live}
            pairs = [(i, j) for i in live for j in live if i < j]
            if len(pairs) > 200:
                pairs = [pairs[k] for k in rng.choice(len(pairs), 200, replace=False)]
            energy = {k: float((columns(k) ** 2).sum() * flat[k].var()) for k in live}
            rows = []
            for i, j in pairs:
                ij, ji = change(i, j), change(j, i)
                rows.append({
                    "output": min(ij, ji),
                    "relative": min(ij / alone[j] if alone[j] > 0 else 1.0, ji / alone[i] if alone[i] > 0 else 1.0),
                    "weight sketch cosine": sketch_cosine(ws, i, j),
                    "activation sketch cosine": sketch_cosine(acs, i, j),
                    "exact cosine of map means": cosine(means[:, i], means[:, j]),
                    "exact cosine of maps": cosine(flat[i], flat[j]),
                    "removal cost": -min(energy[i], energy[j]),
                })
            out = np.array([r["output"] for r in rows])
            rel = np.array([r["relative"] for r in rows])
            top = 10
            best_out, best_rel = set(np.argsort(out)[:top]), set(np.argsort(rel)[:top])
            entry = {"model": path, "layer": layer, "channels": width, "constant": width - len(live), "pairs": len(rows), "predictors": {}}
            for key in ["weight sketch cosine", "activation sketch cosine", "exact cosine of map means", "exact cosine of maps", "removal cost"]:
                p = np.array([r[key] for r in rows])
                ranked = set(np.argsort(-p)[:top])
                s_out, s_rel = spearmanr(p, -out).statistic, spearmanr(p, -rel).statistic
                entry["predictors"][key] = {"spearman_output": float(s_out), "precision_output": len(ranked & best_out) / top,
                                            "spearman_relative": float(s_rel), "precision_relative": len(ranked & best_rel) / top}
                print(f"| {prefix} | L{layer} | {width} | {len(rows)} | {key} | {s_out:.3f} | {len(ranked & best_out) / top:.1f} | "
                      f"{s_rel:.3f} | {len(ranked & best_rel) / top:.1f} |", flush=True)
            summary["layers"].append(entry)
    json.dump(summary, open(os.path.join(HERE, "summary-units.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
