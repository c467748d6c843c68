#!/usr/bin/env bash
# The CI integration for bank repositories, checked with the real tools (see docs/ci.md):
#  - `pre-commit try-repo` runs this repository's `-system` hooks in a throwaway bank
#    repository: a clean run passes, a prompt copied into a second bank (a cross-file rule) and a
#    schema error each make the hook fail;
#  - zizmor checks action.yml statically.
# The `language: rust` hooks are not run here: pre-commit would build qbank a second time in its
# own cache (minutes on two cores) to test what `language: system` already shows; their entries
# are the same commands.
#
# usage: tests/precommit.sh PATH/TO/qbank
# env: QB_CI_VENV (default /tmp/qb-ci-venv)  venv for pre-commit and zizmor (made when missing)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
QBANK="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
VENV="${QB_CI_VENV:-/tmp/qb-ci-venv}"
PRE_COMMIT_VERSION=4.7.0
ZIZMOR_VERSION=1.32.0

log() { printf '[precommit] %s\n' "$*"; }
fail() { printf '[precommit] FAIL: %s\n' "$*" >&2; exit 1; }

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if [ "$("$VENV/bin/pre-commit" --version 2>/dev/null)" != "pre-commit $PRE_COMMIT_VERSION" ] \
  || [ "$("$VENV/bin/zizmor" --version 2>/dev/null)" != "zizmor $ZIZMOR_VERSION" ]; then
  log "pip install pre-commit==$PRE_COMMIT_VERSION zizmor==$ZIZMOR_VERSION into $VENV"
  "$VENV/bin/pip" install -q --only-binary=:all: "pre-commit==$PRE_COMMIT_VERSION" "zizmor==$ZIZMOR_VERSION"
fi

# ---- action.yml: static check (offline: no network audits of the pinned actions) --------------
log "zizmor action.yml"
"$VENV/bin/zizmor" --offline --no-progress "$ROOT/action.yml"

# ---- pre-commit hooks -------------------------------------------------------------------------
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export PRE_COMMIT_HOME="$WORK/cache" PATH="$(dirname "$QBANK"):$VENV/bin:$PATH"
REPO="$WORK/banks-repo"
mkdir -p "$REPO/banks" "$REPO/config"
cp "$ROOT/banks/distributed.yaml" "$REPO/banks/distributed.yaml"
# A YAML file that is not a bank: the folder walk must skip it, not fail on it.
printf 'name: not a bank\nitems: [1, 2]\n' > "$REPO/config/settings.yaml"
git -C "$REPO" init -q
git -C "$REPO" add -A

try() { (cd "$REPO" && pre-commit try-repo "$ROOT" "$1" --all-files --color never) > "$WORK/out.txt" 2>&1; }

for hook in qbank-lint-system qbank-validate-system; do
  log "$hook on a clean bank repository"
  try "$hook" || { cat "$WORK/out.txt"; fail "$hook failed on a clean repository"; }
  grep -q "Passed" "$WORK/out.txt" || { cat "$WORK/out.txt"; fail "$hook did not pass"; }
done

log "qbank-lint-system with a prompt copied into a second bank (cross-file rule)"
sed 's/^id: .*/id: copied-bank/' "$ROOT/banks/distributed.yaml" > "$REPO/banks/copy.yaml"
git -C "$REPO" add -A
if try qbank-lint-system; then cat "$WORK/out.txt"; fail "lint passed with duplicated questions"; fi
grep -q "the same question is in two files" "$WORK/out.txt" \
  || { cat "$WORK/out.txt"; fail "lint failed without naming the duplicate"; }
git -C "$REPO" rm -q -f banks/copy.yaml

log "qbank-validate-system with a bank that breaks the schema"
printf 'qbank: 1\nid: Not_Kebab\ntitle: broken\nquestions: []\n' > "$REPO/banks/broken.yaml"
git -C "$REPO" add -A
if try qbank-validate-system; then cat "$WORK/out.txt"; fail "validate passed a broken bank"; fi
grep -q "broken.yaml:2" "$WORK/out.txt" || { cat "$WORK/out.txt"; fail "validate did not locate the error"; }

echo "precommit: 4 passed, 0 failed"
