#!/bin/sh
# Regenerates the sample drawings in this folder (run from the repository root after
# `swift build -c release`). Everything is drawn by libgvc in-process (nop2 for neuron
# level, dot for layer level); no `dot` program is run.
set -eu
condense=${CONDENSE:-.build/release/condense}
model=graphs/mnist/lenet-300-100.onnx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# LeNet-300-100 before and after an approximate simplification that removes half of the
# hidden neurons with the calibrated method, as `condense demo` does (exact simplification
# removes none of this trained network's neurons).
"$condense" simplify "$model" -o "$work/lenet-300-100-approx50.onnx" --mode approx --remove 0.5 --calibration graphs/mnist/data \
    --report "$work/approx50.json" >/dev/null
"$condense" render "$model" -o graphs/samples/before.png
"$condense" render "$work/lenet-300-100-approx50.onnx" -o graphs/samples/after.png
"$condense" render "$model" --compare "$work/lenet-300-100-approx50.onnx" --report "$work/approx50.json" \
    -o graphs/samples/compare.png
"$condense" render "$model" --compare "$work/lenet-300-100-approx50.onnx" --report "$work/approx50.json" \
    --level layer -o graphs/samples/compare-layers.png

# Exact simplification of a small network with planted redundancy: every exact rule shows.
"$condense" plant -o "$work/planted.onnx" --widths 16,12,10,4 --planted 7,7 --seed 3 >/dev/null
"$condense" simplify "$work/planted.onnx" -o "$work/planted-exact.onnx" --report "$work/planted.json" >/dev/null
"$condense" render "$work/planted.onnx" --compare "$work/planted-exact.onnx" --report "$work/planted.json" \
    -o graphs/samples/planted-compare.png
