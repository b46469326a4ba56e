#!/usr/bin/env bash
# Regenerates Sources/CondenseONNX/Proto/onnx.pb.swift (committed; run only to move to a new ONNX version).
#
# Recorded generation: onnx 1.23.2 (PyPI wheel), protoc 3.21.12 (Debian protobuf-compiler),
# protoc-gen-swift 1.39.0 (built from apple/swift-protobuf 1.39.0).
# The wheel ships onnx.proto (proto2 syntax) and onnx/gen_proto.py; we convert it to
# onnx.proto3 with the wheel's own `convert_to_proto3`, exactly as ONNX's build does.
#
# Usage: Scripts/generate-onnx-proto.sh PATH/TO/protoc-gen-swift
set -euo pipefail
plugin=${1:?usage: $0 PATH/TO/protoc-gen-swift}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
python3 -m pip install -q "onnx==1.23.2"
python3 - "$work" <<'PY'
import os, sys, onnx
from onnx.gen_proto import convert_to_proto3
src = os.path.join(os.path.dirname(onnx.__file__), "onnx.proto")
with open(src, encoding="utf-8") as f:
    lines = [l.rstrip("\n") for l in f]
with open(os.path.join(sys.argv[1], "onnx.proto3"), "w", encoding="utf-8") as f:
    f.write("\n".join(convert_to_proto3(lines)) + "\n")
PY
mkdir -p "$here/Sources/CondenseONNX/Proto"
protoc --plugin=protoc-gen-swift="$plugin" -I "$work" --swift_opt=Visibility=Public \
    --swift_out="$work" "$work/onnx.proto3"
cp "$work/onnx.pb.swift" "$here/Sources/CondenseONNX/Proto/onnx.pb.swift"
cp "$work/onnx.proto3" "$here/Sources/CondenseONNX/Proto/onnx.proto3"
echo "wrote Sources/CondenseONNX/Proto/onnx.pb.swift"
