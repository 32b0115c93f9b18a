"""Shared by the quote rules: finding speech cues ("said", "according to") in narration."""
from __future__ import annotations

import re
from functools import cache

import regex

from lintnews.document import Document
from lintnews.patterns import alternation, lazy
from lintnews.rules._data import word_list, word_set


_QUOTED_RUN = lazy(re.compile, rb"\x01+")


@cache
def cue_pattern(extra: tuple[str, ...] = (), lists: tuple[str, ...] = ("attribution_verbs", "speech_verbs")) -> regex.Pattern:
    """A pattern matching any entry of the word lists (or `extra`) as a whole word or phrase."""
    entries = {e for name in lists for e in word_list(name)} | set(extra)    # (all in lower case)
    return regex.compile(r"(?<![\w'’-])" + alternation(entries, escape=regex.escape) + r"(?![\w'’-])", regex.I)


def narration(doc: Document, start: int, end: int) -> str:
    """doc.prose[start:end] with every quotation blanked out (same length)."""
    mask = doc.quoted_mask
    if mask.find(1, start, end) < 0:
        return doc.prose[start:end]
    pieces, pos = [], start
    for run in _QUOTED_RUN.finditer(mask, start, end):
        pieces.append(doc.prose[pos:run.start()])
        pieces.append(" " * (run.end() - run.start()))
        pos = run.end()
    pieces.append(doc.prose[pos:end])
    return "".join(pieces)


def has_cue(doc: Document, start: int, end: int, pattern: regex.Pattern) -> bool:
    """Whether the narration (quotes left out) of doc.prose[start:end] attributes speech."""
    if start >= end:
        return False
    return pattern.search(narration(doc, start, end)) is not None


# ---------------------------------------------------------------- who a sentence is about

_SUBJECT_WORDS = 10             # a sentence's subject is named within its first words
_SUBJECT_CHARS = 400            # (and so within its first characters: a sentence may be huge)
_WORD = lazy(regex.compile, r"[\w'’-]+[,:;]?")
_NAME = lazy(regex.compile, r"\p{Lu}[\w'’-]*\w")
_POSSESSIVE = lazy(regex.compile, r"['’]s?$")
_PRONOUN_OPENS = lazy(regex.compile, r"\W*(?:(?:But|And|So|Yet|Then|Now)\s+)?(?:He|She)\b")
# a sentence that opens on one of these has its subject after the first comma
_SUBORDINATE = frozenset({"while", "whilst", "although", "though", "if", "when", "as", "after", "before", "since",
                          "because", "despite", "with", "without", "under", "in", "on", "at", "for", "by", "from",
                          "unlike", "like", "once", "until", "during", "following", "however", "meanwhile"})
# words that may stand before a subject without being one ("all O'Connor is concerned about")
_BEFORE_SUBJECT = frozenset({"all", "both", "only", "even", "also", "now", "then", "still", "one", "some", "many",
                             "most", "several", "other", "others", "two", "three", "four", "five"})


def subject_people(doc: Document, start: int, end: int) -> frozenset[str]:
    """Who the sentence doc.prose[start:end] is about: the words (in lower case) of the
    names ("Mr Tansley", "Saxon Spence"), role nouns ("Some researchers", "the coach") and
    the pronoun ("he", "she") that open it, up to its first other word in lower case (its
    verb, usually). Names after "the" ("The IMF") and in the possessive ("India's
    government") are not people; an opening clause ("While ..., ") is skipped."""
    words = _WORD.findall(narration(doc, start, min(end, start + _SUBJECT_CHARS)))[:_SUBJECT_WORDS]
    if words and words[0].rstrip(",:;").lower() in _SUBORDINATE:
        comma = next((i for i, w in enumerate(words) if w.endswith(",")), None)
        words = words[comma + 1:] if comma is not None else []
    elif words and words[0].endswith(","):
        words = words[1:]               # "Nonetheless, ..."
    roles, function = word_set("role_nouns"), word_set("function_words")
    out, after_the = set(), False
    for i, w in enumerate(words):
        bare = w.rstrip(",:;")
        low = bare.lower()
        if low in _BEFORE_SUBJECT:
            continue
        if low in ("he", "she"):
            out.add(low)
        elif (low.rstrip("s") in roles or low in roles) and (bare.islower() or not out):
            out.add(low.rstrip("s"))        # (a capital role is part of a name: "Chief Police Officers")
        elif _NAME.fullmatch(bare) and low not in function:
            if not after_the and not _POSSESSIVE.search(bare) and len(bare) > 2 and not _common_word(doc, low):
                out.add(low)
            continue
        elif low not in function and not (i + 1 < len(words) and _NAME.fullmatch(words[i + 1].rstrip(",:;"))):
            break                       # the verb (or a noun that is no one: "The pilot"), not a
                                        # word that describes a name ("Scotland forward Simon Taylor")
        after_the = after_the or low == "the"
    return frozenset(out)


def _common_word(doc: Document, word: str) -> bool:
    """Whether word (in lower case) is a token of the document: a capital then only opens
    a sentence ("Ministerial responsibility ..."), and the word names no one."""
    return word in doc.tokens.distinct


def refers_to(doc: Document, start: int, end: int, people: frozenset[str], pronoun: bool) -> bool:
    """Whether the sentence doc.prose[start:end] names one of `people` again: by name, or by
    role as its subject ("Post-doctoral researchers, who ... were left"), or (when
    `pronoun`) opens with "He" or "She", whom a reader takes for the person last named."""
    text = narration(doc, start, end)
    if pronoun and _PRONOUN_OPENS.match(text):
        return True
    if any(_POSSESSIVE.sub("", w).lower() in people for w in _NAME.findall(text)):
        return True
    return bool(people & subject_people(doc, start, end) - {"he", "she"})


def names_any(text: str, people: frozenset[str]) -> bool:
    """Whether text (a quotation) names one of `people` (not by a pronoun): then it speaks
    about them, and they are not its speaker."""
    return any(_POSSESSIVE.sub("", w).lower() in people for w in _NAME.findall(text))


_CAPITALISED = r"\p{Lu}[\w'’-]+"
_NAME_AFTER = lazy(regex.compile, rf"\s+((?:{_CAPITALISED}\s+){{0,3}}{_CAPITALISED})")
_NAME_BEFORE = lazy(regex.compile, rf"((?:{_CAPITALISED}\s+){{0,3}}{_CAPITALISED})\s+$")
_NAME_REACH = 80                # how far before its verb a speaker's name is looked for


def named_speakers(doc: Document) -> frozenset[str]:
    """The words (in lower case) of the names that some attribution of the document gives
    as a speaker ("said Mr Ash", "Mr Frasca told the BBC"): the article's speakers."""
    out, prose = set(), doc.prose
    for m in cue_pattern(lists=("attribution_verbs",)).finditer(prose):
        for name in (_NAME_AFTER.match(prose, m.end()),
                     _NAME_BEFORE.search(prose, max(0, m.start() - _NAME_REACH), m.start())):
            if name:
                out.update(w.lower() for w in _NAME.findall(name.group(1)))
    return frozenset(out)
