#!/usr/bin/env bash
# Channel-level collapse of CNNs and residual networks, no fine-tuning:
#  1. exact channel collapse (planted residual CNN, LeNet-5, ResNet-8): removals per rule,
#     each result checked in ONNX Runtime (exact-*.json, exact-ort-*.json);
#  2. accuracy against the fraction of units removed (50/60/70/80 % of every removable
#     layer's conv channels and neurons, coupled channels together) for Condense and every
#     baseline criterion, each with and without the same least-squares compensation
#     (lenet5/, resnet8/, fashion-lenet-300-100/: results.md/csv/tex, accuracy.svg, summary.json);
#  3. every simplified model of 2 run in ORT: accuracy as Condense reported it, onnx.checker,
#     and its speed against the original in one run (batch 256, one thread) next to its
#     FLOP ratio (ort.md, ort.csv);
#  4. Fashion-MNIST LeNet-300-100 (neurons) beside Kim et al.'s published figures (kim/).
#
#   papers/channel-collapse/run.sh      (about 25 minutes on 2 cores after the build)
source "$(dirname "$0")/../common.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for m in "planted/planted-channels planted" "mnist/lenet5 mnist" "fashion/resnet8 fashion"; do
    set -- $m
    name="$(basename "$1")"
    data=()
    [ "$2" != planted ] && data=(--data "graphs/$2/data" --limit 2000)
    "$condense" simplify "graphs/$1.onnx" -o "$tmp/$name.onnx" --domain 0,1 "${data[@]}" --json > "$here/exact-$name.json"
    python3 Scripts/ort_compare.py "graphs/$1.onnx" "$tmp/$name.onnx" --domain 0,1 --json \
        $([ "$2" != planted ] && echo --data "graphs/$2/data") > "$here/exact-ort-$name.json"
done

"$condense" sweep graphs/mnist/lenet5.onnx --units --data graphs/mnist/data --calibration graphs/mnist/data \
    --calibration-size 2000 --out "$here/lenet5" --save-models
"$condense" sweep graphs/fashion/resnet8.onnx --units --data graphs/fashion/data --calibration graphs/fashion/data \
    --calibration-size 1000 --out "$here/resnet8" --save-models
"$condense" sweep graphs/fashion/lenet-300-100.onnx --units --data graphs/fashion/data --calibration graphs/fashion/data \
    --calibration-size 5000 --out "$here/fashion-lenet-300-100" --save-models
for d in lenet5:mnist/lenet5:mnist resnet8:fashion/resnet8:fashion fashion-lenet-300-100:fashion/lenet-300-100:fashion; do
    IFS=: read -r folder model data <<< "$d"
    python3 Scripts/ort_sweep_check.py "$here/$folder" "graphs/$model.onnx" --data "graphs/$data/data" --repeat 20
done

# Kim et al. (NeurIPS 2020) on Fashion-MNIST LeNet-300-100: the neuron-level sweep (Condense's
# least-squares methods and the classic baselines, no compensation for those) on the model of
# graphs/mnist/train_lenet.py --data /usr/share/datasets/fashion-mnist (89.15 %).
"$condense" sweep graphs/fashion/lenet-300-100.onnx --data graphs/fashion/data --calibration graphs/fashion/data \
    --fractions 0.5,0.6,0.7,0.8 --out "$here/kim"
python3 - "$here" <<'PY'
import json, os, sys
here = sys.argv[1]
d = json.load(open(os.path.join(here, "kim", "summary.json")))
base = d["baseline_accuracy"] * 100
published = {"merge": (89.80, [88.69, 86.92, 82.75, 80.02]), "l1-prune": (89.80, [88.40, 85.17, 71.26, 66.76])}
rows = {(r["method"], round(r["fraction"], 2)): r for r in d["rows"]}
lines = ["| removed | Kim et al. merge drop | Kim et al. L1 prune drop | condense-ls drop (ours, %.2f %% model) | third of merge drop | met |" % base,
         "|---:|---:|---:|---:|---:|:-:|"]
for k, f in enumerate([0.5, 0.6, 0.7, 0.8]):
    merge = published["merge"][0] - published["merge"][1][k]
    l1 = published["l1-prune"][0] - published["l1-prune"][1][k]
    ours = rows[("condense-ls", f)]["drop"]
    lines.append(f"| {int(f*100)} % | {merge:.2f} | {l1:.2f} | {ours:.2f} | {merge/3:.2f} | {'yes' if ours <= merge / 3 else 'no'} |")
open(os.path.join(here, "kim", "comparison.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
