#!/usr/bin/env bash
# Fine-tuning after collapse, in Swift: accuracy against the fraction of units removed, right
# after the collapse and after 1 and after 5 epochs of fine-tuning, for Condense and for the
# baselines with the same fine-tuning budget (same data, epochs, optimizer, schedule and
# distillation from the original model), then every written model checked in ONNX Runtime.
#
#   papers/fine-tuning/run.sh            (about 40 minutes on 2 cores after the build, schedules.sh included)
#   papers/fine-tuning/run.sh quick      (LeNet-300-100 only, about 5 minutes)
#
# Recipe, the same for every method: Adam, lr 0.003 annealed to 0 (cosine) over all steps,
# batch 64, distillation weight 0.5 at temperature 4, 10 % of the training data held apart for
# validation and the best epoch kept. Models: MNIST LeNet-300-100 (hidden neurons), MNIST
# LeNet-5 and Fashion-MNIST ResNet-8 (conv channels and neurons, coupled channels together;
# the ResNet fine-tunes on the 10,000 Fashion-MNIST training images bundled in graphs/fashion/data).
# Each run's JSON report is kept in MODEL/METHOD-FRACTION-eEPOCHS.json; table.py writes
# results.md/csv and accuracy.svg per model; ort.md has the ONNX Runtime check.
source "$(dirname "$0")/../common.sh"
out="$here"
recipe=(--lr 0.003 --lr-schedule cosine --distill 0.5 --batch-size 64)

run() {  # model-folder model data calibration-size extra-args fractions methods
    local folder="$1" model="$2" data="$3" size="$4" extra="$5" fractions="$6" methods="$7"
    mkdir -p "$out/$folder/models"
    for method in $methods; do
        IFS=+ read -r criterion rest <<< "$method"
        compensation=none; allocation=uniform
        case "$rest" in ls) compensation=ls ;; ls/global) compensation=ls; allocation=global ;; esac
        for f in $fractions; do
            for e in 1 5; do
                name="${method//\//-}-$f-e$e"
                [ -s "$out/$folder/$name.json" ] && continue
                echo "== $folder $name" >&2
                "$condense" simplify "graphs/$model.onnx" -o "$out/$folder/models/$name.onnx" --mode approx --units \
                    --remove "$f" --criterion "$criterion" --compensation "$compensation" --allocation "$allocation" \
                    --calibration "graphs/$data/data" --calibration-size "$size" --data "graphs/$data/data" \
                    --finetune-epochs "$e" "${recipe[@]}" $extra --json > "$out/$folder/$name.json.part"
                mv "$out/$folder/$name.json.part" "$out/$folder/$name.json"
            done
        done
    done
    [ "${TABLES:-1}" = 1 ] || return 0
    python3 "$out/table.py" "$out/$folder"
    python3 "$out/ort_check.py" "$out/$folder" --model "graphs/$model.onnx" --data "graphs/$data/data"
}

run lenet-300-100 mnist/lenet-300-100 mnist 2000 "--unit-kinds neurons" "0.5 0.6 0.7 0.8 0.9" "condense+ls l1+ls l1"
[ "${1:-}" = quick ] && exit 0
run lenet5 mnist/lenet5 mnist 2000 "" "0.5 0.6 0.7 0.8" "condense+ls/global l1+ls l1"
run resnet8 fashion/resnet8 fashion 1000 "" "0.5 0.6 0.7 0.8" "condense+ls/global l1+ls l1"
bash "$out/schedules.sh"
