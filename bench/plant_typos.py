#!/usr/bin/env python3
"""Plant typos into copies of real articles, with a gold file, to score LN601 misspelling.

The output is laid out as ../shared/eval/inject.py's (articles/NNNN.txt, gold.jsonl,
manifest.json; 1-based columns in code points, end_column exclusive), so that
`bench/quality.py --gold OUT` scores it. Each chosen article gets 1 or 2 typos, each in
another paragraph, each in a lower-case word of 5 or more letters (a-z only, not joined to
another by a hyphen or apostrophe); the rest of the text is left as it was. Deterministic
for a --seed. Forms (the slips of a typist):

  deletion       a letter left out              "government" -> "govenment"
  insertion      a key beside one hit with it   "government" -> "governmwent"
  substitution   a key beside one hit instead   "government" -> "governmeny"
  transposition  two neighbouring letters swapped  "government" -> "govenrment"
  doubled        a letter typed twice           "government" -> "governnment"

"Beside" is on a QWERTY keyboard. A typo that makes another word the dictionary knows
("their" -> "there") is not planted: no spell check can tell it from the word meant.

Usage: python3 bench/plant_typos.py --corpus ../shared/corpus/news --out OUT --n 300 --seed 1
"""
from __future__ import annotations

import random
import re

from lintnews.rules._dictionary import dictionary
from planting import paragraph_starts, position, run

FORMS = ("deletion", "insertion", "substitution", "transposition", "doubled")
ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
WORD = re.compile(r"(?<![\w'’-])[a-z]{5,}(?![\w'’-])")


def _beside() -> dict[str, str]:
    """Each letter's neighbours on a QWERTY keyboard: keys whose centres lie within one key's
    width, in its row and the rows above and below (each row set off from the one above,
    by a quarter of a key and then half a key)."""
    where = {c: (r, i + shift) for r, (row, shift) in enumerate(zip(ROWS, (0, 0.25, 0.75)))
             for i, c in enumerate(row)}
    out = {}
    for c, (r, x) in where.items():
        out[c] = "".join(d for d, (r2, x2) in where.items() if d != c and abs(r2 - r) <= 1 and abs(x2 - x) <= 1)
    return out


BESIDE = _beside()


def typo(word: str, form: str, rng: random.Random) -> str | None:
    """`word` with one slip of the given form, or None where the form cannot be made."""
    i = rng.randrange(len(word))
    if form == "deletion":
        return word[:i] + word[i + 1:]
    if form == "insertion":
        return word[:i] + rng.choice(BESIDE[word[i]]) + word[i:]
    if form == "substitution":
        return word[:i] + rng.choice(BESIDE[word[i]]) + word[i + 1:]
    if form == "transposition":
        i = rng.randrange(len(word) - 1)
        return None if word[i] == word[i + 1] else word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if form == "doubled":
        return word[:i] + word[i] + word[i:]
    raise ValueError(form)


def plant(name: str, text: str, rng: random.Random, k: int, counts: dict) -> tuple[str, list[dict]]:
    """The text with up to k typos planted, each in another paragraph, and their gold items."""
    words = dictionary()
    spots = [m for m in WORD.finditer(text) if m[0] in words]
    starts = paragraph_starts(text)
    chosen, used = [], set()
    for m in rng.sample(spots, len(spots)):
        paragraph = sum(1 for s in starts if s <= m.start())
        if paragraph in used:
            continue
        form = rng.choice(FORMS)
        wrong = typo(m[0], form, rng)
        if wrong is None or wrong in words or any(wrong == c[2] for c in chosen) \
                or re.search(rf"(?<![\w'’-]){wrong}(?![\w'’-])", text, re.I):
            continue                    # (a typo the article holds elsewhere is the article's word)
        chosen.append((m.start(), m.end(), wrong, form))
        used.add(paragraph)
        if len(chosen) == k:
            break
    chosen.sort()
    new, last, shift, gold = [], 0, 0, []
    for start, end, wrong, form in chosen:
        new += [text[last:start], wrong]
        gold.append((start + shift, start + shift + len(wrong), form, text[start:end]))
        shift += len(wrong) - (end - start)
        last = end
    new.append(text[last:])
    new_text = "".join(new)
    items = []
    for s, e, form, old in gold:
        (line, col), (end_line, end_col) = position(new_text, s), position(new_text, e)
        counts[form] += 1
        items.append({"file": name, "line": line, "column": col, "end_line": end_line, "end_column": end_col,
                      "category": "misspelling", "form": form, "detail": f"was {old!r}", "text": new_text[s:e]})
    return new_text, items


def main() -> None:
    run(__doc__, plant, dict.fromkeys(FORMS, 0), lambda counts: ", ".join(f"{f} {n}" for f, n in counts.items()),
        slips="typos")


if __name__ == "__main__":
    main()
