"""One article of the `html` report: its text with every finding highlighted at its exact
span, the front matter shown as a headline block, and the list of its findings.

The text is the file's own, line for line, so that line numbers are the CLI's; each
highlight is a `<mark>` whose text is exactly the finding's span (code points, as the JSON
format counts them). Line numbers are empty elements whose number CSS draws (`data-n`), so
they add nothing to the text a highlight holds, nor to what is copied. A span that crosses
another (starts inside it, ends past it) cannot nest in it, and no element can hold the
text of two crossing spans each: its highlight holds its span up to the other's end and
says so (`data-cut`); the rest is highlighted alike by spans that name it (`data-of`).
No built-in rule's findings cross (checked on the corpora). This is the view of plain
text; Markdown and HTML get a rendered-like one (html_rendered).
"""
from __future__ import annotations

import re

from lintnews.diagnostics import Diagnostic
from lintnews.reporting.base import printable
from lintnews.reporting.html_marks import LINE_BREAK, body_text, crossing, mark_tag, offsets, text

SEVERITY_MARKS = {"error": "✖", "warning": "▲", "info": "ℹ"}
FIX_CONTEXT = 24            # code points of context at most on each side of a fix's before/after
OPEN_LIST_UP_TO = 50        # findings lists longer than this start folded
CHUNK_LINES = 40            # lines in one <pre> at least (a browser lays out only those in view)
PRE = '<pre dir="auto">'
MARKDOWN_MARKUP = re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}(?=[ \t])|>[ \t]?|[-*+](?=[ \t])|```.*)|<!--.*?-->|<[^<>\r\n]+>"
                             r"|\]\([^()\r\n]*\)|!?\[(?=[^\[\]\r\n]*\]\()|\*\*|__|`")
HTML_MARKUP = re.compile(r"<!--.*?-->|<[^<>\r\n]*>", re.S)


def article_text(source: str, diagnostics: list[Diagnostic], prefix: str, markup: re.Pattern | None = None,
                 front_end: int = 0) -> str:
    """The article's text: line numbers and nested highlights (ids `prefix-i`), in `<pre>`
    blocks of CHUNK_LINES lines or more, each cut at a line break no highlight spans.
    `markup` (a pattern) finds the markup to show dimmed; front matter that ends at
    `front_end` and holds no finding is folded under a summary."""
    return _TextWriter(source, markup).write(diagnostics, prefix, front_end)


class _TextWriter:
    """Writes the text in order, opening and closing highlights at their offsets."""

    def __init__(self, source: str, markup: re.Pattern | None) -> None:
        self.source, self.markup = source, markup
        self.out: list[str] = []
        self.pos, self.line, self.chunk_start = 0, 1, 1
        self.stack: list[int] = []               # the ends of the open highlights, innermost last
        self.fold_end = 0                        # where folded front matter ends (0: none)
        self.rest: list[tuple[int, int, str]] = []    # the rest of each cut span (start, end, its mark's class)

    def write(self, diagnostics: list[Diagnostic], prefix: str, front_end: int) -> str:
        spans = offsets(self.source, diagnostics)
        order, ends, rest = crossing(spans)
        self.rest = [(a, b, f'<span class="fc {text(diagnostics[i].severity)}" data-of="h{prefix}-{i}">')
                     for a, b, i in rest]
        out = self.out
        out.append('<div class="text">')
        if 0 < front_end < len(self.source) and all(start >= front_end for start, _ in spans):
            self.fold_end = front_end
            lines = len(LINE_BREAK.findall(self.source, 0, front_end))
            out.append(f'<details class="source-front"><summary>front matter, lines 1–{lines}</summary>')
        out.append(PRE + _line_number(1))
        for i in order:
            start, end = spans[i]
            self.close_until(start)
            self.emit(start)
            end = ends[i]
            out.append(mark_tag(diagnostics[i], f"{prefix}-{i}", end < spans[i][1]))
            if end == start:
                out.append("</mark>")
            else:
                self.stack.append(end)
        self.close_until(len(self.source))
        self.emit(len(self.source))
        out.append("</pre></div>")
        return "".join(out)

    def close_until(self, offset: int) -> None:
        while self.stack and self.stack[-1] <= offset:
            self.emit(self.stack.pop())
            self.out.append("</mark>")

    def emit(self, upto: int) -> None:
        """The text from where it stands to `upto` (no highlight opens or closes inside it)."""
        source, out = self.source, self.out
        while self.pos < upto:
            nl = _next_break(source, self.pos, upto)
            stop = upto if nl is None else nl + (2 if source.startswith("\r\n", nl) else 1)
            if stop > upto:                        # (a CR LF cut by a span's edge: its LF comes next)
                nl, stop = None, upto
            self.piece(self.pos, stop)
            self.pos = stop
            if nl is None:
                return
            self.line += 1
            if stop < len(source):                 # (no number for the empty line after the last break)
                if stop == self.fold_end:
                    out.append(f"</pre></details>{PRE}")
                    self.chunk_start = self.line
                elif not self.stack and self.line - self.chunk_start >= CHUNK_LINES and not self.fold_end > stop:
                    out.append(f"</pre>{PRE}")
                    self.chunk_start = self.line
                out.append(_line_number(self.line))

    def piece(self, start: int, stop: int) -> None:
        """source[start:stop] as HTML: the rest of a cut span in its own highlight spans."""
        if start >= stop:
            return
        for a, b, tag in self.rest:
            if a < stop and b > start:
                a, b = max(a, start), min(b, stop)
                self.piece(start, a)
                self.out.append(tag)
                self.piece_of(a, b)
                self.out.append("</span>")
                self.piece(b, stop)
                return
        self.piece_of(start, stop)

    def piece_of(self, start: int, stop: int) -> None:
        """source[start:stop] as HTML, its markup (if any is known) in dimmed spans."""
        if start >= stop:
            return
        source, out = self.source, self.out
        if self.markup is None:
            out.append(body_text(source[start:stop]))
            return
        pos = start
        for m in self.markup.finditer(source, start, stop):
            if m.end() > m.start():
                out.append(body_text(source[pos:m.start()]))
                out.append(f'<span class="mu">{body_text(m.group())}</span>')
                pos = m.end()
        out.append(body_text(source[pos:stop]))


def _next_break(source: str, pos: int, upto: int) -> int | None:
    r, n = source.find("\r", pos, upto), source.find("\n", pos, upto)
    found = [c for c in (r, n) if c >= 0]
    return min(found) if found else None


def _line_number(n: int) -> str:
    return f'<span class="ln" aria-hidden="true" data-n="{n}"></span>'


def findings_list(source: str | None, diagnostics: list[Diagnostic], prefix: str, doc=None) -> str:
    """The article's findings as a list, each linked to its highlight: position, severity
    (a sign and a word, not a colour alone), rule, message, and the fix as before → after
    (in the prose of `doc`, the article's Document, where it is given)."""
    if not diagnostics:
        return ""
    opened = " open" if len(diagnostics) <= OPEN_LIST_UP_TO else ""
    out = [f'<details class="findings"{opened}><summary>{len(diagnostics):,} finding'
           f'{"s" if len(diagnostics) != 1 else ""}</summary><ol>']
    for i, d in enumerate(diagnostics):
        ident = f"{prefix}-{i}"
        link = f'<a href="#h{ident}">{d.line}:{d.column}</a>' if source is not None else f"{d.line}:{d.column}"
        out.append(f'<li id="d{ident}" data-code="{text(d.code)}" data-severity="{text(d.severity)}">'
                   f'{link} {severity_badge(d.severity)} '
                   f'<a class="rule" href="#rule-{text(d.code)}">{text(d.code)} {text(d.name)}</a> '
                   f'<span class="msg">{text(d.message)}</span>{fix_line(source, d, doc)}</li>')
    out.append("</ol></details>")
    return "".join(out)


def severity_badge(severity: str) -> str:
    sign = SEVERITY_MARKS.get(severity, "•")
    return f'<span class="sev {text(severity)}"><span aria-hidden="true">{sign}</span> {text(severity)}</span>'


def fix_line(source: str | None, d: Diagnostic, doc=None) -> str:
    """The suggested fix: its message, and the text around it before → after."""
    fix = d.fix
    if fix is None:
        return ""
    kind = "safe fix" if fix.applicability.value == "safe" else "unsafe fix (check it)"
    parts = [f'<span class="fix"><span class="fixkind">{kind}</span>']
    if fix.message:
        parts.append(f": {text(fix.message)}")
    if source is not None and fix.edits:
        before, after = before_after(source, fix.edits, doc)
        parts.append(f' <q class="before">{text(before)}</q> <span aria-label="becomes">→</span> '
                     f'<q class="after">{text(after)}</q>')
    parts.append("</span>")
    return "".join(parts)


def before_after(source: str, edits, doc=None) -> tuple[str, str]:
    """The text the edits touch, widened to whole words (at most FIX_CONTEXT code points on
    each side), before and after the edits: in the prose an editor reads when `doc` (the
    Document of `source`) is given and every edit is one of its prose (markup left out,
    entities as their characters, white space runs as one space, code and images as "…"),
    else in the file's text as written."""
    prose_edits = in_prose(doc, edits) if doc is not None and doc.text == source else None
    if prose_edits is not None:
        return _before_after(doc.prose, prose_edits, readable=True)
    return _before_after(source, edits)


def in_prose(doc, edits) -> list | None:
    """The edits (of the file) as edits of the Document's prose, or None when one is not
    (it changes markup, or cuts through it): the inverse of the engine's _fix_on_text."""
    from lintnews.diagnostics import Edit

    found = []
    for e in edits:
        places = _prose_offsets(doc, e.start)
        if e.start == e.end:                # (after any break the prose reads where the file has nothing)
            if not places:
                return None
            found.append(Edit(places[-1], places[-1], e.content))
            continue
        q = next((p for p in places if doc.text_span(p, p + e.end - e.start) == (e.start, e.end)
                  and doc.prose[p:p + e.end - e.start] == doc.text[e.start:e.end]), None)
        if q is None:
            return None
        found.append(Edit(q, q + e.end - e.start, e.content))
    return found


def _prose_offsets(doc, offset: int) -> range:
    """The prose offsets whose characters start at text `offset` (more than one where the
    prose reads something the file has not, a paragraph break, before that character)."""
    from bisect import bisect_left, bisect_right

    n = len(doc.prose)
    if doc.prose_map is None:
        return range(offset, offset + 1) if offset <= n else range(0)
    everywhere = range(n + 1)
    return range(bisect_left(everywhere, offset, key=doc.prose_map.start),
                 bisect_right(everywhere, offset, key=doc.prose_map.start))


_SPACES = re.compile(r"\s+")


def _readable(context: str) -> str:
    """Prose around an edit as an editor reads it: white space runs as one space, code,
    images and links' addresses (the prose's placeholders) as "…"."""
    return _SPACES.sub(" ", context).replace("\ufffc", "…")


def _before_after(source: str, edits, readable: bool = False) -> tuple[str, str]:
    """Before and after of the edits in `source`; `readable`: the text around and between
    them _readable, and without white space at either end (the edited text as it is)."""
    context = _readable if readable else str
    lo = min(e.start for e in edits)
    hi = max(e.end for e in edits)
    left = lo
    while left > 0 and lo - left < FIX_CONTEXT and not source[left - 1].isspace():
        left -= 1
    if left == lo and left > 0:                   # an edit at a word's edge: show the word before it
        left -= 1
        while left > 0 and lo - left < FIX_CONTEXT and not source[left - 1].isspace():
            left -= 1
    right = hi
    while right < len(source) and right - hi < FIX_CONTEXT and not source[right].isspace():
        right += 1
    if right == hi and right < len(source):
        right += 1
        while right < len(source) and right - hi < FIX_CONTEXT and not source[right].isspace():
            right += 1
    before, after, pos = [], [], left
    for e in sorted(edits, key=lambda e: e.start):
        between = context(source[pos:e.start])
        if pos == left and readable:
            between = between.lstrip()
        before += [between, source[e.start:e.end]]
        after += [between, e.content]
        pos = e.end
    rest = context(source[pos:right])
    rest = rest.rstrip() if readable else rest
    return "".join(before) + rest, "".join(after) + rest


def headline_block(meta: dict) -> str:
    """Front matter fields an editor reads, as the page would show them: headline,
    standfirst, byline and date (empty when the article has none)."""
    if not meta:
        return ""
    out = ['<header class="frontmatter">']
    if meta.get("title"):
        out.append(f'<p class="headline">{text(meta["title"])}</p>')
    if meta.get("standfirst"):
        out.append(f'<p class="standfirst">{text(meta["standfirst"])}</p>')
    names = byline(meta)
    if names:
        out.append(f'<p class="byline">{names}</p>')
    out.append("</header>")
    return "".join(out)


def byline(meta: dict) -> str:
    """Author and date, as HTML ("" when the article has neither)."""
    return " · ".join(text(meta[k]) for k in ("author", "date") if meta.get(k))


def article_section(path: str, number: int, diagnostics: list[Diagnostic], source: str | None,
                    meta: dict, words: int, front_end: int = 0, doc=None) -> str:
    """The whole section of one article (`front_end`: where its front matter ends, or 0):
    the rendered-like view when `doc` is its Markdown or HTML Document, else its text."""
    prefix = f"a{number}"
    name = text(printable(path))
    counts = f"{len(diagnostics):,} finding{'s' if len(diagnostics) != 1 else ''}, {words:,} words"
    header = headline_block(meta)
    if source is None:
        body = '<p class="unread">The text of this file could not be read.</p>'
    elif doc is not None and doc.kind in ("markdown", "html") and doc.prose_map is not None:
        from lintnews.reporting.html_rendered import first_heading, rendered_text

        if doc.kind == "markdown":
            body, header = rendered_text(doc, diagnostics, prefix, front_end, byline(meta)), ""
        else:                       # (the page's title, unless its first heading says it again)
            if " ".join(meta.get("title", "").split()) == first_heading(doc):
                header = headline_block({k: v for k, v in meta.items() if k != "title"})
            body = rendered_text(doc, diagnostics, prefix)
    else:
        markup = MARKDOWN_MARKUP if path.lower().endswith((".md", ".markdown")) else \
            HTML_MARKUP if path.lower().endswith((".html", ".htm")) else None
        body = article_text(source, diagnostics, prefix, markup, front_end)
    return (f'<section class="article" id="{prefix}" aria-labelledby="{prefix}-title" '
            f'data-findings="{len(diagnostics)}"><h2 id="{prefix}-title">{name}</h2>'
            f'<p class="counts">{counts}</p>{header}'
            f'{body}{findings_list(source, diagnostics, prefix, doc)}</section>')
