"""Sets of half-open spans [start, end): merged once, then asked about any point by bisection."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, with those that overlap or touch made one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def inside(spans: list[tuple[int, int]], point: int) -> bool:
    """Whether point lies in one of the spans (as `merged` makes them)."""
    i = bisect_right(spans, (point, float("inf"))) - 1
    return i >= 0 and point < spans[i][1]
