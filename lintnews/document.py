"""Document: one article as the rules see it, with its analysis computed once and shared.

`text` is the original text of the file (after decoding). `prose` is what a reader reads:
for plain text the text itself (or a copy of the same length with a header blanked out);
for Markdown and HTML the prose with the markup, code and front matter taken out, and a
`prose_map` that leads every prose offset back to the text. Rules work in prose offsets
only; the engine maps their findings onto the text. The analysis (paragraphs, sentences,
words, quotations) is made from `prose` on first use and cached.
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from functools import cached_property
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import re

from lintnews import text as textlib
from lintnews.patterns import lazy
from lintnews.prosemap import ProseMap

_LINE_END = lazy(re.compile, r"\r\n|\r|\n")
_LETTER_OR_FIGURE = lazy(re.compile, r"[^\W_]")
FIRST_LETTERS_KEPT = 1024       # blocks whose first letter is remembered at once


class LineIndex:
    """Maps offsets to 1-based (line, column), columns counted in code points.

    Lines end at "\\n", "\\r\\n" or a lone "\\r" (and at nothing else: not at U+2028 or a
    form feed, which `str.splitlines` would also split on).
    """

    __slots__ = ("starts", "length")

    def __init__(self, text: str) -> None:
        self.starts = array(textlib.offset_type(len(text)), [0])    # (a file of empty lines has one a byte)
        self.starts.extend(m.end() for m in _LINE_END.finditer(text))
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of `offset` (0 <= offset <= len(text))."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} outside the text (0..{self.length})")
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based (line, column): the inverse of `position`."""
        return self.starts[line - 1] + column - 1


class BlockKinds(textlib.ReadOnlySequence):
    """Where each block of marked-up prose starts and what kind it is, as (prose offset,
    kind) pairs in order; kept as an array of offsets and a list of the (shared) kind
    names: 12 bytes a block, not a tuple of about 130 (a list item every four characters)."""

    __slots__ = ("starts", "kinds")

    def __init__(self, blocks: Iterable[tuple[int, str]] = (), typecode: str = "q") -> None:
        self.starts, self.kinds = array(typecode), []       # (typecode: see text.offset_type)
        for block in blocks:
            self.append(block)

    def append(self, block: tuple[int, str]) -> None:
        self.starts.append(block[0])
        self.kinds.append(block[1])

    def pop(self) -> tuple[int, str]:
        return self.starts.pop(), self.kinds.pop()

    def __len__(self) -> int:
        return len(self.kinds)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return BlockKinds(zip(self.starts[i], self.kinds[i]), self.starts.typecode)
        return self.starts[i], self.kinds[i]

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return zip(self.starts, self.kinds)


class Document:
    """One article: original text, prose view, metadata and shared analysis."""

    def __init__(self, text: str, path: str = "<string>", *, prose: str | None = None,
                 prose_map: ProseMap | None = None, meta: dict[str, Any] | None = None, kind: str = "text",
                 blocks: Iterable[tuple[int, str]] | None = None) -> None:
        if prose is not None and prose_map is None and len(prose) != len(text):
            raise ValueError("a prose view of another length needs a prose_map")
        self.text = text
        self.prose = text if prose is None else prose
        self.prose_map = prose_map
        self.path = path
        self.meta: dict[str, Any] = dict(meta or {})
        self.kind = kind
        # (prose offset, kind) where each block of marked-up prose starts: "paragraph",
        # "heading", "list-item", "table-cell", "alt-text" ...; empty for plain text
        self.blocks = blocks if isinstance(blocks, BlockKinds) else BlockKinds(blocks or ())
        # what went wrong while loading, though the article could still be linted
        # (a front matter block that does not parse): reported as input errors
        self.problems: list[str] = []

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars, kind={self.kind!r})"

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a text offset."""
        return self.lines.position(offset)

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text that the prose span [start, end) was made from."""
        if self.prose_map is None:
            return start, end
        return self.prose_map.span(start, end)

    def is_verbatim(self, start: int, end: int) -> bool:
        """Whether prose[start:end] is the text as it stands in the file (no markup, entity
        or placeholder inside), so that an edit of it can be made on the file."""
        if self.prose_map is None:
            return self.text[start:end] == self.prose[start:end]
        a, b = self.prose_map.span(start, end)
        return self.text[a:b] == self.prose[start:end]

    def block_kind(self, offset: int) -> str:
        """The kind of marked-up block holding prose `offset` ("paragraph" for plain text)."""
        if not self.blocks:
            return "paragraph"
        i = bisect_right(self.blocks.starts, offset) - 1
        return self.blocks.kinds[i] if i >= 0 else "paragraph"

    @cached_property
    def paragraphs(self) -> textlib.Blocks:
        """The paragraphs, in order (a read-only sequence of Block)."""
        return textlib.paragraphs(self.prose)

    @cached_property
    def sentences(self) -> textlib.Blocks:
        """The sentences, in order (as `paragraphs`); none crosses a paragraph."""
        return textlib.sentences(self.prose, self.paragraphs)

    @cached_property
    def tokens(self) -> textlib.Tokens:
        """Word tokens as parallel lists (cheap); see text.Tokens."""
        return textlib.Tokens(self.prose)

    @cached_property
    def words(self) -> list[textlib.Word]:
        """Word tokens as Word objects (made from `tokens`)."""
        return self.tokens.window(0, len(self.tokens))

    @cached_property
    def punctuation(self) -> Sequence[int]:
        """The offsets of the marks , . ; : ! ? in the prose, in order (text.offsets_of): rules
        that look only next to these marks start from these, not from a scan each."""
        return textlib.offsets_of(self.prose, ",.;:!?")

    @cached_property
    def quotes(self) -> textlib.QuoteAnalysis:
        return textlib.quotations(self.prose, self.paragraphs)

    @cached_property
    def quoted_mask(self) -> bytearray:
        """One byte per character: 1 inside any quotation (marks included), else 0."""
        mask = bytearray(len(self.prose))
        for quotations in (self.quotes.double, self.quotes.inner):
            for start, end in zip(quotations.starts, quotations.ends):
                mask[start:end] = b"\x01" * (end - start)
        return mask

    @cached_property
    def closed_quotations(self) -> tuple[list[int], list[int]]:
        """(starts, ends) of every closed quotation, top-level and inner, sorted by start."""
        spans = sorted((q.start, q.end) for quotations in (self.quotes.double, self.quotes.inner)
                       for q in quotations if q.closed)
        return [s for s, _ in spans], [e for _, e in spans]

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding `offset` (or the last one starting before it)."""
        starts = self._paragraph_starts
        return max(0, bisect_right(starts, offset) - 1)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding `offset` (or the last one starting before it)."""
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def first_letter(self, block: textlib.Block) -> int:
        """The offset of the first letter or figure of a paragraph or sentence (its end if it
        has none): "is a quotation the start of its sentence" without a search from the
        sentence's start for each of a sentence's thousands of quotations."""
        found = self._first_letters
        if block not in found:
            if len(found) >= FIRST_LETTERS_KEPT:      # (asked in order: only the last blocks come back)
                found.clear()
            m = _LETTER_OR_FIGURE.search(self.prose, block.start, block.end)
            found[block] = m.start() if m else block.end
        return found[block]

    @cached_property
    def _first_letters(self) -> dict[textlib.Block, int]:
        return {}

    @cached_property
    def _paragraph_starts(self) -> Sequence[int]:
        return self.paragraphs.starts

    @cached_property
    def _sentence_starts(self) -> Sequence[int]:
        return self.sentences.starts
