#!/usr/bin/env bash
# Times `qbank lint` against `check-jsonschema` (PyPI) validating the same generated bank against
# schema/bank.schema.json, and prints a Markdown table (median of RUNS wall-clock runs each).
#
#   benchmarks/lint/bench.sh [QUESTIONS=10000] [RUNS=5]
#
# Needs: cargo, python3, and check-jsonschema (`pip install check-jsonschema`). qbank does
# strictly more: the schema, the model checks and every lint rule (rubrics graded, duplicates
# across the bank), with line:column for each finding.
set -euo pipefail

questions=${1:-10000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v check-jsonschema >/dev/null || { echo "error: install check-jsonschema (pip install check-jsonschema)" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
qbank="$root/target/release/qbank"
bank="$work/bank.yaml"
python3 "$root/benchmarks/lint/gen-bank.py" "$questions" > "$bank"

# Both must accept the bank before their times mean anything.
check-jsonschema --schemafile "$root/schema/bank.schema.json" "$bank" >/dev/null
"$qbank" lint "$bank" --format json >/dev/null 2>&1 || [ $? -eq 1 ] || { echo "error: qbank lint failed" >&2; exit 2; }

python3 - "$runs" "$bank" "$qbank" "$root/schema/bank.schema.json" "$questions" <<'PY'
import os, resource, statistics, subprocess, sys, time

runs, bank, qbank, schema, questions = int(sys.argv[1]), *sys.argv[2:]

def median_seconds(cmd):
    """Median wall time and median CPU time (user + system) of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)

lint = median_seconds([qbank, "lint", bank])
validate = median_seconds([qbank, "validate", bank])
cjs = median_seconds(["check-jsonschema", "--schemafile", schema, bank])
size = os.path.getsize(bank) / 1_048_576
load = os.getloadavg()[0]
print(f"bank: {int(questions):,} questions, {size:.1f} MiB of YAML; {os.cpu_count()} cores "
      f"(load average {load:.1f} at the end); median of {runs} runs\n")
print("| command | wall time | CPU time | wall time vs check-jsonschema |")
print("| --- | ---: | ---: | ---: |")
for name, (wall, cpu) in [
    ("`qbank lint` (schema + model + all lint rules)", lint),
    ("`qbank validate` (schema + model)", validate),
    ("`check-jsonschema --schemafile schema/bank.schema.json`", cjs),
]:
    ratio = "baseline" if wall == cjs[0] else f"{cjs[0] / wall:.1f}x faster"
    print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {ratio} |")
PY
