"""A unified diff of an article before and after fixing, for `--diff`."""
from __future__ import annotations

import regex

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def lines(text: str) -> list[str]:
    """The lines of `text` with their endings, split where the engine splits them
    ("\\n", "\\r\\n", a lone "\\r"; not U+2028 or a form feed)."""
    return _LINE.findall(text)


def unified_diff(before: str, after: str, path: str, context: int = 3) -> str:
    """`diff -u` of two versions of the article `path` ("" when they are the same)."""
    import difflib

    out = []
    for line in difflib.unified_diff(lines(before), lines(after), f"a/{path}", f"b/{path}", n=context):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
