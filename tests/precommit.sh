#!/usr/bin/env bash
# The CI integration for bank repositories, checked with the real tools (see docs/ci.md):
#  - `pre-commit try-repo` runs this repository's `-system` hooks in a throwaway bank
#    repository: a clean run passes, a prompt copied into a second bank (a cross-file rule) and a
#    schema error each make the hook fail;
#  - zizmor checks action.yml statically, and its shell steps run here against a clean and a
#    broken bank.
#  - the `language: rust` hooks once each on the clean repository: pre-commit builds qbank from
#    this checkout with cargo in its own cache, as a team without qbank installed gets it (about
#    four minutes on two cores, once; the second hook reuses the build).
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

# ---- action.yml: its shell steps, run here as the runner would run them --------------------------
# (the install step is left out: `cargo install` would build qbank again; the debug build stands
# in for the installed binary, and the cache and upload steps need GitHub)
step() { "$VENV/bin/python" -c 'import sys, yaml
steps = yaml.safe_load(open(sys.argv[1]))["runs"]["steps"]
print(next(s["run"] for s in steps if s.get("name") == sys.argv[2]))' "$ROOT/action.yml" "$1"; }
ACT="$(mktemp -d)"
trap 'rm -rf "$ACT"' EXIT
mkdir -p "$ACT/root/bin" "$ACT/ws"
ln -s "$QBANK" "$ACT/root/bin/qbank"
cp "$ROOT/banks/distributed.yaml" "$ACT/ws/"
export GITHUB_ACTION_PATH="$ROOT" GITHUB_OUTPUT="$ACT/output" RUNNER_TEMP="$ACT" RUNNER_OS=Linux RUNNER_ARCH=X64
log "action: cache key"
bash -e -c "$(step 'Key the qbank build on its source')"
grep -Eq '^key=qbank-Linux-X64-[0-9a-f]{32}$' "$ACT/output" || fail "no cache key: $(cat "$ACT/output")"
log "action: version check"
QBANK_ROOT="$ACT/root" QBANK_EXPECT="$("$QBANK" --version | cut -d' ' -f2)" bash -e -c "$(step 'Check the qbank version')" >/dev/null
if QBANK_ROOT="$ACT/root" QBANK_EXPECT=0.0.1 bash -e -c "$(step 'Check the qbank version')" >/dev/null; then
  fail "the version check accepted a wrong version"
fi
log "action: lint with SARIF, clean and then broken"
lint() { (cd "$ACT/ws" && QBANK="$QBANK" QBANK_PATHS=. QBANK_ARGS="$1" QBANK_SARIF=true QBANK_SARIF_FILE=q.sarif \
  bash -e -c "$(step 'Lint the banks')") > "$ACT/lint.txt" 2>&1; }
lint "--deny warnings" || { cat "$ACT/lint.txt"; fail "the action's lint step failed on a clean bank"; }
"$VENV/bin/python" -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["version"] == "2.1.0" and d["runs"][0]["results"] == []' "$ACT/ws/q.sarif" \
  || fail "no clean SARIF file"
printf 'qbank: 1\nid: Not_Kebab\ntitle: broken\nquestions: []\n' > "$ACT/ws/broken.yaml"
if lint ""; then cat "$ACT/lint.txt"; fail "the action's lint step passed a broken bank"; fi
grep -q '^::error file=broken.yaml,line=2' "$ACT/lint.txt" || { cat "$ACT/lint.txt"; fail "no annotation for the broken bank"; }
"$VENV/bin/python" -c 'import json, sys; assert json.load(open(sys.argv[1]))["runs"][0]["results"]' "$ACT/ws/q.sarif" \
  || fail "the SARIF file of a failing run has no results"

# ---- pre-commit hooks -------------------------------------------------------------------------
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK" "$ACT"' EXIT
export PRE_COMMIT_HOME="$WORK/cache" PATH="$(dirname "$QBANK"):$VENV/bin:$PATH"
REPO="$WORK/banks-repo"
mkdir -p "$REPO/banks" "$REPO/config"
cp "$ROOT/banks/distributed.yaml" "$REPO/banks/distributed.yaml"
# A YAML file that is not a bank: the folder walk must skip it, not fail on it.
printf 'name: not a bank\nitems: [1, 2]\n' > "$REPO/config/settings.yaml"
git -C "$REPO" init -q
git -C "$REPO" add -A

try() { (cd "$REPO" && pre-commit try-repo "$ROOT" "$1" --all-files --color never) > "$WORK/out.txt" 2>&1; }

log "pre-commit validate-manifest (all four hooks, the language: rust ones too)"
pre-commit validate-manifest "$ROOT/.pre-commit-hooks.yaml"

for hook in qbank-lint-system qbank-validate-system; do
  log "$hook on a clean bank repository"
  try "$hook" || { cat "$WORK/out.txt"; fail "$hook failed on a clean repository"; }
  grep -q "Passed" "$WORK/out.txt" || { cat "$WORK/out.txt"; fail "$hook did not pass"; }
done

for hook in qbank-lint qbank-validate; do
  log "$hook (language: rust: pre-commit builds qbank with cargo) on a clean bank repository"
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

echo "precommit: 10 passed, 0 failed"
