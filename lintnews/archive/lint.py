"""Linting one partition of archive rows: what a Dask worker runs. Rows in, finding rows out.

Each row is linted with `Linter.lint_text(text, path=id + suffix)`, exactly as the file CLI
lints a file of that name, so a row and a file get the same findings. Dask pickles
`lint_partition` by reference: a worker imports this module, and the cache below builds the
plugin manager and the Linter once per process (per configuration), not once per task.

What stops a row from being linted becomes an LN000 row: `input-error` (the row's data),
`rule-error` (a rule raised; the engine's Result.problems), `lint-error` (anything else,
such as a loader plugin that raised, or a partition that failed on the cluster).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from lintnews.archive.rows import Partition, Row
from lintnews.config import Config
from lintnews.engine import Linter
from lintnews.severity import at_least

COLUMNS = ("id", "line", "column", "end_line", "end_column", "code", "name", "message", "severity", "fix")
ERROR_CODE = "LN000"

_linters: dict[str, Linter] = {}


@dataclass
class PartitionResult:
    """The finding rows of one partition (tuples in COLUMNS order) and what it took."""

    index: int
    rows: list[tuple]
    articles: int
    words: int
    rules: tuple[str, ...]            # the codes of the rules the worker ran
    setup_problems: tuple[str, ...]   # plugins that failed to load on the worker
    failure: str | None = None        # why the cluster could not lint the partition at all


def linter_for(config: Config) -> Linter:
    """The Linter for `config`, built once per process."""
    key = repr(config)
    if key not in _linters:
        _linters[key] = Linter(config)
    return _linters[key]


def lint_partition(config: Config, partition: Partition) -> PartitionResult:
    """Lint every row of `partition`; one row's trouble never stops the others."""
    linter = linter_for(config)
    rows: list[tuple] = []
    words = 0
    for row in partition.rows:
        words += lint_row(linter, row, rows)
    return PartitionResult(partition.index, rows, len(partition.rows), words,
                           tuple(rule.code for rule in linter.rules), tuple(p.message for p in linter.problems))


def lint_row(linter: Linter, row: Row, out: list[tuple]) -> int:
    """Append the finding rows of one archive row to `out`; return its word count."""
    out.extend(error_row(row.id, "input-error", message) for message in row.errors)
    if row.text is None:
        return 0
    try:
        result = linter.lint_text(row.text, path=row.id + row.suffix)
    except Exception as exc:
        out.append(error_row(row.id, "lint-error", f"linting failed: {type(exc).__name__}: {exc}"))
        return 0
    out.extend(finding_row(row.id, d.to_dict()) for d in at_least(result.diagnostics, linter.config.min_severity))
    out.extend(error_row(row.id, "rule-error", p.message) for p in result.problems)
    return len(row.text.split())


def finding_row(ident: str, item: dict) -> tuple:
    """A Diagnostic's dict as an output row: the id instead of the path, the fix as JSON."""
    fix = item["fix"]
    return (ident, *(item[key] for key in COLUMNS[1:-1]),
            None if fix is None else json.dumps(fix, ensure_ascii=False))


def error_row(ident: str, name: str, message: str) -> tuple:
    """An LN000 row: something kept this article from being linted in full."""
    return (ident, None, None, None, None, ERROR_CODE, name, message, "error", None)


def failed_partition(partition: Partition, reason: str) -> PartitionResult:
    """The result of a partition the cluster could not lint: an LN000 row for each row."""
    rows: list[tuple] = []
    for row in partition.rows:
        rows.extend(error_row(row.id, "input-error", message) for message in row.errors)
        if row.text is not None:
            rows.append(error_row(row.id, "lint-error", f"not linted: {reason}"))
    return PartitionResult(partition.index, rows, len(partition.rows), 0, (), (), reason)
