"""What both views of an article in the `html` report write the same way: text escaped for
HTML, each finding's span as offsets into the file, the order highlights open in (and where
a span that crosses another is cut), and a highlight's opening tag."""
from __future__ import annotations

import re
from html import escape

from lintnews.diagnostics import Diagnostic

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")


def body_text(value: str) -> str:
    """`value` as HTML text in the article's body: as `text`, and a NUL (which HTML parsing
    drops) as a `.nul` element showing U+2400, whose text the page's script makes NUL again."""
    out = text(value)
    return out.replace("\0", '<span class="nul">\u2400</span>') if "\0" in out else out


def crossing(spans: list[tuple[int, int]]) -> tuple[list[int], list[int], list[tuple[int, int, int]]]:
    """The order in which highlights open (by start, the longest first), where each one's
    element ends (its span's end, or where the highlight it crosses ends), and the rest of
    each cut span as (start, end, index)."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1], i))
    ends = [end for _, end in spans]
    rest: list[tuple[int, int, int]] = []
    stack: list[int] = []
    for i in order:
        start, end = spans[i]
        while stack and stack[-1] <= start:
            stack.pop()
        if stack and end > stack[-1]:
            ends[i] = stack[-1]
            rest.append((ends[i], end, i))
        if ends[i] > start:
            stack.append(ends[i])
    return order, ends, rest


def text(value: str) -> str:
    """`value` as HTML text: markup characters escaped, a carriage return as `&#13;` (HTML
    parsing turns a raw CR LF into LF, a character reference stays), and a lone surrogate
    (which UTF-8 cannot hold) as U+FFFD, one code point for one, so positions stay true."""
    out = escape(value, quote=True)
    if "\r" in out:
        out = out.replace("\r", "&#13;")
    if not out.isascii():
        out = _SURROGATE.sub("\ufffd", out)
    return out


def offsets(source: str, diagnostics: list[Diagnostic]) -> list[tuple[int, int]]:
    """Each diagnostic's span as code-point offsets into `source`, from its line and column
    (lines end at CR LF, LF or CR, as the engine counts them)."""
    starts = [0, *(m.end() for m in LINE_BREAK.finditer(source))]
    n = len(source)

    def at(line: int, column: int) -> int:
        base = starts[min(max(line, 1), len(starts)) - 1]
        return min(base + column - 1, n)

    return [(at(d.line, d.column), max(at(d.line, d.column), at(d.end_line, d.end_column))) for d in diagnostics]


def mark_tag(d: Diagnostic, ident: str, cut: bool, more: str = "") -> str:
    """The opening tag of a finding's highlight (`more`: classes to add)."""
    extra = ' data-cut="true"' if cut else ""
    return (f'<mark id="h{ident}" class="f {text(d.severity)}{" " + more if more else ""}" tabindex="0" role="button" '
            f'aria-describedby="d{ident}" data-code="{text(d.code)}" '
            f'data-severity="{text(d.severity)}" data-line="{d.line}" data-column="{d.column}" '
            f'data-end-line="{d.end_line}" data-end-column="{d.end_column}"{extra}>')
