"""LN103 confusable-word: a word written for another that sounds like it ("it's own")."""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.rules._data import data_text, measured
from lintnews.ruleset import Rule


@dataclass(frozen=True)
class Slip:
    """One entry of data/confusables.toml: where `find` matches, its word `w` should be `use`."""
    name: str
    find: str
    use: str


@cache
def slips() -> tuple[Slip, ...]:
    table = tomllib.loads(data_text("confusables.toml"))
    return tuple(Slip(e["name"], e["find"], e["use"]) for e in table["slip"])


@cache
def _combined() -> re.Pattern:
    """All the slips as one pattern (one scan of the prose): entry i is group `e<i>`, its
    wrong word group `w<i>` (or `w<i>_2` in a second alternative)."""
    parts = []
    for i, slip in enumerate(slips()):
        find = slip.find.replace("(?P<w2>", f"(?P<w{i}_2>").replace("(?P<w>", f"(?P<w{i}>")
        parts.append(f"(?P<e{i}>{find})")
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(parts) + ")", re.I)


def matches(prose: str) -> Iterator[tuple[Slip, int, int]]:
    """(slip, start, end) of each wrong word in `prose`."""
    entries = slips()
    for m in _combined().finditer(prose):
        i = int(m.lastgroup[1:])
        group = f"w{i}" if m.start(f"w{i}") >= 0 else f"w{i}_2"
        yield entries[i], m.start(group), m.end(group)


class ConfusableWord(Rule):
    """A word written for another that sounds like it, where the words around it make the slip certain: "it's own".

    Flags, from the entries of rules/data/confusables.toml: "it's" for "its" ("it's own",
    "on it's way", "It's success continues"), "its" for "it's" ("Its a stupid phrase",
    "its not rocket science", "its been"), "there" for "their" ("much of there life",
    "there own"), "their" for "there" ("their is"), "then" and "that" for "than" after a
    comparative ("less then four years", "easier that doing"), "of" for "have" after a
    modal ("could of been"), "lead" for "led" ("has lead to"), "affect" for "effect" ("had
    no affect on", "side affects"), "loose" for "lose" ("to loose their jobs"), "your" for
    "you're" ("your not"), "you're" for "your" ("you're own") and "whose" for "who's"
    ("whose been"). Each only in a context that leaves one reading: "the might of the
    United States", "would of course", "better then." (at that time), "it's way better",
    "we have lead in the water", "your welcome pack" stay quiet. "the 1990's" for "the
    1990s" is house style, not a slip, and is left to the house's own rules.

    ## Why it matters
    Spell checkers pass these: each word is spelt right. Readers see them at once, and
    they read as carelessness or ignorance, not as a typo.

    ## Example
    It's success continues a strong trend, though it took less then four years.

    ## Use instead
    Its success continues a strong trend, though it took less than four years.

    ## Fix safety
    The fix writes the right word in the wrong one's place (keeping its capital). It is
    unsafe: the context rules out the other reading, but a sentence can still have been
    meant another way, so an editor should read it.
    """

    code = "LN103"
    name = "confusable-word"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        prose = doc.prose
        for slip, start, end in matches(prose):
            wrong = prose[start:end]
            right = slip.use[0].upper() + slip.use[1:] if wrong[0].isupper() else slip.use
            fix = Fix.replace(start, end, right, safe=False, message=f"write '{right}'") \
                if doc.is_verbatim(start, end) else None
            yield Finding(start, end, f"'{wrong}' for '{right}'", fix)
