#!/usr/bin/env bash
# Benchmark: a generated 10,000-question bank exported to .apkg by qbank and by PyPI genanki.
#
# usage: benchmarks/apkg.sh [N]    (default 10000; needs python3 and builds a release binary)
# GENANKI_PY: a Python with genanki==0.13.1 and PyYAML (default: makes /tmp/qb-bench-venv).
# Prints the median of 5 runs for each; the README's "## Export" section records the figures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10000}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/qbank-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PY="${GENANKI_PY:-/tmp/qb-bench-venv/bin/python}"
if ! "$PY" -c "import genanki, yaml" 2>/dev/null; then
  python3 -m venv /tmp/qb-bench-venv
  /tmp/qb-bench-venv/bin/pip install -q genanki==0.13.1 pyyaml
  PY=/tmp/qb-bench-venv/bin/python
fi
(cd "$ROOT" && cargo build --release --locked --quiet)
QBANK="$ROOT/target/release/qbank"
python3 "$ROOT/benchmarks/gen_bank.py" "$N" >"$WORK/bench.yaml"
echo "bank: $N questions, $(du -h "$WORK/bench.yaml" | cut -f1)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in 1 2 3 4 5; do
  s=$(date +%s.%N)
  SOURCE_DATE_EPOCH=1700000000 "$QBANK" export "$WORK/bench.yaml" --to anki -o "$WORK/qbank.apkg" 2>/dev/null
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
done | median >"$WORK/q.txt"
for i in 1 2 3 4 5; do
  s=$(date +%s.%N)
  "$QBANK" validate "$WORK/bench.yaml" 2>/dev/null
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
done | median >"$WORK/v.txt"
for i in 1 2 3 4 5; do
  s=$(date +%s.%N)
  "$PY" "$ROOT/benchmarks/genanki_build.py" "$WORK/bench.yaml" "$WORK/genanki.apkg" >>"$WORK/g_parts.txt"
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
done | median >"$WORK/g.txt"
g_build=$(awk '{print $2}' "$WORK/g_parts.txt" | median)
q=$(cat "$WORK/q.txt"); g=$(cat "$WORK/g.txt")
printf 'qbank export --to anki (load + validate + render + write): %.3f s  (%s)\n' "$q" "$(du -h "$WORK/qbank.apkg" | cut -f1)"
printf '  of which loading (qbank validate: YAML with spans + schema): %.3f s\n' "$(cat "$WORK/v.txt")"
printf 'genanki 0.13.1 (python start + YAML parse + build + write): %.3f s  (%s)\n' "$g" "$(du -h "$WORK/genanki.apkg" | cut -f1)"
printf 'genanki build + write only (YAML parse excluded):           %.3f s\n' "$g_build"
printf 'speed-up: %.1fx end to end, %.1fx against genanki build only\n' "$(echo "$g / $q" | bc -l)" "$(echo "$g_build / $q" | bc -l)"
echo "phases of a qbank run after a warm-up run (QBANK_TIMINGS=1; nested phases overlap):"
for i in 1 2; do
  SOURCE_DATE_EPOCH=1700000000 QBANK_TIMINGS=1 "$QBANK" export "$WORK/bench.yaml" --to anki -o "$WORK/qbank.apkg" 2>"$WORK/phases.txt"
done
grep '^timing:' "$WORK/phases.txt" | sed 's/^timing: /  /'
