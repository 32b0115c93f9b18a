#!/usr/bin/env python3
"""Plant confusable words and agreement slips into copies of real articles, with a gold file.

The output is laid out as ../shared/eval/inject.py's (articles/NNNN.txt, gold.jsonl,
manifest.json; 1-based columns in code points, end_column exclusive), so that
`bench/quality.py --gold OUT` scores it. Each chosen article gets 1 or 2 slips, each in
another paragraph, made from a right phrase that the article holds; the rest of the text is
left as it was. Deterministic for a --seed. Families and forms:

  confusable-word  its-own          "its own" -> "it's own"
                   its-article      "it's a/an/the/not/been" -> "its a ..."
                   there-own        "their own", "of their lives" -> "there own", "of there lives"
                   their-is         "there is/are/was/were" -> "their is ..."
                   then-than        "less than 40" -> "less then 40" (a comparative, then a word)
                   have-of          "could have been" -> "could of been" (could, should, would)
                   led-lead         "has led to/the" -> "has lead to/the"
                   effect-affect    "no effect on" -> "no affect on" (after a determiner or adjective)
                   lose-loose       "to lose their" -> "to loose their"
  agreement        had-has          "the firm has had" -> "the firm had has" (not after a name or pronoun)
                   modal-had        "may have been" -> "may had been"
                   is-does          "he does not", "it has been" -> "he is does not", "it is has been"
                   determiner-plural "a star," -> "a stars," (a regular noun ending a phrase)
                   owner-plural     "his party's" -> "his parties'"

Usage: python3 bench/plant_words.py --corpus ../shared/corpus/news --out OUT --n 300 --seed 1
"""
from __future__ import annotations

import random
import re

from planting import paragraph_starts, position, run

COMPARATIVES = ("more|less|fewer|better|worse|rather|greater|higher|lower|bigger|larger|smaller|longer"
                "|shorter|older|younger|faster|slower|cheaper|easier|harder|quicker|stronger|weaker|wider")
# (family, form, pattern on the clean text, replacement of its group "x")
FORMS = [
    ("confusable-word", "its-own", r"\b(?P<x>its) own\b", lambda m: "it's"),
    ("confusable-word", "its-article", r"\b(?P<x>[Ii]t's) (?:a|an|the|not|been)\b",
     lambda m: m["x"][0] + "ts"),
    ("confusable-word", "there-own", r"\b(?:(?P<x>their) own|(?:of|in|for|with|from) (?P<y>their) "
     r"(?:lives|life|homes|home|families|children|jobs|fans|members))\b", lambda m: "there"),
    ("confusable-word", "their-is", r"\b(?P<x>[Tt]here) (?:is|are|was|were)\b", lambda m: m["x"][0] + "heir"),
    ("confusable-word", "then-than", rf"\b(?:{COMPARATIVES}) (?P<x>than) (?=[a-z0-9£$])"
     r"(?!(?:and|or|but|as|when|too|again|already|it|he|she|they|we|i|you|there)\b)", lambda m: "then"),
    ("confusable-word", "have-of", r"\b(?:could|should|would) (?P<x>have) (?:been|had|done|gone|seen|known|got|"
     r"taken|given|made|thought|heard|won|lost|left|come|become|[a-z]+ed)\b", lambda m: "of"),
    ("confusable-word", "led-lead", r"\b(?:has|have|had) (?P<x>led) (?:to|the|a|an|his|her|their|its)\b",
     lambda m: "lead"),
    ("confusable-word", "effect-affect", r"\b(?:an|no|any|little|positive|negative|significant|major|big|huge|"
     r"adverse|direct|lasting|profound|dramatic|devastating|serious) (?P<x>effect) on\b", lambda m: "affect"),
    ("confusable-word", "lose-loose", r"\b(?:to|will|would|could|can|might|may|not) (?P<x>lose) "
     r"(?:the|their|his|her|its|my|our|your|weight|money|touch|sight|control|faith|interest)\b",
     lambda m: "loose"),
    ("agreement", "had-has", r"(?<![\w'’])(?!(?:I|you|he|she|it|we|they|one|who)\b)(?-i:[a-z]+|,) "
     r"(?P<x>has had)(?= [a-z])", lambda m: "had has"),
    ("agreement", "modal-had", r"\b(?:would|could|should|may) (?P<x>have) (?:been|had|done|seen|made|taken)\b",
     lambda m: "had"),
    ("agreement", "is-does", r"\b(?:he|she|it) (?P<x>(?:does not|has been))\b", lambda m: "is " + m["x"]),
    ("agreement", "determiner-plural", r"\b(?:a|an|another|every|each) (?P<x>(?-i:[a-z]{3,}[bdgklmnprt]))"
     r"(?=[.,;:] )", lambda m: m["x"] + "s"),
    ("agreement", "owner-plural", r"\b(?:his|her) (?P<x>(?:party|wife|husband|career)['’]s)\b",
     lambda m: {"party": "parties", "wife": "wives", "husband": "husbands", "career": "careers"}[
         m["x"][:-2]] + m["x"][-2]),
]
COMPILED = [(fam, form, re.compile(p), fn) for fam, form, p, fn in FORMS]
FAMILIES = ["confusable-word", "agreement"]


def _paragraph(starts: list[int], offset: int) -> int:
    return sum(1 for s in starts if s <= offset) - 1


def candidates(text: str) -> list[tuple[str, str, int, int, str]]:
    """(family, form, start, end, replacement) of every spot where a slip can be planted."""
    out = []
    for fam, form, pattern, fn in COMPILED:
        for m in pattern.finditer(text):
            group = "x" if m.start("x") >= 0 else "y"
            out.append((fam, form, m.start(group), m.end(group), fn(m)))
    return out


def plant(name: str, text: str, rng: random.Random, k: int, counts: dict) -> tuple[str, list[dict]]:
    """The text with up to k slips planted, each in another paragraph, and their gold items."""
    spots = candidates(text)
    if not spots:
        return text, []
    starts = paragraph_starts(text)
    # pick a form first (so that rare forms are planted as often as common ones), then a spot
    by_form: dict[str, list] = {}
    for spot in spots:
        by_form.setdefault(spot[1], []).append(spot)
    chosen, used = [], set()
    for form in rng.sample(sorted(by_form), len(by_form)):
        spot = rng.choice(by_form[form])
        par = _paragraph(starts, spot[2])
        if par in used:
            continue
        chosen.append(spot)
        used.add(par)
        if len(chosen) == k:
            break
    chosen.sort(key=lambda s: s[2])
    new, gold, last, shift = [], [], 0, 0
    for fam, form, start, end, replacement in chosen:
        new.append(text[last:start])
        new.append(replacement)
        last = end
        s = start + shift
        shift += len(replacement) - (end - start)
        gold.append((fam, form, s, s + len(replacement), text[start:end]))
    new.append(text[last:])
    new_text = "".join(new)
    items = []
    for fam, form, s, e, old in gold:
        (line, col), (end_line, end_col) = position(new_text, s), position(new_text, e)
        counts[fam][form] += 1
        items.append({"file": name, "line": line, "column": col, "end_line": end_line, "end_column": end_col,
                      "category": fam, "form": form, "detail": f"was {old!r}", "text": new_text[s:e]})
    return new_text, items


def main() -> None:
    run(__doc__, plant, {fam: {form: 0 for f, form, *_ in FORMS if f == fam} for fam in FAMILIES},
        lambda counts: "; ".join(f"{fam} {sum(c.values())} ({', '.join(f'{f} {n}' for f, n in c.items())})"
                                 for fam, c in counts.items()))


if __name__ == "__main__":
    main()
