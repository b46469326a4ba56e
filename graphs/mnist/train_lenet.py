#!/usr/bin/env python3
"""Train LeNet-300-100 on MNIST with PyTorch and export it to ONNX.

What it does
    * reads the MNIST IDX files (gzip) from graphs/mnist/data/ with gzip + numpy,
      scales pixels as x/255 (float32, range [0, 1]);
    * trains a 784-300-100-10 multilayer perceptron (nn.Linear + ReLU, no
      softmax: the network outputs logits) on all 60,000 training images,
      Adam lr 1e-3, batch 128, 10 epochs, seed 0, one CPU thread;
    * exports it with torch.onnx.export to graphs/mnist/lenet-300-100.onnx
      (input "input" [N, 784] with a dynamic batch axis, output "logits"
      [N, 10]); the classic TorchScript exporter (dynamo=False) is tried first,
      the default (dynamo) exporter only if that is unavailable.  The graph is
      a plain chain Gemm(transB=1) -> Relu -> Gemm -> Relu -> Gemm;
    * adds ONNX metadata_props condense.input_scale = "1/255",
      condense.input_domain = "0,1", condense.dataset = "mnist";
    * measures test accuracy on the 10,000 test images with PyTorch and with
      onnxruntime, and writes graphs/mnist/lenet-300-100.json (accuracies,
      epochs, seed, versions, exporter used, op types).

Run (from the repository root; takes about a minute on one core):
    python3 graphs/mnist/train_lenet.py
Options: --epochs N, --seed S, --threads T, --out-dir DIR, --data DIR, --dataset NAME.
Fashion-MNIST (Kim et al.'s LeNet-300-100 comparison):
    python3 graphs/mnist/train_lenet.py --data /usr/share/datasets/fashion-mnist \
        --out-dir graphs/fashion --dataset fashion-mnist --epochs 30 --lr 3e-4

Deterministic: fixed seeds (torch, numpy, python), a seeded generator for
shuffling, torch.use_deterministic_algorithms(True) and one intra-op thread.
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
DATA = os.path.join(HERE, "data")
NAME = "lenet-300-100"


def read_idx(path):
    """Read a gzip-compressed IDX file into a numpy array (uint8)."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic = int.from_bytes(raw[0:4], "big")
    if magic >> 8 != 0x08:  # unsigned byte data
        raise ValueError(f"{path}: unexpected IDX magic {magic:#010x}")
    ndim = magic & 0xFF
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    return data.reshape(dims)


def load_mnist(split, data_dir=DATA):
    """split: 'train' or 't10k'. Returns (x float32 [N,784] in [0,1], y int64 [N])."""
    x = read_idx(os.path.join(data_dir, f"{split}-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(data_dir, f"{split}-labels-idx1-ubyte.gz"))
    x = x.reshape(x.shape[0], -1).astype(np.float32) / np.float32(255.0)
    return x, y.astype(np.int64)


def build_model():
    return nn.Sequential(
        nn.Linear(784, 300), nn.ReLU(),
        nn.Linear(300, 100), nn.ReLU(),
        nn.Linear(100, 10),
    )


def export_onnx(model, path):
    """Export with the classic exporter if possible; return its name."""
    dummy = torch.zeros(1, 784, dtype=torch.float32)
    common = dict(input_names=["input"], output_names=["logits"], opset_version=17)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            torch.onnx.export(
                model, (dummy,), path, dynamo=False,
                dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
                do_constant_folding=True, **common)
        return "torchscript (torch.onnx.export dynamo=False)"
    except (TypeError, RuntimeError, ImportError, AttributeError) as e:  # pragma: no cover
        print(f"classic exporter unavailable ({e!r}); using the default exporter",
              file=sys.stderr)
        batch = torch.export.Dim("N")
        torch.onnx.export(model, (dummy,), path, dynamic_shapes=({0: batch},),
                          external_data=False, **common)
        return "dynamo (torch.onnx.export default)"


def add_metadata(path, extra=None, dataset="mnist"):
    import onnx
    m = onnx.load(path)
    props = {"condense.input_scale": "1/255",
             "condense.input_domain": "0,1",
             "condense.dataset": dataset}
    props.update(extra or {})
    existing = {p.key: p for p in m.metadata_props}
    for k, v in props.items():
        if k in existing:
            existing[k].value = v
        else:
            p = m.metadata_props.add()
            p.key, p.value = k, v
    m.doc_string = f"LeNet-300-100 trained on {dataset} (x/255), outputs logits"
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, path)
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--out-dir", default=HERE)
    ap.add_argument("--dataset", default="mnist",
                    help="name written to the metadata and the JSON (e.g. fashion-mnist with "
                         "--data /usr/share/datasets/fashion-mnist --out-dir graphs/fashion)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)

    xtr, ytr = load_mnist("train", args.data)
    xte, yte = load_mnist("t10k", args.data)
    xtr_t, ytr_t = torch.from_numpy(xtr), torch.from_numpy(ytr)
    xte_t = torch.from_numpy(xte)

    model = build_model()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(args.seed)

    t0 = time.time()
    history = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        perm = torch.randperm(xtr_t.shape[0], generator=gen)
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
            acc = (model(xte_t).argmax(1).numpy() == yte).mean()
        history.append({"epoch": epoch, "train_loss": round(total / len(perm), 5),
                        "test_accuracy": float(acc)})
        print(f"epoch {epoch:2d}  loss {total / len(perm):.4f}  test acc {acc:.4f}"
              f"  ({time.time() - t0:.1f}s)", flush=True)
    train_seconds = time.time() - t0

    model.eval()
    with torch.no_grad():
        torch_logits = model(xte_t).numpy()
    torch_acc = float((torch_logits.argmax(1) == yte).mean())

    onnx_path = os.path.join(args.out_dir, NAME + ".onnx")
    exporter = export_onnx(model, onnx_path)
    m = add_metadata(onnx_path, dataset=args.dataset)

    import onnx
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = args.threads
    sess = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
    ort_logits = sess.run(["logits"], {"input": xte})[0]
    ort_acc = float((ort_logits.argmax(1) == yte).mean())
    max_diff = float(np.abs(ort_logits - torch_logits).max())

    info = {
        "model": NAME + ".onnx",
        "architecture": "784-300-100-10 Linear+ReLU, logits output",
        "dataset": args.dataset,
        "input_scale": "1/255",
        "train_images": int(xtr.shape[0]),
        "test_images": int(xte.shape[0]),
        "test_accuracy_pytorch": torch_acc,
        "test_accuracy_onnxruntime": ort_acc,
        "max_abs_logit_diff_pytorch_vs_ort": max_diff,
        "epochs": args.epochs,
        "batch_size": args.batch,
        "optimizer": f"Adam lr={args.lr}",
        "seed": args.seed,
        "history": history,
        "exporter": exporter,
        "opset": [{"domain": o.domain, "version": o.version} for o in m.opset_import],
        "op_types": [n.op_type for n in m.graph.node],
        "inputs": [i.name for i in m.graph.input],
        "outputs": [o.name for o in m.graph.output],
        "metadata_props": {p.key: p.value for p in m.metadata_props},
        "versions": {"python": sys.version.split()[0], "torch": torch.__version__,
                     "onnx": onnx.__version__, "onnxruntime": ort.__version__,
                     "numpy": np.__version__},
    }
    json_path = os.path.join(args.out_dir, NAME + ".json")
    with open(json_path, "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    print(f"wrote {onnx_path} ({os.path.getsize(onnx_path)} bytes) and {json_path}")
    print(f"test accuracy: pytorch {torch_acc:.4f}, onnxruntime {ort_acc:.4f}, "
          f"max |diff| {max_diff:.2e}; exporter: {exporter}")


if __name__ == "__main__":
    main()
