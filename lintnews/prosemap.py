"""The prose view of a marked-up file and the map from its offsets back to the file's.

Markdown and HTML are linted as a copy editor reads them: "the **the**" is checked as
"the the" and "[Biden](url)'s" as "Biden's". Deleting the markup changes lengths, so the
prose view is built piece by piece with a ProseBuilder, which records where every piece
came from; the ProseMap it returns turns any span of the prose back into a span of the
original text. Rules only ever see prose offsets; the engine maps them at the edge.
"""
from __future__ import annotations

import io
import re
from array import array
from bisect import bisect_right

from lintnews.patterns import lazy
from lintnews.text import offset_type

# Characters with no width and no glyph (zero-width spaces and joiners, direction marks and
# isolates, the soft hyphen, a BOM inside the text): readers never see them, so the prose
# view leaves them out and "the\u2069 the" is read as the "the the" it shows.
INVISIBLE_CHARS = "".join(map(chr, [0xad, 0x61c, 0x180e, *range(0x200b, 0x2010), *range(0x202a, 0x202f),
                                      *range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xfeff]))
INVISIBLE = lazy(re.compile, f"[{INVISIBLE_CHARS}]+")


def has_invisible(text: str) -> bool:
    """Whether text holds one of them: a search for each character alone (str.find's fast
    scan) is several times quicker than a regex scan for the class."""
    return not text.isascii() and any(c in text for c in INVISIBLE_CHARS)


class ProseMap:
    """Maps offsets of a prose view to offsets of the text it was made from.

    Made of segments (prose_start, prose_end, text_start, text_end). A segment of equal
    lengths maps character by character; any other (an entity "&amp;" read as "&", a
    line break standing for "\\n> ", a placeholder for a code span) maps as a whole. The
    segments are four arrays of numbers (32 bytes a segment, not a tuple of 200: dense
    markup makes one every few characters).
    """

    __slots__ = ("_ps", "_pe", "_ts", "_te", "prose_length", "text_length")

    def __init__(self, segments: Segments, prose_length: int, text_length: int) -> None:
        self._ps, self._pe, self._ts, self._te = segments.ps, segments.pe, segments.ts, segments.te
        self.prose_length = prose_length
        self.text_length = text_length

    def _segment(self, offset: int) -> tuple[int, int, int, int] | None:
        i = bisect_right(self._ps, offset) - 1
        return (self._ps[i], self._pe[i], self._ts[i], self._te[i]) if i >= 0 else None

    def start(self, offset: int) -> int:
        """The text offset where the prose character at `offset` begins."""
        if offset >= self.prose_length:
            return self.end(offset) if offset else 0
        ps, pe, ts, te = self._segment(offset)
        return ts + (offset - ps) if pe - ps == te - ts else ts

    def end(self, offset: int) -> int:
        """The text offset just past the prose character at `offset - 1`."""
        if offset <= 0:
            return self.start(0) if self.prose_length else 0
        ps, pe, ts, te = self._segment(min(offset, self.prose_length) - 1)
        return ts + (min(offset, pe) - ps) if pe - ps == te - ts else te

    def segments(self):
        """Every segment as (prose_start, prose_end, text_start, text_end), in prose order."""
        return zip(self._ps, self._pe, self._ts, self._te)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text span of the prose span [start, end)."""
        if start >= end:
            at = self.start(start)
            return at, at
        return self.start(start), self.end(end)


class Segments:
    """The segments of a ProseMap as it is built: prose start and end, text start and end
    (typecode: see text.offset_type)."""

    __slots__ = ("ps", "pe", "ts", "te")

    def __init__(self, typecode: str = "q") -> None:
        self.ps, self.pe, self.ts, self.te = array(typecode), array(typecode), array(typecode), array(typecode)

    def __len__(self) -> int:
        return len(self.ps)

    def append(self, ps: int, pe: int, ts: int, te: int) -> None:
        self.ps.append(ps)
        self.pe.append(pe)
        self.ts.append(ts)
        self.te.append(te)

    def pop(self) -> None:
        for column in (self.ps, self.pe, self.ts, self.te):
            column.pop()


class ProseBuilder:
    """Builds a prose view of `text` from kept, replaced and dropped pieces, in order (into
    a StringIO: at most 4 bytes a character, not an object a piece)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._prose = io.StringIO(newline="")
        self._segments = Segments(offset_type(len(text)))
        self.length = 0

    def keep(self, start: int, end: int) -> None:
        """Copy text[start:end] into the prose as it is (but for invisible characters)."""
        if start >= end:
            return
        pos = start
        for m in INVISIBLE.finditer(self.text, start, end):
            if m.start() > pos:
                self._add(self.text[pos:m.start()], pos, m.start())
            pos = m.end()
        if pos < end:
            self._add(self.text[pos:end], pos, end)

    def put(self, content: str, start: int, end: int) -> None:
        """Write `content` into the prose, standing for text[start:end]."""
        if content:
            self._add(content, start, end)

    def rewind(self, length: int) -> None:
        """Forget what was written after the first `length` characters (a length this
        builder had between two writes)."""
        segments = self._segments
        while segments and segments.ps[-1] >= length:
            segments.pop()
        if segments and segments.pe[-1] > length:       # into the end of a run of kept text
            cut = segments.pe[-1] - length
            segments.pe[-1] -= cut
            segments.te[-1] -= cut
        self._prose.seek(length)
        self._prose.truncate()
        self.length = min(self.length, length)

    def _add(self, content: str, start: int, end: int) -> None:
        n = len(content)
        segments = self._segments
        if segments:
            pe, te = segments.pe[-1], segments.te[-1]
            if pe - segments.ps[-1] == te - segments.ts[-1] and n == end - start and te == start:
                segments.pe[-1], segments.te[-1] = pe + n, end      # one run, one segment
                self._prose.write(content)
                self.length += n
                return
        segments.append(self.length, self.length + n, start, end)
        self._prose.write(content)
        self.length += n

    def build(self) -> tuple[str, ProseMap]:
        prose = self._prose.getvalue()
        return prose, ProseMap(self._segments, len(prose), len(self.text))
