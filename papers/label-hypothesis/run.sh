#!/usr/bin/env bash
# Hypothesis: "neurons whose labels are close are redundant". Condense writes the sketch
# labels of LeNet-300-100 (data-free signature sketches, and activation sketches on 1,000
# training images); analyze.py measures, for sampled pairs of neurons of the same layer,
# how much merging one into the other changes the outputs on 1,000 held-out test images,
# and how well each label distance predicts that change. Writes labels-*.json (ignored by
# git), pairs.csv, summary.json and prints the table of README.md.
#
#   papers/label-hypothesis/run.sh      (about 1 minute; needs numpy, scipy, onnx)
source "$(dirname "$0")/../common.sh"
model=graphs/mnist/lenet-300-100.onnx
"$condense" labels "$model" --scheme sketch --bits 256 --queries 1000 -o "$here/labels-weights.json" > /dev/null
"$condense" labels "$model" --scheme sketch --bits 256 --queries 1000 --data graphs/mnist/data --limit 1000 \
    -o "$here/labels-activations.json" > /dev/null
python3 "$here/analyze.py"

# The same harness on channel DAGs (LeNet-5, ResNet-8): unit labels, then analyze_units.py
# (about 3 minutes; needs onnxruntime).
for m in mnist/lenet5:lenet5:mnist fashion/resnet8:resnet8:fashion; do
    IFS=: read -r model prefix data <<< "$m"
    "$condense" labels "graphs/$model.onnx" --units --scheme sketch --bits 256 --queries 1000 \
        -o "$here/labels-$prefix-units-weights.json" > /dev/null
    "$condense" labels "graphs/$model.onnx" --units --scheme sketch --bits 256 --queries 1000 --data "graphs/$data/data" \
        --limit 1000 -o "$here/labels-$prefix-units-activations.json" > /dev/null
done
python3 "$here/analyze_units.py"
