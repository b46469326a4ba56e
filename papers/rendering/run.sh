#!/usr/bin/env bash
# Neuron-level rendering speed on the bundled LeNet-300-100 (266,200 edges), in one run:
# the default drawing (each neuron's strongest inputs, at most 30,000 edges) and every
# edge, both to SVG through libgvc in-process (nop2, positions computed by Condense).
# Writes bench-default.json and bench-all-edges.json. With ANCHOR=1 it also runs the
# `dot` program (Debian's `graphviz` package) on the same graph with a 500 s limit.
#
#   papers/rendering/run.sh              (about 30 s after the build)
#   ANCHOR=1 papers/rendering/run.sh     (plus up to 500 s for dot)
source "$(dirname "$0")/../common.sh"
model=graphs/mnist/lenet-300-100.onnx
"$condense" bench render "$model" --repeats 5 --json > "$here/bench-default.json"
"$condense" bench render "$model" --repeats 5 --max-edges 0 --json > "$here/bench-all-edges.json"
if [ "${ANCHOR:-0}" = 1 ]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    "$condense" render "$model" --max-edges 0 -o "$work/lenet.dot" > /dev/null
    start=$(date +%s)
    status=0
    timeout 500 dot -Tsvg "$work/lenet.dot" -o "$work/lenet-dot.svg" || status=$?
    echo "{\"program\": \"$(dot -V 2>&1)\", \"exit_status\": $status, \"seconds\": $(( $(date +%s) - start )), \"finished\": $([ $status = 0 ] && echo true || echo false)}" \
        > "$here/dot-anchor.json"
fi
python3 - "$here" <<'PY'
import json, os, sys
here = sys.argv[1]
for name in ("bench-default.json", "bench-all-edges.json", "dot-anchor.json"):
    path = os.path.join(here, name)
    if os.path.exists(path):
        print(name, json.load(open(path)))
PY
