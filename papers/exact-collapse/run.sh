#!/usr/bin/env bash
# Exact collapse experiment: the L1 / no-L1 MNIST MLPs on the domain [0, 1]^784, plus the
# must-show checks on LeNet-300-100 and the planted 784-(512+128)-(256+128)-10 network
# (neurons removed per rule, output change, ONNX Runtime against Condense), and the
# scaling benchmark. Writes results/*.json, results.csv, must_show.csv, bench.json and
# prints the markdown tables of the README.
#
#   papers/exact-collapse/run.sh            (from anywhere; builds condense in release if needed)
#   CONDENSE=path/to/condense papers/exact-collapse/run.sh
source "$(dirname "$0")/../common.sh"
out="$here/results"
mkdir -p "$out"
data=graphs/mnist/data

# 1. The trained MLPs (train them first with train_l1_mlps.py if models/ is empty).
for model in "$here"/models/mlp-*.onnx; do
    name="$(basename "$model" .onnx)"
    echo "simplify $name" >&2
    "$condense" simplify "$model" -o "$out/$name-exact.onnx" --domain 0,1 --data "$data" --json > "$out/$name.json"
    "$condense" simplify "$model" -o "$out/$name-exact-growth.onnx" --domain 0,1 --max-parameter-growth 2 \
        --json > "$out/$name-growth.json"
done

# 2. Must-show: LeNet-300-100 and the planted network, with ONNX Runtime on the exported models.
"$condense" plant -o "$out/planted.onnx" --json > "$out/planted-plan.json"
for model in graphs/mnist/lenet-300-100.onnx "$out/planted.onnx"; do
    name="$(basename "$model" .onnx)"
    echo "simplify $name" >&2
    "$condense" simplify "$model" -o "$out/$name-exact.onnx" --domain 0,1 --data "$data" --json > "$out/$name.json"
    "$condense" evaluate "$out/$name-exact.onnx" --data "$data" --dump-outputs "$out/$name-exact.npy" --json \
        > "$out/$name-evaluate.json"
    python3 Scripts/ort_check.py "$out/$name-exact.onnx" --data "$data" --condense-outputs "$out/$name-exact.npy" \
        --json > "$out/$name-ort.json"
done

# 3. Scaling: planted network at 1x, 2x, 4x width in one run.
echo "bench simplify" >&2
"$condense" bench simplify --json > "$here/bench.json"

python3 "$here/collect.py"
