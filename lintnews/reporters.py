"""Output formats. Each is a Reporter class registered under its --format name.

A reporter is made with the output stream, told about the run once (`start`: the rules
that ran, whether to use colour), given the diagnostics of each file in turn (`file`), and
told when all files are done (`finish`). `start` is optional for third-party reporters.
Modules a format needs (json, xml) are imported when that format is used, not before.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from lintnews import __version__
from lintnews.diagnostics import Applicability, Diagnostic, Problem
from lintnews.hookspecs import hookimpl
from lintnews.patterns import lazy

if TYPE_CHECKING:
    from lintnews.ruleset import Rule

_STYLES = {"path": "1", "code": "1;31", "fix": "36", "gutter": "1;34", "caret": "1;31", "dim": "2",
           "error": "1;31", "warning": "1;33", "info": "1;36", "deleted": "31", "inserted": "32"}


@dataclass(frozen=True)
class Run:
    """What a reporter may want to know about the run as a whole."""

    rules: tuple[type[Rule], ...] = ()     # the rules that ran, in code order
    color: bool = False                    # whether to colour the output
    version: str = __version__


class Reporter:
    """Receives the diagnostics of each file in turn, then `finish()` once."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.run = Run()

    def start(self, run: Run) -> None:
        """Called once, before the first file."""
        self.run = run

    def file(self, path: str, diagnostics: list[Diagnostic], text: str | None) -> None:
        """The diagnostics of one file, in position order (`text` is the file's text)."""

    def problem(self, problem: Problem, file: str | None) -> None:
        """Something kept lintnews from checking all it was asked to, already printed to
        standard error: on `file` (one it could not read, a rule that raised on it; told
        before `file()` for that file), or for the whole run (None: a plugin that failed to
        load). Formats read by machines report it too, so that a file left unchecked never
        passes for a clean one."""

    def finish(self) -> None:
        """All files are done."""

    def paint(self, text: str, style: str) -> str:
        """`text` in the colour of `style` when the run asks for colour."""
        return paint(text, style) if self.run.color else text


def paint(text: str, style: str) -> str:
    """`text` in the colour of `style` (an ANSI escape sequence)."""
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if text else text


def wants_color(choice: str, stream: TextIO, environ=os.environ) -> bool:
    """`--color`: always, never, or auto (a terminal, and NO_COLOR not set)."""
    if choice != "auto":
        return choice == "always"
    return not environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def safely_fixable(d: Diagnostic) -> bool:
    return d.fix is not None and d.fix.applicability is Applicability.SAFE


_UNPRINTABLE = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7f)} | {ord("\n"): "\\n", ord("\r"): "\\r",
                                                                    ord("\t"): "\\t", 0x2028: "\\u2028",
                                                                    0x2029: "\\u2029", 0x85: "\\x85"}


def printable(path: str) -> str:
    """A file name as one line of text: newlines, escape characters and other controls in it
    as backslash escapes (a name can hold them; raw, they forged lines or coloured a terminal)."""
    return path if path.isprintable() else path.translate(_UNPRINTABLE)


class TextReporter(Reporter):
    """`path:line:col: severity: CODE name message`, one finding a line (as compilers write
    theirs, which editors read); `[*]` marks a safe fix."""

    def file(self, path, diagnostics, text):
        for d in diagnostics:
            self.stream.write(self.line(d) + "\n")

    def line(self, d: Diagnostic, with_path: bool = True) -> str:
        mark = " " + self.paint("[*]", "fix") if safely_fixable(d) else ""
        severity = self.paint(d.severity, d.severity) if d.severity in _STYLES else d.severity
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


def write_json(value, stream: TextIO) -> None:
    """`value` as indented JSON (see json_text), and a line end."""
    stream.write(json_text(value) + "\n")


def json_text(value) -> str:
    """`value` as indented JSON, other scripts as they are (ensure_ascii off) but lone
    surrogates (a file name's undecodable bytes, "bad\\udcffname.txt") as \\u escapes:
    the document stays valid UTF-8 whatever is done with it, and reads back as the same
    string."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=2)
    if not text.isascii():
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


_SURROGATE = lazy(re.compile, "[\ud800-\udfff]")


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


@hookimpl
def lintnews_reporters():
    from lintnews.full import FullReporter
    from lintnews.junit import JunitReporter
    from lintnews.sarif import SarifReporter

    return {"text": TextReporter, "full": FullReporter, "json": JsonReporter, "sarif": SarifReporter,
            "github": GithubReporter, "junit": JunitReporter}
