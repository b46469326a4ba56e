#!/usr/bin/env python3
"""Train the bundled convolutional models with PyTorch and export them to ONNX.

    python3 graphs/train_cnn.py lenet5   # MNIST  -> graphs/mnist/lenet5.onnx, lenet5-dynamo.onnx
    python3 graphs/train_cnn.py resnet8  # Fashion-MNIST -> graphs/fashion/resnet8.onnx (BN folded),
                                         #   resnet8-bn.onnx (BatchNormalization nodes), resnet8-dynamo.onnx

LeNet-5: Conv(1->6, 5x5, pad 2) ReLU MaxPool(2) Conv(6->16, 5x5) ReLU MaxPool(2) Flatten
120 ReLU 84 ReLU 10 (logits). ResNet-8: Conv(1->16, 3x3) BN ReLU, three basic blocks
(16, 32 stride 2, 64 stride 2; two 3x3 Conv+BN each; identity shortcut in the first,
1x1 Conv+BN projection in the others, joined by Add then ReLU), GlobalAveragePool,
Flatten, Linear(64, 10).

Inputs are [N, 1, 28, 28] float32 images scaled x/255 (metadata condense.input_scale
"1/255", condense.input_domain "0,1"). Seeded (torch, numpy, python; a seeded shuffling
generator, deterministic algorithms), Adam, one CPU thread by default. Exporters: the
classic TorchScript exporter (dynamo=False) with constant folding, which folds BatchNormalization
into the convolutions, and without it (BatchNormalization nodes kept: resnet8-bn.onnx); and the
dynamo exporter (torch.export and its optimizer; GlobalAveragePool becomes ReduceMean).
Each export is checked with onnx.checker and with ONNX Runtime against PyTorch on the test set;
NAME.json records accuracies, differences, operator types, epochs and versions.
"""

import argparse
import gzip
import json
import os
import random
import sys
import time
import warnings

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic = int.from_bytes(raw[0:4], "big")
    ndim = magic & 0xFF
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(folder, split, limit=None):
    x = read_idx(os.path.join(folder, f"{split}-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(folder, f"{split}-labels-idx1-ubyte.gz"))
    if limit:
        x, y = x[:limit], y[:limit]
    return (x.reshape(-1, 1, 28, 28).astype(np.float32) / np.float32(255)), y.astype(np.int64)


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Identity()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(y)) + self.shortcut(x))


class ResNet8(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.blocks = nn.Sequential(BasicBlock(16, 16, 1), BasicBlock(16, 32, 2), BasicBlock(32, 64, 2))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.blocks(self.stem(x))), 1))


MODELS = {
    "lenet5": dict(build=LeNet5, data=os.path.join(HERE, "mnist", "data"), out=os.path.join(HERE, "mnist"),
                   dataset="mnist", epochs=4, lr=1e-3),
    "resnet8": dict(build=ResNet8, data="/usr/share/datasets/fashion-mnist", out=os.path.join(HERE, "fashion"),
                    dataset="fashion-mnist", epochs=4, lr=2e-3),
}


def export(model, path, style):
    """style: "legacy" (TorchScript exporter, constant folding: BatchNormalization folded into the
    convolutions), "legacy-bn" (the same without constant folding: BatchNormalization nodes kept),
    "dynamo" (torch.export and the ONNX optimizer)."""
    dummy = torch.zeros(2, 1, 28, 28)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if style == "dynamo":
            program = torch.onnx.export(model, (dummy,), dynamo=True, input_names=["input"], output_names=["logits"],
                                        dynamic_shapes=({0: torch.export.Dim("N")},), opset_version=18,
                                        external_data=False)
            program.save(path)
        else:
            torch.onnx.export(model, (dummy,), path, dynamo=False, input_names=["input"], output_names=["logits"],
                              dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, opset_version=17,
                              do_constant_folding=style == "legacy",
                              training=torch.onnx.TrainingMode.EVAL if style == "legacy" else torch.onnx.TrainingMode.PRESERVE)
    import onnx
    m = onnx.load(path)
    for k, v in {"condense.input_scale": "1/255", "condense.input_domain": "0,1"}.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, path)
    return sorted({n.op_type for n in m.graph.node})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", choices=sorted(MODELS))
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    spec = MODELS[args.model]
    epochs = args.epochs or spec["epochs"]
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)

    xtr, ytr = load(spec["data"], "train")
    xte, yte = load(spec["data"], "t10k")
    xtr_t, ytr_t, xte_t = torch.from_numpy(xtr), torch.from_numpy(ytr), torch.from_numpy(xte)
    model = spec["build"]()
    opt = torch.optim.Adam(model.parameters(), lr=spec["lr"])
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(args.seed)
    history = []
    t0 = time.time()
    for epoch in range(1, epochs + 1):
        model.train()
        perm = torch.randperm(len(xtr_t), generator=gen)
        total = 0.0
        for i in range(0, len(perm), args.batch):
            idx = perm[i:i + args.batch]
            opt.zero_grad()
            loss = loss_fn(model(xtr_t[idx]), ytr_t[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            acc = float((model(xte_t).argmax(1).numpy() == yte).mean())
        history.append({"epoch": epoch, "train_loss": round(total / len(perm), 5), "test_accuracy": acc})
        print(f"epoch {epoch}  loss {total / len(perm):.4f}  test acc {acc:.4f}  ({time.time() - t0:.0f}s)", flush=True)

    model.eval()
    with torch.no_grad():
        logits = model(xte_t).numpy()
    torch_acc = float((logits.argmax(1) == yte).mean())
    os.makedirs(spec["out"], exist_ok=True)
    import onnxruntime as ort
    names = {"lenet5": [("lenet5.onnx", "legacy"), ("lenet5-dynamo.onnx", "dynamo")],
             "resnet8": [("resnet8.onnx", "legacy"), ("resnet8-bn.onnx", "legacy-bn"),
                         ("resnet8-dynamo.onnx", "dynamo")]}[args.model]
    exports = []
    for name, style in names:
        path = os.path.join(spec["out"], name)
        ops = export(model, path, style)
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        out = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"]).run(None, {"input": xte})[0]
        exports.append({"file": name, "exporter": style,
                        "operators": ops, "test_accuracy_onnxruntime": float((out.argmax(1) == yte).mean()),
                        "max_abs_logit_diff_pytorch_vs_ort": float(np.abs(out - logits).max()),
                        "bytes": os.path.getsize(path)})
        print(f"{name}: {ops}, ORT accuracy {exports[-1]['test_accuracy_onnxruntime']:.4f}", flush=True)
    info = {"model": args.model, "dataset": spec["dataset"], "input": "[N, 1, 28, 28], x/255",
            "test_accuracy_pytorch": torch_acc, "epochs": epochs, "batch_size": args.batch,
            "optimizer": f"Adam lr={spec['lr']}", "seed": args.seed, "train_seconds": round(time.time() - t0, 1),
            "history": history, "exports": exports,
            "versions": {"torch": torch.__version__, "onnxruntime": ort.__version__, "python": sys.version.split()[0]}}
    with open(os.path.join(spec["out"], args.model + ".json"), "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
