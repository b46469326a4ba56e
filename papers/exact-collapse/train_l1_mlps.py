#!/usr/bin/env python3
"""Train the small MNIST MLPs of the exact-collapse experiment and export them to ONNX.

What it does
    * reads MNIST from graphs/mnist/data/*.gz (the IDX loader of
      graphs/mnist/train_lenet.py), pixels as x/255 in [0, 1];
    * trains six ReLU MLPs 784-W-W-10 for W in 25, 50, 100, each without and
      with L1 regularisation (loss = cross-entropy + lambda * sum |w| over the
      weight matrices, lambda = 3e-4 by default), as in the setting of
      Serra, Kumar, Ramalingam, "Lossless compression of deep neural networks"
      (CPAIOR 2020), where L1 makes many ReLUs stable on the input domain;
      Adam lr 1e-3, batch 128, 15 epochs, seed 0, one CPU thread;
    * exports each to papers/exact-collapse/models/mlp-2xW[-l1].onnx (input
      "input" [N, 784], output "logits" [N, 10]) with metadata
      condense.input_scale = "1/255", condense.input_domain = "0,1";
    * writes papers/exact-collapse/models/models.json: test accuracy, lambda,
      epochs, seconds per model.

Run (from the repository root; about five minutes on one core):
    python3 papers/exact-collapse/train_l1_mlps.py [--epochs N] [--l1 LAMBDA] [--seed S]

Deterministic: fixed seeds, a seeded shuffling generator,
torch.use_deterministic_algorithms(True) and one intra-op thread.
"""

import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "graphs", "mnist"))
from train_lenet import export_onnx, load_mnist  # noqa: E402  (shared IDX reader and exporter)

WIDTHS = (25, 50, 100)


def build(width):
    return nn.Sequential(nn.Linear(784, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(),
                         nn.Linear(width, 10))


def l1_norm(model):
    return sum(m.weight.abs().sum() for m in model if isinstance(m, nn.Linear))


def train(width, l1, data, args):
    (xtr, ytr), (xte, yte) = data
    torch.manual_seed(args.seed)
    model = build(width)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(args.seed)
    t0 = time.time()
    for _ in range(args.epochs):
        model.train()
        perm = torch.randperm(xtr.shape[0], generator=gen)
        for i in range(0, len(perm), args.batch):
            idx = perm[i:i + args.batch]
            opt.zero_grad()
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            if l1 > 0:
                loss = loss + l1 * l1_norm(model)
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        acc = float((model(xte).argmax(1).numpy() == yte).mean())
    return model, acc, time.time() - t0


def add_metadata(path, doc):
    import onnx
    m = onnx.load(path)
    for key, value in (("condense.input_scale", "1/255"), ("condense.input_domain", "0,1"),
                       ("condense.dataset", "mnist")):
        p = m.metadata_props.add()
        p.key, p.value = key, value
    m.doc_string = doc
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--l1", type=float, default=3e-4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--out-dir", default=os.path.join(HERE, "models"))
    args = ap.parse_args()

    torch.set_num_threads(1)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.use_deterministic_algorithms(True)
    os.makedirs(args.out_dir, exist_ok=True)

    xtr, ytr = load_mnist("train")
    xte, yte = load_mnist("t10k")
    data = ((torch.from_numpy(xtr), torch.from_numpy(ytr)), (torch.from_numpy(xte), yte))

    summary = []
    for width in WIDTHS:
        for l1 in (0.0, args.l1):
            name = f"mlp-2x{width}" + ("-l1" if l1 > 0 else "")
            model, acc, seconds = train(width, l1, data, args)
            path = os.path.join(args.out_dir, name + ".onnx")
            export_onnx(model, path)
            add_metadata(path, f"784-{width}-{width}-10 ReLU MLP on MNIST (x/255), L1 lambda {l1}, logits")
            summary.append({"model": name + ".onnx", "width": width, "l1": l1, "epochs": args.epochs,
                            "seed": args.seed, "test_accuracy": acc, "train_seconds": round(seconds, 1)})
            print(f"{name:16s} test acc {acc:.4f}  ({seconds:.1f}s)", flush=True)
    with open(os.path.join(args.out_dir, "models.json"), "w") as f:
        json.dump({"torch": torch.__version__, "models": summary}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
