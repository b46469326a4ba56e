#!/usr/bin/env python3
"""Time one training epoch of a bundled architecture in PyTorch (CPU), for `condense bench train`.

    python3 Scripts/torch_epoch.py {lenet-300-100,lenet5,resnet8} --data DIR [--batch-size 64]
        [--threads 2] [--limit N] [--optimizer adam|sgd] [--json]

The architectures are those the bundled models were trained with (graphs/mnist/train_lenet.py,
graphs/train_cnn.py); the weights are random, which does not change the time. Same work as
Condense's fine-tuning: the data's train split (the first --limit samples), shuffled
mini-batches, cross-entropy on the logits, Adam (or SGD with momentum), BatchNormalization
with fixed statistics (eval mode, as Condense trains it). The time excludes reading the data.
PyTorch is used only here, never by the framework.
"""
import argparse
import importlib.util
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def module(path, name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, path))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("arch", choices=["lenet-300-100", "lenet5", "resnet8"])
    ap.add_argument("--data", required=True)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    cnn = module("graphs/train_cnn.py", "train_cnn")
    x, y = cnn.load(args.data, "train", args.limit)
    if args.arch == "lenet-300-100":
        model = module("graphs/mnist/train_lenet.py", "train_lenet").build_model()
        x = x.reshape(x.shape[0], -1)
    else:
        model = cnn.LeNet5() if args.arch == "lenet5" else cnn.ResNet8()
    model.train()
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    opt = (torch.optim.Adam(model.parameters(), lr=1e-3) if args.optimizer == "adam"
           else torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9))
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(0)

    def epoch():
        order = torch.randperm(x.shape[0], generator=g)
        total = 0.0
        for start in range(0, x.shape[0], args.batch_size):
            idx = order[start:start + args.batch_size]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        return total / x.shape[0]

    started = time.perf_counter()
    loss = epoch()
    seconds = time.perf_counter() - started
    result = {"arch": args.arch, "samples": int(x.shape[0]), "batch_size": args.batch_size, "threads": args.threads,
              "optimizer": args.optimizer, "epoch_seconds": seconds, "loss": loss, "torch": torch.__version__}
    print(json.dumps(result) if args.json else f"{args.arch}: one epoch of {x.shape[0]} samples in {seconds:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
