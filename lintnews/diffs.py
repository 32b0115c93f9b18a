"""What `--diff` prints: a unified diff of an article before and after fixing (for pipes,
`patch` and `git apply`), or, on a terminal, the changed words in their sentence."""
from __future__ import annotations

import os

import regex

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_BREAK = regex.compile(r"\r\n|\r|\n")
_TOKEN = regex.compile(r"\w+|\s+|[^\w\s]")
CONTEXT = 40            # characters of context shown on each side of a changed word


def lines(text: str) -> list[str]:
    """The lines of `text` with their endings, split where the engine splits them
    ("\\n", "\\r\\n", a lone "\\r"; not U+2028 or a form feed)."""
    return _LINE.findall(text)


def diff_path(path: str, cwd: str | None = None) -> str:
    """`path` as a diff header names it: relative to the working directory when it is
    inside it, else without its leading "/" (so never "a//tmp/x.md"), with "/" between
    folders."""
    cwd = cwd or os.getcwd()
    absolute = os.path.abspath(path)
    if absolute.startswith(os.path.join(cwd, "")):
        path = os.path.relpath(absolute, cwd)
    else:
        path = os.path.splitdrive(absolute)[1].lstrip("/\\")
    return path.replace(os.sep, "/")


def unified_diff(before: str, after: str, path: str, context: int = 3) -> str:
    """`diff -u` of two versions of the article `path` ("" when they are the same)."""
    import difflib

    name = diff_path(path)
    out = []
    for line in difflib.unified_diff(lines(before), lines(after), f"a/{name}", f"b/{name}", n=context):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def word_diff(before: str, after: str, path: str, paint=lambda text, style: text) -> str:
    """The changes of one article as an editor reads them: the file's name, then for each
    change its line number and the words around it, `[-deleted-]{+inserted+}` (as
    `git diff --word-diff`), a long line cut to CONTEXT characters each side ("" when the
    texts are the same). `paint(text, style)` colours "path", "deleted" and "inserted"."""
    import difflib

    old_lines, new_lines = lines(before), lines(after)
    out = []
    blocks = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in blocks:
        if tag == "equal":
            continue
        old, new = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        for at, shown in _changed_words(old, new, paint):
            line = i1 + 1 + len(_BREAK.findall(old, 0, at))
            out.append(f"{line}: {shown}\n")
    if not out:
        return ""
    return paint(diff_path(path), "path") + ":\n" + "".join(out)


def _changed_words(old: str, new: str, paint):
    """(offset in `old`, the change shown in its context) for each run of changed words of
    one block of lines, changes on one line closer than 2 x CONTEXT shown together."""
    import difflib

    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    starts = [0]
    for token in a:
        starts.append(starts[-1] + len(token))
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    group: list = []
    for op in ops:
        between = old[starts[group[-1][2]]:starts[op[1]]] if group else ""
        if group and (len(between) > 2 * CONTEXT or "\n" in between or "\r" in between):
            yield starts[group[0][1]], _show(old, a, b, starts, group, paint)
            group = []
        group.append(op)
    if group:
        yield starts[group[0][1]], _show(old, a, b, starts, group, paint)


def _show(old: str, a: list[str], b: list[str], starts: list[int], group, paint) -> str:
    """One run of changes with up to CONTEXT characters of whole words around it."""
    pieces = [_before(old, starts[group[0][1]])]
    for n, (_, i1, i2, j1, j2) in enumerate(group):
        if n:
            pieces.append(old[starts[group[n - 1][2]]:starts[i1]])
        if i2 > i1:
            pieces.append(paint("[-" + "".join(a[i1:i2]) + "-]", "deleted"))
        if j2 > j1:
            pieces.append(paint("{+" + "".join(b[j1:j2]) + "+}", "inserted"))
    pieces.append(_after(old, starts[group[-1][2]]))
    return "".join(pieces).replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")


def _before(text: str, at: int) -> str:
    """Whole words, up to CONTEXT characters, before `at` on its line."""
    line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    start = max(line_start, at - CONTEXT)
    if start > line_start:
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    return ("…" if start > line_start else "") + text[start:at]


def _after(text: str, at: int) -> str:
    """Whole words, up to CONTEXT characters, after `at` on its line."""
    line_end = min((i for i in (text.find("\n", at), text.find("\r", at)) if i >= 0), default=len(text))
    stop = min(line_end, at + CONTEXT)
    if stop < line_end:
        space = text.rfind(" ", at, stop)
        stop = space if space > at else stop
    return text[at:stop] + ("…" if stop < line_end else "")
