"""LN303 unbalanced-quote and LN206 unbalanced-bracket: marks that open and never close."""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import chain, pairwise

import regex

from lintnews.diagnostics import Finding
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.ruleset import Rule
from lintnews.rules.punctuation import EMOTICON
from lintnews.text import Quotation


class UnbalancedQuote(Rule):
    """A quotation mark that opens and never closes, or closes without opening.

    Flags an opening double quotation mark with no closing one in its paragraph (unless
    the next paragraph opens with a quotation mark: the newspaper convention for a quote
    running over several paragraphs), and a closing mark with no opening one. Straight
    and curly marks are paired alike ("like this" and “like this”), a double quote nested
    in another is understood, and apostrophes ("rock ’n’ roll", "’90s", "the Joneses’")
    are never taken for quotation marks, nor are inch and seconds marks after a figure
    ("a 16” screen", "a time of 50’47”"). A quotation that runs on into the next paragraph
    or the one after without an opening mark there and closes in it is one finding, at its
    opening mark, not one at each end; so is a closing mark set off by a space (' ". ') and
    an opening mark glued between two words ('there was”no guarantee ... ”'), at that mark.

    ## Why it matters
    An unclosed quotation makes the reader unsure where the speaker's words end and the
    reporter's begin; a lone closing mark usually means the opening was lost in editing.

    ## Example
    "We will appeal against the ruling, the club's chairman said.

    ## Use instead
    "We will appeal against the ruling," the club's chairman said.
    """

    code = "LN303"
    name = "unbalanced-quote"
    severity, precision = measured(code)

    def check(self, doc: Document) -> Iterator[Finding]:
        text, quotes = doc.prose, doc.quotes
        strays = [at for at in quotes.stray_closers if not _INCH_MARK.match(text, at)]
        starts = quotes.double.starts         # (an array, in order)
        unclosed = (q for q in quotes.double if not q.closed and not q.continues)
        told = set()                        # marks a finding already accounts for
        for q, after in pairwise(chain(unclosed, [None])):
            if q.start in told:
                continue
            if after is not None and after.paragraph == q.paragraph and _spaced_closer(text, after.start) \
                    and _next(starts, q.start) == after.start:
                told.add(after.start)       # “We said so ". : one slip, the closing mark
                yield Finding(after.start, after.start + 1,
                              "closing quotation mark set off by a space, so that it reads as an opening one: "
                              "close up the space")
                continue
            closer = _run_on_closer(doc, q, starts, strays)
            if closer is None:
                yield Finding(q.start, q.start + 1, "quotation mark opened here is never closed: close the "
                                                    "quotation or delete the mark")
            else:
                told.add(closer)
                yield Finding(q.start, q.start + 1, "quotation runs on into a later paragraph that has no "
                                                    "opening quotation mark (it closes there): open that "
                                                    "paragraph with a quotation mark")
        for at, after in pairwise(chain(strays, [None])):
            if at in told:
                continue
            if after is not None and _glued_opener(text, at) and doc.paragraph_of(after) == doc.paragraph_of(at) \
                    and _next(starts, at) > after:
                told.add(after)             # said there was”no more”: one slip, the opening mark
                yield Finding(at, at + 1, "quotation mark between two words: if it opens a "
                                          "quotation, add a space before it")
            else:
                yield Finding(at, at + 1, "closing quotation mark with no opening one: open the "
                                          "quotation or delete the mark")


def _next(offsets: Sequence[int], at: int) -> float:
    """The first of the sorted `offsets` past `at` (infinity if none)."""
    i = bisect_right(offsets, at)
    return offsets[i] if i < len(offsets) else float("inf")


def _spaced_closer(text: str, at: int) -> bool:
    """A mark with a space before it and a stop or comma after, ending the sentence: ' ".'"""
    return at > 0 and text[at - 1] in " \t" and bool(_SPACED_CLOSER.match(text, at))


def _glued_opener(text: str, at: int) -> bool:
    """A closing-looking mark between two letters ("was”no"), most likely an opening one."""
    return 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha()


_SPACED_CLOSER = lazy(regex.compile, r"[\"”][.,;:!?]+(?:\s|$)")
# an inch or seconds mark, not a closing quotation mark: "a 16” screen", "12” vinyl", "50’47”"
_INCH_MARK = lazy(regex.compile, r"(?<=\d)[\"”″](?=[^\S\r\n]*-|[^\S\r\n]+\p{Ll})"
                                 r"|(?<=\d[\'’′][^\S\r\n]?\d{1,2})[\"”″]")
# how many paragraphs on a quotation may close without an opening mark and count as one
_RUN_ON_PARAGRAPHS = 2


def _run_on_closer(doc: Document, q: Quotation, starts: Sequence[int], strays: list[int]) -> int | None:
    """The stray closing mark that ends the unclosed quotation `q` a paragraph or two on,
    when no quotation mark comes between (the writer left out the opening mark of a
    continuation paragraph: one slip, not one at each end); else None."""
    closer = _next(strays, q.start)
    if closer == float("inf") or _next(starts, q.start) < closer \
            or doc.paragraph_of(closer) - q.paragraph > _RUN_ON_PARAGRAPHS:
        return None
    return closer


_BRACKETS = lazy(re.compile, r"[()\[\]]")
# "1)", "a)", "iv)" at the start of a list item; smileys; a ")" in "1-0)" scores
_LIST_MARKER = lazy(regex.compile, r"(?<![\w.,])(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)")
_PAIRS = {")": "(", "]": "["}


class UnbalancedBracket(Rule):
    """A parenthesis or square bracket that opens and never closes, or closes without opening.

    Flags an unmatched "(", ")", "[" or "]" within a paragraph. List markers ("1)",
    "a)") and emoticons (":)", ":-<(", "(:") stay quiet; brackets inside quotations are
    checked too.

    ## Why it matters
    An unclosed bracket leaves the reader holding an aside that never ends, and usually
    marks text lost in an edit.

    ## Example
    The company (which employs 3,000 people said profits fell.

    ## Use instead
    The company (which employs 3,000 people) said profits fell.
    """

    code = "LN206"
    name = "unbalanced-bracket"
    severity, precision = measured(code)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        if "(" not in text and ")" not in text and "[" not in text and "]" not in text:
            return
        for p in doc.paragraphs:
            for at, message in _unmatched(text, p.start, p.end):
                if not _excused(text, at):
                    yield Finding(at, at + 1, message)


def _unmatched(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """Offsets of the brackets of text[start:end] that find no partner, with a message."""
    stack = array("q")                  # offsets of the open brackets (8 bytes each: a paragraph
    open_now = {"(": 0, "[": 0}         # of brackets); how many of each kind (no scan per closer)
    for m in _BRACKETS.finditer(text, start, end):
        i, c = m.start(), m.group()
        if c in "([":
            stack.append(i)
            open_now[c] += 1
        elif stack and text[stack[-1]] == _PAIRS[c]:
            stack.pop()
            open_now[_PAIRS[c]] -= 1
        elif open_now[_PAIRS[c]]:
            while text[stack[-1]] != _PAIRS[c]:     # "( [ )": the "[" never closed
                at = stack.pop()
                open_now[text[at]] -= 1
                yield at, f"'{text[at]}' is never closed: close it or delete it"
            stack.pop()
            open_now[_PAIRS[c]] -= 1
        else:
            yield i, f"'{c}' closes nothing: add its '{_PAIRS[c]}' or delete it"
    for at in stack:
        yield at, f"'{text[at]}' is never closed: close it or delete it"


def _excused(text: str, at: int) -> bool:
    """An unmatched bracket that belongs to a list marker ("1)", "a)") or an emoticon (":-(")."""
    for pattern in (_LIST_MARKER, EMOTICON):
        for m in pattern.finditer(text, max(0, at - 8), at + 4):
            if m.start() <= at < m.end():
                return True
    return False
