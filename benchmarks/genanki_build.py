#!/usr/bin/env python3
"""Build the same deck as `qbank export BANK --to anki` with PyPI genanki, for the speed comparison.

usage: genanki_build.py [--same-cards[=pyromark|mistune]] BANK.yaml OUT.apkg
Same notes, subdecks, tags and stable GUIDs in every mode. The YAML parse is timed separately.

- default ("plain fields"): genanki gets the bank's text as is: Markdown is not rendered, nothing
  is escaped or validated. The cards are not the ones qbank writes.
- `--same-cards` (`=pyromark`): the fields carry what qbank's card templates put on a card (meta
  line, prompt, options, correct answer, model answer, key points, follow-ups, references), plain
  text HTML-escaped and Markdown rendered by pyromark, the Python binding of pulldown-cmark, the
  renderer qbank itself uses (so the Markdown work costs Python almost nothing). Nothing is
  sanitized, which qbank does for text with raw HTML or links; that favours genanki.
- `--same-cards=mistune`: the same cards with mistune, a fast pure-Python Markdown renderer (raw
  HTML escaped), for the cost of rendering Markdown in Python.

Prints `parse_s build_s` on stdout.
"""
import html
import sys
import time

import genanki
import yaml

args = [a for a in sys.argv[1:] if not a.startswith("--")]
flags = [a for a in sys.argv[1:] if a.startswith("--same-cards")]
same_cards = flags[0].partition("=")[2] or "pyromark" if flags else None

t0 = time.perf_counter()
with open(args[0], encoding="utf-8") as f:
    bank = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
t1 = time.perf_counter()

if same_cards:
    if same_cards == "mistune":
        import mistune

        md = mistune.create_markdown(escape=True)
    else:
        import pyromark

        options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH

        def md(text):
            return pyromark.html(text, options=options)
    esc = html.escape
    titles = {t["id"]: t["title"] for t in bank["blueprint"]["topics"]}

    def letters(n):
        return [chr(65 + i) for i in range(n)]

    def front(q):
        points = sum(c["points"] for c in (q.get("rubric") or {}).get("criteria", []))
        meta = f'{esc(titles[q["topic"]])} · {q["difficulty"]}'
        if points > 1:
            meta += f" · {points} points"
        out = f'<div class="qb-meta">{meta}</div>\n<div class="qb-prompt">{md(q["prompt"])}</div>\n'
        if q.get("options"):
            items = "".join(f"<li>{md(o['text'])}</li>\n" for o in q["options"])
            out += f'<ol class="qb-options" type="A">\n{items}</ol>\n'
            if q["type"] == "multiple":
                out += '<p class="qb-hint">Choose every correct option.</p>\n'
        elif q["type"] == "true-false":
            out += '<p class="qb-hint">True or false?</p>\n'
        return out

    def back(q):
        out = ""
        if q["type"] == "true-false":
            out += f'<p class="qb-correct">{"True" if q["correct"] else "False"}</p>\n'
        elif q.get("options"):
            opts = q["options"]
            right = ", ".join(l for l, o in zip(letters(len(opts)), opts) if o.get("correct"))
            out += f'<p class="qb-correct">{right}</p>\n<ul class="qb-feedback">\n'
            for l, o in zip(letters(len(opts)), opts):
                why = f'<div class="qb-why">{md(o["feedback"])}</div>' if o.get("feedback") else ""
                cls = "qb-right" if o.get("correct") else "qb-wrong"
                out += f'<li class="{cls}"><b>{l}</b> {md(o["text"])}{why}</li>\n'
            out += "</ul>\n"
        elif q["type"] == "short":
            out += f'<p class="qb-correct">{esc(" / ".join(q.get("accept", [])))}</p>\n'
        if q.get("answer"):
            out += f'<div class="qb-answer">{md(q["answer"])}</div>\n'
        criteria = (q.get("rubric") or {}).get("criteria", [])
        if criteria:
            points = sum(c["points"] for c in criteria)
            items = "".join(f'<li>{esc(c.get("describe", c["id"]))} <span class="qb-pts">+{c["points"]}</span></li>\n'
                            for c in criteria)
            out += f'<div class="qb-key"><b>Key points</b> ({points} points)\n<ul>\n{items}</ul></div>\n'
        for name, cls, key in (("Follow-ups", "qb-follow", "follow_ups"), ("References", "qb-refs", "references")):
            if q.get(key):
                items = "".join(f"<li>{md(x)}</li>\n" for x in q[key])
                out += f'<div class="{cls}"><b>{name}</b>\n<ul>\n{items}</ul></div>\n'
        return out
else:
    def front(q):
        return q["prompt"]

    def back(q):
        out = q.get("answer", "")
        for c in (q.get("rubric") or {}).get("criteria", []):
            out += f"<li>{c.get('describe', c['id'])} +{c['points']}</li>"
        for f in q.get("follow_ups", []):
            out += f"<li>{f}</li>"
        return out

model = genanki.Model(1607392319, "qbank bench", fields=[{"name": "Front"}, {"name": "Back"}],
                      templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                                  "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}])
titles = {t["id"]: t["title"] for t in bank["blueprint"]["topics"]}
decks = {tid: genanki.Deck(2059400110 + i, f"{bank['title']}::{title}")
         for i, (tid, title) in enumerate(titles.items())}
for q in bank["questions"]:
    note = genanki.Note(model=model, fields=[front(q), back(q)],
                        tags=[q["topic"], *q.get("tags", []), q["difficulty"]],
                        guid=genanki.guid_for(bank["id"], q["id"]))
    decks[q["topic"]].add_note(note)
genanki.Package(list(decks.values())).write_to_file(args[1])
t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f}")
