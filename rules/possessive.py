"""LN201 mangled-possessive: a possessive that went wrong on its way into print."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import compress

import regex

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.ruleset import Rule
from lintnews.rules._data import word_set
from lintnews.rules._hints import after_space, contains_any
from lintnews.text import find_all

APOSTROPHES = "'’"
# Characters typed or converted in place of an apostrophe: backtick, acute accent, prime,
# reversed prime, left single quotation mark.
WRONG_APOSTROPHES = "`´′‵‘"
# "’" written as UTF-8 and read back as Windows-1252 (once, or twice over).
MOJIBAKE_APOSTROPHES = ("Ã¢â‚¬â„¢", "â€™", "â€˜")

_DETACHED = lazy(regex.compile, r"(?<=\w)(\s+)([" + APOSTROPHES + WRONG_APOSTROPHES + r"])s(?![\w'’])")
_DOUBLED = lazy(regex.compile, r"(?<=\w)([" + APOSTROPHES + r"])s([" + APOSTROPHES + r"])s(?![\w'’])")
_WRONG_CHAR = lazy(regex.compile, r"(?<=\p{L})([" + WRONG_APOSTROPHES + r"])s(?![\w'’])")
_MOJIBAKE = lazy(regex.compile, r"(?<=\p{L})(" + "|".join(map(regex.escape, MOJIBAKE_APOSTROPHES)) + r")s(?![\w'’])")
# "Al-Kadhimis’s": a capitalised name ending in s, then 's
_EXTRA_S = lazy(regex.compile, r"(?<![\w'’-])(\p{Lu}[\p{L}'’-]*?\p{L})s([" + APOSTROPHES + r"])s(?![\w'’])")
# What the matches of each pattern contain, for a cheap test before its pass (see _hints)
_DOUBLED_S = tuple(f"{a}s{b}s" for a in APOSTROPHES for b in APOSTROPHES)   # _DOUBLED
_S_APOSTROPHE_S = tuple(f"s{a}s" for a in APOSTROPHES)                 # _EXTRA_S
_APOSTROPHE_S = tuple(f"{a}s" for a in APOSTROPHES + WRONG_APOSTROPHES)  # _DETACHED, after a space
_WRONG_S = tuple(f"{a}s" for a in WRONG_APOSTROPHES)
_MOJIBAKE_S = tuple(f"{m}s" for m in MOJIBAKE_APOSTROPHES)
_FUNCTION_WORDS = word_set("function_words")
_IRREGULAR_PLURALS = word_set("irregular_plurals")


class MangledPossessive(Rule):
    """A possessive that is spelt wrong: "Al-Kadhimis’s" for "Al-Kadhimi’s", "Biden 's", "Biden's's".

    Flags a possessive formed on a misspelling of a name the article uses elsewhere (an
    extra "s" before the apostrophe: "Al-Kadhimis’s visit" where the article says
    "Al-Kadhimi"; or a lost one: "Mr Ebber's lawyers" where it says "Mr Ebbers"; or a
    lost apostrophe: "the St Annes Regatta" where it says "St Anne's", "Womens" beside
    "Women's"; of two forms the one the article uses less is reported, a bare s before a
    capitalised word on a tie, and the possessive of a plural like "Women" never), a
    doubled possessive ("Biden's's"), an apostrophe detached from its word ("Biden 's"), a
    wrong character in place of the apostrophe (backtick, acute accent, prime: "Biden`s")
    and an apostrophe garbled by a wrong decoding ("Bidenâ€™s"). Names that really end in
    s ("Jones’s", "Paris’s", "Texas’") stay quiet, and so does "Mr Smith's" beside "the
    Smiths'".

    ## Why it matters
    A possessive on a misspelt name misnames a person in print; a detached or garbled
    apostrophe is a conversion or typing slip that readers see as carelessness.

    ## Example
    Al-Kadhimis’s visit was seen as an attempt to boost his party's chances.

    ## Use instead
    Al-Kadhimi’s visit was seen as an attempt to boost his party's chances.

    ## Fix safety
    Joining a detached apostrophe, dropping a doubled "'s", and replacing a wrong or garbled
    apostrophe character are safe. Respelling the name is unsafe: two people may really be
    called "William" and "Williams". No fix is offered where the two forms are used as often
    ("US Airway's" and "US Airways" once each), nor for a bare s before a lower-case word
    ("Mr Jaggers said" may be a misspelt name, not a lost apostrophe).
    """

    code = "LN201"
    name = "mangled-possessive"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        apostrophe = _house_apostrophe(text)
        s_apostrophe_s = contains_any(text, _S_APOSTROPHE_S)     # in every _DOUBLED_S (and _EXTRA_S match)
        for m in _DOUBLED.finditer(text) if s_apostrophe_s and contains_any(text, _DOUBLED_S) else ():
            yield Finding(m.start(), m.end(), f"doubled possessive '{_word_before(text, m.start())}{m.group()}': delete the second 's",
                          Fix.replace(m.start(2), m.end(), "", message="remove the second 's"))
        for m in _DETACHED.finditer(text) if after_space(text, _APOSTROPHE_S) else ():
            if m.group(1).count("\n") or m.group(1).count("\r"):
                continue
            word = _word_before(text, m.start())
            yield Finding(m.start(), m.end(), f"apostrophe detached from '{word}': close up the space",
                          Fix.replace(m.start(1), m.end(1), "", message="join the apostrophe to the word"))
        for m in _WRONG_CHAR.finditer(text) if contains_any(text, _WRONG_S) else ():
            yield Finding(m.start(1), m.end(1), f"'{m.group(1)}' used as an apostrophe in "
                          f"'{_word_before(text, m.start())}{m.group()}': use {apostrophe}",
                          Fix.replace(m.start(1), m.end(1), apostrophe, message=f"use {apostrophe}"))
        for m in _MOJIBAKE.finditer(text) if contains_any(text, _MOJIBAKE_S) else ():
            yield Finding(m.start(1), m.end(1), f"garbled apostrophe '{m.group(1)}' in "
                          f"'{_word_before(text, m.start())}{m.group()}': use ’",
                          Fix.replace(m.start(1), m.end(1), "’", message="use ’"))
        if s_apostrophe_s:
            yield from self._extra_s(doc)
        yield from _lost_s(doc)

    def _extra_s(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        candidates = list(_EXTRA_S.finditer(text))
        if not candidates:
            return
        counts = Counter(doc.tokens.texts)

        def bare(word: str) -> int:         # how many tokens are the word, possessive or not
            alone = counts[word] if _strip_possessive(word) == word else 0
            return alone + counts[word + "'s"] + counts[word + "’s"]
        for m in candidates:
            stem, apostrophe = m.group(1), m.group(2)
            as_written = stem + "s"
            # the stem must be in use on its own, and the name as written nowhere else
            if bare(stem) == 0 or bare(as_written) > 1 or len(stem) < 3:
                continue
            if counts[stem] + counts[stem + "'s"] + counts[stem + "’s"] == 0:
                continue
            yield Finding(m.start(), m.end(), (
                f"'{m.group()}' looks like a misspelt possessive of '{stem}' "
                f"(the article writes '{stem}' elsewhere): write {stem}{apostrophe}s"),
                Fix.replace(m.start(), m.end(), f"{stem}{apostrophe}s", safe=False,
                            message=f"write {stem}{apostrophe}s"))


def _lost_s(doc: Document) -> Iterator[Finding]:
    """"Mr Ebber's" where the article writes "Mr Ebbers", "US Airway's" beside "US Airways":
    a possessive on a name that lost its final s, or, the other way round, a possessive that
    lost its apostrophe ("St Annes Regatta" beside "St Anne's", "Womens" beside "Women's").
    The stem must never stand alone, and the word before it (a title, a first name) must
    stand before the other form too; which form is the slip is decided by _slip_of."""
    text, tokens = doc.prose, doc.tokens
    distinct = tokens.distinct
    lost = {word for word in _possessive_words(text) if word[:1].isupper() and len(word) > 4
            and word[:-2] + "s" in distinct and word[:-2] not in distinct}
    if not lost:
        return
    texts = tokens.texts
    before = _word_before_token(tokens, text)
    # where each name stands (as itself or a possessive): found for all of them in one pass
    names = {word[:-2] + "s" for word in lost}
    forms = {form: name for name in names for form in (name, name + "'s", name + "’s")
             if _strip_possessive(form) == name}
    places: dict[str, list[int]] = {name: [] for name in names}
    for j in compress(range(len(texts)), map(forms.__contains__, texts)):
        places[forms[texts[j]]].append(j)
    possessives: dict[str, list[int]] = {name: [] for name in names}   # name -> its "X's" tokens
    for i in compress(range(len(texts)), map(lost.__contains__, texts)):
        possessives[texts[i][:-2] + "s"].append(i)
    found = []
    for name, at in possessives.items():
        if not at:
            continue                        # found by str.find, but not a word token
        stem, bare = name[:-1], places[name]
        if stem.casefold() in _IRREGULAR_PLURALS:
            slip = "bare"                   # "Women's" is right, "Womens" never
        else:
            shared = {before(i) for i in at} & {before(j) for j in bare} - {None}
            if not shared:
                continue                    # "Mr Smith's" beside "the Smiths'" is right
            at = [i for i in at if before(i) in shared]
            bare = [j for j in bare if before(j) in shared]
            slip = _slip_of(doc, len(at), len(places[name]), bare)
        apostrophe = texts[at[0]][-2]
        if slip == "bare":
            irregular = stem.casefold() in _IRREGULAR_PLURALS
            for j in bare:
                if texts[j] == name:
                    fixable = irregular or _before_capital(doc, j)
                    found.append(_bare_finding(tokens, j, name, stem + apostrophe + "s", fixable))
            continue
        for i in at:
            start = tokens.offsets((i,))[0]
            end = start + len(texts[i])
            fix = Fix.replace(start, end, name + texts[i][-2], safe=False, message=f"write {name}{texts[i][-2]}") \
                if slip == "possessive" else None
            found.append(Finding(start, end, f"'{texts[i]}' looks like a misspelt possessive of '{name}' "
                                             f"(the article writes '{name}' elsewhere): write {name}{texts[i][-2]}", fix))
    yield from sorted(found, key=lambda f: f.start)


def _slip_of(doc: Document, possessives: int, names: int, bare: list[int]) -> str:
    """Which of "X's" and "Xs" (used `possessives` and `names` times) is the slip: the form
    the article uses less; on a tie, "Xs" if each of its uses here (`bare`) stands before a
    capitalised word, as a possessive does in a name ("St Annes Regatta"), and else neither
    can be told ("tie": the possessive is reported, with no fix)."""
    if names != possessives:
        return "possessive" if names > possessives else "bare"
    return "bare" if all(_before_capital(doc, j) for j in bare) else "tie"


def _before_capital(doc: Document, j: int) -> bool:
    """Whether token j stands before a capitalised word, one space between ("Annes Regatta")."""
    tokens = doc.tokens
    texts = tokens.texts
    if j + 1 >= len(texts) or not texts[j + 1][:1].isupper():
        return False
    a, b = tokens.offsets((j, j + 1))
    return doc.prose[a + len(texts[j]):b] == " "


def _bare_finding(tokens, j: int, name: str, possessive: str, fixable: bool) -> Finding:
    """"Annes" where the article writes "Anne's": the fix restores the apostrophe only where
    the word reads as a possessive (before a name's next word, or a plural like "Womens");
    "Mr Jaggers said" beside "Mr Jagger's" may be a misspelt name instead."""
    start = tokens.offsets((j,))[0]
    end = start + len(name)
    fix = Fix.replace(start, end, possessive, safe=False, message=f"write {possessive}") if fixable else None
    return Finding(start, end, f"'{name}' looks like a possessive that lost its apostrophe "
                               f"(the article writes '{possessive}' elsewhere): write {possessive}", fix)


def _possessive_words(text: str) -> Iterator[str]:
    """The words ending in 's or ’s (as word tokens: "O'Neill's"), found from the spots
    str.find lists: a few a text, where a pass over all its tokens costs many times more."""
    for at in find_all(text, ("'s", "’s")):
        end = at + 2
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            continue                        # an 's inside a word, not at its end
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-'’"):
            start -= 1
        yield text[start:end].lstrip("-'’")


def _word_before_token(tokens, text: str):
    """A function giving the capitalised token just before token i (one space between), or None."""
    texts = tokens.texts

    def before(i: int) -> str | None:
        word = texts[i - 1] if i else ""
        if not word[:1].isupper() or (word.casefold() in _FUNCTION_WORDS and not (len(word) > 1 and word.isupper())):
            return None                     # not "The King's" beside "The Kings" (but "US Airway's")
        a, b = tokens.offsets((i - 1, i))
        return word if text[a + len(word):b] == " " else None
    return before


def _strip_possessive(word: str) -> str:
    return word[:-2] if word[-2:] in ("'s", "’s") else word


_WORD_AT_END = lazy(regex.compile, r"[\w'’-]+\s*$")


def _word_before(text: str, end: int) -> str:
    m = _WORD_AT_END.search(text[max(0, end - 60):end])
    return m.group().rstrip() if m else ""


def _house_apostrophe(text: str) -> str:
    """The apostrophe the article itself uses most: ' or ’."""
    return "’" if text.count("’") > text.count("'") else "'"
