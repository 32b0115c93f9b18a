"""The `full` output format (the default on a terminal): the findings grouped under their
file's name, each with its source line and a caret under the span.

    story.txt:
    3:12: error: LN101 repeated-word 'the' is repeated: delete one [*]
      |
    3 | It was the the end.
      |           ^^^^
      = fix: remove the repeat

Tabs are expanded, wide characters (CJK, most emoji) take two cells and combining marks
none, so the carets stand under the span in a terminal; a long line (news paragraphs often
are one line, a Markdown paragraph always) is cut to a window of whole words around the
span, with "…" where it was cut. A span over several lines underlines its part of each
line, showing at most MAX_SPAN_LINES of them.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from lintnews.diagnostics import Diagnostic
from lintnews.document import LineIndex
from lintnews.reporting.base import printable
from lintnews.reporting.simple import TextReporter

WIDTH = 100            # display cells of source shown per line
LEAD = 30              # cells of context kept before a span when a line is cut
TAB = 4
MAX_SPAN_LINES = 4


class FullReporter(TextReporter):
    """The text format grouped by file, with the source of each finding underneath."""

    def file(self, path, diagnostics, text):
        if not diagnostics:
            return
        index = LineIndex(text) if text is not None else None
        lines = _Lines(text, index) if text is not None else None
        self.stream.write(self.paint(printable(diagnostics[0].path), "path") + ":\n")
        for d in diagnostics:
            self.stream.write(self.header(d) + "\n")
            if lines is not None:
                self.stream.write(self.excerpt(d, lines))
            if d.fix is not None and d.fix.message:
                self.stream.write(f"{self.paint('  =', 'gutter')} fix: {d.fix.message}\n")
            self.stream.write("\n")

    def header(self, d: Diagnostic) -> str:
        """`line:col: severity: CODE name message [*]`: the text format's line less the path,
        which heads the group."""
        return self.line(d, with_path=False)

    def excerpt(self, d: Diagnostic, lines: _Lines) -> str:
        rows = list(span_rows(d, lines))
        gutter = max(len(str(n)) for n, _, _, _ in rows) if rows else 1
        bar = self.paint(" " * gutter + " |", "gutter")
        out = [bar + "\n"]
        shown = rows if len(rows) <= MAX_SPAN_LINES else rows[:MAX_SPAN_LINES - 1] + [None] + rows[-1:]
        for row in shown:
            if row is None:
                out.append(self.paint(" " * gutter + " ⋮", "gutter") + "\n")
                continue
            number, layout, start, end = row
            shown_text, carets = layout.render(start, end)
            out.append(f"{self.paint(str(number).rjust(gutter) + ' |', 'gutter')} {shown_text}".rstrip() + "\n")
            out.append(f"{bar} {self.paint(carets, 'caret')}\n")
        return "".join(out)


class _Lines:
    """The lines of a text, each laid out once (a long line may carry thousands of findings)."""

    def __init__(self, text: str, index: LineIndex) -> None:
        self.text, self.index = text, index
        self.last: tuple[int, Layout] | None = None

    def __len__(self) -> int:
        return len(self.index.starts)

    def __getitem__(self, number: int) -> Layout:
        """Line `number` (1-based), without its line break."""
        if self.last is None or self.last[0] != number:
            starts = self.index.starts
            stop = starts[number] if number < len(starts) else len(self.text)
            self.last = number, Layout(self.text[starts[number - 1]:stop].rstrip("\r\n"))
        return self.last[1]


def span_rows(d: Diagnostic, lines: _Lines):
    """(line number, its Layout, start, end) for each line the span covers; start/end are
    code-point offsets into that line (end exclusive; equal for an insertion point)."""
    last = d.end_line
    if last > d.line and d.end_column == 1:      # the span ends with a line break
        last -= 1
    for number in range(d.line, min(last, len(lines)) + 1):
        layout = lines[number]
        size = len(layout.source)
        start = d.column - 1 if number == d.line else 0
        end = d.end_column - 1 if number == d.end_line else size
        yield number, layout, min(start, size), min(max(end, start), size)


class Layout:
    """A line in display cells: how each character is shown and the column it starts at."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cells: list[str] = []
        self.columns = [0]
        for ch in source:
            shown, width = _cell(ch, self.columns[-1])
            self.cells.append(shown)
            self.columns.append(self.columns[-1] + width)

    def render(self, start: int, end: int) -> tuple[str, str]:
        """The line as shown (tabs expanded, cut to WIDTH cells) and the carets under [start, end)."""
        columns = self.columns
        left, right = columns[start], max(columns[end], columns[start] + 1)
        lo = 0
        if columns[-1] > WIDTH:
            lo = max(0, min(left - LEAD, columns[-1] - WIDTH))
        hi = lo + WIDTH
        # the characters wholly inside [lo, hi): columns never decrease, so they are a run
        first = bisect_left(columns, lo, 0, len(self.cells))
        stop = max(first, bisect_right(columns, hi) - 1)
        first, stop = self._whole_words(first, stop, start, end)
        shown = "".join(self.cells[first:stop])
        prefix = "…" if first > 0 else ""
        suffix = "…" if stop < len(self.cells) else ""
        lo = columns[first]
        right = min(right, max(columns[stop], left + 1))
        carets = " " * (len(prefix) + left - lo) + "^" * max(1, right - left)
        return prefix + shown + suffix, carets

    def _whole_words(self, first: int, stop: int, start: int, end: int) -> tuple[int, int]:
        """The window [first, stop) narrowed to whole words where it cuts one, never past
        the span [start, end)."""
        source = self.source
        if 0 < first < start and not source[first - 1].isspace():
            space = source.find(" ", first, start)
            first = space + 1 if space >= 0 else first
        if max(end, first) < stop < len(source) and not source[stop].isspace():
            space = source.rfind(" ", max(end, first), stop)
            stop = space if space > 0 else stop
        return first, stop


def _cell(ch: str, column: int) -> tuple[str, int]:
    """How one character is shown, and how many cells it takes, at display column `column`."""
    import unicodedata

    if ch == "\t":
        width = TAB - column % TAB
        return " " * width, width
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf"):
        return ch, 0
    if category.startswith("C") or category in ("Zl", "Zp"):
        return "\ufffd", 1                      # control characters, U+2028: one visible cell
    return ch, 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
