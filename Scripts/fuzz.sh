#!/usr/bin/env bash
# Fuzzes the readers with libFuzzer: the ONNX importer with graph validation, IDX, NPY and NPZ.
#
#   bash Scripts/fuzz.sh [SECONDS [TARGET ...]]     # default 20 s per target, all four targets
#
# Builds each target in release mode with -sanitize=fuzzer,address (scratch folder
# .build-fuzz), starts it from the committed seed corpus (Tests/Fuzz/Corpus/KIND, copied, so
# the committed files never change) plus the crash fixtures (Tests/Fuzz/Crashes/KIND), and
# runs it for SECONDS. Prints one line per target: executions, executions per second, new
# corpus size, crashes. A crash is copied to Tests/Fuzz/Crashes/KIND/ (a regression fixture
# that plain builds of the target, and `swift test`, replay) and the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzONNX FuzzIDX FuzzNPY FuzzNPZ)
declare -A kind=([FuzzONNX]=onnx [FuzzIDX]=idx [FuzzNPY]=npy [FuzzNPZ]=npz)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for target in "${targets[@]}"; do
    k="${kind[$target]}"
    swift build -c release --scratch-path .build-fuzz --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >"$work/build-$target.log" 2>&1 \
        || { cat "$work/build-$target.log" >&2; exit 2; }
    binary=".build-fuzz/release/$target"
    mkdir -p "$work/$k" "$work/artifacts-$k" "Tests/Fuzz/Crashes/$k"
    cp Tests/Fuzz/Corpus/"$k"/* "$work/$k/"
    cp Tests/Fuzz/Crashes/"$k"/* "$work/$k/" 2>/dev/null || true
    set +e
    "$binary" "$work/$k" -max_total_time="$seconds" -rss_limit_mb=3072 -malloc_limit_mb=2048 -timeout=10 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts-$k/" >"$work/$target.log" 2>&1
    status=$?
    set -e
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$target.log" | tail -1)"
    corpus="$(ls "$work/$k" | wc -l)"
    crashes=0
    for artifact in "$work/artifacts-$k"/*; do
        [ -e "$artifact" ] || continue
        crashes=$((crashes + 1))
        cp "$artifact" "Tests/Fuzz/Crashes/$k/$(basename "$artifact")"
    done
    echo "$target: ${runs:-0} executions (${rate:-0}/s) in ${seconds} s, corpus ${corpus} inputs, crashes ${crashes}, exit ${status}"
    if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
        failed=1
        grep -E "ERROR|SUMMARY|Fatal|==[0-9]+==" "$work/$target.log" | head -20 >&2 || true
    fi
done
exit "$failed"
