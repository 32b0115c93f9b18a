"""Positions as the Language Server Protocol counts them, and the offsets lintnews counts.

lintnews reports 1-based lines and columns in code points; LSP wants 0-based lines and a
`character` counted in UTF-16 code units (the default), UTF-8 bytes or UTF-32 code points,
whichever `positionEncoding` the client and server agreed on. Lines end at "\\n", "\\r\\n"
or a lone "\\r", for LSP as for lintnews (never at U+2028 or a form feed).
"""
from __future__ import annotations

import re
from bisect import bisect_right

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_END = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def units(text: str, encoding: str) -> int:
    """How many code units of `encoding` the string takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + len(_ASTRAL.findall(text))


def chars_in(text: str, count: int, encoding: str) -> int:
    """How many code points of `text` its first `count` code units cover (a position inside a
    character is taken to the character's start)."""
    if encoding == UTF32:
        return min(count, len(text))
    seen = 0
    for i, ch in enumerate(text):
        width = units(ch, encoding)
        if seen + width > count:
            return i
        seen += width
    return len(text)


class Lines:
    """The line starts of one text, to turn offsets into LSP positions and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def line_text(self, line: int) -> str:
        """Line `line` (0-based) without its line ending."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def position(self, offset: int, encoding: str) -> tuple[int, int]:
        """The 0-based (line, character) of a code-point offset."""
        line = bisect_right(self.starts, offset) - 1
        return line, units(self.text[self.starts[line]:offset], encoding)

    def offset(self, line: int, character: int, encoding: str) -> int:
        """The code-point offset of an LSP position; one past the last line is the end of the
        text and a character past a line's end is its end, as the protocol asks."""
        if line >= len(self.starts):
            return len(self.text)
        if line < 0:
            return 0
        text = self.line_text(line)
        return self.starts[line] + chars_in(text, max(character, 0), encoding)

    def offset_of(self, line: int, column: int) -> int:
        """The offset of lintnews's 1-based (line, column in code points)."""
        return self.starts[line - 1] + column - 1


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new: str, encoding: str) -> str:
    """`text` with the range from `start` to `end` (LSP line, character) replaced by `new`."""
    lines = Lines(text)
    a = lines.offset(*start, encoding)
    b = lines.offset(*end, encoding)
    return text[:a] + new + text[max(a, b):]
