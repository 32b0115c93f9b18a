"""Words quoted as words: a short quotation that mentions words rather than uses them
('the clause was passed "as as amended"', 'misspelt "Hilary Clinton"', '"hip hip hooray"')."""
from __future__ import annotations

from bisect import bisect_right

from lintnews.document import Document

MOST_WORDS = 4                  # the most words such a quotation holds
_REACH = 120                    # how far before a span such a quotation can open (characters)


def short_quotation(doc: Document, start: int, end: int) -> str | None:
    """The closed quotation (marks included), on one line and of MOST_WORDS words or fewer,
    that most closely holds prose[start:end], or None. Read from the document's quotations
    (doc.quotes), as every rule reads them."""
    if not doc.quoted_mask[start]:
        return None
    starts, ends = doc.closed_quotations
    i = bisect_right(starts, start) - 1
    while i >= 0 and starts[i] >= start - _REACH:
        if ends[i] >= end:          # the innermost quotation holding the span
            quotation = doc.prose[starts[i]:ends[i]]
            one_line = "\n" not in quotation and "\r" not in quotation
            return quotation if one_line and len(quotation.split()) <= MOST_WORDS else None
        i -= 1
    return None


def quoted_name(doc: Document, start: int, end: int) -> bool:
    """Whether prose[start:end] stands in a short quotation of capitalised words only, a
    name quoted as written ('"Hilary Clinton"'), not a piece of speech ('"didn't like Kavenaugh"')."""
    quotation = short_quotation(doc, start, end)
    return quotation is not None and all(w.strip("\"“”‘’',.!?")[:1].isupper() for w in quotation.split())
