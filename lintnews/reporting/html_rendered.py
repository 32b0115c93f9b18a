"""The rendered-like view of a Markdown or HTML article in the `html` report: the prose an
editor reads, as blocks (headings, paragraphs, list items, quotations, table cells laid out
in rows and columns, front matter fields as headline and standfirst), with emphasis, links
and code shown as such.

The file's whole text is still in the page, character for character, so that each
highlight's text is exactly its finding's span in the file: what a reader does not see
(markup, tags, comments, front matter keys) is in hidden elements (`.mu`), and an entity or
an escape is hidden too, the character it stands for drawn by CSS from `data-r`. Which
characters are prose, and where each block starts, is the Document's (its ProseMap and
blocks: what the rules read). A finding that lies wholly in hidden markup shows that
markup, dimmed, labelled "in markup". Each block has its first line in the gutter (its
lines on hover), the line numbers of the CLI.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from lintnews.diagnostics import Diagnostic
from lintnews.reporting.html_marks import LINE_BREAK, body_text, crossing, mark_tag, offsets, text

MU, TEXT, REP, PH, CODE = 0, 1, 2, 3, 4       # what a character of the file is in the view
PLACEHOLDER = "\ufffc"
REVEAL_AROUND = 60
CHUNK_BLOCKS = 60           # blocks and gaps in one chunk of the view, at least
TITLE_KEYS = ("title", "headline")
STANDFIRST_KEYS = ("standfirst", "description", "summary", "subtitle", "dek", "excerpt", "lede")
_WORD = re.compile(r"[^\W_]")
# markup that changes how the text after it looks: Markdown emphasis and link brackets, HTML tags
_STYLE_TOKEN = re.compile(r"\*\*|__|\*|_|~~|\[|\]\([^)]*\)|\]\[[^\]]*\]|\]|<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
_TAG_STYLES = {"b": "s-b", "strong": "s-b", "i": "s-i", "em": "s-i", "cite": "s-i", "a": "lk", "s": "s-s",
               "del": "s-s", "strike": "s-s", "code": "s-c", "kbd": "s-c", "u": "s-u", "ins": "s-u"}
_MD_TOGGLES = {"**": "s-b", "__": "s-b", "*": "s-i", "_": "s-i", "~~": "s-s"}
_CONTAINER_MARKS = re.compile(r"[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)]|#{1,6})(?=[ \t]|$)[ \t]*)*")
_LIST_MARKER = re.compile(r"(?:[ \t]*>[ \t]?)*[ \t]*([-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_FENCE = re.compile(r"(?m)^ {0,3}(`{3,}|~{3,})[^\r\n]*(?:\r\n|\r|\n)(.*?)(?:^ {0,3}\1[ \t]*$|\Z)", re.S)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_CODE = re.compile(r"<code\b[^>]*>(.*?)</code\s*>", re.S | re.I)
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_KEY = re.compile(r"(?m)^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*[:=]")


def rendered_text(doc, diagnostics: list[Diagnostic], prefix: str, front_end: int = 0,
                  byline: str = "") -> str:
    """The article's rendered-like view with every finding highlighted (ids `prefix-i`);
    `front_end`: where its front matter ends (0: none), shown as a header with `byline`."""
    return _Renderer(doc, front_end, byline).write(diagnostics, prefix)


def article_document(path: str, source: str):
    """The Document the rules read of this article (by the built-in loaders), or None when
    it cannot be made (the text view is shown then)."""
    from lintnews.loaders import lintnews_load_document, lintnews_plain_text

    try:
        return lintnews_load_document(path, source, {}) or lintnews_plain_text(path, source, {})
    except Exception:           # (the run reported what went wrong with this file)
        return None


def prose_words(doc) -> int:
    """The words of the prose an editor reads (no markup, no front matter keys), white-space
    separated as lintnews counts words; a token with no letter or figure once the
    placeholders of code, images and URLs are out of it is not one."""
    return sum(1 for word in doc.prose.split() if _WORD.search(word.replace(PLACEHOLDER, "")))


def front_matter_end(doc) -> int | None:
    """Where a Markdown article's front matter ends (0: it has none; None: it has one that
    did not read, whose text the rendered view would not show)."""
    from lintnews import front_matter

    end = front_matter.front_matter_end(doc.text) if doc.kind == "markdown" else 0
    return end if not end or "front_matter" in doc.meta else None


def first_heading(doc) -> str:
    """The prose of the article's first heading, its spaces made one ("" without one)."""
    starts = list(doc.blocks)
    for i, (start, kind) in enumerate(starts):
        if kind == "heading":
            end = starts[i + 1][0] if i + 1 < len(starts) else len(doc.prose)
            return " ".join(doc.prose[start:end].split())
    return ""


def characters(doc) -> tuple[bytearray, dict[int, tuple[int, str]], dict[int, str]]:
    """What each character of the file is in the view (MU, TEXT, REP, PH, CODE); for each
    replaced piece, its end and what it reads as (by its start); and what the prose reads
    where the file has nothing (by offset)."""
    source, prose = doc.text, doc.prose
    kinds = bytearray(len(source))
    replaced: dict[int, tuple[int, str]] = {}
    inserted: dict[int, str] = {}
    kept, placeholders = [], []
    for ps, pe, ts, te in doc.prose_map.segments():
        if te <= ts:
            if pe > ps and ts not in replaced:    # read where the file has nothing: a folded line break
                inserted[ts] = " " if prose[ps:pe].isspace() else prose[ps:pe]
            continue
        if pe - ps == te - ts:
            kept.append((ts, te))
        elif PLACEHOLDER in prose[ps:pe]:           # a code span, an image, a URL: shown as written
            kinds[ts:te] = bytes([PH]) * (te - ts)
            placeholders.append((ts, te))
        else:                                       # an entity, an escape, a line break in a quotation
            kinds[ts:te] = bytes([REP]) * (te - ts)
            content = prose[ps:pe]
            replaced[ts] = (te, " " if content.isspace() else content)
    for ts, te in kept:
        kinds[ts:te] = bytes([TEXT]) * (te - ts)
    for ts, te in placeholders:                     # an image whose alt text is prose: only that shows
        if TEXT in kinds[ts:te] or doc.kind == "html":          # (in HTML, a tag: see below)
            kinds[ts:te] = kinds[ts:te].replace(bytes([PH]), bytes([MU]))
        elif m := _CODE_SPAN.fullmatch(source, ts, te):         # a code span: its text, not its backticks
            kinds[ts:m.start(2)] = bytes(m.start(2) - ts)
            kinds[m.end(2):te] = bytes(te - m.end(2))
    if doc.kind == "html":                          # a <code> element: its text, as code
        for m in _CODE.finditer(source):
            a, b = m.span(1)
            kinds[a:b] = bytes(PH if k == MU else k for k in kinds[a:b])
            for tag in _TAG.finditer(source, a, b):
                kinds[tag.start():tag.end()] = bytes(len(tag.group()))
    code = _FENCE if doc.kind == "markdown" else _PRE
    for m in code.finditer(source):                 # code blocks: shown as code, not prose
        a, b = m.span(2 if doc.kind == "markdown" else 1)
        kinds[a:b] = bytes(CODE if k == MU else k for k in kinds[a:b])
        if doc.kind != "markdown":
            for tag in _TAG.finditer(source, a, b):
                kinds[tag.start():tag.end()] = bytes(len(tag.group()))
    return kinds, replaced, inserted


def blocks(doc) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The blocks as (start, end, kind) in the file, in order and apart; and the spans of
    blocks that lie inside another (an image's alt text, a shortcode's caption)."""
    prose, starts = doc.prose, list(doc.blocks)
    found = []
    for i, (ps, kind) in enumerate(starts):
        pe = starts[i + 1][0] if i + 1 < len(starts) else len(prose)
        pe = ps + len(prose[ps:pe].rstrip())
        if pe > ps:
            a, b = doc.prose_map.span(ps, pe)
            if b > a:
                found.append((a, b, kind))
    found.sort()
    out, inner = [], []
    for a, b, kind in found:
        if out and a < out[-1][1]:
            inner.append((a, b))
        else:
            out.append((a, b, kind))
    return out, inner


class _Renderer:
    """Walks the file from one point where something changes to the next: a highlight, a
    block, a kind of character or a style starts or ends there."""

    def __init__(self, doc, front_end: int, byline: str) -> None:
        self.doc, self.source = doc, doc.text
        self.front_end, self.byline = front_end, byline
        self.kinds, self.replaced, self.inserted = characters(doc)
        self.blocks, self.inner = blocks(doc)
        self.block_starts = [a for a, _, _ in self.blocks]
        self.lines = [0, *(m.end() for m in LINE_BREAK.finditer(self.source))]
        self.cells = table_cells(doc.kind, self.source, self.blocks, self.line)
        self.out: list[str] = []
        self.containers: tuple = ()            # what is open now: ("front",) and ("block"|"gap", index)
        self.cosmetic = ""                     # the opening tag of the span now open around text ("": none)
        self.in_chunk = 0                      # blocks and gaps in the chunk now open

    def line(self, offset: int) -> int:
        return bisect_right(self.lines, offset)

    # -- what each point is -----------------------------------------------------------------

    def container(self, p: int) -> tuple:
        i = bisect_right(self.block_starts, p) - 1
        where = ("block", i) if i >= 0 and p < self.blocks[i][1] else ("gap", i + 1)
        return (("front",), where) if p < self.front_end else (where,)

    def styles(self) -> list[tuple[int, frozenset]]:
        """(offset, styles from there on) where the styles change: set by the markup just
        before each block on its line, changed by the markup inside it, none after it."""
        out, previous_end = [], 0
        markdown = self.doc.kind == "markdown"
        for a, b, _ in self.blocks:
            line_start = self.lines[self.line(a) - 1]
            before = self.source[max(line_start, previous_end):a]
            if markdown:
                before = before[_CONTAINER_MARKS.match(before).end():]
            on = _restyle(frozenset(), before, markdown)
            out.append((a, on))
            for m in re.finditer(b"\x00+", self.kinds[a:b]):
                start, end = a + m.start(), a + m.end()
                for token in _STYLE_TOKEN.finditer(self.source, start, end):
                    on = _restyle(on, token.group(), markdown)
                    out.append((token.end(), on))
            out.append((b, frozenset()))
            previous_end = b
        return out

    def block_tag(self, i: int) -> str:
        a, b, kind = self.blocks[i]
        classes = [f"k-{kind}"]
        attrs = ""
        line_start = self.lines[self.line(a) - 1]
        before = self.source[line_start:a]
        if kind == "heading":
            opening = before if self.doc.kind == "markdown" else self.source[self.blocks[i - 1][1] if i else 0:a]
            classes.append(f"h{_heading_level(self.doc.kind, self.source, opening, b)}")
        elif kind == "list-item":
            m = _LIST_MARKER.match(before) if self.doc.kind == "markdown" else None
            marker = "•" if m is None or not m.group(1)[0].isdigit() else m.group(1)
            attrs = f' data-marker="{text(marker)}"'
        elif kind == "table-cell" and i in self.cells:
            columns, row, header = self.cells[i]
            classes += [c for c, on in (("row", row), ("th", header)) if on]
            attrs = f' style="--cols:{columns}"'
        elif kind == "headline" and a < self.front_end:
            keys = list(_KEY.finditer(self.source, 0, a))
            key = keys[-1].group(1).lower() if keys else ""
            classes.append("headline" if key in TITLE_KEYS else "standfirst" if key in STANDFIRST_KEYS else "field")
        first, last = self.line(a), self.line(max(a, b - 1))
        lines = f"line {first}" if first == last else f"lines {first}–{last}"
        return (f'<div class="blk {" ".join(classes)}" dir="auto"{attrs}>'
                f'<span class="ln" aria-hidden="true" data-n="{first}" title="{lines}"></span>')

    # -- writing ----------------------------------------------------------------------------

    def write(self, diagnostics: list[Diagnostic], prefix: str) -> str:
        source, kinds, out = self.source, self.kinds, self.out
        spans = offsets(source, diagnostics)
        order, ends, rest = crossing(spans)
        continued = [(a, b, f"{prefix}-{i}", text(diagnostics[i].severity)) for a, b, i in rest]
        hidden = [i for i in order if ends[i] > spans[i][0] and not _visible(kinds, spans[i][0], ends[i])]
        reveal = sorted(self.around(spans[i][0], ends[i]) for i in hidden)
        opens: dict[int, list[int]] = {}
        for i in order:
            opens.setdefault(spans[i][0], []).append(i)
        styles = self.styles()
        points = {0, len(source), self.front_end, *opens, *(ends[i] for i in order)}
        points.update(p for a, b, _ in self.blocks for p in (a, b))
        points.update(p for span in (*reveal, *self.inner) for p in span)
        points.update(p for a, b, _, _ in continued for p in (a, b))
        points.update(p for p, _ in styles)
        points.update(m.end() for m in re.finditer(rb"(.)(?!\1)", kinds, re.S))
        points.update(self.replaced)
        points.update(self.inserted)
        points = sorted(p for p in points if 0 <= p <= len(source))
        gaps_shown = self.gaps_shown(reveal)

        out.append('<div class="text rendered"><div class="chunk">')
        stack: list[int] = []                       # the ends of the open highlights
        s = 0                                       # the style change next to apply
        on: frozenset = frozenset()
        for n, p in enumerate(points):
            q = points[n + 1] if n + 1 < len(points) else p
            closing = bool(stack) and stack[-1] <= p
            if closing or p in opens:
                self.close_cosmetic()
            while stack and stack[-1] <= p:
                stack.pop()
                out.append("</mark>")
            wanted = self.container(p) if q > p or p < len(source) else ()
            if wanted != self.containers:
                if not stack:
                    self.close_cosmetic()
                    self.switch(wanted, gaps_shown)
                elif wanted and wanted[-1][0] == "block" and p == self.blocks[wanted[-1][1]][0]:
                    self.close_cosmetic()          # (a highlight runs on into this block: a break, not a new block)
                    first = self.line(p)
                    out.append(f'<span class="bb"></span><span class="ln" aria-hidden="true" data-n="{first}"></span>')
            for i in opens.get(p, ()):
                out.append(mark_tag(diagnostics[i], f"{prefix}-{i}", ends[i] < spans[i][1],
                                    "inmarkup" if i in hidden else ""))
                if ends[i] == p:
                    out.append("</mark>")
                else:
                    stack.append(ends[i])
            while s < len(styles) and styles[s][0] <= p:
                on = styles[s][1]
                s += 1
            if p in self.inserted and wanted and wanted[-1][0] == "block" and p > self.blocks[wanted[-1][1]][0]:
                self.close_cosmetic()
                self.out.append(f'<span class="rp" data-r="{text(self.inserted[p])}"></span>')
            if q > p:
                self.piece(p, q, on, reveal, continued)
        self.close_cosmetic()
        while stack:
            stack.pop()
            out.append("</mark>")
        self.switch((), gaps_shown)
        out.append("</div></div>")
        return "".join(out)

    def around(self, a: int, b: int) -> tuple[int, int]:
        """The hidden markup to show for a finding at [a, b) in it: the span, widened to the
        markup around it on its line (REVEAL_AROUND characters at most each side)."""
        source, kinds = self.source, self.kinds
        low, high = max(0, a - REVEAL_AROUND), min(len(source), b + REVEAL_AROUND)
        while a > low and kinds[a - 1] == MU and source[a - 1] not in "\r\n":
            a -= 1
        while b < high and kinds[b] == MU and source[b] not in "\r\n":
            b += 1
        return a, b

    def switch(self, wanted: tuple, gaps_shown: dict[int, int]) -> None:
        """Close the containers open now that `wanted` does not hold, and open those it does."""
        out = self.out
        keep = 0
        while keep < min(len(wanted), len(self.containers)) and wanted[keep] == self.containers[keep]:
            keep += 1
        for what in reversed(self.containers[keep:]):
            if what == ("front",):
                if self.byline:
                    out.append(f'<p class="byline">{self.byline}</p>')
                out.append("</header>")
            else:
                out.append("</div>")
        if not keep and wanted and wanted[0] != ("front",):
            self.in_chunk += 1
            within_row = wanted[0][1] in self.cells and not self.cells[wanted[0][1]][1]
            if self.in_chunk > CHUNK_BLOCKS and not within_row:   # (a browser lays out only the chunks in view)
                out.append('</div><div class="chunk">')
                self.in_chunk = 1
        for what in wanted[keep:]:
            if what == ("front",):
                out.append('<header class="frontmatter">')
            elif what[0] == "block":
                out.append(self.block_tag(what[1]))
            else:
                first = gaps_shown.get(what[1])
                gutter = "" if first is None else \
                    f'<span class="ln" aria-hidden="true" data-n="{self.line(first)}"></span>'
                out.append(f'<div class="gap{" shown" if first is not None else ""}">{gutter}')
        self.containers = wanted

    def gaps_shown(self, reveal: list[tuple[int, int]]) -> dict[int, int]:
        """For each gap between blocks with something to see (code, revealed markup), where
        the first such thing starts."""
        out: dict[int, int] = {}
        bounds = [0, *(p for a, b, _ in self.blocks for p in (a, b)), len(self.source)]
        for g in range(len(self.blocks) + 1):
            a, b = bounds[2 * g], bounds[2 * g + 1]
            m = re.search(rb"[^\x00]", self.kinds[a:b])
            seen = [a + m.start()] if m else []
            seen += [max(a, x) for x, y in reveal if x < b and y > a or x == y and a <= x < b]
            if seen:
                out[g] = min(seen)
        return out

    def close_cosmetic(self) -> None:
        if self.cosmetic:
            self.out.append("</span>")
            self.cosmetic = ""

    def piece(self, p: int, q: int, on: frozenset, reveal, continued) -> None:
        """source[p:q], inside one span saying how it looks (a piece has one kind and style)."""
        kind = self.kinds[p]
        classes = sorted(on) if kind in (TEXT, REP, PH) else []
        attrs = ""
        if kind == MU:
            shown = any(a <= p < b for a, b in reveal)
            classes.append("mu shown" if shown else "mu")
        elif kind == PH:
            classes.append("ph")
        elif kind == CODE:
            classes.append("code")
        elif kind == REP:
            classes.append("rp")
            if p in self.replaced:
                attrs = f' data-r="{text(self.replaced[p][1])}"'
        if any(a <= p < b for a, b in self.inner):
            classes.append("alt")
        for a, b, ident, severity in continued:
            if a <= p < b:
                classes.append(f"fc {severity}")
                attrs += f' data-of="h{ident}"' if "data-of" not in attrs else ""
        tag = f'<span class="{" ".join(classes)}"{attrs}>' if classes or attrs else ""
        if kind == REP:
            self.close_cosmetic()
            self.out.append(f'{tag}<span class="mu">{body_text(self.source[p:q])}</span></span>')
            return
        if tag != self.cosmetic:
            self.close_cosmetic()
            if tag:
                self.out.append(tag)
            self.cosmetic = tag
        self.out.append(body_text(self.source[p:q]))


def table_cells(kind: str, source: str, blocks: list[tuple[int, int, str]], line) -> dict[int, tuple[int, bool, bool]]:
    """For each table cell (by block index): the columns of its table (its longest row),
    whether it starts a row (Markdown: a cell on another line; HTML: a `<tr>` since the
    cell before), and whether it is a heading cell (Markdown: of the first row; HTML: a
    `<th>`). A run of cells with no other block between them is one table."""
    out: dict[int, tuple[int, bool, bool]] = {}
    table: list[list[int]] = []                 # the rows of the table now read: block indexes

    def close() -> None:
        columns = max(map(len, table), default=0)
        for r, cells in enumerate(table):
            for c, i in enumerate(cells):
                opening = source[blocks[i - 1][1] if i else 0:blocks[i][0]]
                header = r == 0 if kind == "markdown" else bool(re.search(r"<th\b", opening, re.I))
                out[i] = (columns, c == 0, header)
        table.clear()

    for i, (a, _, block_kind) in enumerate(blocks):
        if block_kind != "table-cell":
            close()
            continue
        before = source[blocks[i - 1][1] if i else 0:a]
        if table and (kind == "markdown" and line(a) != line(blocks[table[-1][-1]][0])
                      or kind != "markdown" and re.search(r"<tr\b", before, re.I)):
            table.append([i])
        elif table:
            table[-1].append(i)
        else:
            table.append([i])
    close()
    return out


def _visible(kinds: bytearray, a: int, b: int) -> bool:
    return any(kinds[a:b].translate(None, bytes([MU])))


def _restyle(on: frozenset, markup: str, markdown: bool) -> frozenset:
    """The styles after `markup` (Markdown emphasis toggles; an HTML tag sets or ends one)."""
    for m in _STYLE_TOKEN.finditer(markup):
        token = m.group()
        if m.group(2):
            style = _TAG_STYLES.get(m.group(2).lower())
            if style:
                on = on - {style} if m.group(1) else on | {style}
        elif not markdown:
            continue
        elif token in _MD_TOGGLES:
            on = on ^ {_MD_TOGGLES[token]}
        elif token == "[":
            if not markup[:m.start()].endswith("!"):      # (an image's alt text is not a link)
                on = on | {"lk"}
        else:
            on = on - {"lk"}
    return on


def _heading_level(kind: str, source: str, opening: str, end: int) -> int:
    """A heading's level: from its `#`s or its underline in Markdown (`opening`: its line
    up to its text), from its tag in HTML (`opening`: the markup since the block before)."""
    if kind == "markdown":
        m = re.search(r"#{1,6}", opening)
        if m:
            return len(m.group())
        underline = re.match(r"[^\r\n]*(?:\r\n|\r|\n)[ \t]*(=+|-+)", source[end:end + 400])
        return 1 if underline and underline.group(1)[0] == "=" else 2
    levels = re.findall(r"<h([1-6])\b", opening, re.I)
    return int(levels[-1]) if levels else 2
