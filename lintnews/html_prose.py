"""HTML -> Document: the visible text of a page, every offset mapped back to the file.

Parsed with the standard library's HTML parser (lenient, like a browser, and free to
import). Visible text is kept as written; tags are left out; a block element (p, div,
h1-h6, li, td, blockquote ...) starts a new paragraph of prose and <br> a new line; an
entity is read as the character it stands for ("&rsquo;" as "’") while its position still
points at the entity; white space collapses to one space, as a browser shows it; an image
becomes one placeholder character and its alt text a paragraph of its own. Nothing inside
script, style, code, pre, template, svg, math or head is prose. The title and the
publication date and author of <meta> tags go into the document's metadata.
"""
from __future__ import annotations

import re
from array import array
from html import unescape
from html.parser import HTMLParser
from typing import Any

from lintnews.document import BlockKinds, Document
from lintnews.prosemap import ProseBuilder
from lintnews.text import offset_type

PLACEHOLDER = "\ufffc"
_HIDDEN = frozenset({"script", "style", "code", "pre", "template", "noscript", "svg", "math", "head",
                     "textarea", "select", "object", "iframe"})
_BLOCKS = {
    "p": "paragraph", "div": "paragraph", "section": "paragraph", "article": "paragraph", "main": "paragraph",
    "header": "paragraph", "footer": "paragraph", "aside": "paragraph", "nav": "paragraph", "address": "paragraph",
    "figure": "paragraph", "figcaption": "caption", "caption": "caption", "details": "paragraph",
    "summary": "heading", "form": "paragraph", "fieldset": "paragraph", "legend": "heading", "body": "paragraph",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "li": "list-item", "dt": "list-item", "dd": "list-item", "ul": "paragraph", "ol": "paragraph",
    "dl": "paragraph", "blockquote": "blockquote", "table": "table-cell", "tr": "table-cell",
    "td": "table-cell", "th": "table-cell", "thead": "table-cell", "tbody": "table-cell", "hr": "paragraph",
}
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "embed",
                   "source", "track", "param"})
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_WHITE = re.compile(r"\s+")
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# an opened tag, end tag, comment, declaration or processing instruction (as the standard
# parser starts them), at least two characters long: "</" alone at the end is text
_UNFINISHED = re.compile(r"<(?:[a-zA-Z]|/.|!|\?)", re.S)
_DATE_NAMES = frozenset({"date", "pubdate", "publishdate", "publish-date", "article:published_time",
                         "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date"})


def html_document(text: str, path: str, meta: dict[str, Any] | None = None) -> Document:
    """The Document of an HTML file: visible text as prose, mapped to the file."""
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    prose, prose_map = reader.out.build()
    found = dict(reader.meta)
    found.update(meta or {})
    return Document(text, path, prose=prose, prose_map=prose_map, meta=found, kind="html", blocks=reader.blocks)


class _Reader(HTMLParser):
    """Writes the visible text into a ProseBuilder as the parser meets it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.newlines = array(offset_type(len(text)), [0])     # where each line starts
        self.newlines.extend(m.end() for m in re.finditer("\n", text))
        self.out = ProseBuilder(text)
        self.blocks = BlockKinds(typecode=offset_type(len(text)))
        self.meta: dict[str, Any] = {}
        self.hidden: list[str] = []          # open elements whose content is not prose
        self.kinds: list[str] = []           # open block elements, innermost last
        self.space: tuple[int, int] | None = None    # white space waiting for the next word
        self.at_block_start = True
        self.title: list[str] | None = None
        self.alts: list[tuple[int, int]] = []      # alt texts to write after their block
        self.after_break = False                   # just after a <br>: white space is not a space

    def parse_html_declaration(self, i: int) -> int:
        """A "<!..." construct; one the standard parser cannot read ("<![0") is skipped up
        to its ">" as a bogus comment, as a browser does, instead of stopping the parse."""
        position = self.getpos()
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.lineno, self.offset = position     # the failed scan moved them on
            end = self.rawdata.find(">", i)
            return end + 1 if end >= 0 else len(self.rawdata)

    def here(self) -> int:
        """The file offset of the construct the parser is handling now."""
        line, column = self.getpos()
        return self.newlines[line - 1] + column

    # ------------------------------------------------------------------------ writing

    def write(self, content: str, start: int, end: int, verbatim: bool = False) -> None:
        if self.at_block_start:
            if self.out.length:
                self.out.put("\n\n", start, start)
            self.blocks.append((self.out.length, self.kinds[-1] if self.kinds else "paragraph"))
            self.at_block_start = False
        elif self.space is not None:
            self.out.put(" ", *self.space)
        self.space = None
        self.after_break = False
        if verbatim:
            self.out.keep(start, end)
        else:
            self.out.put(content, start, end)

    def block_break(self) -> None:
        """End the current block (then write the alt texts of its images, each a block)."""
        alts, self.alts = self.alts, []
        for a, b in alts:
            self.at_block_start = True
            self.kinds.append("alt-text")
            self.write("", a, b, verbatim=True)
            self.kinds.pop()
        self.at_block_start = True
        self.space = None

    def data(self, chunk: str, start: int) -> None:
        pos = 0
        for m in _WHITE.finditer(chunk):
            if m.start() > pos:
                self.write("", start + pos, start + m.start(), verbatim=True)
            if not self.at_block_start and not self.after_break:
                self.space = (start + m.start(), start + m.end())
            pos = m.end()
        if pos < len(chunk):
            self.write("", start + pos, start + len(chunk), verbatim=True)

    # ---------------------------------------------------------------- parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.here()
        raw = self.get_starttag_text() or ""
        if tag == "meta":
            self._meta_tag(dict(attrs))
        if tag == "time" and "date" not in self.meta:
            values = dict(attrs)
            if values.get("itemprop") == "datePublished" or "pubdate" in values:
                self._set_date(values.get("datetime"))
        if tag == "title":
            self.title = []
        if self.hidden:
            if tag not in _VOID:
                self.hidden.append(tag)
            return
        if tag in _HIDDEN and tag not in _VOID:
            if tag == "pre":
                self.block_break()
            elif tag in ("code", "math", "svg") and not self.at_block_start:
                self.write(PLACEHOLDER, start, start + len(raw))   # stands in the sentence for what it hides
            self.hidden.append(tag)
            return
        if tag in _BLOCKS:
            self.block_break()
            if tag not in _VOID:
                self.kinds.append(_BLOCKS[tag] if tag != "p" or not self.kinds else self.kinds[-1])
        elif tag == "br":
            if not self.at_block_start:
                self.out.put("\n", start, start + len(raw))
                self.space = None
                self.after_break = True
        elif tag == "img":
            self.write(PLACEHOLDER, start, start + len(raw))
            self._alt_text(raw, start)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.meta.setdefault("title", " ".join("".join(self.title).split()))
            self.title = None
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
                if tag == "pre":
                    self.block_break()
            return
        if tag in _BLOCKS and tag not in _VOID:
            self.block_break()
            if self.kinds:
                self.kinds.pop()

    def close(self) -> None:
        rest = self.rawdata                 # what the parser could not finish before the end
        if not self.cdata_elem and _UNFINISHED.match(rest):
            # A tag, comment or declaration opened and never closed runs to the end of the
            # file, which a browser does not show (HTML5; Python's parser too from 3.11.13,
            # 3.12.11 and 3.13.4). Older ones read it as text, scanning to the end once
            # for each "<" in it: "<a <a <a ..." cost its length squared.
            self.rawdata = ""
        super().close()
        self.block_break()

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        if not self.hidden:
            self.data(data, self.here())

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def _reference(self) -> None:
        start = self.here()
        m = _ENTITY.match(self.text, start)
        if m is None:
            return
        decoded = unescape(m.group())
        if self.title is not None:
            self.title.append(decoded)
        if self.hidden:
            return
        if decoded.isspace():
            if not self.at_block_start:
                self.space = (start, m.end())
        else:
            self.write(decoded, start, m.end(), verbatim=decoded == m.group())

    # ---------------------------------------------------------------------- metadata

    def _meta_tag(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content")
        if not content:
            return
        if name in _DATE_NAMES or name == "datepublished":
            self._set_date(content)
        elif name == "author":
            self.meta.setdefault("author", content)
        elif name in ("og:title", "title"):
            self.meta.setdefault("title", content)

    def _set_date(self, value: str | None) -> None:
        m = _DATE.match((value or "").strip())
        if m:
            self.meta.setdefault("date", m.group())

    def _alt_text(self, raw: str, start: int) -> None:
        """An image's alt text, as a paragraph of its own (when written plainly)."""
        m = _ALT.search(raw)
        if not m:
            return
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        value = m.group(group)
        if not value.strip() or "&" in value:
            return
        a = start + m.start(group)
        lead = len(value) - len(value.lstrip())
        self.alts.append((a + lead, a + len(value.rstrip())))
