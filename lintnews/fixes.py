"""Applying fixes to a text: sorted, non-overlapping edits; safe ones unless asked for more."""
from __future__ import annotations

from collections.abc import Iterable

from lintnews.diagnostics import Applicability, Diagnostic, Edit


def applicable(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    """The diagnostics whose fixes may be applied at the requested safety level."""
    return [d for d in diagnostics if d.fix is not None
            and (unsafe or d.fix.applicability is Applicability.SAFE)]


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """The text with every applicable fix applied, and how many fixes were applied.

    Fixes are taken in position order; one whose edits overlap an edit already taken is
    left for another pass, so overlapping fixes never corrupt the text.
    """
    taken: list[Edit] = []
    count = 0
    for d in sorted(applicable(diagnostics, unsafe), key=lambda d: (d.fix.edits[0].start, d.code)):
        edits = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        if any(_overlaps(e, t) for e in edits for t in taken):
            continue
        taken.extend(edits)
        count += 1
    out, pos = [], 0
    for edit in sorted(taken, key=lambda e: (e.start, e.end)):
        out.append(text[pos:edit.start])
        out.append(edit.content)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out), count


def _overlaps(a: Edit, b: Edit) -> bool:
    """Edits touching the same characters (or inserting at the same point) overlap."""
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end
