"""Export metadata glued to the start of the copy ("date 2021-07-27 President Joe Biden ..."):
stray-metadata (LN502) reports it, and lowercase-sentence-start (LN205) leaves such a
paragraph to it (its advice, "capitalise 'date'", would be wrong)."""
from __future__ import annotations

import regex

from lintnews.patterns import lazy

METADATA_KEYS = ("date", "title", "url", "author", "authors", "tags", "byline", "category", "categories",
                 "slug", "published", "updated", "dateline", "headline", "source", "id", "keywords")
_VALUE = r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]+)?|https?://\S+"
# "date 2021-07-27 President Joe Biden ..." / "title: Harbour plan approved The council ..."
# (without a colon, only a date or an address is taken for a value: "title holders were
# named" is prose)
_KEY_VALUE = lazy(regex.compile,
    r"[^\S\r\n]*(?P<key>" + "|".join(METADATA_KEYS) + r")(?:[^\S\r\n]*:[^\S\r\n]*(?P<value>" + _VALUE + r"|\S+)"
    r"|[^\S\r\n]+(?P<value>" + _VALUE + r"))")
_LINE_BREAK = lazy(regex.compile, r"\r\n|\r|\n")


def glued_metadata(text: str, start: int, end: int, first: bool) -> regex.Match | None:
    """The key and value of metadata opening the paragraph text[start:end] with words of the
    copy after it on its line (groups "key" and "value", matched from the line's start);
    None if there is none. Looked for in the article's `first` paragraph, and in others
    only where they open with a lower-case letter (prose does not)."""
    if not (first or text[start].islower()):
        return None
    m = _KEY_VALUE.match(text, line_start(text, start))
    if m is None or m.start("key") != start:
        return None
    rest = _LINE_BREAK.split(text[m.end():end], 1)[0]
    return m if len(rest.split()) >= 3 else None


def line_start(text: str, offset: int) -> int:
    """The offset where the line holding `offset` starts."""
    while offset > 0 and text[offset - 1] not in "\r\n":
        offset -= 1
    return offset
