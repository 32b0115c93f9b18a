"""The one-line output formats: `text`, `json`, `github`, and `--statistics`."""
from __future__ import annotations

from collections import Counter

from lintnews.diagnostics import Diagnostic
from lintnews.reporting.base import STYLES, Reporter, printable, safely_fixable, write_json


class TextReporter(Reporter):
    """`path:line:col: severity: CODE name message`, one finding a line (as compilers write
    theirs, which editors read); `[*]` marks a safe fix."""

    def file(self, path, diagnostics, text):
        for d in diagnostics:
            self.stream.write(self.line(d) + "\n")

    def line(self, d: Diagnostic, with_path: bool = True) -> str:
        mark = " " + self.paint("[*]", "fix") if safely_fixable(d) else ""
        severity = self.paint(d.severity, d.severity) if d.severity in STYLES else d.severity
        path = f"{self.paint(printable(d.path), 'path')}:" if with_path else ""
        return (f"{path}{d.line}:{d.column}: {severity}: {self.paint(d.code, 'code')} "
                f"{d.name} {d.message}{mark}")


class JsonReporter(Reporter):
    """A JSON array of objects with the keys of `Diagnostic.to_dict`."""

    def __init__(self, stream):
        super().__init__(stream)
        self.items: list[dict] = []

    def file(self, path, diagnostics, text):
        self.items.extend(d.to_dict() for d in diagnostics)

    def finish(self):
        write_json(self.items, self.stream)


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: `::warning file=...,line=...::message` annotations."""

    LEVELS = {"error": "error", "warning": "warning", "info": "notice"}

    def file(self, path, diagnostics, text):
        for d in diagnostics:
            props = {"file": d.path, "line": d.line, "col": d.column, "endLine": d.end_line,
                     "endColumn": d.end_column, "title": f"{d.code} {d.name}"}
            joined = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
            level = self.LEVELS.get(d.severity, "notice")
            self.stream.write(f"::{level} {joined}::{_escape_data(d.message)}\n")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class StatisticsReporter(Reporter):
    """`--statistics`: how many findings of each rule (with its severity), and how many
    have a safe fix."""

    def __init__(self, stream):
        super().__init__(stream)
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.fixable: Counter[tuple[str, str, str]] = Counter()

    def file(self, path, diagnostics, text):
        for d in diagnostics:
            self.counts[d.code, d.name, d.severity] += 1
            self.fixable[d.code, d.name, d.severity] += safely_fixable(d)

    def finish(self):
        rows = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        width = max((len(str(n)) for _, n in rows), default=1)
        for (code, name, severity), n in rows:
            fixable = self.fixable[code, name, severity]
            mark = self.paint(f"[*] {fixable} fixable", "fix") if fixable else ""
            self.stream.write(f"{n:>{width}}  {self.paint(code, 'code')}  {name:<26} {severity:<8} {mark}".rstrip()
                              + "\n")
