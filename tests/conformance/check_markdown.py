#!/usr/bin/env python3
"""Render a Markdown export with real renderers and check that nothing in it can run.

usage: check_markdown.py [--expect-code TEXT]... FILE.md

Renderers: Python-Markdown with `fenced_code` (as MkDocs runs it: plain Python-Markdown has no
fenced code blocks, so it reads HTML written inside one as HTML, and a code block cannot stay
verbatim there), imported from the venv $QB_MD_VENV (default /tmp/qb-md-venv, made by
setup.sh), and npm markdown-it with raw HTML on, through `markdown_it_render.js`. Each rendered page fails on: a tag Markdown itself does not produce (so
raw HTML got through), an event-handler attribute (`on...=`), an `href`/`src` with a
script-capable scheme (`javascript:`, `vbscript:`, `data:`). `--expect-code TEXT` needs TEXT
verbatim in the text of some `<code>` element of every page (code kept as written).
Exit 0 when every page is inert, 1 with `FAIL:` lines when not, 3 when a renderer is missing.
The last stdout line is a JSON summary.
"""
import html.parser
import json
import os
import subprocess
import sys

MD_VENV = os.environ.get("QB_MD_VENV", "/tmp/qb-md-venv")
_py = os.path.join(MD_VENV, "bin", "python")
if os.path.realpath(sys.prefix) != os.path.realpath(MD_VENV) and os.path.exists(_py) \
        and not os.environ.get("QB_MD_REEXEC"):
    os.environ["QB_MD_REEXEC"] = "1"
    os.execv(_py, [_py, os.path.abspath(sys.argv[0])] + sys.argv[1:])

MARKDOWN_TAGS = {"p", "a", "img", "em", "strong", "code", "pre", "h1", "h2", "h3", "h4", "h5",
                 "h6", "ul", "ol", "li", "blockquote", "hr", "br", "del", "table", "thead",
                 "tbody", "tr", "th", "td", "s"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")


class Inspector(html.parser.HTMLParser):
    """Collects the problems of one page and the text of its `<code>` elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.code, self.in_code = [], [], 0

    def handle_starttag(self, tag, attrs):
        shown = self.get_starttag_text()
        if tag not in MARKDOWN_TAGS:
            self.problems.append(f"tag {shown}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler in {shown}")
            if name in ("href", "src") and value:
                scheme = "".join(c for c in value if c.isalnum() or c == ":").lower()
                if scheme.startswith(SCRIPT_SCHEMES):
                    self.problems.append(f"script link in {shown}")
        if tag == "code":
            self.in_code += 1
            self.code.append("")

    def handle_endtag(self, tag):
        if tag == "code" and self.in_code:
            self.in_code -= 1

    def handle_data(self, data):
        if self.in_code:
            self.code[-1] += data

    handle_startendtag = handle_starttag


def renderers(path):
    """(name, html) for each renderer."""
    try:
        import markdown
    except ImportError as e:
        print(f"cannot import Python-Markdown from {MD_VENV}: {e}", file=sys.stderr)
        sys.exit(3)
    text = open(path, encoding="utf-8").read()
    yield (f"Python-Markdown {markdown.__version__} + fenced_code",
           markdown.markdown(text, extensions=["fenced_code"]))
    here = os.path.dirname(os.path.abspath(__file__))
    run = subprocess.run(["node", os.path.join(here, "markdown_it_render.js"), path],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        sys.exit(3 if run.returncode == 3 else 1)
    yield "markdown-it (html: true)", run.stdout


def main(argv):
    expect, files = [], []
    it = iter(argv)
    for arg in it:
        if arg == "--expect-code":
            expect.append(next(it, ""))
        else:
            files.append(arg)
    if len(files) != 1:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    failures, pages = [], 0
    for name, page in renderers(files[0]):
        pages += 1
        inspector = Inspector()
        inspector.feed(page)
        inspector.close()
        failures += [f"{name}: {p}" for p in inspector.problems]
        for text in expect:
            if not any(text in code for code in inspector.code):
                failures.append(f"{name}: no <code> holds {text!r} verbatim")
    for f in failures:
        print(f"FAIL: {f}", file=sys.stderr)
    print(json.dumps({"ok": not failures, "pages": pages, "errors": len(failures)}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
