"""Suppression comments in Markdown and HTML articles.

    <!-- lintnews: ignore LN101 -->              this line (or, alone on its line, the next
                                                 line with text on it)
    <!-- lintnews: ignore-file LN402 -->         the whole file
    <!-- lintnews: disable LN3 -->               from here ...
    <!-- lintnews: enable LN3 -->                ... to here (or to the end of the file)

Rules are named by code, code prefix or name, separated by spaces or commas; none means
every rule. A suppression that suppresses nothing can be reported (unused-suppression).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lintnews.diagnostics import Diagnostic
from lintnews.document import Document
from lintnews.patterns import lazy

_DIRECTIVE = lazy(re.compile, r"<!--[ \t]*lintnews:[ \t]*(ignore-file|ignore|disable|enable)\b(.*?)-->", re.S)
_SELECTOR = lazy(re.compile, r"[^\s,]+")
UNUSED_CODE, UNUSED_NAME = "LN001", "unused-suppression"


@dataclass
class Suppression:
    """One directive: what it covers (lines, 1-based and inclusive) and for which rules."""

    kind: str
    selectors: tuple[str, ...]
    start: int                     # text offsets of the comment
    end: int
    first_line: int
    last_line: int
    used: bool = field(default=False)

    def covers(self, d: Diagnostic) -> bool:
        if not self.first_line <= d.line <= self.last_line:
            return False
        return not self.selectors or any(_matches(d, s) for s in self.selectors)

    def describe(self) -> str:
        return " ".join((self.kind, *self.selectors))


def _matches(d: Diagnostic, selector: str) -> bool:
    return selector in ("ALL", d.name) or d.code.startswith(selector)


def suppressions(doc: Document) -> list[Suppression]:
    """The suppression comments of a Markdown or HTML document (none in plain text)."""
    if doc.kind not in ("markdown", "html") or "lintnews:" not in doc.text:
        return []
    text = doc.text
    out: list[Suppression] = []
    open_regions: list[Suppression] = []
    last_line = len(doc.lines.starts)
    for m in _DIRECTIVE.finditer(text):
        kind = m.group(1)
        selectors = tuple(_SELECTOR.findall(m.group(2)))
        line, _ = doc.position(m.start())
        end_line, _ = doc.position(m.end())
        if kind == "ignore-file":
            out.append(Suppression(kind, selectors, m.start(), m.end(), 1, last_line))
        elif kind == "ignore":
            target = line if _has_text_beside(text, doc, m) else _next_text_line(text, doc, end_line)
            out.append(Suppression(kind, selectors, m.start(), m.end(), target, target))
        elif kind == "disable":
            region = Suppression(kind, selectors, m.start(), m.end(), line, last_line)
            out.append(region)
            open_regions.append(region)
        else:                                       # enable: close the matching regions
            for region in [r for r in open_regions if not selectors or set(r.selectors) & set(selectors)]:
                region.last_line = line
                open_regions.remove(region)
    return out


def _has_text_beside(text: str, doc: Document, m: re.Match) -> bool:
    starts = doc.lines.starts
    line, _ = doc.position(m.start())
    end_line, _ = doc.position(m.end())
    line_start = starts[line - 1]
    line_end = starts[end_line] if end_line < len(starts) else len(text)
    return bool(text[line_start:m.start()].strip() or text[m.end():line_end].strip())


def _next_text_line(text: str, doc: Document, after_line: int) -> int:
    starts = doc.lines.starts
    for n in range(after_line + 1, len(starts) + 1):
        end = starts[n] if n < len(starts) else len(text)
        if text[starts[n - 1]:end].strip():
            return n
    return after_line


def apply(diagnostics: Iterable[Diagnostic], found: list[Suppression]) -> list[Diagnostic]:
    """The diagnostics no suppression covers; each suppression that covered one is marked used."""
    kept = []
    for d in diagnostics:
        covering = [s for s in found if s.covers(d)]
        for s in covering:
            s.used = True
        if not covering:
            kept.append(d)
    return kept


def unused(doc: Document, found: list[Suppression]) -> list[Diagnostic]:
    """A diagnostic for every suppression that suppressed nothing."""
    out = []
    for s in found:
        if s.used or s.kind == "enable":
            continue
        line, col = doc.position(s.start)
        end_line, end_col = doc.position(s.end)
        out.append(Diagnostic(doc.path, line, col, end_line, end_col, UNUSED_CODE, UNUSED_NAME,
                              f"'lintnews: {s.describe()}' suppresses nothing", "warning", None, s.start, s.end))
    return out
