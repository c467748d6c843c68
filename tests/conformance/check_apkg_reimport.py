#!/usr/bin/env python3
"""Import FIRST.apkg, then SECOND.apkg into the same collection with Anki's backend; fail unless
the second import adds no note (re-exports must update, not duplicate).

usage: check_apkg_reimport.py FIRST.apkg SECOND.apkg
qbank's own check (not part of the shared validators); prints a one-line JSON summary last.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _venv  # noqa: E402,F401
import _anki_common as ac  # noqa: E402


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1].splitlines()[0], file=sys.stderr)
        return 2
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    errors = []
    summary = {"validator": "check_apkg_reimport", "files": sys.argv[1:]}
    with ac.FreshCollection() as col:
        logs = []
        for path in sys.argv[1:]:
            resp = col.import_anki_package(ImportAnkiPackageRequest(
                package_path=os.path.abspath(path),
                options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=True,
                                                 with_deck_configs=True)))
            logs.append(ac.import_log_counts(resp.log))
        summary["first"], summary["second"] = logs
        summary["notes"] = len(col.find_notes(""))
        summary["notetypes"] = sorted(m.name for m in col.models.all_names_and_ids())
    if logs[0]["new"] == 0:
        errors.append("the first import added no note")
    if logs[1]["new"] != 0:
        errors.append(f"the re-import added {logs[1]['new']} new note(s); expected 0")
    if summary["notes"] != logs[0]["new"]:
        errors.append(f"{summary['notes']} notes after re-import, expected {logs[0]['new']}")
    summary["ok"] = not errors
    summary["errors"] = errors
    for e in errors:
        print(f"FAIL: {e}", file=sys.stderr)
    print(json.dumps(summary))
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
