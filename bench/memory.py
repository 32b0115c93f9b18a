"""How much memory linting one file takes, against the file's size: prose and dense hostile input.

    .venv/bin/python bench/memory.py            # every input, at about 300 KB
    .venv/bin/python bench/memory.py --kb 1000  # bigger files

Each input is written to a file and linted by `Linter().lint_file` in a new process; the
row gives the peak resident memory of that process less that of one that only builds the
Linter, and that difference over the file's size. Prose (`tests/test_memory.py` holds it
under 15 times) against inputs where nearly every character makes a quotation, a word, a
block or a finding: the issue's "100,000 quotation marks" and worse, as text, Markdown and
HTML. Some costs are fixed (importing ftfy for a mojibake finding, a piece of Markdown
parsed at a time), so bigger files (--kb) show the multiple they tend to. Needs no corpus.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_hostile import prose  # noqa: E402
from test_memory import peak_kib, varied_prose  # noqa: E402

# (what, the file's extension, the text repeated to about the size asked for)
INPUTS = [
    ("prose, few words", ".txt", lambda n: prose(n // 6)),
    ("prose, new words all the way", ".txt", lambda n: varied_prose(n // 340)),
    ('"Yes" repeated (quotations and repeats)', ".txt", lambda n: '"Yes" ' * (n // 6)),
    ('" repeated (quotation marks only)', ".txt", lambda n: '"' * n),
    ('"Yes." repeated (a sentence a quotation)', ".txt", lambda n: '"Yes." ' * (n // 7)),
    ("the repeated (one word)", ".txt", lambda n: "the " * (n // 4)),
    ("Biden 's repeated (a finding every 9 bytes)", ".txt", lambda n: "Biden 's " * (n // 9)),
    ("( repeated (a finding every byte)", ".txt", lambda n: "(" * n),
    ("a paragraph every 3 bytes", ".txt", lambda n: "a\n\n" * (n // 3)),
    ("Markdown: a paragraph every 3 bytes", ".md", lambda n: "a\n\n" * (n // 3)),
    ("Markdown: a heading every 4 bytes", ".md", lambda n: "# a\n" * (n // 4)),
    ("Markdown: one list, an item every 4 bytes", ".md", lambda n: "- a\n" * (n // 4)),
    ("Markdown: an empty line every byte", ".md", lambda n: "\n" * n),
    ("Markdown: one paragraph, emphasis every 4 bytes", ".md", lambda n: "*a* " * (n // 4)),
    ("Markdown: one table, a row every 6 bytes", ".md", lambda n: "|a|b|\n" * (n // 6)),
    ("HTML: a paragraph every 8 bytes", ".html", lambda n: "<p>a</p>" * (n // 8)),
    ("HTML: an empty line every byte", ".html", lambda n: "\n" * n),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=300, help="size of each file, in kilobytes (about)")
    args = ap.parse_args()
    base = peak_kib("from lintnews.config import Config; from lintnews.engine import Linter; Linter(Config())")
    print(f"{'input':<50} {'file':>9} {'peak over an idle Linter':>26}")
    with tempfile.TemporaryDirectory() as tmp:
        for what, ext, make in INPUTS:
            path = Path(tmp) / f"input{ext}"
            path.write_text(make(args.kb * 1000), encoding="utf-8")
            size = path.stat().st_size
            used = peak_kib("from lintnews.config import Config; from lintnews.engine import Linter; "
                            f"Linter(Config(max_file_size={size + 1})).lint_file({str(path)!r})") - base
            print(f"{what:<50} {size / 1e6:7.2f} MB {used / 1024:9.1f} MB = {used * 1024 / size:5.0f} x", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
