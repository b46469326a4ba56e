#!/usr/bin/env bash
# Labeling schemes on neurons: sizes, build and query times (one benchmark run), and the
# --verify checks of every scheme and semiring against exhaustive computation, on
# LeNet-300-100 and its 90 %-magnitude-pruned variant (plus a random 10^6-edge layered DAG
# in the benchmark). Writes bench.json, results/*.json, verify.csv and prints the tables
# of README.md.
#
#   papers/labeling-schemes/run.sh            (from anywhere; ~1 min after the build)
#   CONDENSE=path/to/condense papers/labeling-schemes/run.sh
source "$(dirname "$0")/../common.sh"
model=graphs/mnist/lenet-300-100.onnx
out="$here/results"
mkdir -p "$out"

# 1. Verification: 10,000 random queries per scheme against DP over the DAG, BFS, exact
#    cosines or a forward pass; exact schemes must report 0 mismatches (else exit code 2).
for prune in 0 0.9; do
    for scheme in equivalence reachability sketch; do
        echo "labels $scheme, pruned $prune" >&2
        "$condense" labels "$model" --scheme "$scheme" --prune "$prune" --verify 10000 --json \
            > "$out/$scheme-prune$prune.json"
    done
    for semiring in min-plus max-times sum-times path-norm boolean; do
        echo "labels hub $semiring, pruned $prune" >&2
        "$condense" labels "$model" --scheme hub --semiring "$semiring" --prune "$prune" --verify 10000 --json \
            > "$out/hub-$semiring-prune$prune.json"
    done
    for semiring in min-plus max-times boolean; do
        for order in degree bottleneck random; do
            echo "labels pll $semiring $order, pruned $prune" >&2
            "$condense" labels "$model" --scheme pll --semiring "$semiring" --order "$order" --prune "$prune" \
                --verify 10000 --json > "$out/pll-$semiring-$order-prune$prune.json"
        done
    done
done
echo "labels sketch of activation profiles on 1,000 training images" >&2
"$condense" labels "$model" --scheme sketch --data graphs/mnist/data --limit 1000 --verify 10000 --json \
    > "$out/sketch-activations-prune0.json"

# 2. Timing: every scheme on LeNet-300-100, its pruned variant and the random DAG, one run.
echo "bench labels" >&2
"$condense" bench labels --json > "$here/bench.json"

python3 "$here/collect.py"
