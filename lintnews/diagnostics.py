"""The records that flow through the engine: edits and fixes, findings, diagnostics, errors.

Offsets are Unicode code points, end exclusive, in one of two strings:

- A `Finding`, and the `Edit`s of its fix, hold **prose offsets**: into `doc.prose`, the
  article as a reader reads it (for plain text the file's text itself; for Markdown and
  HTML the text with the markup left out). Rules work in these only.
- A `Diagnostic` holds **file offsets** (`start`, `end`, and the edits of its `fix`): into
  the decoded file, `doc.text`, and its 1-based line and column.

The engine turns the one into the other when it makes a Diagnostic (Document.text_span;
a fix whose edit would cut through markup is dropped), and nothing else does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Applicability(str, Enum):
    """How safe a fix is to apply without a human looking at it."""

    SAFE = "safe"        # cannot change meaning ("the the" -> "the")
    UNSAFE = "unsafe"    # probably right, but may change meaning (a list item, a phrase)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace [start:end] with `content` (an insertion when start == end): of the prose in
    a Finding's fix, of the file in a Diagnostic's."""

    start: int
    end: int
    content: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more non-overlapping edits that together repair a finding."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    message: str = ""

    @classmethod
    def replace(cls, start: int, end: int, content: str, *, safe: bool = True, message: str = "") -> Fix:
        level = Applicability.SAFE if safe else Applicability.UNSAFE
        return cls((Edit(start, end, content),), level, message)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: the offending span of the prose and a message (and a fix)."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding as reported: rule identity, 1-based positions (end column exclusive), and
    file offsets."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    message: str
    severity: str = "warning"
    fix: Fix | None = None
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    def to_dict(self) -> dict:
        """The JSON form: the keys every machine-readable output shares."""
        fix = None
        if self.fix is not None:
            fix = {
                "applicability": self.fix.applicability.value,
                "message": self.fix.message,
                "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in self.fix.edits],
            }
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "code": self.code, "name": self.name, "message": self.message,
            "severity": self.severity, "fix": fix,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that stopped lintnews from checking all it was asked to (exit code 2).

    `category` is one of "input" (a file that cannot be read), "output" (a fixed file that
    cannot be written back), "plugin" (a plugin that failed to load), "rule" (a rule that
    raised), "config".
    """

    category: str
    path: str
    message: str

    @property
    def kind(self) -> str:
        """`category`, by the name reporters written before it had this one use."""
        return self.category

    def __str__(self) -> str:
        return f"{self.path}: error: {self.message}"
