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
_NOT_A_BLANK_LINE = r"(?:(?!\n[ \t]*\r?\n).)"
_TAG = re.compile(rf"\{{\{{[<%]{_NOT_A_BLANK_LINE}*?[>%]\}}\}}|\{{%{_NOT_A_BLANK_LINE}*?%\}}"
                  rf"|\{{\{{{_NOT_A_BLANK_LINE}*?\}}\}}", re.S)
_CODE_PAIR = re.compile(r"\{%-?\s*(raw|comment|highlight)\b.*?%\}.*?\{%-?\s*end\1\s*-?%\}"
                        r"|\{\{[<%]\s*(highlight|code)\b.*?[>%]\}\}.*?\{\{[<%]\s*/\2\s*[>%]\}\}", re.S)
_COPY_PARAMETER = re.compile(r"""(?<![\w-])(?:caption|title|alt)\s*=\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'[^']*')""", re.S)
_NOT_A_LINE_BREAK = re.compile(r"[^\r\n]")


def has_tags(text: str, start: int = 0) -> bool:
    return text.find("{{", start) >= 0 or text.find("{%", start) >= 0


def mask(text: str, start: int = 0) -> tuple[str, list[list[Piece]]]:
    """`text` with the tags from `start` on masked, and the pieces of each copy parameter."""
    spans, parameters = [], []
    pos = start
    for m in _CODE_PAIR.finditer(text, start):
        spans.extend(_tags_between(text, pos, m.start(), parameters))
        spans.append((m.start(), m.end()))
        pos = m.end()
    spans.extend(_tags_between(text, pos, len(text), parameters))
    out, pos = [], 0
    for a, b in spans:
        out.append(text[pos:a])
        out.append(_NOT_A_LINE_BREAK.sub(MASK, text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out), parameters


def _tags_between(text: str, start: int, end: int, parameters: list) -> list[tuple[int, int]]:
    spans = []
    for m in _TAG.finditer(text, start, end):
        spans.append((m.start(), m.end()))
        for p in _COPY_PARAMETER.finditer(text, m.start(), m.end()):
            pieces = _value(text, p.start(1), p.end(1))
            if pieces:
                parameters.append(pieces)
    return spans


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
