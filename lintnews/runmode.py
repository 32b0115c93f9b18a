"""What a `lintnews` run does around linting: fixing, diffs, baselines, the summary, the exit.

The command line's loop hands each file's Result (or FixResult) to a RunMode, which drops
the findings a baseline knows, records them for a new baseline, prints diffs, tallies the
fixes and, at the end, prints the summary lines (on standard error, so that standard
output stays machine-readable; none with --quiet).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace

from lintnews.diagnostics import Applicability
from lintnews.errors import UsageError
from lintnews.reporting.base import Reporter, Run, paint, wants_color
from lintnews.reporting.full import FullReporter
from lintnews.reporting.simple import StatisticsReporter, TextReporter
from lintnews.severity import at_least, rank


def check_run_arguments(args: argparse.Namespace, config=None) -> RunMode:
    """The RunMode for these arguments; options that do not go together are a UsageError."""
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes needs --fix or --diff")
    if args.write_baseline and (args.fix or args.diff or args.baseline):
        raise UsageError("--write-baseline records findings as they are: not with --fix, --diff or --baseline")
    if config is None:
        return RunMode(args)
    return RunMode(args, fail_on=config.fail_on, min_severity=config.min_severity)


def open_reporter(linter, args: argparse.Namespace, stream) -> Reporter:
    """The reporter for --format (or --statistics), started with the run's rules and colour."""
    # pluggy answers the last registered plugin first; a later plugin's format wins
    groups = linter.plugins.hook.lintnews_reporters()
    reporters = {k: v for group in reversed(groups) for k, v in group.items()}
    if args.format not in reporters:
        raise UsageError(f"unknown format {args.format!r} (known: {', '.join(sorted(reporters))})")
    reporter = (StatisticsReporter if args.statistics else reporters[args.format])(stream)
    start = getattr(reporter, "start", None)     # third-party reporters may not have it
    if start is not None:
        start(Run(tuple(type(r) for r in linter.rules), wants_color(args.color, stream)))
    return reporter


class RunMode:
    """One run's options and tallies: what is reported, what is written, what is summed up.

    Findings below `min_severity` are dropped first, as if never found (not reported, not
    counted, not recorded in a baseline); the run fails (exit 1) only when a finding that is
    shown is at or above `fail_on`.
    """

    def __init__(self, args: argparse.Namespace, fail_on: str = "error", min_severity: str = "info") -> None:
        self.args = args
        self.fail_on, self.min_severity = rank(fail_on), min_severity
        self.diff = args.diff
        self.fixing = args.fix or args.diff
        self.baseline = self.recorder = None
        if args.baseline or args.write_baseline:
            from lintnews.baseline import Baseline, BaselineWriter

            self.baseline = Baseline.load(args.baseline) if args.baseline else None
            self.recorder = BaselineWriter(args.write_baseline) if args.write_baseline else None
        self.fixes: Counter[str] = Counter()
        self.changed_files = 0
        self.remaining = 0
        self.files = self.files_with_findings = 0
        self.safe = self.unsafe = 0     # shown findings with a safe fix, with an unsafe one
        self.failed = False       # findings remain (or, with --diff, a file would change)

    @property
    def reports(self) -> bool:
        """Whether findings go to the reporter (not with --diff or --write-baseline)."""
        return not (self.diff or self.recorder)

    @property
    def writes(self) -> bool:
        return bool(self.args.fix and not self.diff)

    def fixes_stdin(self, paths) -> bool:
        """With --fix, standard input's fixed text takes standard output; findings go to stderr."""
        return self.writes and "-" in paths

    def warn(self, message: str) -> None:
        if not self.args.quiet:
            print(f"lintnews: warning: {message}", file=sys.stderr)

    def linted(self, result, config=None):
        """A file's Result, less what is below min-severity and what the baseline knows (the
        thresholds of the file's own configuration, when given)."""
        shown = at_least(result.diagnostics, config.min_severity if config else self.min_severity)
        if shown is not result.diagnostics:
            result = replace(result, diagnostics=shown)
        if self.baseline is not None:
            result = self.baseline.filter(result)
        if self.recorder is not None:
            self.recorder.add(result)
        self.remaining += len(result.diagnostics)
        self.files += 1
        self.files_with_findings += bool(result.diagnostics)
        for d in result.diagnostics:
            if d.fix is not None:
                if d.fix.applicability is Applicability.SAFE:
                    self.safe += 1
                else:
                    self.unsafe += 1
        fails = self.fails(result.diagnostics, rank(config.fail_on) if config else self.fail_on)
        self.failed = self.failed or (not self.diff and not self.recorder and fails)
        return result

    def fails(self, diagnostics, fail_on: int | None = None) -> bool:
        """Whether any of these findings is at or above fail-on."""
        fail_on = self.fail_on if fail_on is None else fail_on
        return any(rank(d.severity) >= fail_on for d in diagnostics)

    def fixed(self, outcome, config=None):
        """A file's FixResult: tally it, print its diff (--diff), and report what remains."""
        self.fixes.update(outcome.fixed)
        if outcome.changed:
            self.changed_files += 1
            if self.diff:
                sys.stdout.write(self.diff_text(outcome.original, outcome.text, outcome.result.path))
                self.failed = True
        if not outcome.converged:
            self.warn(f"{outcome.result.path}: fixes still applied after the last pass; run again "
                      f"to apply the rest")
        return self.linted(outcome.result, config)

    def diff_text(self, before: str, after: str, path: str) -> str:
        """A unified diff for pipes, `patch` and `git apply`; on a terminal the changed words
        in their sentence (a Markdown paragraph is one line of hundreds of words)."""
        from lintnews.diffs import unified_diff, word_diff

        if not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty()):
            return unified_diff(before, after, path)
        color = wants_color(self.args.color, sys.stdout)
        return word_diff(before, after, path, lambda text, style: paint(text, style) if color else text)

    def exit_status(self, status: int) -> int:
        """2 for errors; else 1 when something failed: a shown finding at or above fail-on, or
        with --diff a file that would change (unless --exit-zero); else 0."""
        return status or (1 if self.failed and not self.args.exit_zero else 0)

    def summarises(self, reporter) -> bool:
        """Whether the findings are summed up for a reader: lintnews's own text formats (not
        a pack's, nor JSON, SARIF ...), not with --fix, --diff or --statistics."""
        return self.reports and not self.fixing and type(reporter) in (TextReporter, FullReporter)

    def finish(self, reporter=None, clean_run: bool = True) -> None:
        """Write the baseline, then print the summary lines (`clean_run`: no file went
        unchecked; `reporter`: the one the findings went to)."""
        lines = []
        if self.recorder is not None:
            n = self.recorder.write()
            lines.append(f"recorded {_findings(n)} in the baseline {self.args.write_baseline}")
        if self.fixing:
            by_rule = ", ".join(f"{code} {n}" for code, n in sorted(self.fixes.items()))
            done = "would fix" if self.diff else "fixed"
            files = f"{self.changed_files} file{'s' * (self.changed_files != 1)}"
            where = f" in {files} ({by_rule})" if self.fixes else ""
            left = "" if self.diff else f"; {_findings(self.remaining)} remain{'s' * (self.remaining == 1)}"
            lines.append(f"{done} {_findings(sum(self.fixes.values()))}{where}{left}")
        if self.baseline is not None and self.baseline.suppressed:
            lines.append(f"{_findings(self.baseline.suppressed)} recorded in the baseline not reported")
        if self.args.quiet:
            return
        for line in lines:
            print(f"lintnews: {line}", file=sys.stderr)
        if self.summarises(reporter):
            for line in found_lines(self.remaining, self.files_with_findings, self.files, self.safe, self.unsafe,
                                    clean_run):
                print(line, file=sys.stderr)


def found_lines(findings: int, files: int, checked: int, safe: int, unsafe: int, clean_run: bool) -> list[str]:
    """The summary after the findings, as ruff's: how many, in how many `files`, how many
    --fix can fix, and the legend of [*]; "All clean" when nothing was found in the
    `checked` files and none went unchecked."""
    if not findings:
        return [f"All clean: no findings in {checked} file{'s' * (checked != 1)}."] if clean_run and checked else []
    fixable = [f"{safe} fixable with `--fix`"] if safe else []
    if unsafe:
        fixable.append(f"{unsafe} {'more ' if safe else ''}with `--fix --unsafe-fixes`")
    tail = f" ({', '.join(fixable)})" if fixable else ""
    lines = [f"Found {_findings(findings)} in {files} file{'s' * (files != 1)}{tail}."]
    if safe:
        lines.append("[*] marks a finding `--fix` can fix safely.")
    return lines


def _findings(n: int) -> str:
    return f"{n} finding{'s' * (n != 1)}"


def fix_stdin(linter, name: str, unsafe: bool, write: bool):
    """Fix standard input; with `write`, its fixed text (encoded as it came) goes to stdout."""
    data = linter.read_input(sys.stdin.buffer)
    outcome, fixed = linter.fix_bytes(data, name, unsafe=unsafe)
    if write:
        sys.stdout.buffer.write(fixed)      # unchanged text rather than nothing
        limit = linter.config.max_file_size
        if limit is not None and len(data) > limit:     # (and all of it, a piece at a time)
            import shutil

            shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
        sys.stdout.flush()
    return outcome
