#!/usr/bin/env bash
# Approximate collapse against the classic baselines, in one harness and one run:
# test accuracy of LeNet-300-100 on MNIST against the fraction of hidden neurons removed
# (50/60/70/80 %), without fine-tuning, calibration on the first 5,000 training images.
# Writes results.csv, results.tex (booktabs), accuracy.svg and summary.json here, then
# times one simplify at 50 % (simplify-50.json).
#
#   papers/approximate-collapse/run.sh        (from anywhere; ~20 s after the build)
source "$(dirname "$0")/../common.sh"
"$condense" sweep graphs/mnist/lenet-300-100.onnx --data graphs/mnist/data --calibration graphs/mnist/data \
    --fractions 0.5,0.6,0.7,0.8 --out "$here"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$condense" simplify graphs/mnist/lenet-300-100.onnx -o "$out/approx50.onnx" --mode approx --remove 0.5 \
    --calibration graphs/mnist/data --data graphs/mnist/data --json > "$here/simplify-50.json"
python3 - "$here/simplify-50.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
keys = [k for k in ("total_seconds", "seconds") if k in d]
print("simplify at 50 %:", {k: d[k] for k in keys})
PY
