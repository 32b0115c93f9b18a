"""Words quoted as words: a short quotation that mentions words rather than uses them
('the clause was passed "as as amended"', 'misspelt "Hilary Clinton"', '"hip hip hooray"')."""
from __future__ import annotations

import regex

from lintnews.patterns import lazy

# An opening mark (not an apostrophe inside a word) and at most two words before the span,
# at most two words and a closing mark after it, on one line.
_OPENING_BEFORE = lazy(regex.compile, r"(?<!\w)[\"“‘'](?:[\w'’-]+[^\S\r\n]){0,2}$")
_CLOSING_AFTER = lazy(regex.compile, r"(?:[^\S\r\n][\w'’-]+){0,2}[,.!?]?[\"”’'](?!\w)")
MOST_WORDS = 4                  # the most words such a quotation holds


def short_quotation(prose: str, start: int, end: int) -> str | None:
    """The quotation (marks included) of MOST_WORDS words or fewer that prose[start:end]
    stands in, or None."""
    opening = _OPENING_BEFORE.search(prose, max(0, start - 60), start)
    if opening is None:
        return None
    closing = _CLOSING_AFTER.match(prose, end, end + 60)
    if closing is None:
        return None
    quotation = prose[opening.start():closing.end()]
    return quotation if len(quotation.split()) <= MOST_WORDS else None


def quoted_name(prose: str, start: int, end: int) -> bool:
    """Whether prose[start:end] stands in a short quotation of capitalised words only, a
    name quoted as written ('"Hilary Clinton"'), not a piece of speech ('"didn't like Kavenaugh"')."""
    quotation = short_quotation(prose, start, end)
    return quotation is not None and all(w.strip("\"“”‘’',.!?")[:1].isupper() for w in quotation.split())
