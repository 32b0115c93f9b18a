"""Output formats. Each is a Reporter class registered under its --format name."""
from __future__ import annotations

import json
from typing import TextIO

from lintnews.diagnostics import Applicability, Diagnostic
from lintnews.hookspecs import hookimpl


class Reporter:
    """Receives the diagnostics of each file in turn, then `finish()` once."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def file(self, path: str, diagnostics: list[Diagnostic], text: str | None) -> None:
        """The diagnostics of one file, in position order (`text` is the file's text)."""

    def finish(self) -> None:
        """All files are done."""


class TextReporter(Reporter):
    """`path:line:col: CODE name message`, one finding a line; `[*]` marks a safe fix."""

    def file(self, path, diagnostics, text):
        for d in diagnostics:
            mark = " [*]" if d.fix is not None and d.fix.applicability is Applicability.SAFE else ""
            self.stream.write(f"{d.path}:{d.line}:{d.column}: {d.code} {d.name} {d.message}{mark}\n")


class JsonReporter(Reporter):
    """A JSON array of objects with the keys of `Diagnostic.to_dict`."""

    def __init__(self, stream):
        super().__init__(stream)
        self.items: list[dict] = []

    def file(self, path, diagnostics, text):
        self.items.extend(d.to_dict() for d in diagnostics)

    def finish(self):
        json.dump(self.items, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


@hookimpl
def lintnews_reporters():
    return {"text": TextReporter, "json": JsonReporter}
