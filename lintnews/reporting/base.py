"""What every output format shares: the Reporter base class, the Run it is told about,
colour, printable file names and JSON text.

A reporter is made with the output stream, told about the run once (`start`: the rules
that ran, whether to use colour), given the diagnostics of each file in turn (`file`), and
told when all files are done (`finish`). `start` is optional for third-party reporters.
Modules a format needs (json, xml) are imported when that format is used, not before.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from lintnews import __version__
from lintnews.diagnostics import Applicability, Diagnostic, Problem
from lintnews.patterns import lazy

if TYPE_CHECKING:
    from lintnews.ruleset import Rule

STYLES = {"path": "1", "code": "1;31", "fix": "36", "gutter": "1;34", "caret": "1;31", "dim": "2",
           "error": "1;31", "warning": "1;33", "info": "1;36", "deleted": "31", "inserted": "32"}


@dataclass(frozen=True)
class Run:
    """What a reporter may want to know about the run as a whole."""

    rules: tuple[type[Rule], ...] = ()     # the rules that ran, in code order
    color: bool = False                    # whether to colour the output
    version: str = __version__


class Reporter:
    """Receives the diagnostics of each file in turn, then `finish()` once.

    A reporter that sets `wants_document` is also given the Document the rules read of each
    file (`file(..., document=doc)`: its prose view, as loaded with the run's options), or
    None where there is none to give; others are called with three arguments, as always."""

    wants_document = False

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
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m" if text else text


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
