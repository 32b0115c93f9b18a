"""LN207 unclosed-appositive: "Thomas Campbell, a Pentagon spokesman said" (a comma missing)."""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import re

import regex

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import alternation
from lintnews.rules._data import measured
from lintnews.ruleset import Rule
from lintnews.rules._data import word_list

_VERBS = r"said|says|told|tells|added|adds|explained|insisted|warned|argued|claimed|admitted|wrote|writes|asked"
_DESCRIPTOR = r'[^,;:.!?\"“”()]'
# words that start a sentence or clause but are not names: "However, the company said"
_NOT_NAMES = frozenset("""However Separately Meanwhile Overall Elsewhere Instead Also Still Now Then Later Earlier
Yesterday Today Tomorrow Last Next This That In On At By For From Since After Before But And So Yet Indeed Finally
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Previously Similarly Likewise Nevertheless Furthermore Moreover""".split())


@cache
def _pattern() -> regex.Pattern:
    roles = alternation(word_list("role_nouns"), escape=regex.escape)
    return regex.compile(
        # a name of two or more capitalised words (titles with full stops allowed), standing alone
        r"(?:^|(?<=[,;:]\s|[\"”]\s|[.!?]\s))"
        r"(?P<name>(?:\p{Lu}[\p{L}'’-]*\.?\s+){1,5}\p{Lu}[\p{L}'’-]+)"
        # ", a Pentagon spokesman" -- a descriptor with a role noun, no comma inside
        r",\s+(?P<desc>(?:a|an|the)\s+" + _DESCRIPTOR + r"{0,60}?\b" + roles + r"\b" + _DESCRIPTOR + r"{0,40}?)"
        # ... and straight on to the verb, with no closing comma
        r"\s+(?P<verb>" + _VERBS + r")\b", regex.M)


@cache
def _hint() -> re.Pattern | None:
    """What every match of _pattern() holds, for a cheap test first: ", a ... said" with no
    punctuation between (stdlib white space takes in regex's); None if a role noun holds
    such punctuation."""
    if any(ch in ',;:.!?"“”()' for role in word_list("role_nouns") for ch in role):
        return None
    return re.compile(r",\s+(?:a|an|the)\s+" + _DESCRIPTOR + r"*?\s(?:" + _VERBS + ")")


class UnclosedAppositive(Rule):
    """An appositive opened with a comma and never closed: "Thomas Campbell, a Pentagon spokesman said".

    Flags a person's name followed by a comma and a description of their role ("a
    Pentagon spokesman", "an analyst at Nomura") that runs straight into the verb with no
    closing comma. A clause that ends in a name before an attribution ("... sold to
    Unilever, a spokesman said") stays quiet, as do a lead-in word ("However, the
    company said") and a descriptor that is itself the subject ("JP Morgan, the bank has
    said").

    ## Why it matters
    Without its closing comma the appositive swallows the verb: the sentence reads as
    if the description, not the person, did the speaking, and careful readers stumble.

    ## Example
    Army Lt. Col. Thomas Campbell, a Pentagon spokesman said in a statement.

    ## Use instead
    Army Lt. Col. Thomas Campbell, a Pentagon spokesman, said in a statement.

    ## Fix safety
    Inserting the comma is unsafe: now and then the comma before the description is the
    stray one.
    """

    code = "LN207"
    name = "unclosed-appositive"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        if ", " not in text or _hint() and not _hint().search(text):
            return
        for m in _pattern().finditer(text):
            name = m.group("name")
            first = name.split()[0].rstrip(".")
            if first in _NOT_NAMES:
                continue
            end = m.end("desc")
            yield Finding(m.start("desc"), end,
                          f"the description of {name} opened with a comma is not closed: add a comma before "
                          f"'{m.group('verb')}'",
                          Fix.replace(end, end, ",", safe=False, message="close it with a comma"))
