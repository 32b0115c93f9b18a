"""Markdown -> Document: the prose a reader reads, every offset mapped back to the file.

markdown-it-py parses the blocks (CommonMark, tables, strikethrough, footnotes, math); the
prose of each paragraph, heading, list item, block quote, table cell and footnote is then
rebuilt from the file itself, token by token: text is kept as written; emphasis marks,
link brackets and destinations, footnote labels and inline HTML are left out; an entity
or an escape is read as the character it stands for; a code span, a URL, an image or
math, a Hugo shortcode or a Liquid tag (see shortcodes) becomes one placeholder character
(U+FFFC), so that it neither joins nor splits the words around it. Image alt text is
prose of its own, after its paragraph, as is the copy in a shortcode's caption, title or
alt parameter, after the body. Code blocks, HTML blocks and comments, reference
definitions and front matter are not prose at all, but for the front matter fields that
hold copy (front_matter.copy_fields), each a block of its own before the body: a
"headline", or "alt-text" for a caption or an image's alt.

Blocks are separated by a blank line in the prose, so each is a paragraph to the rules.
Should a block's source not match its tokens (a case this walker does not know), the
block is kept as written rather than dropped, and `meta["markdown_fallbacks"]` counts it.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import cache
from collections.abc import Iterator
from typing import Any

from lintnews.document import BlockKinds, Document, LineIndex
from lintnews.front_matter import COPY_FIELDS, copy_fields, find_front_matter
from lintnews.prosemap import ProseBuilder
from lintnews.shortcodes import MASK, has_tags, mask
from lintnews.text import offset_type

PLACEHOLDER = "\ufffc"
PIECE = 1 << 12         # characters of a long file parsed at a time (see _tokens)
_MAY_START = re.compile(r" {0,3}(?:#|[-*+][ \t]|\d{1,9}[.)][ \t])")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”‘’()\[\]]*[^\s<>\"'“”‘’()\[\].,;:!?]|" + MASK + "+")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_IMAGE_TAG = re.compile(r"<img\b", re.I)
_BLOCK_KINDS = {"paragraph_open": "paragraph", "heading_open": "heading", "th_open": "table-cell",
                "td_open": "table-cell"}
_CONTAINER_KINDS = {"list_item_open": "list-item", "blockquote_open": "blockquote", "footnote_open": "footnote"}


MAX_NESTING = 20        # markdown-it's default depth of blocks in blocks; deeper is not parsed


@cache
def parser():
    """The markdown-it parser, made once (and imported only when needed: it is slow to import)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(dollarmath_plugin, allow_space=False, allow_digits=False)
    md.disable("text_join")        # keep escapes and entities as tokens of their own
    md.options["maxNesting"] = MAX_NESTING
    return md


def markdown_document(text: str, path: str, meta: dict[str, Any] | None = None, *,
                      piece: int = PIECE, fields: tuple[str, ...] = COPY_FIELDS) -> Document:
    """The Document of a Markdown file: prose view, map, metadata and block kinds."""
    meta = dict(meta or {})
    problems = []
    body_start = 0
    front = find_front_matter(text)
    if front is not None:
        body_start = front.end
        for key, value in front.meta.items():
            meta.setdefault(key, value)
        if front.error:
            problems.append(front.error)
    lines = LineIndex(text)
    body, parameters = mask(text, body_start) if has_tags(text, body_start) else (text, [])
    builder = _Builder(body, lines, text)
    if front is not None:
        for field in copy_fields(text, front, fields):
            builder.field(field.pieces, "alt-text" if field.key.lower() in ("alt", "caption") else "headline")
    too_deep: list[str] = []
    for tokens, line in _tokens(body, lines, body_start, piece):
        builder.line_offset = line          # (the file's line their line 0 is)
        builder.add(tokens)
        if not too_deep:                    # (said once a file)
            too_deep = _too_deep(tokens, line)
            problems.extend(too_deep)
        del tokens                          # (not kept while the next piece is parsed)
    for pieces in parameters:               # a shortcode's caption, title or alt
        builder.field(pieces, "alt-text")
    prose, prose_map, blocks, fallbacks = builder.build()
    if fallbacks:
        meta["markdown_fallbacks"] = fallbacks
    doc = Document(text, path, prose=prose, prose_map=prose_map, meta=meta, kind="markdown", blocks=blocks)
    doc.lines = lines                       # (made once)
    doc.problems.extend(problems)
    return doc


def _too_deep(tokens: list, line: int) -> list[str]:
    """A problem where blocks nest as deep as markdown-it goes (lists in lists, quotes in
    quotes, 20 levels): it parses nothing inside, so that text would go unlinted in silence."""
    deep = next((t for t in tokens if t.nesting == 1 and t.level >= MAX_NESTING - 1 and t.map), None)
    if deep is None:
        return []
    return [f"Markdown nested deeper than {MAX_NESTING} levels (lists or block quotes) at line "
            f"{line + deep.map[0] + 1}: the text inside them is not linted"]


def _tokens(text: str, lines: LineIndex, body_start: int, piece: int) -> Iterator[tuple[list, int]]:
    """markdown-it's tokens of the text from `body_start` on (after any front matter), with
    the line each list of them starts at (their maps count from there).

    A long text is parsed a piece of about `piece` characters at a time, for markdown-it
    keeps a few hundred bytes a token and more a line: a piece ends before a line (after a
    blank one, a heading or a list item) where its parse, which reads that line too, shows
    every top-level block ended, so that parsing on from there gives what one parse of it
    all would (or a list's items, see _ends_before). A text with a reference or footnote
    definition ("]:"), which a link anywhere may use, or a math block ("$$", which is one
    only if a "$$" closes it further on) is parsed whole; so is a piece with no such line
    in it (one long table or paragraph).
    """
    starts = lines.starts
    line, size = bisect_right(starts, body_start) - 1, piece
    if len(text) - body_start <= piece or text.find("]:", body_start) >= 0 or text.find("$$", body_start) >= 0:
        yield parser().parse(text[body_start:]), line
        return
    start = body_start
    while True:
        cut = _candidate_line(text, starts, bisect_right(starts, start + size))
        if cut is None:
            yield parser().parse(text[start:]), line
            return
        end = starts[cut + 1] if cut + 1 < len(starts) else len(text)
        tokens = parser().parse(text[start:end])        # (with line `cut` to look ahead at)
        ends = _ends_before(tokens, cut - line)
        if ends is not None:
            del tokens[ends:]
            yield tokens, line
            line, size, start = cut, piece, starts[cut]
        else:
            size *= 2                                   # (so a text is parsed at most about twice)
        del tokens                                      # (not kept while the next piece is parsed)


def _ends_before(tokens: list, at: int) -> int | None:
    """If every top-level block of these tokens ends before line `at` or starts there, the
    index of the first token from there; also, in one long list, that of an item of it that
    starts there (a list parsed on from one of its items reads item for item the same);
    None if neither."""
    tops = [(i, t.map) for i, t in enumerate(tokens) if t.level == 0 and t.map is not None]
    if all(b <= at or a >= at for _, (a, b) in tops):
        return next((i for i, (a, _) in tops if a >= at), len(tokens))
    spanning = [i for i, (a, b) in tops if a < at < b]
    if len(spanning) == 1 and tokens[spanning[0]].type in ("bullet_list_open", "ordered_list_open"):
        return next((i for i in range(spanning[0] + 1, len(tokens)) if tokens[i].level == 1
                     and tokens[i].type == "list_item_open" and tokens[i].map[0] == at), None)
    return None


def _candidate_line(text: str, starts: array, line: int) -> int | None:
    """The first line from `line` on that may well start a top-level block or list item:
    one after a blank line, a heading or a list item; None if there is none (_tokens makes
    sure)."""
    for n in range(max(line, 1), len(starts)):
        if _MAY_START.match(text, starts[n]) or not text[starts[n - 1]:starts[n]].strip(" \t\r\n"):
            return n
    return None


class _Mismatch(Exception):
    """The source of a block does not read the way its tokens say."""


class _Builder:
    """Walks the token stream and writes the prose of every block into one ProseBuilder."""

    def __init__(self, text: str, lines: LineIndex, original: str | None = None) -> None:
        self.text = text                    # (with shortcodes masked: see shortcodes.mask)
        self.original = text if original is None else original
        self.lines = lines
        self.out = ProseBuilder(text)
        self.blocks = BlockKinds(typecode=offset_type(len(text)))
        self.fallbacks = 0
        self.row_cursor: dict[int, int] = {}
        self.line_offset = 0                # the file's line where the tokens' line 0 is

    def line_text(self, n: int) -> tuple[int, str]:
        """(start offset, text without its line break) of 0-based line n."""
        starts = self.lines.starts
        start = starts[n]
        end = starts[n + 1] if n + 1 < len(starts) else len(self.text)
        line = self.text[start:end]
        return start, line.rstrip("\r\n") if n + 1 < len(starts) else line

    def add(self, tokens) -> None:
        """Write the prose of a list of tokens (whole top-level blocks)."""
        containers: list[str] = []
        for i, tok in enumerate(tokens):
            if tok.type in _CONTAINER_KINDS:
                containers.append(_CONTAINER_KINDS[tok.type])
            elif tok.type.replace("_close", "_open") in _CONTAINER_KINDS and tok.nesting == -1:
                if containers:              # markdown-it may close what it never opened ("[^1]: > [^1]:")
                    containers.pop()
            elif tok.type == "inline" and tok.map is not None and i > 0:
                block_kind = _BLOCK_KINDS.get(tokens[i - 1].type)
                if block_kind is None:
                    continue
                if block_kind == "paragraph" and containers:
                    block_kind = containers[-1]
                self.block(tok, block_kind)

    def field(self, pieces: list, block_kind: str) -> None:
        """Write a front matter field's value (see front_matter.copy_fields) as a block."""
        self.separate(pieces[0][1], block_kind)
        for content, start, end in pieces:
            if content is None:
                self.out.put(self.original[start:end], start, end)
            else:
                self.out.put(content, start, end)

    def build(self) -> tuple[str, Any, BlockKinds, int]:
        prose, prose_map = self.out.build()
        return prose, prose_map, self.blocks, self.fallbacks

    def block(self, tok, block_kind: str) -> None:
        if not tok.content.strip():
            return
        try:
            where = self.locate(tok, block_kind)
        except _Mismatch:
            self.fallbacks += 1
            return
        self.separate(where.source(0), block_kind)
        mark = self.out.length
        deferred: list = []
        urls = _url_spans(tok.content)          # (once for the token and its images' alt texts)
        try:
            _Inline(self.out, tok.content, where, deferred, urls).walk(tok.children or [])
        except _Mismatch:                       # keep the block as written
            self.out.rewind(mark)
            self.fallbacks += 1
            for a, b in where.line_spans():
                if self.out.length > mark:
                    self.out.put("\n", a, a)
                self.out.keep(a, b)
            return
        for image, cursor in deferred:          # alt text: prose of its own
            before = self.out.length
            self.separate(where.source(cursor), "alt-text")
            try:
                _Inline(self.out, tok.content, where, [], urls, cursor).walk(image.children or [])
            except _Mismatch:
                self.fallbacks += 1
            if self.out.length <= before + 2:   # an empty alt text
                self.out.rewind(before)
                self.blocks.pop()

    def separate(self, at: int, block_kind: str) -> None:
        """Start a new block of prose (after a blank line, when one came before)."""
        if self.out.length:
            self.out.put("\n\n", at, at)
        self.blocks.append((self.out.length, block_kind))

    def locate(self, tok, block_kind: str) -> _ContentMap:
        """Where each line of the token's content stands in the file."""
        first, last = (n + self.line_offset for n in tok.map)
        content_lines = tok.content.split("\n")
        if len(content_lines) > last - first:
            raise _Mismatch
        spans = []
        for j, line in enumerate(content_lines):
            start, source = self.line_text(first + j)
            if block_kind == "table-cell":
                at = source.find(line, self.row_cursor.get(first + j, 0)) if line else -1
                if at < 0:
                    raise _Mismatch
                self.row_cursor[first + j] = at + len(line)
            elif source.endswith(line):
                at = len(source) - len(line)
            elif source.rstrip().endswith(line):
                at = len(source.rstrip()) - len(line)
            else:
                raise _Mismatch
            spans.append((start + at, start + at + len(line)))
        return _ContentMap(spans)


class _ContentMap:
    """Maps offsets of an inline token's content (its lines joined by "\\n") to the file."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans                 # per content line: its (start, end) in the file
        self.line_starts = []
        pos = 0
        for start, end in spans:
            self.line_starts.append(pos)
            pos += end - start + 1

    def source(self, offset: int) -> int:
        """The file offset of content `offset` (the "\\n" ending a line maps to its end)."""
        j = bisect_right(self.line_starts, offset) - 1
        start, end = self.spans[j]
        return min(start + offset - self.line_starts[j], end)

    def line_spans(self) -> list[tuple[int, int]]:
        return list(self.spans)


def _url_spans(content: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Where the bare URLs of an inline token's content are, in order and apart, and where
    each ends."""
    spans = [(m.start(), m.end()) for m in _URL.finditer(content)]
    return spans, [end for _, end in spans]


class _Inline:
    """Writes the prose of one inline token, matching each child token against the source."""

    def __init__(self, out: ProseBuilder, content: str, where: _ContentMap, deferred: list,
                 urls: tuple[list[tuple[int, int]], list[int]], cursor: int = 0) -> None:
        self.out = out
        self.content = content
        self.where = where
        self.deferred = deferred
        self.c = cursor
        self.skip_to_close = False
        self.urls, self.url_ends = urls     # the URLs in content (see _url_spans)

    # ------------------------------------------------------------------ source helpers

    def src(self, offset: int) -> int:
        return self.where.source(offset)

    def expect(self, s: str) -> int:
        if not self.content.startswith(s, self.c):
            raise _Mismatch
        start = self.c
        self.c += len(s)
        return start

    def keep(self, a: int, b: int) -> None:
        """Keep content[a:b] (one line), URLs in it made placeholders."""
        pos = a
        # (from the first URL ending after a: a pass over all of them for each piece kept
        # made a long paragraph of links cost the square of its length)
        urls = self.urls
        for k in range(bisect_right(self.url_ends, a), len(urls)):
            u0, u1 = urls[k]
            if u0 >= b:
                break
            self.out.keep(self.src(pos), self.src(max(pos, u0)))
            if u0 >= pos:
                self.out.put(PLACEHOLDER, self.src(u0), self.src(u1))
            pos = min(u1, b)
        self.out.keep(self.src(pos), self.src(b))

    def placeholder(self, a: int, b: int) -> None:
        self.out.put(PLACEHOLDER, self.src(a), self.src(b))

    def closing(self, opener: str, closer: str) -> int:
        """Offset just past the `closer` that balances the `opener` at the cursor."""
        depth, i, s = 0, self.c, self.content
        while i < len(s):
            ch = s[i]
            if ch == "\\":
                i += 2
                continue
            if ch == opener:
                depth += 1
            elif ch == closer:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise _Mismatch

    def link_tail(self) -> None:
        """Skip "(destination "title")" or "[label]" after a link's "]"."""
        if self.content.startswith("(", self.c):
            self.c = self._parenthesised()
        elif self.content.startswith("[", self.c):
            self.c = self.closing("[", "]")

    def _parenthesised(self) -> int:
        s, i = self.content, self.c + 1
        while i < len(s) and s[i] in " \t\n":
            i += 1
        if i < len(s) and s[i] == "<":                 # <destination with spaces>
            end = s.find(">", i)
            if end < 0:
                raise _Mismatch
            i = end + 1
        depth = 1
        quote = None
        while i < len(s):
            ch = s[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "\"'" and s[i - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise _Mismatch

    # ------------------------------------------------------------------------ tokens

    def walk(self, tokens) -> None:
        for tok in tokens:
            if self.skip_to_close:
                if tok.type == "link_close":
                    self.skip_to_close = False
                continue
            handler = getattr(self, "on_" + tok.type, None)
            if handler is None:
                raise _Mismatch
            handler(tok)

    def on_text(self, tok) -> None:
        if not tok.content:
            return
        start = self.expect(tok.content)
        self.keep(start, self.c)

    def on_text_special(self, tok) -> None:        # an escape ("\\*") or an entity ("&amp;")
        start = self.expect(tok.markup)
        self.out.put(tok.content, self.src(start), self.src(self.c))

    def _line_break(self, backslash: bool) -> None:
        start = self.c
        while self.content.startswith((" ", "\t"), self.c):
            self.c += 1
        if backslash:
            self.expect("\\")
        self.expect("\n")
        while self.content.startswith((" ", "\t"), self.c):
            self.c += 1
        self.out.put("\n", self.src(start), self.src(self.c))

    def on_softbreak(self, tok) -> None:
        self._line_break(backslash=False)

    def on_hardbreak(self, tok) -> None:
        self._line_break(backslash=self.content.startswith("\\", self.c))

    def _markup(self, tok) -> None:
        self.expect(tok.markup)

    on_em_open = on_em_close = on_strong_open = on_strong_close = on_s_open = on_s_close = _markup

    def on_link_open(self, tok) -> None:
        if tok.markup == "autolink":
            start = self.expect("<")
            end = self.content.find(">", self.c)
            if end < 0:
                raise _Mismatch
            self.c = end + 1
            self.placeholder(start, self.c)
            self.skip_to_close = True
        else:
            self.expect("[")

    def on_link_close(self, tok) -> None:
        self.expect("]")
        self.link_tail()

    def on_image(self, tok) -> None:
        start = self.c
        self.expect("!")
        alt_start = self.c + 1
        self.c = self.closing("[", "]")
        self.link_tail()
        self.placeholder(start, self.c)
        if tok.children:
            self.deferred.append((tok, alt_start))

    def on_code_inline(self, tok) -> None:
        start = self.expect(tok.markup)
        fence = re.compile(r"(?<!`)" + re.escape(tok.markup) + r"(?!`)")
        m = fence.search(self.content, self.c)
        if m is None:
            raise _Mismatch
        self.c = m.end()
        self.placeholder(start, self.c)

    def on_html_inline(self, tok) -> None:
        start = self.expect(tok.content)
        if _BREAK_TAG.fullmatch(tok.content.strip()):
            self.out.put("\n", self.src(start), self.src(self.c))
        elif _IMAGE_TAG.match(tok.content):
            self.placeholder(start, self.c)

    def _math(self, tok) -> None:
        start = self.expect(tok.markup)
        end = self.content.find(tok.markup, self.c)
        if end < 0:
            raise _Mismatch
        self.c = end + len(tok.markup)
        self.placeholder(start, self.c)

    on_math_inline = on_math_inline_double = _math

    def on_footnote_ref(self, tok) -> None:
        self.expect("[^")
        end = self.content.find("]", self.c)
        if end < 0:
            raise _Mismatch
        self.c = end + 1
