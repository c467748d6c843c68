#!/usr/bin/env bash
# Export the bundled bank and the fixture banks with the built binary and check every file with the
# real consumers' validators vendored in tests/conformance/ (Anki's backend, headless Chromium, ...).
#
# usage: tests/conformance.sh [QBANK_BINARY]     (default: target/debug/qbank)
# Needs the validators' tools: run `tests/conformance/setup.sh` first (see its header).
# Exit 0 when every export is accepted, 1 when any is rejected, 3 when a tool is missing.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QBANK="$(realpath "${1:-$ROOT/target/debug/qbank}")"
V="$ROOT/tests/conformance"
OUT="$(mktemp -d "${TMPDIR:-/tmp}/qbank-conformance.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
[ -x "$QBANK" ] || { echo "error: no qbank binary at $QBANK (cargo build first)" >&2; exit 3; }

BANKS=("$ROOT/tests/fixtures/banks/all-types.yaml" "$ROOT/tests/fixtures/banks/study-page.yaml" "$ROOT/tests/fixtures/banks/hostile.yaml" "$ROOT/tests/fixtures/banks/lms-hostile.yaml" "$ROOT/tests/fixtures/banks/images/images.yaml" "$ROOT/tests/fixtures/banks/titles.yaml")
[ -f "$ROOT/banks/distributed.yaml" ] && BANKS=("$ROOT/banks/distributed.yaml" "${BANKS[@]}")
# Formats checked here; each has a case in `check` below.
FORMATS=(html anki anki-tsv moodle-xml gift qti12 qti21 qti30)

passed=0; failed=0; missing=0
run() { # run NAME COMMAND...: one validator run, its verdict counted
  local name="$1"; shift
  local log="$OUT/log.txt"
  "$@" >"$log" 2>&1; local rc=$?
  case $rc in
    0) passed=$((passed + 1)); echo "ok    $name" ;;
    3) missing=$((missing + 1)); echo "SKIP  $name (validator could not run)"; tail -3 "$log" ;;
    *) failed=$((failed + 1)); echo "FAIL  $name"; grep -E '^FAIL' "$log" | head -20; tail -1 "$log" | cut -c1-600 ;;
  esac
}

check() { # check FORMAT BANK NOTES
  local format="$1" bank="$2" n="$3" stem
  stem="$(basename "$bank" .yaml)"
  local file="$OUT/$stem.$format"
  if ! SOURCE_DATE_EPOCH=1700000000 "$QBANK" export "$bank" --to "$format" -o "$file" 2>"$OUT/err.txt"; then
    failed=$((failed + 1)); echo "FAIL  $stem: qbank export --to $format"; cat "$OUT/err.txt"; return
  fi
  case "$format" in
    html)
      run "$stem.html: Chromium, offline, no console error" "$V/check_html.sh" --out "$OUT/$stem.png" "$file"
      run "$stem.html: study page at 390 and 1280 px (numbers, toggles, links, hints, search box)" node "$V/study_page_probe.js" "$file" ;;
    anki)
      run "$stem.apkg: Anki imports $n notes" "$V/check_apkg.py" --expect-notes "$n" --expect-cards "$n" "$file"
      # A later re-export (newer mtime) must update the notes, not add new ones.
      SOURCE_DATE_EPOCH=1800000000 "$QBANK" export "$bank" --to anki -o "$OUT/$stem.again.apkg" 2>/dev/null
      run "$stem.apkg: re-import of a re-export adds no note" "$V/check_apkg_reimport.py" "$file" "$OUT/$stem.again.apkg" ;;
    anki-tsv) run "$stem.txt: Anki text import of $n notes" "$V/check_anki_tsv.py" --expect-notes "$n" "$file" ;;
    moodle-xml|gift|qti12|qti21|qti30) run "$stem $format: LMS validators, $n questions" "$ROOT/tests/conformance-lms.sh" --check "$format" "$bank" "$file" "$QBANK" ;;
    *) failed=$((failed + 1)); echo "FAIL  no conformance check for format $format" ;;
  esac
}

for bank in "${BANKS[@]}"; do
  n="$("$QBANK" export "$bank" --to json -o - | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["questions"]))')"
  for format in "${FORMATS[@]}"; do
    check "$format" "$bank" "$n"
  done
done
# Markdown: rendered by markdown-it (raw HTML on) and Python-Markdown, nothing may run, and code
# stays verbatim in the bank written to test it.
for bank in "${BANKS[@]}" "$ROOT/tests/fixtures/banks/markdown-hostile.yaml"; do
  stem="$(basename "$bank" .yaml)"
  if ! "$QBANK" export "$bank" --to markdown -o "$OUT/$stem.md" 2>"$OUT/err.txt"; then
    failed=$((failed + 1)); echo "FAIL  $stem: qbank export --to markdown"; cat "$OUT/err.txt"; continue
  fi
  expect=()
  [ "$stem" = markdown-hostile ] && expect=(--expect-code 'Vec<T>' --expect-code 'let v: Vec<T> = Vec::new();')
  run "$stem.md: inert in markdown-it and Python-Markdown" "$V/check_markdown.py" "${expect[@]}" "$OUT/$stem.md"
done
# Titles are plain text in every name field: the separators those fields give meaning to (Anki's
# `::`, Moodle's and GIFT's category `/`) and line breaks must leave one name per title.
TITLES="$ROOT/tests/fixtures/banks/titles.yaml"
DECKS=(--expect-deck 'I/O: Ops::a:b' --expect-deck 'I/O: Ops::/dev/' --expect-deck 'I/O: Ops::two lines <b>bold</b> & more')
CATEGORIES=('a:::b' '/dev/' 'two lines <b>bold</b> & more')
for format in anki anki-tsv gift moodle-xml; do
  file="$OUT/titles.$format"
  if ! "$QBANK" export "$TITLES" --to "$format" -o "$file" 2>"$OUT/err.txt"; then
    failed=$((failed + 1)); echo "FAIL  titles: qbank export --to $format"; cat "$OUT/err.txt"; continue
  fi
  case "$format" in
    anki) run "titles.apkg: one Anki deck per title" "$V/check_apkg.py" --expect-notes 3 "${DECKS[@]}" "$file" ;;
    anki-tsv) run "titles.txt: one Anki deck per title" "$V/check_anki_tsv.py" --expect-notes 3 "${DECKS[@]}" "$file" ;;
    gift) run "titles.gift: one Moodle category per title" "$V/check_categories.py" "$file" "${CATEGORIES[@]}" ;;
    moodle-xml) mv "$file" "$OUT/titles.xml"
      run "titles.xml: one Moodle category per title" "$V/check_categories.py" "$OUT/titles.xml" "${CATEGORIES[@]}" ;;
  esac
done
# The grading report and its candidate pages (`qbank grade`): offline in Chromium at a phone's
# width and a laptop's, no horizontal scroll, no console error (CSP included), and the ranking
# sorted from the keyboard. A small hostile cohort (every page), then one large enough for the
# heat map's bands of the ranking.
report_check() { # report_check NAME SHEET PAGES [GRADE ARGS...]
  local name="$1" sheet="$2" pages="$3"; shift 3
  local dir="$OUT/grade-$name"
  if ! command -v node >/dev/null; then
    missing=$((missing + 1)); echo "SKIP  grade $name (node missing: run tests/conformance/setup.sh)"; return
  fi
  if ! "$QBANK" grade "$ROOT/tests/fixtures/grade/bank.yaml" "$sheet" -o "$dir" "$@" 2>"$OUT/err.txt"; then
    failed=$((failed + 1)); echo "FAIL  grade $name: qbank grade"; cat "$OUT/err.txt"; return
  fi
  # shellcheck disable=SC2086 # $pages is a glob on purpose
  run "grade $name: report.html and candidate pages in Chromium at 390 and 1280 px" \
    node "$V/report_probe.js" "$dir/report.html" $dir/candidates/$pages
}
report_check hostile "$ROOT/tests/fixtures/answers/report-cohort.csv" '*.html' \
  --pass-mark 60 --overrides "$ROOT/tests/fixtures/answers/report-overrides.csv"
python3 - "$OUT/cohort-250.csv" <<'PY'
import csv, sys
answers = [["A hash ring: adding a node moves only a few keys.", "Raft", "3", "false"],
           ["A hash ring.", "Raft", "2", "true"], ["no idea", "Gossip", "", "true"]]
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["candidate", "question", "answer"])
    for i in range(250):
        for q, a in zip(["ring", "leader", "quorum", "cap"], answers[i % 3]):
            w.writerow([f"candidate-{i:03}@example.com", q, a])
PY
report_check cohort-250 "$OUT/cohort-250.csv" 'candidate-000-example-com.html' --pass-mark 50

echo "conformance: $passed passed, $failed failed, $missing could not run"
[ "$failed" -eq 0 ] || exit 1
[ "$missing" -eq 0 ] || exit 3
