"""Suppression comments in Markdown and HTML articles.

    <!-- lintnews: ignore LN101 -->              this line (or, alone on its line, the next
                                                 line with text on it)
    <!-- lintnews: ignore-file LN402 -->         the whole file
    <!-- lintnews: disable LN3 -->               from here ...
    <!-- lintnews: enable LN3 -->                ... to here (or to the end of the file)

Rules are named by code, code prefix or name (in any case), separated by spaces or
commas; none means every rule. A suppression that suppresses nothing can be reported
(LN001 unused-suppression); one that cannot work, a misspelt directive or a code that
names no rule, is reported by LN002 invalid-suppression.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from lintnews.diagnostics import Diagnostic
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.ruleset import matches
from lintnews.spans import inside, merged

# every `lintnews:` comment; group 1 is the directive, right or not ("ignroe",
# "disable-next-line"), group 2 the rules it names
_DIRECTIVE = lazy(re.compile, r"<!--[ \t]*lintnews[ \t]*:[ \t]*([^\s,]*?)(?=[\s,]|-->)(.*?)-->", re.S | re.I)
_SELECTOR = lazy(re.compile, r"[^\s,]+")
DIRECTIVES = ("ignore", "ignore-file", "disable", "enable")
UNUSED_CODE, UNUSED_NAME = "LN001", "unused-suppression"
INVALID_CODE, INVALID_NAME = "LN002", "invalid-suppression"   # (rules/suppressions.py)


@dataclass
class Suppression:
    """One directive: what it covers (lines, 1-based and inclusive) and for which rules."""

    directive: str                 # one of DIRECTIVES
    selectors: tuple[str, ...]
    start: int                     # text offsets of the comment
    end: int
    first_line: int
    last_line: int
    used: bool = field(default=False)

    def describe(self) -> str:
        return " ".join((self.directive, *self.selectors))


def suppressions(doc: Document) -> list[Suppression]:
    """The suppression comments of a Markdown or HTML document (none in plain text)."""
    if doc.kind not in ("markdown", "html") or "<!--" not in doc.text:
        return []
    text = doc.text
    out: list[Suppression] = []
    open_regions: dict[str, list[Suppression]] = {}     # selector ("" for none) -> regions open
    closed: set[int] = set()                            # (ids of regions an enable has closed)
    last_line = len(doc.lines.starts)
    for m in _DIRECTIVE.finditer(text):
        directive = m.group(1).lower()
        if directive not in DIRECTIVES:
            continue                                # (invalid-suppression reports it)
        selectors = tuple(_SELECTOR.findall(m.group(2)))
        line, _ = doc.position(m.start())
        end_line, _ = doc.position(m.end())
        if directive == "ignore-file":
            out.append(Suppression(directive, selectors, m.start(), m.end(), 1, last_line))
        elif directive == "ignore":
            target = line if _has_text_beside(text, doc, m) else _next_text_line(text, doc, end_line)
            out.append(Suppression(directive, selectors, m.start(), m.end(), target, target))
        elif directive == "disable":
            region = Suppression(directive, selectors, m.start(), m.end(), line, last_line)
            out.append(region)
            for key in selectors or ("",):
                open_regions.setdefault(key, []).append(region)
        else:                                       # enable: close the regions sharing a selector
            for key in selectors or list(open_regions):     # (or all of them)
                for region in open_regions.pop(key, ()):
                    if id(region) not in closed:
                        closed.add(id(region))
                        region.last_line = line
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


class Screen:
    """The suppressions of one document, applied to diagnostics one at a time as the rules
    make them (so that a rule's limit counts only findings that are reported).

    A suppression covers a diagnostic on one of its lines whose rule one of its selectors
    names (or any, with none). Worked out per selector, not per pair of diagnostic and
    suppression: a long file with thousands of each would take their product."""

    def __init__(self, found: list[Suppression]) -> None:
        self.found = found
        covered: dict[str, list[tuple[int, int]]] = {}  # selector -> the lines it is suppressed on
        for s in found:
            for key in s.selectors or ("",):
                covered.setdefault(key.lower(), []).append((s.first_line, s.last_line + 1))
        self.covered = {key: merged(spans) for key, spans in covered.items()}
        # the lines of the diagnostics each selector names: of the rules that ran (lines), of
        # the one running (pending: dropped if it fails)
        self.lines: dict[str, set[int]] = {key: set() for key in covered}
        self.pending: dict[str, set[int]] = {key: set() for key in covered}

    def selectors(self, code: str, name: str) -> list[str]:
        """The selectors in use that name this rule (none: no line of its need be looked at)."""
        if not self.covered:
            return []
        return [key for key in _rule_keys(code, name) if key in self.covered]

    def keeps(self, selectors: list[str], line: int) -> bool:
        """Whether a diagnostic on `line` of a rule these selectors name is not suppressed."""
        kept = True
        for key in selectors:
            self.pending[key].add(line)
            kept = kept and not inside(self.covered[key], line)
        return kept

    def rule_done(self, succeeded: bool = True) -> None:
        """Count the lines of the running rule's diagnostics (if it ran to the end) for
        mark_used, and start afresh for the next rule."""
        for key, lines in self.pending.items():
            if succeeded:
                self.lines[key] |= lines
            lines.clear()

    def mark_used(self) -> None:
        """Mark each suppression that covered a diagnostic (once every rule has run)."""
        lines = {key: sorted(found) for key, found in self.lines.items()}
        for s in self.found:
            s.used = s.used or any(_any_between(lines[key.lower()], s.first_line, s.last_line)
                                   for key in s.selectors or ("",))


def _rule_keys(code: str, name: str) -> list[str]:
    """The selectors that name a rule (ALL, its name, its code or a prefix of it), in lower
    case as the Screen keeps them, and "" (a suppression naming no rule)."""
    code = code.lower()
    return ["", "all", name.lower(), *(code[:n] for n in range(1, len(code) + 1))]


def _any_between(sorted_lines: list[int], first: int, last: int) -> bool:
    i = bisect_left(sorted_lines, first)
    return i < len(sorted_lines) and sorted_lines[i] <= last


def unused(doc: Document, found: list[Suppression]) -> list[Diagnostic]:
    """A diagnostic for every suppression that suppressed nothing."""
    out = []
    for s in found:
        if s.used or s.directive == "enable":
            continue
        line, col = doc.position(s.start)
        end_line, end_col = doc.position(s.end)
        out.append(Diagnostic(doc.path, line, col, end_line, end_col, UNUSED_CODE, UNUSED_NAME,
                              f"'lintnews: {s.describe()}' suppresses nothing", "warning", None, s.start, s.end))
    return out


def invalid(doc: Document, rules, severity: str) -> list[Diagnostic]:
    """A diagnostic of LN002 invalid-suppression for each unknown directive, and each
    selector that names none of `rules`, of the document's lintnews comments."""
    from lintnews.config import closest

    if doc.kind not in ("markdown", "html") or "<!--" not in doc.text:
        return []
    out = []

    def report(start: int, end: int, message: str) -> None:
        line, col = doc.position(start)
        end_line, end_col = doc.position(end)
        out.append(Diagnostic(doc.path, line, col, end_line, end_col, INVALID_CODE,
                              INVALID_NAME, message, severity, None, start, end))

    known = [r.code for r in rules] + [r.name for r in rules]
    for m in _DIRECTIVE.finditer(doc.text):
        directive = m.group(1)
        if directive.lower() not in DIRECTIVES:
            guess = closest(directive.lower(), DIRECTIVES)
            write = f"'{guess}'" if guess else "ignore, ignore-file, disable or enable"
            if directive:
                report(m.start(1), m.end(1), f"'{directive}' is not a lintnews directive, so this comment "
                                             f"suppresses nothing: write {write}")
            else:
                report(m.start(), m.end(), f"a lintnews comment with no directive suppresses nothing: write {write}")
            continue
        for sel in _SELECTOR.finditer(m.group(2)):
            word = sel.group()
            if not any(matches(rule, word) for rule in rules):
                guess = closest(word.upper() if word[-1:].isdigit() else word.lower(), known)
                hint = f"write '{guess}'" if guess else "use a code or name of lintnews --list-rules"
                report(m.start(2) + sel.start(), m.start(2) + sel.end(),
                       f"no rule is called '{word}', so nothing is suppressed for it: {hint}")
    return out
