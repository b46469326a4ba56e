#!/usr/bin/env bash
# Whole graphs against ONNX Runtime: every bundled model through `condense inspect`,
# `evaluate` and `simplify --mode exact`, each checked in ORT (Scripts/check_models.py),
# then the inference speed of the whole model against ORT in one run per model.
# Writes check-models.json and bench-*.json here, and prints the tables.
#
#   papers/whole-graph/run.sh     (about 4 minutes after the build; needs onnx, onnxruntime)
source "$(dirname "$0")/../common.sh"
python3 Scripts/check_models.py --condense "$condense" --json "$here/check-models.json"
"$condense" bench inference graphs/mnist/lenet-300-100.onnx --repeats 40 --compare-ort --json > "$here/bench-lenet-300-100.json"
"$condense" bench inference graphs/mnist/lenet5.onnx --repeats 30 --compare-ort --json > "$here/bench-lenet5.json"
"$condense" bench inference graphs/fashion/resnet8.onnx --data graphs/fashion/data --repeats 15 --compare-ort --json \
    > "$here/bench-resnet8.json"
python3 - "$here" <<'PY'
import json, os, sys
here = sys.argv[1]
print("\nmodel | batch of 256 (ms) Condense / ORT | ratio | single sample (µs) Condense / ORT | ratio")
for name in ("lenet-300-100", "lenet5", "resnet8"):
    d = json.load(open(os.path.join(here, f"bench-{name}.json")))
    c, o = d["condense"], d["onnxruntime"]
    print(f"{d['model']} | {c['batch256_ms']:.2f} / {o['batch256_ms']:.2f} | {d['ratio_batch256']:.2f} | "
          f"{1000 * c['single_sample_ms']:.1f} / {1000 * o['single_sample_ms']:.1f} | {d['ratio_single_sample']:.2f}")
PY
