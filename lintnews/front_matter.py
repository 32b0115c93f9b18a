"""Front matter of Markdown articles (Hugo, Jekyll, Eleventy): find it, read its metadata.

A YAML block between `---` lines or a TOML block between `+++` lines at the very start of
the file. Its `date`, `title` and `author` (or `authors`) go into the document's metadata;
a block that does not parse is reported, and the article is still linted.

The fields that hold copy (`COPY_FIELDS`, or the `front-matter-fields` option) are prose:
`copy_fields` finds each one's value in the block, a YAML scalar (plain,
'single', "double" with escapes, or a `|`/`>` block) or a TOML string, at any depth (an
image's `alt` in a list), as pieces that say exactly where every character came from.
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
    syntax: str = "yaml"
    body: tuple[int, int] = (0, 0)      # where its lines between the fences are


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the start of `text`, or None when there is none."""
    fences = _fences(text)
    if fences is None:
        return None
    opening, close, end = fences
    if close is None:
        return FrontMatter(len(text), error=f"front matter opened with '{opening.group(1)}' on line 1 is never closed")
    syntax = _FENCES[opening.group(1)][0]
    front = _read(syntax, text[opening.end():close], end)
    front.syntax, front.body = syntax, (opening.end(), close)
    return front


def front_matter_end(text: str) -> int:
    """Where the front matter at the start of `text` ends (past its closing fence line; 0
    when there is none, the end of the text when it is never closed), without reading it."""
    fences = _fences(text)
    return 0 if fences is None else fences[2]


def _fences(text: str) -> tuple[re.Match, int | None, int] | None:
    """The opening fence, where the closing fence line starts (None: never closed) and where
    it ends (the end of the text: never closed); None without front matter."""
    m = _OPENING.match(text)
    if not m:
        return None
    closers = _FENCES[m.group(1)][1]
    pos = m.end()
    while pos < len(text):
        line = _LINE.match(text, pos)
        if line.group().rstrip() in closers:
            return m, pos, line.end()
        pos = line.end()
    return m, None, len(text)


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


# ------------------------------------------------------------------ the fields that hold copy

COPY_FIELDS = ("title", "description", "summary", "subtitle", "standfirst", "caption", "alt")
# A piece of a field's value: (None, start, end) is text[start:end] as written; (s, start,
# end) is the string s standing for text[start:end] (an escape, a folded line break).
Piece = tuple[str | None, int, int]
_YAML_KEY = re.compile(r"([ \t]*)(-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|\r|\n|\Z)[ \t]*")
_TOML_KEY = re.compile(r"[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*")
_TOML_TABLE = re.compile(r"[ \t]*\[")
_YAML_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
                 "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
                 "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_TOML_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}
_HEX = {"x": 2, "u": 4, "U": 8}


@dataclass
class CopyField:
    """One field's value: its key and the pieces it reads as."""

    key: str
    pieces: list[Piece]

    def value(self, text: str) -> str:
        return "".join(text[a:b] if s is None else s for s, a, b in self.pieces)


def copy_fields(text: str, front: FrontMatter, keys: tuple[str, ...] = COPY_FIELDS) -> list[CopyField]:
    """The fields named `keys` in the front matter, in order. A top-level one is kept only if
    it reads as the parser read it (a value this reader gets wrong is left out, not misread)."""
    if front.error or not keys:
        return []
    wanted = {k.lower() for k in keys}
    start, end = front.body
    read = _yaml_fields if front.syntax == "yaml" else _toml_fields
    parsed = front.meta.get("front_matter", {})
    found = []
    for key, top, pieces in read(text, start, end, wanted):
        if not pieces:
            continue
        field_ = CopyField(key, pieces)
        if top and " ".join(field_.value(text).split()) != " ".join(str(parsed.get(key, "")).split()):
            continue
        found.append(field_)
    return found


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end without its line break) of each line in text[start:end]."""
    spans, pos = [], start
    while pos < end:
        m = _LINE.match(text, pos)
        spans.append((pos, pos + len(m.group().rstrip("\r\n"))))
        pos = m.end()
        if not m.group():
            break
    return spans


def _indent(text: str, a: int, b: int) -> int:
    n = a
    while n < b and text[n] in " \t":
        n += 1
    return n - a


def _yaml_fields(text: str, start: int, end: int, wanted: set[str]):
    lines = _lines(text, start, end)
    block = -1                              # the column of a key whose | or > block we are in
    for i, (a, b) in enumerate(lines):
        if block >= 0 and (_indent(text, a, b) > block or a + _indent(text, a, b) == b):
            continue                        # (a "title:" inside another key's block is its text)
        block = -1
        m = _YAML_KEY.match(text, a, b)
        if not m:
            continue
        column = len(m.group(1)) + len(m.group(2) or "")
        if text.startswith(("|", ">"), m.end()):
            block = column
        if m.group(3).lower() not in wanted:
            continue
        top = column == 0
        v = m.end()
        rest = lines[i + 1:]
        c = text[v] if v < b else ""
        if c == "'":
            pieces = _quoted(text, v, end, "'")
        elif c == '"':
            pieces = _quoted(text, v, end, '"')
        elif c in ("|", ">"):
            pieces = _block_scalar(text, rest, column)
        elif c == "" or c in "[{&*!%@`#":
            continue
        else:
            pieces = _plain(text, v, b, rest, column)
        yield m.group(3), top, pieces


def _plain(text: str, v: int, b: int, rest: list[tuple[int, int]], column: int) -> list[Piece]:
    """A plain scalar: to a comment or the line's end, and on over lines indented deeper."""
    pieces: list[Piece] = []
    for n, (a, e) in enumerate([(v, b), *rest]):
        if n:
            if _indent(text, a, e) <= column or a + _indent(text, a, e) == e \
                    or text.startswith("#", a + _indent(text, a, e)):
                break
            a += _indent(text, a, e)
        comment = text.find(" #", a, e)
        e = comment if comment >= 0 else e
        while e > a and text[e - 1] in " \t":
            e -= 1
        if pieces:
            pieces.append((" ", pieces[-1][2], a))
        pieces.append((None, a, e))
    return pieces


def _quoted(text: str, v: int, end: int, quote: str) -> list[Piece]:
    """A 'single' or "double" quoted YAML scalar from its opening mark at `v`; lines are
    folded (a line break and the spaces around it read as one space, a blank line as a
    break); [] if it never closes."""
    pieces: list[Piece] = []
    i = run = v + 1
    while i < end:
        c = text[i]
        if c == quote and not (quote == "'" and text.startswith("''", i)):
            _keep(pieces, run, i)
            return pieces
        if c == "'" and quote == "'":
            _keep(pieces, run, i)
            pieces.append(("'", i, i + 2))
            i = run = i + 2
        elif c == "\\" and quote == '"':
            _keep(pieces, run, i)
            i = run = _escape(text, i, end, pieces, _YAML_ESCAPES)
        elif c in "\r\n":
            j = i
            while j > run and text[j - 1] in " \t":
                j -= 1
            _keep(pieces, run, j)
            breaks, k = 0, j
            while k < end and text[k] in " \t\r\n":
                breaks += text[k] == "\n" or (text[k] == "\r" and not text.startswith("\r\n", k))
                k += 1
            pieces.append((" " if breaks == 1 else "\n" * (breaks - 1), j, k))
            i = run = k
        else:
            i += 1
    return []


def _escape(text: str, i: int, end: int, pieces: list[Piece], table: dict[str, str]) -> int:
    """Read the escape at text[i] ("\\"), add its piece, return where reading goes on."""
    c = text[i + 1] if i + 1 < end else ""
    if c in _HEX and (c != "x" or table is _YAML_ESCAPES):
        digits = text[i + 2:i + 2 + _HEX[c]]
        try:
            pieces.append((chr(int(digits, 16)), i, i + 2 + _HEX[c]))
        except ValueError:
            pieces.append((None, i, i + 2))
        return i + 2 + _HEX[c]
    if c in "\r\n":                     # an escaped line break: it and the next line's indent vanish
        k = i + 1
        while k < end and text[k] in "\r\n":
            k += 1
            if text[k - 1] == "\n":
                break
        while k < end and text[k] in " \t":
            k += 1
        pieces.append(("", i, k))
        return k
    pieces.append((table.get(c, c), i, i + 2))
    return i + 2


def _keep(pieces: list[Piece], a: int, b: int) -> None:
    if b > a:
        pieces.append((None, a, b))


def _block_scalar(text: str, rest: list[tuple[int, int]], column: int) -> list[Piece]:
    """A `|` or `>` block: the lines after the key indented deeper, each as written less the
    block's indentation, one line break between them."""
    pieces: list[Piece] = []
    indent = None
    for a, e in rest:
        spaces = _indent(text, a, e)
        if a + spaces == e:                     # a blank line belongs to the block
            if pieces:
                pieces.append(("\n", a, a))
            continue
        if indent is None:
            indent = spaces
        if spaces <= column or spaces < indent:
            break
        if pieces:
            pieces.append(("\n", a, a))
        pieces.append((None, a + indent, e))
    while pieces and pieces[-1][0] == "\n":
        pieces.pop()
    return pieces


def _toml_fields(text: str, start: int, end: int, wanted: set[str]):
    top = True
    lines = _lines(text, start, end)
    for a, b in lines:
        if _TOML_TABLE.match(text, a, b):
            top = False
            continue
        m = _TOML_KEY.match(text, a, b)
        if not m or m.group(1).lower() not in wanted:
            continue
        v = m.end()
        if text.startswith(('"""', "'''"), v):
            quote = text[v:v + 3]
            first = v + 3 + (1 if text.startswith("\n", v + 3) else 2 if text.startswith("\r\n", v + 3) else 0)
            pieces = _toml_string(text, first, end, quote)
        elif text.startswith(('"', "'"), v):
            pieces = _toml_string(text, v + 1, b, text[v])
        else:
            continue
        yield m.group(1), top, pieces


def _toml_string(text: str, i: int, end: int, quote: str) -> list[Piece]:
    """A TOML string from just past its opening quote(s); [] if it never closes."""
    pieces: list[Piece] = []
    run = i
    basic = quote[0] == '"'
    while i < end:
        if text.startswith(quote, i):
            _keep(pieces, run, i)
            return pieces
        if basic and text[i] == "\\":
            _keep(pieces, run, i)
            i = run = _escape(text, i, end, pieces, _TOML_ESCAPES)
            if pieces[-1][0] == "":         # (a line-ending backslash eats blank lines too)
                while i < end and text[i] in " \t\r\n":
                    i += 1
                run = i
        elif len(quote) == 3 and text[i] in "\r\n":
            _keep(pieces, run, i)
            k = i + (2 if text.startswith("\r\n", i) else 1)
            pieces.append(("\n", i, k))
            i = run = k
        else:
            i += 1
    return []
