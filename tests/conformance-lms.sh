#!/usr/bin/env bash
# Export the bundled bank and the fixture banks to every LMS format with the built binary and check
# each file with the validators vendored in tests/conformance/: check_moodle_xml.py (lxml +
# moodle-xml-parser + Moodle's import rules), check_gift.py (gift-pegjs + pygiftparser + Moodle's
# GIFT reader rules) and check_qti.sh (xmllint against the official IMS QTI 1.2 DTD, QTI 2.1 / 3.0
# and content-packaging XSDs, manifest metadata strict).
#
# usage: tests/conformance-lms.sh [QBANK_BINARY]     (default: target/debug/qbank)
# Needs the validators' tools: run `tests/conformance/setup.sh` first (see its header).
# Exit 0 when every export is accepted, 1 when any is rejected, 3 when a tool is missing.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QBANK="$(realpath "${1:-$ROOT/target/debug/qbank}")"
V="$ROOT/tests/conformance"
OUT="$(mktemp -d "${TMPDIR:-/tmp}/qbank-conformance-lms.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
[ -x "$QBANK" ] || { echo "error: no qbank binary at $QBANK (cargo build first)" >&2; exit 3; }

BANKS=("$ROOT/tests/fixtures/banks/all-types.yaml" "$ROOT/tests/fixtures/banks/hostile.yaml"
       "$ROOT/tests/fixtures/banks/lms-hostile.yaml")
[ -f "$ROOT/banks/distributed.yaml" ] && BANKS=("$ROOT/banks/distributed.yaml" "${BANKS[@]}")
FORMATS=(moodle-xml gift qti12 qti21 qti30)

passed=0; failed=0; missing=0
run() { # run NAME COMMAND...: one validator run, its verdict counted
  local name="$1"; shift
  local log="$OUT/log.txt"
  "$@" >"$log" 2>&1; local rc=$?
  case $rc in
    0) passed=$((passed + 1)); echo "ok    $name" ;;
    3) missing=$((missing + 1)); echo "SKIP  $name (validator could not run)"; tail -3 "$log" ;;
    *) failed=$((failed + 1)); echo "FAIL  $name"; grep -E '^(FAIL|WARN)' "$log" | head -20; tail -1 "$log" | cut -c1-600 ;;
  esac
}

# expect_items FILE N: the QTI validator's summary counts N items.
expect_items() {
  local file="$1" n="$2"
  "$V/check_qti.sh" --strict-metadata "$file" > "$OUT/qti.txt" 2>&1
  local rc=$?
  cat "$OUT/qti.txt"
  [ "$rc" -eq 0 ] || return "$rc"
  tail -1 "$OUT/qti.txt" | python3 -c "import json,sys; n=json.load(sys.stdin)['qti_items']; print(f'qti_items={n}'); sys.exit(0 if n == $n else 1)"
}

for bank in "${BANKS[@]}"; do
  stem="$(basename "$bank" .yaml)"
  # Moodle question types the bank must become, e.g. "essay=3 multichoice=2 ...", and the count.
  read -r n expects < <("$QBANK" export "$bank" --to json -o - | python3 -c '
import json, sys
qs = json.load(sys.stdin)["questions"]
c = {}
for q in qs:
    t = q.get("type", "open")
    m = {"open": "essay", "single": "multichoice", "multiple": "multichoice", "true-false": "truefalse"}.get(t)
    if m is None:
        m = "numerical" if q.get("numeric") is not None else "shortanswer"
    c[m] = c.get(m, 0) + 1
print(len(qs), " ".join(f"--expect {k}={v}" for k, v in sorted(c.items())))')
  for format in "${FORMATS[@]}"; do
    case "$format" in moodle-xml) ext=xml ;; gift) ext=txt ;; *) ext=zip ;; esac
    file="$OUT/$stem.$format.$ext"  # check_qti.sh tells a package from an XML file by `.zip`
    if ! "$QBANK" export "$bank" --to "$format" -o "$file" 2>"$OUT/err.txt"; then
      failed=$((failed + 1)); echo "FAIL  $stem: qbank export --to $format"; cat "$OUT/err.txt"; continue
    fi
    case "$format" in
      # shellcheck disable=SC2086 # $expects is a list of flags
      moodle-xml) run "$stem moodle-xml: Moodle XML import rules, $n questions" "$V/check_moodle_xml.py" $expects "$file" ;;
      # shellcheck disable=SC2086
      gift) run "$stem gift: three GIFT readers agree, $n questions" "$V/check_gift.py" $expects "$file" ;;
      qti12) run "$stem qti12: QTI 1.2 DTD + CP 1.1 manifest, $n items" expect_items "$file" "$n" ;;
      qti21) run "$stem qti21: QTI 2.1 XSD + CP 1.1 manifest, $n items" expect_items "$file" "$n" ;;
      qti30) run "$stem qti30: QTI 3.0 XSD + QTI 3.0 CP manifest, $n items" expect_items "$file" "$n" ;;
    esac
  done
done
echo "conformance (LMS): $passed passed, $failed failed, $missing could not run"
[ "$failed" -eq 0 ] || exit 1
[ "$missing" -eq 0 ] || exit 3
