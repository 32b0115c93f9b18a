"""LN208-LN209: spaces where quotation marks and full stops meet words — one too many
inside a quotation, one missing after a stop."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import chain

import re

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured, word_set
from lintnews.ruleset import Rule
from lintnews.text import MAYBE_FINAL, NEVER_FINAL, SENTENCE_OPENERS

_SPACE = " \t\u00a0"                   # spaces inside a line (not a line break)
_DOUBLE_QUOTES = ('"', "“", "”")


class SpaceInsideQuotes(Rule):
    """A space just inside a quotation mark: after an opening mark or before a closing one.

    Flags `was " a worrying sign"` and `in six months, " he said`. Which way a straight
    mark faces is read from the document's quotation analysis (an opening mark follows a
    space or starts a line, a closing mark comes before punctuation or a space); curly
    marks say which they are. A straight mark left unpaired is reported only where its
    place makes it a closing mark (an unclosed quotation is not read for a space after its
    opening mark): after a comma, "?" or "!" and a space, before a space
    and a lower-case word (`months, " he said`). A quotation of spaces only, single
    quotation marks and a line break inside the marks stay quiet.

    ## Why it matters
    The stray space detaches the mark from the words it encloses: in print it floats, and
    a line may break between the mark and the quotation.

    ## Example
    The rise was " a worrying sign", he said.

    ## Use instead
    The rise was "a worrying sign", he said.

    ## Fix safety
    Removing the space is safe.
    """

    code = "LN208"
    name = "space-inside-quotes"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        if '"' not in text and "“" not in text and "”" not in text:
            return
        quotes = doc.quotes
        # (one quotation at a time: a hostile file holds one every few characters)
        for q in chain(quotes.double, (q for q in quotes.inner if q.double)):
            s, e = q.start, (q.end if q.closed else None)
            if e is not None and text[s + 1] not in _SPACE and text[e - 2] not in _SPACE:
                continue                    # (the common case, told at a glance: no space inside)
            after = _run_end(text, s + 1)
            if e is not None:
                before = _run_start(text, e - 1)
                if after >= before:
                    continue                # a quotation of spaces only: '" "'
                if before < e - 1 and doc.is_verbatim(before - 1, e):
                    yield _space(before, e - 1, "before the closing quotation mark")
            else:                           # unclosed: which way the mark faces is unsure
                if text[s] == '"' and _closes_by_place(text, s, after):
                    yield _space(_run_start(text, s), s, "before the closing quotation mark")
                continue
            if after > s + 1 and after < len(text) and text[after] not in "\r\n" \
                    and doc.is_verbatim(s, after + 1):
                yield _space(s + 1, after, "after the opening quotation mark")


def _space(start: int, end: int, where: str) -> Finding:
    return Finding(start, end, f"space {where}: delete it", Fix.replace(start, end, "", message="remove the space"))


def _run_end(text: str, i: int) -> int:
    """Past the spaces that start at `i`."""
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def _run_start(text: str, i: int) -> int:
    """Where the spaces that end at `i` start."""
    while i > 0 and text[i - 1] in _SPACE:
        i -= 1
    return i


def _closes_by_place(text: str, mark: int, after: int) -> bool:
    """Whether an unpaired straight mark at `mark`, with a space before it, stands where a
    closing mark stands: after a comma, "?" or "!" and before a space and a lower-case word
    (`months, " he said`), or before a stop, comma, colon or bracket that ends the clause
    (`called "magic circle ", in`)."""
    start = _run_start(text, mark)
    if not mark > start > 0:
        return False
    if text[start - 1] in ",?!" and after > mark + 1 and after < len(text) and text[after].islower():
        return True
    return text[mark + 1:mark + 2] in (".", ",", ";", ":", ")") and text[mark + 2:mark + 3] in ("", " ", "\n", "\r")


# a stop, perhaps closing marks, then a capital: where a space may be missing. One pattern
# for each stop, each led by its literal (a literal is searched for several times faster
# than a class); no match holds another stop, so the three together find what one would.
_GLUED = tuple((stop, lazy(re.compile, re.escape(stop) + r"[\"”’')\]]{0,2}[A-Z]")) for stop in ".!?")
_WORD_BEFORE = lazy(re.compile, r"([A-Za-z]+)[\"”’')\]]*$")
_TOKEN_AFTER = lazy(re.compile, r"[^\s\"“”‘’'()\[\]]*")
_TOKEN_BEFORE = lazy(re.compile, r"\S*$")
_ADDRESS_DOMAINS = frozenset("com org net co uk gov edu tv info io biz int ac".split())


class MissingSpaceAfterStop(Rule):
    """A full stop, question or exclamation mark run into the next sentence: "dangerous.The man".

    Flags a sentence-ending mark, perhaps with closing marks after it, followed at once
    by a capitalised word ("carpet."It's", "for how long?)They"). Abbreviations and initials
    ("U.S.", "J.K.", "Mr."), decimals and versions ("3.5", "v2.1"), web and e-mail
    addresses and domain names ("BBC.co.uk", "Halo.Bungie.Org", "www.Example.Com"), file
    names ("report.pdf"), ellipses and a name written with a stop inside (both halves
    capitalised, the second of three letters at most, no sentence opener or function word
    and not used on its own elsewhere in the article: "One.Tel") stay quiet.

    ## Why it matters
    A lost space after a stop is a keying or conversion slip; the two sentences read as
    one word, and a spell-checker passes over it.

    ## Example
    He said the road was dangerous.The man was later arrested.

    ## Use instead
    He said the road was dangerous. The man was later arrested.

    ## Fix safety
    Inserting the space is safe: after the closing marks, or before an opening quotation
    mark ('said."We' gets 'said. "We').
    """

    code = "LN209"
    name = "missing-space-after-stop"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        for stop, cap in _glued(text):
            nxt = text[cap + 1:cap + 2]
            if not (nxt.islower() or text[cap] in "AI" and nxt in (" ", "'", "’")):
                continue                    # "U.S.A", "ASP.NET": no word of a sentence follows
            word = _WORD_BEFORE.search(text, max(0, stop - 40), stop)
            if word is None:
                if not (stop > 0 and text[stop - 1] in "0123456789%)\"”’'"):
                    continue
            elif len(word.group(1)) < 2 or _abbreviation(word.group(1)) or text[stop] == "." \
                    and stop >= 3 and text[stop - 3:stop - 1] == "..":
                continue                    # an initial, "Mr.", "e.g.", an ellipsis
            if not doc.is_verbatim(stop, cap + 1) or _address(text, stop, cap) \
                    or _joined_name(doc, word, text, cap):
                continue
            at = self._space_at(doc, stop, cap)
            yield Finding(stop, cap + 1, "no space after the end of a sentence: add one",
                          Fix.replace(at, at, " ", message="insert a space"))

    @staticmethod
    def _space_at(doc: Document, stop: int, cap: int) -> int:
        """Where the space goes: after the stop and its closing marks, or before a quotation
        mark that opens a new quotation ('said."We')."""
        text = doc.prose
        for i in range(stop + 1, cap):
            if text[i] in "“‘" or text[i] in "\"'" and _opens_at(doc, i):
                return i
        return cap


def _glued(text: str) -> list[tuple[int, int]]:
    """(stop, capital) of each stop followed by a capital (perhaps after closing marks), in order."""
    found = [(m.start(), m.end() - 1) for stop, pattern in _GLUED if stop in text for m in pattern.finditer(text)]
    found.sort()
    return found


def _opens_at(doc: Document, i: int) -> bool:
    """Whether a quotation starts at offset `i`."""
    for quotations in (doc.quotes.double, doc.quotes.inner):
        starts = quotations.starts
        k = bisect_left(starts, i)
        if k < len(starts) and starts[k] == i:
            return True
    return False


def _abbreviation(word: str) -> bool:
    return word in NEVER_FINAL or word in MAYBE_FINAL or word.lower() in ("etc", "vs", "eg", "ie", "approx")


def _address(text: str, stop: int, cap: int) -> bool:
    """Whether the stop is inside a web or e-mail address, a domain or a file path: the run
    of text around it holds "@", "/", "www" or another stop between letters, or the part
    after the stop is a domain ("Com", "Org", "Uk")."""
    before = _TOKEN_BEFORE.search(text, max(0, stop - 80), stop).group()
    after = _TOKEN_AFTER.match(text, cap).group()
    token = before + after
    return "@" in token or "/" in token or "www" in token.lower() \
        or "." in after.rstrip(".!?,;:") or after.rstrip(".!?,;:").lower() in _ADDRESS_DOMAINS \
        or bool(re.search(r"[A-Za-z]\.[A-Za-z]", before))


def _joined_name(doc: Document, word, text: str, cap: int) -> bool:
    """Whether "Name.Name" is a name written with a stop inside ("One.Tel"): both halves
    capitalised, the second short (three letters at most: a glued sentence starts with a
    longer word, "Monk.Among"), no sentence opener or function word and not used on its
    own in the article, in any case."""
    if word is None or not word.group(1)[0].isupper():
        return False
    after = re.match(r"[A-Za-z]+", text[cap:cap + 40]).group()
    if len(after) > 3 or after in SENTENCE_OPENERS or after.lower() in word_set("function_words"):
        return False
    return re.search(rf"(?<![\w.]){after}\b", doc.prose, re.IGNORECASE) is None
