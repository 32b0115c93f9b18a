"""LN103 confusable-word: a word written for another that sounds like it ("it's own")."""
from __future__ import annotations

import re
import tomllib
from collections.abc import Container, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.rules._anchored import ANY_WORD, AllBut, first_part, indexes, last_part, offsets, union, watch
from lintnews.rules._data import data_text, measured
from lintnews.ruleset import Rule


@dataclass(frozen=True)
class Slip:
    """One entry of data/confusables.toml: where `pattern` (its `find`) matches, its group
    `w` (or `w2`) is a slip for `use`; every match holds one of `anchors`, followed by one
    of `next` if that is given, and by none of `not_next`; where they are given, one of
    `before` comes just before the anchor, and one of `then` after the next word."""
    name: str
    find: str
    use: str
    anchors: tuple[str, ...]
    next: frozenset[str] | None
    not_next: frozenset[str]
    before: frozenset[str] | None = None
    then: frozenset[str] | None = None

    @cached_property
    def pattern(self) -> re.Pattern:
        """`find` compiled, on first use (an article meets few of the slips)."""
        return re.compile(r"(?<![\w'’-])(?:" + self.find + ")", re.I)

    def fits(self, after: str) -> bool:
        """Whether `after` (case-folded) may follow this slip's anchor (a quick first look)."""
        return (self.next is None or after in self.next) and after not in self.not_next

    def fits_around(self, folded: list[str], i: int) -> bool:
        """Whether the words before the anchor at token i and after its next word may be
        this slip's (a second look, on the tokens, before the pattern is tried)."""
        return (self.before is None or i > 0 and last_part(folded[i - 1]) in self.before) \
            and (self.then is None or i + 2 < len(folded) and first_part(folded[i + 2]) in self.then)

    def followers(self) -> Container[str]:
        """The words that may follow the anchor (see _anchored.watch)."""
        return self.next if self.next is not None else AllBut(self.not_next) if self.not_next else ANY_WORD


# how far (in characters) before and after its anchor a slip's context may reach; a match
# never starts inside a word, as the pattern looks behind the window's start
_BEFORE, _AFTER = 40, 60


@cache
def slips() -> tuple[Slip, ...]:
    table = tomllib.loads(data_text("confusables.toml"))
    return tuple(Slip(e["name"], e["find"], e["use"],
                      tuple(e["anchors"]), frozenset(e["next"]) if "next" in e else None,
                      frozenset(e.get("not_next", ())),
                      frozenset(e["before"]) if "before" in e else None, frozenset(e["then"]) if "then" in e else None)
                 for e in table["slip"])


@cache
def _by_anchor() -> dict[str, tuple[Slip, ...]]:
    out: dict[str, list[Slip]] = {}
    for slip in slips():
        for word in slip.anchors:
            out.setdefault(word, []).append(slip)
    return {word: tuple(entries) for word, entries in out.items()}


@cache
def _screen() -> dict[str, Container[str]]:
    """Each anchor and the words that may follow it in one of its slips: where to look
    (see _anchored.select)."""
    screen: dict[str, Container[str]] = {}
    for word, entries in _by_anchor().items():
        for slip in entries:
            screen[word] = union(screen[word], slip.followers()) if word in screen else slip.followers()
    return watch(screen)


def matches(doc: Document) -> list[tuple[Slip, int, int]]:
    """(slip, start, end) of each wrong word in the document, in order: each slip's
    pattern is tried only in a window around its anchors (where the words around fit)."""
    at = indexes(doc, _screen())
    if not at:
        return []
    by_anchor, prose, folded = _by_anchor(), doc.prose, doc.tokens.folded
    end = len(folded) - 1
    tried: list[tuple[int, list[Slip]]] = []
    for i in at:
        after = folded[i + 1] if i < end else ""
        fitting = [slip for slip in by_anchor[folded[i]] if slip.fits(after) and slip.fits_around(folded, i)]
        if fitting:
            tried.append((i, fitting))
    found: dict[tuple[int, int], Slip] = {}
    for (i, fitting), offset in zip(tried, offsets(doc, [i for i, _ in tried])):
        for slip in fitting:
            for m in slip.pattern.finditer(prose, max(0, offset - _BEFORE), offset + _AFTER):
                group = "w" if m.start("w") >= 0 else "w2"
                found.setdefault(m.span(group), slip)
    return [(slip, start, end) for (start, end), slip in sorted(found.items())]


class ConfusableWord(Rule):
    """A word written for another that sounds like it, where the words around it make the slip certain: "it's own".

    Flags, from the entries of rules/data/confusables.toml: "it's" for "its" ("it's own",
    "on it's way", "It's success continues", "to reach it's first", "to it's credit"), "its"
    for "it's" ("Its a stupid phrase", "its not rocket science", "its been"), "there" for
    "their" ("much of there life", "there own"), "their" for "there" ("their is"), "then"
    and "that" for "than" after a comparative ("less then four years", "easier that doing"),
    "of" for "have" after a modal ("could of been"), "lead" for "led" ("has lead to"),
    "affect" for "effect" ("had no affect on", "side affects"), "loose" for "lose" ("to
    loose their jobs"), "your" for "you're" ("your not"), "you're" for "your" ("you're
    own"), "whose" for "who's" ("whose been"), "who's" for "whose" ("who's wife") and "than"
    for "then" ("ever since than"). Each only in a context that leaves one reading: "the
    might of the United States", "would of course", "better then." (at that time), "it's way
    better", "we have lead in the water", "your welcome pack", "stuff to get rid of it's a
    good place" stay quiet. "the 1990's" for "the 1990s" is house style, not a slip, and is
    left to the house's own rules.

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
        for slip, start, end in matches(doc):
            wrong = prose[start:end]
            right = slip.use[0].upper() + slip.use[1:] if wrong[0].isupper() else slip.use
            fix = Fix.replace(start, end, right, safe=False, message=f"write '{right}'") \
                if doc.is_verbatim(start, end) else None
            yield Finding(start, end, f"'{wrong}' for '{right}': write '{right}'", fix)
