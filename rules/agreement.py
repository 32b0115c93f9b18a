"""LN104 agreement: two finite verbs in a row ("had has"), or a singular determiner before a plural ("a stars")."""
from __future__ import annotations

import re
from collections.abc import Container, Iterator
from functools import cache

from lintnews.diagnostics import Finding
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._anchored import ANY_WORD, indexes, last_part, offsets, watch
from lintnews.rules._data import measured, word_list, word_set
from lintnews.ruleset import Rule

_SUBJECT = r"(?:[Ii]|[Yy]ou|[Hh]e|[Ss]he|[Ii]t|[Ww]e|[Tt]hey|[Ww]ho)"
# Two finite verbs in a row, the second in a group `v…`; lower case (not "in May was").
_VERBS = (
    # a modal, then a finite form: "we may had", "it could was" ("will", "can", "must" and
    # "might" are nouns too, "free will is": only after a subject pronoun)
    rf"\b(?:would|could|should|may|shall|{_SUBJECT} (?:will|can|must|might)) (?P<v1>has|had|is|are|was|were|does|did|am)\b",
    # a form of "be", then one of "have" or "do" and what follows it ("that is has been",
    # "he is does not"; not "the issue is have we", "what we want to do is have")
    r"\b(?:is|are|was|were) (?P<v2>has|have|does|did)(?= (?:been|not)\b)",
    # "is" or "was", then a plural form: "all this is are"
    r"\b(?:is|was) (?P<v3>are|were)\b",
    # a form of "have", then "has" or "have" ("AOL, had has"), the word before kept in `p`
    r"(?P<p>(?<![\w'’])[\w'’]+|[,;]) (?:has|have|had) (?P<v4>has|have)\b",
)
# ... unless the first ends a clause of its own, after its subject: "the level of
# responsibility they have has been tested", "what Chelsea have has worked", "all the club
# had has gone"
_CLAUSE_SUBJECTS = frozenset({"I", "you", "he", "she", "it", "we", "they", "one", "who"})
_CLAUSE_OPENING = lazy(re.compile, r"\b(?:[Ww]hat|[Ww]hatever|[Aa]ll|[Ee]verything|[Aa]nything|way|that|which)"
                       r"(?:\s+[\w'’-]+){0,3}\s+$")
# A singular determiner, then a plural noun that ends a phrase: "a stars,", "in a ways,".
_DETERMINER_PLURAL = (r"(?:(?<=[.!?] )(?:A|An|Another|Every|Each)|\b(?:a|an|another|every|each))"
                      r" (?P<n>[a-z]+[^\Wsuia'’]s)(?=[.,;:!?)]| of\b| (?:is|was|has)\b)")
# "his parties’ chances": the plural of what one has one of, as a possessive.
_OWNED_ONCE = r"\b(?:[Hh]is|[Hh]er|[Ii]ts) (?P<o>{})['’](?!\w)"
_SINGULAR_IN_S = word_set("singular_in_s")
# endings of singular words in -s: "a crisis", "a virus", "a business", "a politics lecture"
_SINGULAR_ENDING = lazy(re.compile, r"(?:ss|us|is|as|ics|ness)$")


@cache
def _owned_once() -> dict[str, str]:
    """data/owned_once.txt: plural -> singular."""
    return dict(line.split() for line in word_list("owned_once"))


class _Plural:
    """The next words that _DETERMINER_PLURAL may take for a plural and check() keeps: in
    -s after a letter but s, u, i or a, not in -ics nor a singular in -s (any word not in
    ASCII: the pattern decides)."""

    def __contains__(self, word: str) -> bool:
        return word.endswith("s") and (not word.isascii() or len(word) >= 3 and word[:-2].isalpha()
                                       and word[-2] not in "suia'’" and not word.endswith("ics")
                                       and word not in _SINGULAR_IN_S)


_OWNERS = frozenset({"his", "her", "its"})              # (the words before an _OWNED_ONCE plural)
_FINITE = frozenset({"has", "had", "is", "are", "was", "were", "does", "did", "am"})
# The words a match begins with (or, for "his parties’", the rarer word it holds), what
# may follow each there, and the kinds of match to look for around it.
_PLACES = (
    (("would", "could", "should", "may", "shall", "will", "can", "must", "might"), _FINITE, (_VERBS[0],)),
    (("is", "was"), frozenset({"has", "have", "does", "did", "are", "were"}), (_VERBS[1], _VERBS[2])),
    (("are", "were"), frozenset({"has", "have", "does", "did"}), (_VERBS[1],)),
    (("has", "have", "had"), frozenset({"has", "have"}), (_VERBS[3],)),
    (("a", "an", "another", "every", "each"), _Plural(), (_DETERMINER_PLURAL,)),
)
# how far (in characters) before and after the word looked around a match may reach
_BEFORE, _AFTER = 30, 40


@cache
def _screen() -> dict[str, Container[str]]:
    """The words looked around, and what may follow each there (see
    _anchored.select): those of _PLACES, and the plurals of data/owned_once.txt (rarer
    than "his", "her" and "its" before them)."""
    screen = {word: after for words, after, _ in _PLACES for word in words}
    return watch({**screen, **dict.fromkeys(_owned_once(), ANY_WORD)})


@cache
def _patterns() -> dict[str, re.Pattern]:
    """For each word of _screen, its kinds of match in one pattern."""
    owned = _OWNED_ONCE.format("|".join(sorted(_owned_once())))
    kinds = {**{word: alternatives for words, _, alternatives in _PLACES for word in words},
             **dict.fromkeys(_owned_once(), (owned,))}
    compiled = {alternatives: re.compile("|".join(alternatives)) for alternatives in set(kinds.values())}
    return {word: compiled[alternatives] for word, alternatives in kinds.items()}


def _matches(doc: Document) -> list[re.Match]:
    """The matches of each word's kinds, tried only around the words of _screen that the next
    word fits (and for a plural of data/owned_once.txt, that "his", "her" or "its" comes before)."""
    at = indexes(doc, _screen())
    if not at:
        return []
    prose, folded, patterns, owned = doc.prose, doc.tokens.folded, _patterns(), _owned_once()
    at = [i for i in at if folded[i] not in owned or i and last_part(folded[i - 1]) in _OWNERS]
    out, reached = [], -1
    for i, offset in zip(at, offsets(doc, at)):
        for m in patterns[folded[i]].finditer(prose, max(0, offset - _BEFORE, reached), offset + _AFTER):
            out.append(m)
            reached = m.end()
    return out


class Agreement(Rule):
    """Words that do not agree: two finite verbs in a row ("had has"), or a singular determiner before a plural ("a stars").

    Flags two finite verbs written one after the other, a slip of a sentence edited in
    place: a modal before a finite form ("we may had", "it would was"), a form of "be"
    before one of "have" or "do" ("that is has been", "he is does not") or before a plural
    form ("all this is are"), and a form of "have" before "has" or "have" ("AOL, had has
    mixed fortunes", "the team have has"). Also flags "a", "an", "another", "every" or
    "each" before a plural noun that ends its phrase ("consider them to be a stars,", "in a
    ways, they"), and "his", "her" or "its" before the plural possessive of what one has one
    of ("his parties’ chances" for "his party’s"). Quiet: "has had", "could have", clauses
    that end in a verb before their own verb ("what they have has been tested", "what we
    have is", "the way Chelsea have is", "the money that Chelsea have has gone"), "free will
    is", "in May was", singular words in -s ("a series of", "a news conference", "a crisis",
    "every species", "a politics degree"), plurals used as a modifier ("a drugs charge", "a
    sports car") and "his players’ performance".

    ## Why it matters
    Both are the marks of a sentence rewritten in a hurry, half of the old wording left
    in; a reader has to stop and guess which version was meant.

    ## Example
    Its internet business had has mixed fortunes, and it was a stars of the show.

    ## Use instead
    Its internet business has had mixed fortunes, and it was a star of the show.
    """

    code = "LN104"
    name = "agreement"
    severity, precision = measured(code)

    def check(self, doc: Document) -> Iterator[Finding]:
        prose = doc.prose
        for m in _matches(doc):
            group = m.lastgroup
            start, end = m.span(group)
            word = m.group(group)
            if group == "n":
                if word not in _SINGULAR_IN_S and not _SINGULAR_ENDING.search(word):
                    yield Finding(start, end, f"'{word}' is plural after a singular determiner: use the singular, or a plural determiner")
            elif group == "o":
                mark = prose[end]
                yield Finding(start, end + 1, f"'{word}{mark}' for '{_owned_once()[word]}{mark}s': "
                              f"'{m.group().split()[0]}' has one; write '{_owned_once()[word]}{mark}s'")
            elif group != "v4" or not (m["p"] in _CLAUSE_SUBJECTS
                                       or _CLAUSE_OPENING.search(prose, max(0, m.start("p") - 50), m.start("p"))):
                first = prose.rindex(" ", 0, start - 1) + 1
                yield Finding(first, end, f"two finite verbs in a row: '{prose[first:end]}': delete one")
