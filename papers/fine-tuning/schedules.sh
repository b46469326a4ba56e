#!/usr/bin/env bash
# One-shot against iterative fine-tuning, with the same total budget of epochs, and the
# accuracy budget (--max-accuracy-drop) after fine-tuning, on MNIST LeNet-300-100 (hidden
# neurons). Same recipe as run.sh. Writes schedules/*.json and schedules/results.md.
#
#   papers/fine-tuning/schedules.sh      (about 5 minutes on 2 cores after the build)
source "$(dirname "$0")/../common.sh"
out="$here/schedules"
mkdir -p "$out/models"
common=(graphs/mnist/lenet-300-100.onnx --mode approx --units --unit-kinds neurons --calibration graphs/mnist/data
        --calibration-size 2000 --data graphs/mnist/data --lr 0.003 --lr-schedule cosine --distill 0.5)
for method in condense:ls l1:ls; do
    IFS=: read -r criterion compensation <<< "$method"
    for f in 0.8 0.9; do
        for schedule in one-shot:4 iterative:1; do
            IFS=: read -r name epochs <<< "$schedule"
            file="$out/$criterion+$compensation-$f-$name.json"
            [ -s "$file" ] && continue
            echo "== $criterion+$compensation $f $name" >&2
            "$condense" simplify "${common[@]}" -o "$out/models/$criterion-$f-$name.onnx" --remove "$f" --criterion "$criterion" \
                --compensation "$compensation" --schedule "$name" --steps 4 --finetune-epochs "$epochs" --json > "$file.part"
            mv "$file.part" "$file"
        done
    done
done
# The most that can go within 0.3 points of validation accuracy after fine-tuning.
for schedule in iterative one-shot; do
    file="$out/budget-0.3-$schedule.json"
    [ -s "$file" ] && continue
    "$condense" simplify "${common[@]}" -o "$out/models/budget-$schedule.onnx" --max-accuracy-drop 0.3 --criterion condense \
        --compensation ls --schedule "$schedule" --step-fraction 0.1 --finetune-epochs 1 --json > "$file.part"
    mv "$file.part" "$file"
done
python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
lines = ["| method | removed | schedule | epochs in all | units | test accuracy (drop) |", "|---|---:|---|---:|---:|---:|"]
for path in sorted(glob.glob(os.path.join(out, "*+*.json"))):
    r = json.load(open(path))
    epochs = sum(len(s["history"]) - 1 for s in r["steps"])
    lines.append(f"| {r['criterion']}+{r['compensation']} | {100 * r['fraction']:.0f} % | {r['schedule']} ({len(r['steps'])} step(s)) | "
                 f"{epochs} | {r['after']['units']} | {100 * r['metric_after']:.2f} ({100 * (r['metric_after'] - r['metric_before']):+.2f}) |")
lines += ["", "With `--max-accuracy-drop 0.3` (validation accuracy after one epoch per step, steps of 10 %):", "",
          "| schedule | removed | units | parameters | test accuracy (drop) |", "|---|---:|---:|---:|---:|"]
for schedule in ["iterative", "one-shot"]:
    path = os.path.join(out, f"budget-0.3-{schedule}.json")
    if os.path.exists(path):
        r = json.load(open(path))
        lines.append(f"| {schedule} | {100 * r['fraction']:.1f} % | {r['after']['units']} | {r['after']['parameters']:,} | "
                     f"{100 * r['metric_after']:.2f} ({100 * (r['metric_after'] - r['metric_before']):+.2f}) |")
open(os.path.join(out, "results.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
