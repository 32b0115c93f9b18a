"""A baseline: the findings an archive already has, so that only new ones fail a run.

    lintnews articles/ --write-baseline lintnews-baseline.json   # record today's findings
    lintnews articles/ --baseline lintnews-baseline.json         # report only new ones

A finding is keyed on its rule code, its file, the text it flags and CONTEXT characters of
text on each side, with runs of white space collapsed to one space: not on its line, so
edits elsewhere in the file (lines moving up or down, a change of line endings) keep it
matched; a finding whose context changed on one side only (an edit or a fix next to it)
still matches on the other side. Keys are counted: if the baseline holds a key twice and a file now has it three
times, one finding is new. Paths are stored relative to the baseline file's folder, with
"/" separators, so the baseline works from any working directory.

The file (format version 1) is JSON, sorted, one finding per object, for clean git diffs:

    {
      "version": 1,
      "findings": [
        {"path": "news/a.txt", "code": "LN101", "text": "the", "before": "It was the ",
         "after": " end.", "count": 1}
      ]
    }
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

import regex

from lintnews.errors import UsageError

VERSION = 1
CONTEXT = 30
_SPACE = regex.compile(r"\s+")
Key = tuple[str, str, str, str, str]       # path, code, text, before, after


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text)


def keys(result, text: str, root: str) -> list[Key]:
    """The baseline key of each diagnostic of `result` (`text` is the file's text)."""
    path = relative_path(result.path, root)
    out = []
    for d in result.diagnostics:
        start, end = _offsets(d, text)
        before = collapse(text[max(0, start - 4 * CONTEXT):start])[-CONTEXT:]
        after = collapse(text[end:end + 4 * CONTEXT])[:CONTEXT]
        out.append((path, d.code, collapse(text[start:end]), before, after))
    return out


def relative_path(path: str, root: str) -> str:
    """`path` relative to `root` with "/" separators (standard input's name as it is)."""
    if path == "-" or not os.path.exists(path):
        return path.replace(os.sep, "/")
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def _offsets(d, text: str) -> tuple[int, int]:
    if d.start or d.end:
        return d.start, d.end
    from lintnews.document import LineIndex

    index = LineIndex(text)
    return index.offset(d.line, d.column), index.offset(d.end_line, d.end_column)


MAX_BASELINE_BYTES = 1 << 30   # read no further (nor a FIFO, nor /dev/zero)


class Baseline:
    """Known findings, counted by key; `filter` drops the known ones from a Result."""

    def __init__(self, counts: Counter[Key], root: str) -> None:
        self.counts = counts
        self.root = root
        self.suppressed = 0

    @classmethod
    def load(cls, path: str | os.PathLike) -> Baseline:
        """Read a baseline file; anything wrong with it is a one-line UsageError."""
        import json

        from lintnews.errors import InputError
        from lintnews.reading import read_bytes

        try:
            data = json.loads(read_bytes(path, MAX_BASELINE_BYTES, advice="").decode("utf-8"))
        except InputError as exc:
            if str(exc) == "no such file":
                raise UsageError(f"baseline {path}: no such file (make one with --write-baseline)") from None
            raise UsageError(f"baseline {path}: cannot read it: {exc}") from None
        except (UnicodeDecodeError, ValueError) as exc:
            raise UsageError(f"baseline {path}: cannot read it: {exc}") from None
        except RecursionError:
            raise UsageError(f"baseline {path}: cannot read it: JSON nested too deeply") from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise UsageError(f"baseline {path}: not a lintnews baseline of format version {VERSION}")
        counts: Counter[Key] = Counter()
        try:
            for item in data["findings"]:
                key = tuple(str(item[k]) for k in ("path", "code", "text", "before", "after"))
                counts[key] += int(item.get("count", 1))
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"baseline {path}: malformed finding ({exc})") from None
        return cls(counts, _folder_of(path))

    def filter(self, result):
        """`result` without the findings the baseline knows, each recorded one used up once.

        A finding matches a recorded one with the same key; failing that, one with the
        same path, code and text and the same context on one side (an edit, a fix, next
        to a finding changes the context on that side only).
        """
        if not result.diagnostics or result.document is None:
            return result
        found = keys(result, result.document.text, self.root)
        known = [self._take(key) for key in found]
        for i, key in enumerate(found):
            if not known[i]:
                known[i] = self._take_near(key)
        self.suppressed += sum(known)
        return replace(result, diagnostics=[d for d, k in zip(result.diagnostics, known) if not k])

    def _take(self, key: Key) -> bool:
        if self.counts[key] > 0:
            self.counts[key] -= 1
            return True
        return False

    def _take_near(self, key: Key) -> bool:
        path, code, text, before, after = key
        for other, n in self.counts.items():
            if n > 0 and other[:3] == (path, code, text) and (other[3] == before or other[4] == after):
                self.counts[other] -= 1
                return True
        return False


class BaselineWriter:
    """Collects the findings of a run and writes them as a baseline file."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.root = _folder_of(path)
        self.counts: Counter[Key] = Counter()

    def add(self, result) -> None:
        if result.diagnostics and result.document is not None:
            self.counts.update(keys(result, result.document.text, self.root))

    def write(self) -> int:
        """Write the file (sorted, stable; never half written, whatever happens on the way:
        the old one stays as it was); return how many findings it records."""
        from lintnews.reporting.base import json_text
        from lintnews.writing import write_whole

        findings = [dict(zip(("path", "code", "text", "before", "after"), key), count=n)
                    for key, n in sorted(self.counts.items())]
        data = json_text({"version": VERSION, "findings": findings}) + "\n"
        try:
            write_whole(self.path, data.encode("utf-8"))
        except OSError as exc:
            raise UsageError(f"baseline {self.path}: cannot write it: {exc.strerror or exc}") from None
        return sum(self.counts.values())


def _folder_of(path: str | os.PathLike) -> str:
    return os.path.dirname(os.path.abspath(path))
