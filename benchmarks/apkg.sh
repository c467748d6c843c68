#!/usr/bin/env bash
# Benchmark: a generated 10,000-question bank exported to .apkg by qbank and by PyPI genanki.
#
# usage: benchmarks/apkg.sh [N]    (default 10000; needs python3 and builds a release binary)
# GENANKI_PY: a Python with genanki==0.13.1, pyromark==0.10.3, mistune==3.4.0 and PyYAML
# (default: makes /tmp/qb-bench-venv).
# genanki runs three ways: building the same cards as qbank with Markdown rendered by pyromark
# (pulldown-cmark, qbank's own renderer; the script checks that every note matches qbank's), with
# the bank's plain text in the fields (less work than qbank), and the same cards with mistune
# (Markdown rendered in Python).
# Prints the median of 5 runs for each, after a warm-up run each; the README's "## Export" section
# records the figures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10000}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/qbank-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PY="${GENANKI_PY:-/tmp/qb-bench-venv/bin/python}"
if ! "$PY" -c "import genanki, mistune, pyromark, yaml" 2>/dev/null; then
  python3 -m venv /tmp/qb-bench-venv
  /tmp/qb-bench-venv/bin/pip install -q genanki==0.13.1 pyromark==0.10.3 mistune==3.4.0 pyyaml
  PY=/tmp/qb-bench-venv/bin/python
fi
(cd "$ROOT" && cargo build --release --locked --quiet)
QBANK="$ROOT/target/release/qbank"
python3 "$ROOT/benchmarks/gen_bank.py" "$N" >"$WORK/bench.yaml"
echo "bank: $N questions, $(du -h "$WORK/bench.yaml" | cut -f1)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# times CMD... five times after one untimed warm-up run (as hyperfine's --warmup; the first run
# after a pause pays for the VM faulting memory back in), output discarded; prints the median
# wall time in seconds
time5() {
  "$@" >/dev/null 2>&1 || true
  for _ in 1 2 3 4 5; do
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | median
}
export SOURCE_DATE_EPOCH=1700000000
q=$(time5 "$QBANK" export "$WORK/bench.yaml" --to anki -o "$WORK/qbank.apkg")
v=$(time5 "$QBANK" validate "$WORK/bench.yaml")
same=$(time5 "$PY" "$ROOT/benchmarks/genanki_build.py" --same-cards "$WORK/bench.yaml" "$WORK/same.apkg")
plain=$(time5 "$PY" "$ROOT/benchmarks/genanki_build.py" "$WORK/bench.yaml" "$WORK/plain.apkg")
mistune=$(time5 "$PY" "$ROOT/benchmarks/genanki_build.py" --same-cards=mistune "$WORK/bench.yaml" "$WORK/mistune.apkg")
"$PY" "$ROOT/benchmarks/same_notes.py" "$WORK/qbank.apkg" "$WORK/same.apkg"
"$PY" "$ROOT/benchmarks/same_notes.py" "$WORK/qbank.apkg" "$WORK/mistune.apkg"
printf 'qbank export --to anki (load + validate + render + write): %.3f s  (%s)\n' "$q" "$(du -h "$WORK/qbank.apkg" | cut -f1)"
printf '  of which loading (qbank validate: YAML with spans + schema): %.3f s\n' "$v"
printf 'genanki 0.13.1, same cards, pyromark (python start + YAML + Markdown + build + write): %.3f s  (%s)\n' "$same" "$(du -h "$WORK/same.apkg" | cut -f1)"
printf 'genanki 0.13.1, plain fields (python start + YAML + build + write):                    %.3f s  (%s)\n' "$plain" "$(du -h "$WORK/plain.apkg" | cut -f1)"
printf 'genanki 0.13.1, same cards, mistune (Markdown rendered in Python):                     %.3f s\n' "$mistune"
printf 'speed-up: %.1fx against genanki building the same cards (pyromark), %.1fx against plain fields, %.1fx against the same cards with mistune\n' \
  "$(echo "$same / $q" | bc -l)" "$(echo "$plain / $q" | bc -l)" "$(echo "$mistune / $q" | bc -l)"
echo "phases of a qbank run after a warm-up run (QBANK_TIMINGS=1; nested phases overlap):"
for _ in 1 2; do
  QBANK_TIMINGS=1 "$QBANK" export "$WORK/bench.yaml" --to anki -o "$WORK/qbank.apkg" 2>"$WORK/phases.txt"
done
grep '^timing:' "$WORK/phases.txt" | sed 's/^timing: /  /'
