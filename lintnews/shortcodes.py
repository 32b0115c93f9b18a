"""Hugo shortcodes and Jekyll/Liquid tags in Markdown: template code, not prose.

`mask` hides every tag (`{{< figure ... >}}`, `{{% note %}}`, `{% include x.html %}`,
`{{ page.title }}`) behind MASK characters of the same length, line breaks kept, so that
the Markdown parser reads past it and every offset and line stays where it was; the
Markdown walker reads a run of them as one placeholder. The content between a paired
shortcode's tags (`{{% note %}} ... {{% /note %}}`) is prose and stays; that of a tag
pair holding code (`{% raw %}`, `{% comment %}`, `{% highlight %}`, `{{< highlight >}}`)
is hidden with it. The copy in a tag's `caption`, `title` or `alt` parameter is returned
as pieces (see front_matter.Piece), to be read as prose of its own.
"""
from __future__ import annotations

import re

from lintnews.front_matter import Piece

MASK = "\ue000"         # (a private-use character: no letter, space or mark to the parser)
MAX_TAG = 2000          # characters a tag may run to (so that a stray "{{" costs no more)
_OPEN = re.compile(r"\{\{[<%]?|\{%")
_CLOSERS = {"{{<": ">}}", "{{%": "%}}", "{%": "%}", "{{": "}}"}
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
# the opening tag of a pair whose content is code, not prose
_CODE_TAG = re.compile(r"\{(?:%-?|\{[<%])\s*(raw|comment|highlight|code)\b")
_COPY_PARAMETER = re.compile(r"""(?<![\w-])(?:caption|title|alt)\s*=\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'[^']*')""", re.S)
_NOT_A_LINE_BREAK = re.compile(r"[^\r\n]")


def has_tags(text: str, start: int = 0) -> bool:
    return text.find("{{", start) >= 0 or text.find("{%", start) >= 0


def mask(text: str, start: int = 0) -> tuple[str, list[list[Piece]]]:
    """`text` with the tags from `start` on masked, and the pieces of each copy parameter."""
    spans, parameters, missing = [], [], set()
    covered = start                             # (what a code pair hid: no tags in it)
    for a, b in _tags(text, start):
        if a < covered:
            continue
        code = _CODE_TAG.match(text, a)
        if code and (end := _closing(text, b, code.group(1), missing)) is not None:
            spans.append((a, end))              # a code pair: hidden with its content
            covered = end
            continue
        spans.append((a, b))
        covered = b
        for p in _COPY_PARAMETER.finditer(text, a, b):
            pieces = _value(text, p.start(1), p.end(1))
            if pieces:
                parameters.append(pieces)
    out, pos = [], 0
    for a, b in spans:
        out.append(text[pos:a])
        out.append(_NOT_A_LINE_BREAK.sub(MASK, text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out), parameters


def _tags(text: str, pos: int):
    """(start, end) of each tag from `pos` on: an opening "{{", "{{<", "{{%" or "{%" and
    its closing mark, within MAX_TAG characters and no blank line between."""
    while (m := _OPEN.search(text, pos)) is not None:
        a = m.start()
        closer = _CLOSERS[m.group()]
        b = text.find(closer, m.end(), a + MAX_TAG)
        if b < 0 or _BLANK_LINE.search(text, a, b):
            pos = m.end()
            continue
        yield a, b + len(closer)
        pos = b + len(closer)


def _closing(text: str, pos: int, name: str, missing: set[str]) -> int | None:
    """The end of the tag closing a `name` pair opened before `pos` ({% endraw %},
    {{< /code >}}); None if there is none (remembered in `missing`: no search twice)."""
    if name in missing:
        return None
    m = re.compile(rf"\{{%-?\s*end{name}\s*-?%\}}|\{{\{{[<%]\s*/{name}\s*[>%]\}}\}}").search(text, pos)
    if m is None:
        missing.add(name)
    return m.end() if m else None


def _value(text: str, a: int, b: int) -> list[Piece]:
    """The pieces of a quoted parameter value text[a:b]: a "string" with backslash escapes,
    or a 'string' or `raw string` as written."""
    pieces: list[Piece] = []
    run = i = a + 1
    while i < b - 1:
        if text[i] == "\\" and text[a] == '"':
            if i > run:
                pieces.append((None, run, i))
            pieces.append((text[i + 1], i, i + 2))
            i = run = i + 2
        else:
            i += 1
    if b - 1 > run:
        pieces.append((None, run, b - 1))
    return pieces
