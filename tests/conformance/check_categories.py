#!/usr/bin/env python3
"""Check the category names a Moodle import would make of a Moodle XML or GIFT export.

usage: check_categories.py FILE.xml|FILE.gift NAME...

Reads every category path: from Moodle XML with the standard XML parser, from GIFT with npm
gift-pegjs (through gift_parse.js, as Moodle's own `$CATEGORY:` handling keeps the line
verbatim), then splits it as Moodle's `qformat_default::split_category_path` does (split at a
`/` with no `/` beside it, `//` read as `/`, each name trimmed; Moodle's `clean_param(PARAM_TEXT)`
would then strip tags). The last name of each path must be the next NAME given, in order, and
every path must have the same names before it. Exit 0 when they match, 1 with `FAIL:` lines,
3 when gift-pegjs is missing; the last stdout line is a JSON summary.
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def split_category_path(path):
    """Moodle's split, restated from question/format.php."""
    return [raw.replace("//", "/").strip() for raw in re.split(r"(?<!/)/(?!/)", path)]


def paths(file):
    if file.endswith(".gift"):
        here = os.path.dirname(os.path.abspath(__file__))
        run = subprocess.run(["node", os.path.join(here, "gift_parse.js"), file],
                             capture_output=True, text=True)
        if run.returncode == 3:
            print(run.stdout, file=sys.stderr)
            sys.exit(3)
        parsed = json.loads(run.stdout.strip().splitlines()[-1])
        return [q["title"].strip() for q in parsed["questions"] if q["type"] == "Category"]
    root = ET.parse(file).getroot()
    return [q.findtext("category/text", "").strip()
            for q in root.iter("question") if q.get("type") == "category"]


def main(argv):
    if len(argv) < 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    file, want = argv[0], argv[1:]
    found = [split_category_path(p) for p in paths(file)]
    errors = []
    if [names[-1] for names in found] != want:
        errors.append(f"category names {[n[-1] for n in found]} != {want}")
    if len({tuple(names[:-1]) for names in found}) > 1:
        errors.append(f"parents differ: {[n[:-1] for n in found]}")
    for e in errors:
        print(f"FAIL: {e}", file=sys.stderr)
    print(json.dumps({"ok": not errors, "file": file, "categories": found, "errors": errors}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
