#!/usr/bin/env bash
# Pastes the generated reference sections into the guide (docs/lint.md, docs/rules.md and
# docs/bank-format.md) (the drift tests in
# tests/lint_cli.rs and tests/schema.rs compare them with what the binary prints).
# Usage: scripts/regen-docs.sh [QBANK_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
qbank=${1:-target/debug/qbank}
python3 - "$qbank" <<'PY'
import subprocess, sys
qbank = sys.argv[1]
def run(*args):
    return subprocess.run([qbank, *args], check=True, capture_output=True, text=True).stdout
def paste(path, name, text):
    s = open(path, encoding="utf-8").read()
    start = s.index(f"<!-- {name}:start")
    close = f"<!-- {name}:end -->\n"
    end = s.index(close) + len(close)
    open(path, "w", encoding="utf-8").write(s[:start] + text + s[end:])
paste("docs/lint.md", "rules", run("rules", "--format", "markdown"))
paste("docs/rules.md", "rule-docs", run("rules", "--format", "reference"))
s = open("docs/bank-format.md", encoding="utf-8").read()
a = s.index("<!-- format:start -->\n") + len("<!-- format:start -->\n")
b = s.index("<!-- format:end -->")
open("docs/bank-format.md", "w", encoding="utf-8").write(s[:a] + run("schema", "--markdown") + s[b:])
PY
