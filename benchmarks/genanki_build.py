#!/usr/bin/env python3
"""Build the same deck as `qbank export BANK --to anki` with PyPI genanki, for the speed comparison.

usage: genanki_build.py BANK.yaml OUT.apkg
Same notes, subdecks, tags and stable GUIDs. genanki gets plain fields (no Markdown rendering, no
sanitizing, no validation) and the YAML parse is timed separately, so the comparison favours it.
Prints `parse_s build_s` on stdout.
"""
import sys
import time

import genanki
import yaml

t0 = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    bank = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
t1 = time.perf_counter()

model = genanki.Model(1607392319, "qbank bench", fields=[{"name": "Front"}, {"name": "Back"}],
                      templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                                  "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}])
titles = {t["id"]: t["title"] for t in bank["blueprint"]["topics"]}
decks = {tid: genanki.Deck(2059400110 + i, f"{bank['title']}::{title}")
         for i, (tid, title) in enumerate(titles.items())}
for q in bank["questions"]:
    back = q.get("answer", "")
    for c in (q.get("rubric") or {}).get("criteria", []):
        back += f"<li>{c.get('describe', c['id'])} +{c['points']}</li>"
    for f in q.get("follow_ups", []):
        back += f"<li>{f}</li>"
    note = genanki.Note(model=model, fields=[q["prompt"], back],
                        tags=[q["topic"], *q.get("tags", []), q["difficulty"]],
                        guid=genanki.guid_for(bank["id"], q["id"]))
    decks[q["topic"]].add_note(note)
genanki.Package(list(decks.values())).write_to_file(sys.argv[2])
t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f}")
