"""Front matter of Markdown articles (Hugo, Jekyll, Eleventy): find it, read its metadata.

A YAML block between `---` lines or a TOML block between `+++` lines at the very start of
the file. It is never prose. Its `date`, `title` and `author` (or `authors`) go into the
document's metadata; a block that does not parse is reported, and the article is still
linted.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

_FENCES = {"---": ("yaml", ("---", "...")), "+++": ("toml", ("+++",))}
_OPENING = re.compile(r"\A(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class FrontMatter:
    """The front matter block: where it ends (offset just past its closing fence line),
    the metadata read from it, and a message when it could not be read."""

    end: int
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the start of `text`, or None when there is none."""
    m = _OPENING.match(text)
    if not m:
        return None
    syntax, closers = _FENCES[m.group(1)]
    pos = m.end()
    while pos < len(text):
        line = _LINE.match(text, pos)
        if line.group().rstrip() in closers:
            return _read(syntax, text[m.end():pos], line.end())
        pos = line.end()
    return FrontMatter(len(text), error=f"front matter opened with '{m.group(1)}' on line 1 is never closed")


def _read(syntax: str, body: str, end: int) -> FrontMatter:
    try:
        data = _parse(syntax, body)
    except ValueError as exc:
        return FrontMatter(end, error=f"front matter is not valid {syntax.upper()}: {exc}")
    except RecursionError:                  # (both parsers recurse a level a call: "a: [[[[ ...")
        return FrontMatter(end, error=f"front matter is {syntax.upper()} nested too deeply to read")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(end, error=f"front matter is not a table of keys and values ({type(data).__name__})")
    return FrontMatter(end, metadata(data))


def _parse(syntax: str, body: str) -> Any:
    if syntax == "toml":
        import tomllib

        try:
            return tomllib.loads(body)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(str(exc)) from None
    import yaml

    try:
        return yaml.safe_load(body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""   # +1 for the fence, +1 1-based
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(f"{where}{problem}") from None


def metadata(data: dict[str, Any]) -> dict[str, Any]:
    """The metadata lintnews uses, from a front matter table: date (YYYY-MM-DD), title,
    author; the whole table under "front_matter"."""
    meta: dict[str, Any] = {"front_matter": data}
    date = data.get("date") or data.get("publishDate") or data.get("published_date")
    if isinstance(date, dt.date):
        meta["date"] = date.isoformat()[:10]
    elif isinstance(date, str) and _DATE.match(date.strip()):
        meta["date"] = date.strip()[:10]
    if isinstance(data.get("title"), str):
        meta["title"] = data["title"]
    author = data.get("author") or data.get("authors")
    if isinstance(author, str):
        meta["author"] = author
    elif isinstance(author, list) and all(isinstance(a, str) for a in author):
        meta["author"] = ", ".join(author)
    return meta
