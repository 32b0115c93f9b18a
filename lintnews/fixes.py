"""Applying fixes to a text: sorted, non-overlapping edits; safe ones unless asked for more."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix


def applicable(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    """The diagnostics whose fixes may be applied at the requested safety level."""
    return [d for d in diagnostics if d.fix is not None
            and (unsafe or d.fix.applicability is Applicability.SAFE)]


def select_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    """The diagnostics whose fixes can be applied together, in position order.

    A fix is left out when its edits fall outside the text or overlap one another, or when
    they overlap an edit of a fix already taken (that one is left for another pass), so a
    text is never corrupted by fixes that disagree.
    """
    taken = _Taken()
    chosen = []
    for d in sorted(applicable(diagnostics, unsafe), key=lambda d: (_first(d.fix), d.code)):
        edits = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        if not well_formed(edits, len(text)) or any(taken.clashes(e) for e in edits):
            continue
        for e in edits:
            taken.add(e)
        chosen.append(d)
    return chosen


class _Taken:
    """Edits that do not overlap one another, in order: so their ends never decrease, and
    an edit can overlap only the last few starting before it ends (found by bisection, not
    by comparing it with every edit taken: a text with thousands of fixes)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.edits: list[Edit] = []

    def clashes(self, edit: Edit) -> bool:
        j = bisect_right(self.starts, edit.end) - 1
        while j >= 0 and self.edits[j].end >= edit.start:
            if _overlaps(edit, self.edits[j]):
                return True
            j -= 1
        return False

    def add(self, edit: Edit) -> None:
        i = bisect_right(self.starts, edit.start)
        self.starts.insert(i, edit.start)
        self.edits.insert(i, edit)


def well_formed(edits: list[Edit], size: int) -> bool:
    """Edits (sorted) that lie inside a text of `size` characters and do not overlap."""
    if not edits or not all(0 <= e.start <= e.end <= size for e in edits):
        return False
    return not any(_overlaps(a, b) for a, b in zip(edits, edits[1:]))


def splice(text: str, edits: Iterable[Edit]) -> str:
    """The text with non-overlapping `edits` applied."""
    out, pos = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos:edit.start])
        out.append(edit.content)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """The text with every applicable fix that fits applied, and how many were applied."""
    chosen = select_fixes(text, diagnostics, unsafe)
    return splice(text, (e for d in chosen for e in d.fix.edits)), len(chosen)


def _first(fix: Fix) -> int:
    return min((e.start for e in fix.edits), default=0)


def _overlaps(a: Edit, b: Edit) -> bool:
    """Edits touching the same characters (or inserting at the same point) overlap."""
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end
