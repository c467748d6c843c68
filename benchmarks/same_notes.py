#!/usr/bin/env python3
"""Check that two .apkg files hold the same notes: the same fields (whitespace at the ends of a
field aside) with the same tags, note for note. GUIDs are not compared: qbank and genanki derive
them from the bank and question ids in different ways. Exits 1 and shows the first difference
otherwise.

usage: same_notes.py A.apkg B.apkg
The speed benchmark uses it to show that genanki's `--same-cards` deck is qbank's deck.
"""
import os
import sqlite3
import sys
import tempfile
import zipfile


def notes(path):
    with tempfile.TemporaryDirectory() as d:
        with zipfile.ZipFile(path) as z:
            z.extract("collection.anki2", d)
        db = sqlite3.connect(os.path.join(d, "collection.anki2"))
        try:
            return sorted(([f.strip() for f in flds.split("\x1f")], sorted(tags.split()))
                          for flds, tags in db.execute("SELECT flds, tags FROM notes"))
        finally:
            db.close()


a, b = notes(sys.argv[1]), notes(sys.argv[2])
if len(a) != len(b):
    sys.exit(f"different note counts: {len(a)} and {len(b)}")
for x, y in zip(a, b):
    if x != y:
        sys.exit(f"the notes differ; first difference:\n{x}\n{y}")
print(f"same notes: {len(a)} notes with identical fields and tags")
