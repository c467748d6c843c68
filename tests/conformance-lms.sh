#!/usr/bin/env bash
# The LMS formats' conformance checks, with the validators vendored in tests/conformance/:
# check_moodle_xml.py (lxml + moodle-xml-parser + Moodle's import rules), check_gift.py (gift-pegjs +
# pygiftparser + Moodle's GIFT reader rules) and check_qti.sh (xmllint against the official IMS QTI
# 1.2 DTD, QTI 2.1 / 3.0 and content-packaging XSDs, manifest metadata strict). Question counts and
# Moodle question types must match the bank.
#
# usage: tests/conformance-lms.sh [QBANK_BINARY]
#            export the bundled bank and the fixture banks to every LMS format and check them
#        tests/conformance-lms.sh --check FORMAT BANK FILE [QBANK_BINARY]
#            check one export (tests/conformance.sh calls this for the LMS formats)
# QBANK_BINARY defaults to target/debug/qbank. Needs the validators' tools: run
# `tests/conformance/setup.sh` first. Exit 0 when accepted, 1 when rejected, 3 when a tool is missing.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
V="$ROOT/tests/conformance"
FORMATS=(moodle-xml gift qti12 qti21 qti30)

# check_one FORMAT BANK FILE QBANK: validate one export of BANK; prints the validator's report.
check_one() {
  local format="$1" bank="$2" file="$3" qbank="$4" n expects tmp rc
  # The question count and the Moodle types the bank must become ("--expect essay=3 ...").
  read -r n expects < <("$qbank" export "$bank" --to json -o - | python3 -c '
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
  [ -n "${n:-}" ] || { echo "FAIL: cannot read $bank"; return 1; }
  echo "$(basename "$bank"): $n questions ($expects)"
  case "$format" in
    # shellcheck disable=SC2086 # $expects is a list of flags
    moodle-xml) "$V/check_moodle_xml.py" $expects "$file" ;;
    # shellcheck disable=SC2086
    gift) "$V/check_gift.py" $expects "$file" ;;
    qti12|qti21|qti30)
      # check_qti.sh tells a package from an XML file by the `.zip` name.
      tmp="$(mktemp -d "${TMPDIR:-/tmp}/qbank-qti.XXXXXX")"
      cp "$file" "$tmp/package.zip"
      "$V/check_qti.sh" --strict-metadata "$tmp/package.zip" > "$tmp/out.txt" 2>&1
      rc=$?
      cat "$tmp/out.txt"
      if [ "$rc" -eq 0 ]; then
        tail -1 "$tmp/out.txt" | python3 -c "
import json, sys
n = json.load(sys.stdin)['qti_items']
print(f'qti_items={n}, expected $n')
if n != $n:
    print('FAIL: item count differs from the bank')
    sys.exit(1)"
        rc=$?
      fi
      rm -rf "$tmp"
      return "$rc" ;;
    *) echo "FAIL: $format is not an LMS format"; return 1 ;;
  esac
}

if [ "${1:-}" = "--check" ]; then
  [ $# -ge 4 ] || { sed -n 8,11p "$0" >&2; exit 2; }
  check_one "$2" "$3" "$4" "$(realpath "${5:-$ROOT/target/debug/qbank}")"
  exit $?
fi

QBANK="$(realpath "${1:-$ROOT/target/debug/qbank}")"
[ -x "$QBANK" ] || { echo "error: no qbank binary at $QBANK (cargo build first)" >&2; exit 3; }
OUT="$(mktemp -d "${TMPDIR:-/tmp}/qbank-conformance-lms.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
BANKS=("$ROOT/tests/fixtures/banks/all-types.yaml" "$ROOT/tests/fixtures/banks/hostile.yaml"
       "$ROOT/tests/fixtures/banks/lms-hostile.yaml")
[ -f "$ROOT/banks/distributed.yaml" ] && BANKS=("$ROOT/banks/distributed.yaml" "${BANKS[@]}")

passed=0; failed=0; missing=0
for bank in "${BANKS[@]}"; do
  stem="$(basename "$bank" .yaml)"
  for format in "${FORMATS[@]}"; do
    file="$OUT/$stem.$format"
    if ! "$QBANK" export "$bank" --to "$format" -o "$file" 2>"$OUT/err.txt"; then
      failed=$((failed + 1)); echo "FAIL  $stem $format: qbank export failed"; cat "$OUT/err.txt"; continue
    fi
    check_one "$format" "$bank" "$file" "$QBANK" >"$OUT/log.txt" 2>&1
    case $? in
      0) passed=$((passed + 1)); echo "ok    $stem $format" ;;
      3) missing=$((missing + 1)); echo "SKIP  $stem $format (validator could not run)"; tail -3 "$OUT/log.txt" ;;
      *) failed=$((failed + 1)); echo "FAIL  $stem $format"; grep -E '^FAIL' "$OUT/log.txt" | head -20
         tail -1 "$OUT/log.txt" | cut -c1-600 ;;
    esac
  done
done
echo "conformance (LMS): $passed passed, $failed failed, $missing could not run"
[ "$failed" -eq 0 ] || exit 1
[ "$missing" -eq 0 ] || exit 3
