#!/usr/bin/env python3
"""Exact (MILP) stability reference for ReLU MLPs on the box [lo, hi]^d, in the spirit of
LEO (Serra, Kumar, Ramalingam, CPAIOR 2020): for every hidden neuron, the maximum and the
minimum of its pre-activation over the box, with every earlier ReLU encoded exactly
(big-M with interval bounds, one binary per unstable neuron), solved by HiGHS through
scipy.optimize.milp.

A neuron is stably dead when max <= 0, stably active when min >= 0. To keep the run short,
the MILP is only solved where the outcome is open: a neuron seen active (inactive) on
MNIST test images or random points of the box cannot be stably dead (active), and where the
LP relaxation already proves stability the MILP would too. A MILP that hits the time limit
without proof counts as "not proven" and is listed.

Usage (from the repository root):
    python3 papers/exact-collapse/milp_reference.py MODEL.onnx [--domain 0,1] [--time-limit 60] [--json OUT]

Prints per hidden layer the counts proven by intervals, the LP (triangle relaxation) and the
MILP, and the neurons seen on data/random points. Needs numpy, scipy, onnx.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from mnist_mlp import gemm_layers, mnist_images  # noqa: E402


def samples(d, lo, hi):
    """MNIST test images (when the input is 784 wide) and 20,000 seeded random points of the box."""
    points = lo + (hi - lo) * np.random.default_rng(0).random((20000, d))
    return np.concatenate([mnist_images("test"), points]) if d == 784 else points


class Encoding:
    """Variables: x (d), then per hidden layer k < current: h_k (width), a_k (binaries of unstable)."""

    def __init__(self, d, lo, hi):
        self.d, self.n = d, d
        self.lb, self.ub, self.integrality = [lo] * d, [hi] * d, [0] * d
        self.rows, self.rlo, self.rhi = [], [], []
        self.out = list(range(d))  # variable index of each value of the last encoded layer

    def var(self, lb, ub, integer=False):
        self.lb.append(lb), self.ub.append(ub), self.integrality.append(1 if integer else 0)
        self.n += 1
        return self.n - 1

    def add(self, coeffs, lo, hi):
        self.rows.append(coeffs), self.rlo.append(lo), self.rhi.append(hi)

    def add_relu_layer(self, w, b, l, u):
        """h = relu(w . prev + b), exact: h = z (active), h = 0 (dead), big-M otherwise."""
        prev, new = self.out, []
        for i in range(w.shape[0]):
            z = {p: w[i, k] for k, p in enumerate(prev) if w[i, k] != 0}
            h = self.var(0.0, max(u[i], 0.0))
            if u[i] <= 0:
                self.add({h: 1.0}, 0.0, 0.0)
            elif l[i] >= 0:
                self.add({h: 1.0, **{p: -c for p, c in z.items()}}, b[i], b[i])
            else:
                a = self.var(0.0, 1.0, integer=True)
                self.add({h: 1.0, **{p: -c for p, c in z.items()}}, b[i], np.inf)  # h >= z
                self.add({h: 1.0, **{p: -c for p, c in z.items()}, a: -l[i]}, -np.inf, b[i] - l[i])  # h <= z - l (1 - a)
                self.add({h: 1.0, a: -u[i]}, -np.inf, 0.0)  # h <= u a
            new.append(h)
        self.out = new

    def solve(self, objective, integer, time_limit):
        a = np.zeros((len(self.rows), self.n))
        for r, coeffs in enumerate(self.rows):
            for k, c in coeffs.items():
                a[r, k] = c
        c = np.zeros(self.n)
        for k, v in objective.items():
            c[k] = v
        cons = [LinearConstraint(a, self.rlo, self.rhi)] if self.rows else []
        res = milp(c, constraints=cons, bounds=Bounds(self.lb, self.ub),
                   integrality=np.array(self.integrality) if integer else None,
                   options={"time_limit": time_limit})
        return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model")
    ap.add_argument("--domain", default="0,1")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--json")
    args = ap.parse_args()
    lo, hi = map(float, args.domain.split(","))
    layers = gemm_layers(args.model)
    d = layers[0][0].shape[1]
    x = samples(d, lo, hi)
    enc = Encoding(d, lo, hi)
    il, iu = np.full(d, lo), np.full(d, hi)  # interval bounds of the previous layer's values
    report = {"model": args.model, "domain": [lo, hi], "layers": []}
    start = time.time()
    values = x
    for k, (w, b) in enumerate(layers[:-1]):
        z = values @ w.T + b
        seen_max, seen_min = z.max(0), z.min(0)
        l = b + np.minimum(w, 0) @ iu + np.maximum(w, 0) @ il
        u = b + np.maximum(w, 0) @ iu + np.minimum(w, 0) @ il
        counts = {"width": int(w.shape[0]), "interval_dead": int((u <= 0).sum()), "interval_active": int((l >= 0).sum()),
                  "lp_dead": 0, "lp_active": 0, "milp_dead": 0, "milp_active": 0,
                  "seen_never_active": int((seen_max <= 0).sum()), "seen_never_inactive": int((seen_min >= 0).sum()),
                  "timed_out": []}
        tight_l, tight_u = l.copy(), u.copy()
        for i in range(w.shape[0]):
            objective = {p: w[i, j] for j, p in enumerate(enc.out) if w[i, j] != 0}
            for kind, sign, open_ in (("dead", -1, seen_max[i] <= 0), ("active", 1, seen_min[i] >= 0)):
                if not open_:
                    continue
                if (kind == "dead" and u[i] <= 0) or (kind == "active" and l[i] >= 0):
                    counts[f"lp_{kind}"] += 1
                    counts[f"milp_{kind}"] += 1
                    continue
                obj = {p: sign * c for p, c in objective.items()}
                res = enc.solve(obj, integer=False, time_limit=args.time_limit)
                value = sign * res.fun + b[i]
                proven = value <= 0 if kind == "dead" else value >= 0
                counts[f"lp_{kind}"] += int(proven)
                if not proven:
                    res = enc.solve(obj, integer=True, time_limit=args.time_limit)
                    if res.status == 0:
                        value = sign * res.fun + b[i]
                        proven = value <= 0 if kind == "dead" else value >= 0
                    else:
                        counts["timed_out"].append(i)
                counts[f"milp_{kind}"] += int(proven)
                if proven and kind == "dead":
                    tight_u[i] = min(tight_u[i], 0.0)
                if proven and kind == "active":
                    tight_l[i] = max(tight_l[i], 0.0)
        report["layers"].append(counts)
        print(f"layer {k + 1}: {counts}", file=sys.stderr, flush=True)
        enc.add_relu_layer(w, b, tight_l, tight_u)
        il, iu = np.maximum(l, 0), np.maximum(u, 0)
        values = np.maximum(z, 0)
    report["seconds"] = time.time() - start
    text = json.dumps(report, indent=1)
    if args.json:
        tmp = args.json + ".tmp"
        open(tmp, "w").write(text + "\n")
        os.replace(tmp, args.json)
    print(text)


if __name__ == "__main__":
    main()
