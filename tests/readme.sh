#!/usr/bin/env bash
# Runs the README's ```sh blocks as written, in order, in a temporary clone of this repository's
# HEAD (so it tests what is committed), sharing this checkout's build directory. qbank is
# installed into the temporary folder, not into ~/.cargo. Afterwards the clone must have no
# untracked or changed files: the examples write only under the ignored `out/`.
#
# Skipped blocks, by their first line, and why:
#   `cargo test --all-targets`: .ci/run runs the whole test suite itself, just before.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
skip=("cargo test --all-targets")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/clone"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export CARGO_INSTALL_ROOT="$work/install"
export PATH="$work/install/bin:$PATH"
cd "$work/clone"

blocks=$(python3 - README.md <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps(re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)))
PY
)
count=$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])))' "$blocks")
[ "$count" -gt 0 ] || { echo "FAIL: no sh block found in README.md" >&2; exit 1; }
ran=0
for ((i = 0; i < count; i++)); do
    block=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[int(sys.argv[2])], end="")' "$blocks" "$i")
    first=${block%%$'\n'*}
    if printf '%s\n' "${skip[@]}" | grep -qxF -- "$first"; then
        echo "readme: skip block $((i + 1)): $first"
        continue
    fi
    echo "readme: block $((i + 1)): $first"
    if ! bash -euo pipefail -c "$block"; then
        echo "FAIL: README block $((i + 1)) failed:" >&2
        printf '%s\n' "$block" >&2
        exit 1
    fi
    ran=$((ran + 1))
done
changed=$(git status --porcelain)
if [ -n "$changed" ]; then
    echo "FAIL: the README's examples left files outside out/:" >&2
    echo "$changed" >&2
    exit 1
fi
echo "readme: $ran blocks ran, $((count - ran)) skipped"
