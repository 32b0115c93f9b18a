"""Severities (info < warning < error), the thresholds that use them, and the measured
precision behind a built-in rule's default.

A finding carries its rule's severity (the rule's default, or `severity` in its
configuration table). `min-severity` hides the findings below it from every output; the
exit status is 1 only when a shown finding is at or above `fail-on` (default: error).
"""
from __future__ import annotations

from dataclasses import dataclass

from lintnews.errors import ConfigError

SEVERITIES = ("info", "warning", "error")       # lowest first
_RANK = {level: i for i, level in enumerate(SEVERITIES)}


def rank(level: str) -> int:
    """0 for info, 1 for warning, 2 for error."""
    return _RANK[level]


def check_severity(value: object, where: str) -> str:
    """`value` if it is a severity; else a ConfigError saying `where` it came from."""
    if value not in _RANK:
        raise ConfigError(f"{where}: severity {value!r} is not one of {', '.join(SEVERITIES)}")
    return value


def at_least(diagnostics: list, level: str) -> list:
    """The diagnostics of severity `level` or above (the list itself when that is all)."""
    floor = rank(level)
    if floor == 0:
        return diagnostics
    kept = [d for d in diagnostics if _RANK.get(d.severity, 0) >= floor]
    return diagnostics if len(kept) == len(diagnostics) else kept


@dataclass(frozen=True)
class Reading:
    """A rule's findings on one corpus of real copy, as read by eye: how many were right,
    wrong and arguable; or, not yet read, only how many there were (`share`: a range of
    the right share when only that is known)."""

    corpus: str                 # "2,127 BBC News articles"
    words: int
    findings: int
    right: int | None = None
    wrong: int | None = None
    arguable: int | None = None
    share: tuple[float, float] | None = None

    @property
    def right_share(self) -> tuple[float, float] | None:
        """(lowest, highest) share of findings that were right; None when unread or none.
        Arguable findings count as not right."""
        if self.right is not None and self.findings:
            return self.right / self.findings, self.right / self.findings
        return self.share

    def describe(self) -> str:
        per_10k = f"{self.findings * 10_000 / self.words:.2f} per 10k words"
        if self.right is not None:
            arguable = f" ({self.arguable} arguable)" if self.arguable else ""
            return f"right {self.right} of {self.findings} times{arguable} on {self.corpus} ({per_10k})"
        if self.share is not None:
            low, high = self.share
            return f"right {low:.0%}-{high:.0%} of {self.findings} times on {self.corpus} ({per_10k})"
        if not self.findings:
            return f"no findings on {self.corpus}"
        return f"{self.findings} findings on {self.corpus} ({per_10k}), not yet read"


@dataclass(frozen=True)
class Precision:
    """The readings behind a built-in rule's default severity, one per corpus."""

    readings: tuple[Reading, ...]
    provisional: bool = False     # a default kept until the findings are read

    def describe(self) -> str:
        text = "; ".join(r.describe() for r in self.readings)
        return text + (" (provisional until read)" if self.provisional else "")
