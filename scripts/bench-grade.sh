#!/usr/bin/env bash
# Benchmark of `qbank grade`: generates CANDIDATES × every question of BANK as a long sheet,
# then grades it with the release binary under /usr/bin/time -v and prints wall time, answers per
# second and peak RSS. Defaults: the realistic shape, the bundled bank and 31,250 candidates
# (1,000,000 answers for a 32-question bank).
#
#   scripts/bench-grade.sh [--shape realistic|synthetic] [BANK [CANDIDATES]]
#
# `realistic` open answers average 300–400 characters over the sheet (prose around paraphrased
# claims, typos, negations); `synthetic` ones are rubric examples and model-answer excerpts
# (about 20 words). See benchmarks/grade.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SHAPE=realistic
case "${1:-}" in
    --shape) SHAPE=$2; shift 2 ;;
    --shape=*) SHAPE=${1#--shape=}; shift ;;
esac
case "$SHAPE" in
    realistic|synthetic) ;;
    *) echo "usage: $0 [--shape realistic|synthetic] [BANK [CANDIDATES]]" >&2; exit 2 ;;
esac
BANK=${1:-banks/distributed.yaml}
QUESTIONS=$(grep -c '^  - id:' "$BANK")
CANDIDATES=${2:-$(( (1000000 + QUESTIONS - 1) / QUESTIONS ))}
WORK=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$WORK"
cargo build --release --quiet
cargo bench --quiet --bench grade -- --shape "$SHAPE" "$BANK" "$CANDIDATES" "$WORK/answers.csv"
ls -l "$WORK/answers.csv" | awk '{printf "sheet: %.1f MB\n", $5 / 1e6}'
/usr/bin/time -v target/release/qbank grade "$BANK" "$WORK/answers.csv" -o "$WORK/out" 2> "$WORK/time.txt" || true
grep -E 'rows read' "$WORK/time.txt" || cat "$WORK/time.txt"
WALL=$(grep 'Elapsed (wall clock)' "$WORK/time.txt" | awk '{print $NF}')
RSS=$(grep 'Maximum resident set size' "$WORK/time.txt" | awk '{print $NF}')
CPU=$(grep 'Percent of CPU' "$WORK/time.txt" | awk '{print $NF}')
USER=$(grep 'User time' "$WORK/time.txt" | awk '{print $NF}')
SYS=$(grep 'System time' "$WORK/time.txt" | awk '{print $NF}')
ANSWERS=$(( CANDIDATES * QUESTIONS ))
SECONDS_=$(echo "$WALL" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
echo "answers: $ANSWERS on $(nproc) cores (load: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "wall: ${SECONDS_} s ($(awk -v a="$ANSWERS" -v s="$SECONDS_" 'BEGIN { printf "%.0f", a / s }') answers/s), CPU ${CPU} ($(awk -v u="$USER" -v s="$SYS" 'BEGIN { printf "%.2f", u + s }') s user+sys)"
echo "peak RSS: $(( RSS / 1024 )) MB"
echo "outputs: $WORK/out"
