#!/usr/bin/env bash
# The first release build of a fresh clone, as a new user waits for it: an empty target
# directory, the crates already downloaded (`cargo fetch`), `cargo build --release --locked`.
# Runs it RUNS times (default 2) and prints each wall time and the median; the last run's
# `--timings` report (the critical path) is kept in $WORK/cargo-timings/.
#
#   scripts/bench-build.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-2}
WORK=${BENCH_DIR:-$(mktemp -d)}
git clone --quiet . "$WORK/clone"
cd "$WORK/clone"
cargo fetch --locked --quiet
times=()
for ((i = 1; i <= RUNS; i++)); do
    rm -rf target
    echo "run $i (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    start=$(date +%s.%N)
    cargo build --release --locked --quiet --timings
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    times+=("$t")
    printf 'run %d: %.1f s\n' "$i" "$t"
done
cp -r target/cargo-timings "$WORK/"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median of %d: %.1f s\n", NR, m}'
echo "timings: $WORK/cargo-timings/cargo-timing.html"
