"""LN303 unbalanced-quote and LN206 unbalanced-bracket: marks that open and never close."""
from __future__ import annotations

import re
from array import array
from collections.abc import Iterator

import regex

from lintnews.diagnostics import Finding
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.ruleset import Rule


class UnbalancedQuote(Rule):
    """A quotation mark that opens and never closes, or closes without opening.

    Flags an opening double quotation mark with no closing one in its paragraph (unless
    the next paragraph opens with a quotation mark: the newspaper convention for a quote
    running over several paragraphs), and a closing mark with no opening one. Straight
    and curly marks are paired alike ("like this" and “like this”), a double quote nested
    in another is understood, and apostrophes ("rock ’n’ roll", "’90s", "the Joneses’")
    are never taken for quotation marks.

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
        for q in doc.quotes.double:
            if not q.closed and not q.continues:
                yield Finding(q.start, q.start + 1, "quotation mark opened here is never closed")
        for offset in doc.quotes.stray_closers:
            yield Finding(offset, offset + 1, "closing quotation mark with no opening one")


_BRACKETS = lazy(re.compile, r"[()\[\]]")
# "1)", "a)", "iv)" at the start of a list item; smileys; a ")" in "1-0)" scores
_LIST_MARKER = lazy(regex.compile, r"(?<![\w.,])(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)")
_EMOTICON = lazy(regex.compile, r"[:;=8][-^']?[()\[\]]|[()\[\]][-^']?[:;=]")
_PAIRS = {")": "(", "]": "["}


class UnbalancedBracket(Rule):
    """A parenthesis or square bracket that opens and never closes, or closes without opening.

    Flags an unmatched "(", ")", "[" or "]" within a paragraph. List markers ("1)",
    "a)") and emoticons (":)") stay quiet; brackets inside quotations are checked too.

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
                yield at, f"'{text[at]}' is never closed"
            stack.pop()
            open_now[_PAIRS[c]] -= 1
        else:
            yield i, f"'{c}' closes nothing"
    for at in stack:
        yield at, f"'{text[at]}' is never closed"


def _excused(text: str, at: int) -> bool:
    """An unmatched bracket that belongs to a list marker ("1)", "a)") or an emoticon (":-(")."""
    for pattern in (_LIST_MARKER, _EMOTICON):
        for m in pattern.finditer(text, max(0, at - 5), at + 3):
            if m.start() <= at < m.end():
                return True
    return False
