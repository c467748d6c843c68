#!/usr/bin/env bash
# Regenerate docs/report.png: grade the small hostile cohort of the tests with the built binary
# and photograph the first screen of report.html at 1280 px in the headless Chromium of the
# conformance suite (tests/conformance/setup.sh installs it), the same probe that checks the
# page at 390 and 1280 px, so the picture is only taken of a page that passes.
#
# usage: scripts/screenshot-report.sh [QBANK_BINARY]     (default: target/debug/qbank)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QBANK="${1:-$ROOT/target/debug/qbank}"
[ -x "$QBANK" ] || { echo "error: no qbank binary at $QBANK (cargo build first)" >&2; exit 2; }
OUT="$(mktemp -d "${TMPDIR:-/tmp}/qbank-screenshot.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
"$QBANK" grade "$ROOT/tests/fixtures/grade/bank.yaml" "$ROOT/tests/fixtures/answers/report-cohort.csv" \
  --pass-mark 60 --overrides "$ROOT/tests/fixtures/answers/report-overrides.csv" -o "$OUT/grades"
node "$ROOT/tests/conformance/report_probe.js" "$OUT/grades/report.html" --shot "$OUT/report.png" >/dev/null
cp "$OUT/report.png" "$ROOT/docs/report.png"
echo "docs/report.png: $(wc -c <"$ROOT/docs/report.png") bytes"
