"""Plant a/an and spacing slips into copies of real articles, with a gold file, to score
LN102, LN208 and LN209 with `bench/quality.py --gold OUT`.

    python bench/plant_spacing.py --corpus ../shared/corpus/news --out /tmp/plant7 --n 300 --seed 7 \\
        --exclude ../shared/eval/known_defects.jsonl

Same layout as the evaluation kit's inject.py: OUT/articles/NNNN.txt (mutated copies),
OUT/gold.jsonl (file, line, column, end_line, end_column exclusive, category, form,
detail, text; 1-based, code points), OUT/manifest.json. One or two slips an article, each
on its own line (paragraph), never on the headline. Same seed and n: the same bytes.

Families and forms (each made from a real spot of the article):
  indefinite-article        a-for-an   "an early" -> "a early"   (a word with a plain vowel)
                            an-for-a   "a big" -> "an big"       (a plain consonant, not h/y)
  space-inside-quotes       after-open '"We won"' -> '" We won"'
                            before-close '"We won," he' -> '"We won, " he'
  missing-space-after-stop  glued      "was late. The" -> "was late.The"
                            glued-quote 'he said." The' -> 'he said."The'
"""
from __future__ import annotations

import random
import re

from planting import position, run

FORMS = {
    "indefinite-article": ("a-for-an", "an-for-a"),
    "space-inside-quotes": ("after-open", "before-close"),
    "missing-space-after-stop": ("glued", "glued-quote"),
}
# where each form can be made: (pattern, what to put in place of group 1)
_ABBREVIATIONS = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bCo)(?<!\bvs)"
SPOTS = {
    "a-for-an": (re.compile(r"(?<![\w'’.-])[aA](n) (?=(?:a[bcdfgmnprstvx]|e[dfgmnpqsvx]|i[dmnst]|o[bcdfpr])[a-z]{2})"), ""),
    "an-for-a": (re.compile(r"(?<![\w'’.-])[aA]( )(?=[bcdfgjklmnpqrstvwz][aeiou][a-z]{2})"), "n "),
    "after-open": (re.compile(r"(?:(?<=[ (])|^)\"()(?=[A-Za-z][^\"\n]{4,}?[\w.,?!]\"(?:[ .,;:)]|$))", re.M), " "),
    "before-close": (re.compile(r"(?<=[ (])\"[A-Za-z][^\"\n]{4,}?[\w.,?!]()\"(?=[ .,;:)]|$)", re.M), " "),
    "glued": (re.compile(r"(?<=[a-z]{3})" + _ABBREVIATIONS + r"\.( )(?=[A-Z][a-z])"), ""),
    "glued-quote": (re.compile(r"(?<=[a-z]{2}[.?!])\"( )(?=[A-Z][a-z])"), ""),
}
CATEGORY = {form: cat for cat, forms in FORMS.items() for form in forms}


def lines_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line but the first (the headline)."""
    out, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        if i > 0 and line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def plant(text: str, rng: random.Random, k: int, counts: dict) -> tuple[str, list[dict]]:
    """The text with up to `k` slips planted on different lines, and their gold items."""
    free = lines_of(text)
    edits = []                                  # (start, end, replacement, form)
    for _ in range(k):
        forms = sorted(CATEGORY, key=lambda f: (counts[f], rng.random()))
        for form in forms:
            pattern, put = SPOTS[form]
            spots = [m for a, b in free for m in pattern.finditer(text, a, b)]
            if not spots:
                continue
            m = rng.choice(spots)
            edits.append((m.start(1), m.end(1), put, form, m.start()))
            free = [(a, b) for a, b in free if not a <= m.start() < b]
            counts[form] += 1
            break
    edits.sort()
    out, gold, pos, shift = [], [], 0, 0
    for start, end, put, form, spot in edits:
        out.append(text[pos:start] + put)
        pos = end
        gold.append((form, spot + shift, start + shift))    # (spot <= start: the same shift)
        shift += len(put) - (end - start)
    out.append(text[pos:])
    new = "".join(out)
    return new, [_gold(new, *g) for g in gold]


def _gold(new: str, form: str, spot: int, at: int) -> dict:
    """The gold item of a slip: the article for a/an, the space for quotes, the stop and
    the next character for a missing space."""
    if form in ("a-for-an", "an-for-a"):
        start, end = spot, spot + (2 if form == "an-for-a" else 1)
    elif form in ("after-open", "before-close"):
        start, end = at, at + 1
    else:
        start = at - 1 if form == "glued" else at - 2
        end = at + 1
    line, column = position(new, start)
    end_line, end_column = position(new, end - 1)
    return {"category": CATEGORY[form], "form": form, "line": line, "column": column, "end_line": end_line,
            "end_column": end_column + 1, "detail": new[start:end], "text": new[max(0, start - 20):end + 20]}


def main() -> None:
    run(__doc__, lambda name, text, rng, k, counts: _in_file(name, *plant(text, rng, k, counts)),
        {form: 0 for form in CATEGORY}, lambda counts: ", ".join(f"{f} {n}" for f, n in counts.items()))


def _in_file(name: str, new: str, items: list[dict]) -> tuple[str, list[dict]]:
    return new, [{"file": name, **g} for g in items]


if __name__ == "__main__":
    main()
