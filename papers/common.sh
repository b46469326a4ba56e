# Sourced by every papers/*/run.sh: strict mode, `here` (the experiment's folder), the
# repository root as working directory, and `condense` (CONDENSE=path overrides), built in
# release mode when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
cd "$here/../.."
condense="${CONDENSE:-.build/release/condense}"
if [ ! -x "$condense" ]; then swift build -c release --product condense; fi
