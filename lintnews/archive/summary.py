"""What a sweep reports about itself: the progress line, the closing summary, the JSON report.

Megabytes are those of the articles' text in UTF-8 (what was linted, whatever the archive's
compression); words are whitespace-separated tokens; the progress fraction and the ETA
come from how much of the input files has been read back as results.
"""
from __future__ import annotations

import time
from collections import Counter
from typing import TextIO

from lintnews.archive.lint import ERROR_CODE, PartitionResult
from lintnews.archive.rows import Partition
from lintnews.severity import rank

MB = 1_000_000


class Tally:
    """Counts of what the sweep has done so far."""

    def __init__(self, input_bytes: int) -> None:
        self.input_total = input_bytes
        self.input_done = self.articles = self.text_bytes = self.words = 0
        self.by_rule: Counter[tuple[str, str]] = Counter()
        self.severities: dict[str, str] = {}      # each rule's code -> its findings' severity
        self.started = time.monotonic()

    def restart(self) -> None:
        """Start the clock again (once the cluster is up)."""
        self.started = time.monotonic()

    def add(self, part: Partition, result: PartitionResult) -> None:
        self.input_done += part.input_bytes
        self.text_bytes += part.text_bytes
        self.articles += result.articles
        self.words += result.words
        self.by_rule.update((row[5], row[6]) for row in result.rows)
        self.severities.update((row[5], row[8]) for row in result.rows)

    def fails(self, fail_on: str) -> bool:
        """Whether any finding (LN000 rows aside) is at or above `fail_on`."""
        return any(rank(self.severities[code]) >= rank(fail_on) for code, _ in self.by_rule if code != ERROR_CODE)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def report(self, **extra) -> dict:
        """The summary as a JSON-ready dict; `extra` (workers, output, exit status) added."""
        seconds = self.seconds
        findings = {key: n for key, n in self.by_rule.items() if key[0] != ERROR_CODE}
        total = sum(findings.values())
        return {
            "articles": self.articles, "megabytes": round(self.text_bytes / MB, 3), "words": self.words,
            "seconds": round(seconds, 3),
            "articles_per_second": round(self.articles / seconds, 1) if seconds else None,
            "megabytes_per_second": round(self.text_bytes / MB / seconds, 3) if seconds else None,
            "findings": total, "findings_per_10k_words": _per_10k(total, self.words),
            "rules": [{"code": code, "name": name, "severity": self.severities[code], "findings": n,
                       "per_10k_words": _per_10k(n, self.words)} for (code, name), n in sorted(findings.items())],
            "errors": {name: n for (code, name), n in sorted(self.by_rule.items()) if code == ERROR_CODE},
            **extra,
        }


def _per_10k(n: int, words: int) -> float | None:
    return round(n * 10_000 / words, 3) if words else None


def summary_text(report: dict) -> str:
    """The report for people: totals, then one line per rule, then what could not be linted."""
    lines = [f"{report['articles']:,} articles, {report['megabytes']:,.1f} MB, {report['words']:,} words "
             f"in {report['seconds']:,.1f} s ({report['articles_per_second'] or 0:,.0f} articles/s, "
             f"{report['megabytes_per_second'] or 0:,.2f} MB/s) on {report['workers']} "
             f"worker{'s' if report['workers'] != 1 else ''}",
             f"{report['findings']:,} findings ({report['findings_per_10k_words'] or 0:.2f} per 10k words)"]
    lines += [f"  {r['code']} {r['name']:<26} {r['severity']:<8} {r['findings']:>9,}  {r['per_10k_words'] or 0:8.2f} "
              f"per 10k words" for r in report["rules"]]
    lines += [f"  {ERROR_CODE} {name:<26} {n:>9,}  (see the output)" for name, n in report["errors"].items()]
    peaks = dict(report.get("peak_rss_mb") or {})
    client, workers = peaks.pop("client", None), [mb for mb in peaks.values() if mb is not None]
    if client is not None and workers:
        lines.append(f"memory high-water marks: client {client:,.0f} MB, workers "
                     f"{', '.join(f'{mb:,.0f}' for mb in workers)} MB")
    lines.append(f"wrote {report['output_rows']:,} rows to {report['output']}")
    return "\n".join(lines)


class Progress:
    """A one-line progress bar on a terminal (stderr); silent when the stream is not one."""

    def __init__(self, stream: TextIO, tally: Tally, every: float = 0.2) -> None:
        self.stream, self.tally, self.every = stream, tally, every
        self.enabled = stream.isatty()
        self.shown = 0.0

    def update(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.shown < self.every):
            return
        self.shown = now
        t = self.tally
        seconds = max(t.seconds, 1e-9)
        share = t.input_done / t.input_total if t.input_total else 0.0
        eta = _clock(seconds * (1 - share) / share) if share else "?"
        self.stream.write(f"\r{t.articles:,} articles  {t.text_bytes / MB:,.1f} MB  "
                          f"{t.articles / seconds:,.0f} articles/s  {t.text_bytes / MB / seconds:,.2f} MB/s  "
                          f"{share:.0%}  ETA {eta}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
