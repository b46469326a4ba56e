#!/usr/bin/env python3
"""Does label distance predict redundancy? (papers/label-hypothesis)

For LeNet-300-100 and pairs (i, j) of neurons in the same hidden layer, the *redundancy*
of the pair is the mean squared change of the logits on 1,000 held-out MNIST test images
when j is merged into i: a_j is replaced by c a_i + d (least squares on the first 1,000
training images, the calibration set), i.e. its outgoing weights move to i scaled by c and
d goes into the next biases. The better of the two directions counts ("output change").
The *partner benefit* divides that by the change of removing j alone with its mean folded
into the biases ("relative change": 1 means the partner does not help). Neurons constant on
the calibration set are left out (they go alone at no cost) and counted.

Predictors, all from labels or label-like quantities:
  weight sketch      cosine estimated from Condense's 256-bit SimHash of incoming weights + bias
  activation sketch  cosine estimated from the 256-bit SimHash of activation vectors (calibration)
  exact cosine       the exact (uncentered) cosine of activation vectors, what the sketch estimates
  exact correlation  Pearson correlation of activations (the centered cosine)
  removal cost       ||W_out[:, j]||^2 var(a_j): the cost of removing j with its mean folded in

Reported per layer and target: Spearman rank correlation with the redundancy (sign
flipped so that higher is better), and precision@50: of the 50 most redundant sampled
pairs, how many are among the 50 pairs each predictor ranks first. Pairs: every pair of layer 2 (4,950),
and 20,000 random pairs of layer 1, among non-constant neurons. Seeded; writes pairs.csv and summary.json.
"""
import csv
import json
import os
import sys

import numpy as np
from scipy.stats import spearmanr

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from mnist_mlp import ROOT, gemm_layers, mnist_images  # noqa: E402

MODEL = os.path.join(ROOT, "graphs/mnist/lenet-300-100.onnx")


def forward(net, x):
    acts = [x]
    for k, (w, b) in enumerate(net):
        z = acts[-1] @ w.T + b
        acts.append(np.maximum(z, 0) if k < len(net) - 1 else z)
    return acts


def sketches(path, layer, width):
    labels = json.load(open(path))["labels"]
    bits = []
    for i in range(width):
        text = labels[f"L{layer}:{i}"]["parts"][0]["text"]
        bits.append(np.unpackbits(np.frombuffer(bytes.fromhex(text), np.uint8)) if text else None)
    return bits


def sketch_cosine(bits, i, j):
    if bits[i] is None or bits[j] is None:
        return 0.0
    return float(np.cos(np.pi * np.count_nonzero(bits[i] != bits[j]) / bits[i].size))


def merge_change(net, cal, test, layer, i, j, base):
    """Mean squared logit change on the test set when j is merged into i (affine fit on cal);
    with i = None, j is removed alone with its calibration mean folded into the next biases."""
    aj = cal[layer][:, j]
    if i is None:
        i, c, d = j, 0.0, aj.mean()
    else:
        ai = cal[layer][:, i]
        var = ai.var()
        c = ((ai - ai.mean()) @ (aj - aj.mean())) / (len(ai) * var) if var > 0 else 0.0
        d = aj.mean() - c * ai.mean()
    w_next, b_next = net[layer]  # the layer reading `layer`
    w2, b2 = w_next.copy(), b_next.copy()
    w2[:, j] = 0
    w2[:, i] += c * w_next[:, j]
    b2 += d * w_next[:, j]
    z = test[layer] @ w2.T + b2
    rest = net[layer + 1:]
    x = np.maximum(z, 0) if rest else z
    for k, (w, b) in enumerate(rest):
        x = x @ w.T + b
        if k < len(rest) - 1:
            x = np.maximum(x, 0)
    return float(np.mean((x - base) ** 2))


def main():
    rng = np.random.default_rng(0)
    net = gemm_layers(MODEL)
    cal = forward(net, mnist_images("train", 1000))
    test = forward(net, mnist_images("test", 1000))
    base = test[-1]
    rows, summary = [], {"model": "graphs/mnist/lenet-300-100.onnx", "layers": []}
    for layer in (1, 2):
        width = net[layer - 1][0].shape[0]
        ws = sketches(os.path.join(HERE, "labels-weights.json"), layer, width)
        acs = sketches(os.path.join(HERE, "labels-activations.json"), layer, width)
        a = cal[layer]
        norms = np.linalg.norm(a, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            corr = np.corrcoef(a.T)  # NaN for constant neurons, which are left out below
        out_norm2 = (net[layer][0] ** 2).sum(0)
        alone = [merge_change(net, cal, test, layer, None, j, base) for j in range(width)]
        live = [j for j in range(width) if a[:, j].var() > 0]
        pairs = [(i, j) for i in live for j in live if i < j]
        if len(pairs) > 20000:
            pairs = [pairs[k] for k in rng.choice(len(pairs), 20000, replace=False)]
        for i, j in pairs:
            ij, ji = merge_change(net, cal, test, layer, i, j, base), merge_change(net, cal, test, layer, j, i, base)
            cos = float(a[:, i] @ a[:, j] / (norms[i] * norms[j])) if norms[i] * norms[j] > 0 else 0.0
            rows.append({
                "layer": layer, "i": i, "j": j, "output_change": min(ij, ji),
                "relative_change": min(ij / alone[j] if alone[j] > 0 else 1.0, ji / alone[i] if alone[i] > 0 else 1.0),
                "weight_sketch_cosine": sketch_cosine(ws, i, j),
                "activation_sketch_cosine": sketch_cosine(acs, i, j),
                "activation_cosine": cos,
                "activation_correlation": float(corr[i, j]),
                "removal_cost": float(min(out_norm2[i] * a[:, i].var(), out_norm2[j] * a[:, j].var())),
            })
        mine = [r for r in rows if r["layer"] == layer]
        entry = {"layer": layer, "width": width, "constant_on_calibration": width - len(live), "pairs": len(mine),
                 "predictors": {}}
        for target in ("output_change", "relative_change"):
            change = np.array([r[target] for r in mine])
            truth = set(np.argsort(change, kind="stable")[:50].tolist())
            for name, sign in (("weight_sketch_cosine", 1), ("activation_sketch_cosine", 1),
                               ("activation_cosine", 1), ("activation_correlation", 1), ("removal_cost", -1)):
                score = sign * np.array([r[name] for r in mine])
                top = set(np.argsort(-score, kind="stable")[:50].tolist())
                entry["predictors"].setdefault(name, {})[target] = {
                    "spearman": float(spearmanr(score, -change).statistic), "precision_at_50": len(top & truth) / 50}
        summary["layers"].append(entry)
    with open(os.path.join(HERE, "pairs.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(HERE, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print("| layer | pairs | predictor | Spearman: output change | precision@50 | Spearman: relative change | precision@50 |")
    print("|---|---|---|---|---|---|---|")
    for e in summary["layers"]:
        for name, p in e["predictors"].items():
            o, r = p["output_change"], p["relative_change"]
            print(f"| {e['layer']} | {e['pairs']:,} | {name.replace('_', ' ')} | {o['spearman']:.3f} | {o['precision_at_50']:.2f} "
                  f"| {r['spearman']:.3f} | {r['precision_at_50']:.2f} |")
    for e in summary["layers"]:
        print(f"layer {e['layer']}: {e['constant_on_calibration']} of {e['width']} neurons constant on the calibration set (left out)")

if __name__ == "__main__":
    main()
