"""`lintnews archive ... --report report.html`: the html report of a sweep. Its overview
counts every article and rule of the sweep; the articles shown are a sample: the first
SAMPLE_PER_RULE articles found for each rule and the WORST articles with the most findings,
whose rows the sample keeps as the sweep goes (the inputs are not read again), linted here
as the workers linted them.
"""
from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from lintnews.archive.lint import ERROR_CODE
from lintnews.diagnostics import Problem

SAMPLE_PER_RULE = 3
WORST = 10


class Sample:
    """Chooses, from the finding rows as partitions come back, the articles to show, and keeps
    their rows (those of the articles chosen so far only); counts the findings with a fix."""

    def __init__(self, per_rule: int = SAMPLE_PER_RULE, worst: int = WORST) -> None:
        self.per_rule, self.worst = per_rule, worst
        self.by_rule: dict[str, list[str]] = {}
        self.heap: list[tuple[int, str]] = []     # (findings, id): the `worst` articles so far
        self.fixable: Counter[str] = Counter()
        self.articles: dict[str, object] = {}     # id -> archive Row, of the articles chosen

    def add(self, rows: Sequence[tuple], articles: Sequence = ()) -> None:
        """Take the finding rows of a partition; `articles`: its archive rows (with the text)."""
        counts: Counter[str] = Counter()
        for row in rows:
            ident, code, fix = row[0], row[5], row[9]
            if code == ERROR_CODE:
                continue
            counts[ident] += 1
            chosen = self.by_rule.setdefault(code, [])
            if len(chosen) < self.per_rule and ident not in chosen:
                chosen.append(ident)
            if fix:
                self.fixable["safe" if '"applicability": "safe"' in fix else "unsafe"] += 1
        for ident, n in counts.items():
            (heapq.heappush if len(self.heap) < self.worst else heapq.heappushpop)(self.heap, (n, ident))
        chosen = set(self.ids())
        for row in articles:
            if row.id in chosen and row.text is not None and row.id not in self.articles:
                self.articles[row.id] = row
        for ident in [ident for ident in self.articles if ident not in chosen]:
            del self.articles[ident]        # (pushed out of the worst by a later partition)

    def ids(self) -> list[str]:
        """The articles to show, each once: the worst first, then those of each rule."""
        out = [ident for _, ident in sorted(self.heap, reverse=True)]
        for code in sorted(self.by_rule):
            out += self.by_rule[code]
        return list(dict.fromkeys(out))


def write_html_report(path: Path, report: dict, sample: Sample, linter) -> None:
    """Write the page: `report` is the sweep's summary (Tally.report)."""
    from lintnews.reporting.base import Run
    from lintnews.reporting.html import HtmlReporter
    from lintnews.severity import at_least

    wanted = sample.ids()
    found = sample.articles
    with open(path, "w", encoding="utf-8") as fh:
        reporter = HtmlReporter(fh)
        reporter.title = "lintnews archive report"
        reporter.start(Run(tuple(type(r) for r in linter.rules)))
        reporter.given_totals(report["articles"], report["words"],
                              [(r["code"], r["name"], r["severity"], r["findings"]) for r in report["rules"]],
                              sample.fixable)
        reporter.notes = [f"{len(found):,} of {report['articles']:,} articles shown: the {WORST} with the most "
                          f"findings and the first {SAMPLE_PER_RULE} of each rule; counts are of them all"]
        for name, n in report["errors"].items():
            reporter.problem(Problem("input", "", f"{n:,} articles: {ERROR_CODE} {name} (see the output)"), None)
        for ident in wanted:
            row = found.get(ident)
            if row is None:
                continue
            result = linter.lint_text(row.text, path=row.id + row.suffix)
            reporter.file(row.id + row.suffix, at_least(result.diagnostics, linter.config.min_severity), row.text,
                          document=result.document)
        reporter.finish()
