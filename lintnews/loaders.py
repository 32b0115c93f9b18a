"""Built-in document loaders: decoded text -> Document, chosen by the file's extension.

Markdown (.md, .markdown) and HTML (.html, .htm) get a prose view without their markup
(see markdown_prose and html_prose, imported only when such a file comes); anything else
is plain text. Each is an implementation of `lintnews_load_document`; the plain-text
loader is the last resort and accepts anything.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import re

import regex

from lintnews.document import Document
from lintnews.hookspecs import hookimpl
from lintnews.patterns import HSPACE, lazy
from lintnews.prosemap import ProseBuilder, has_invisible

TEXT_EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm")
# A "date 2021-07-27" header some exports put before the copy.
_DATE_HEADER = lazy(regex.compile, r"\A[^\S\r\n]*date:?[^\S\r\n]+(\d{4}-\d{2}-\d{2})\b")
_REST_OF_LINE = lazy(re.compile, f"[{HSPACE}]*(?=\r|\n|\\Z)")     # (regex's [^\S\r\n], spelt out)


def text_metadata(text: str) -> tuple[dict[str, Any], int]:
    """Metadata a plain-text article carries in its first line (a `date YYYY-MM-DD` header),
    and where that header line ends when it stands alone (0 when there is none, or when it
    is glued to the copy: then it is a defect for stray-metadata, not metadata to hide)."""
    m = _DATE_HEADER.match(text)
    if not m:
        return {}, 0
    alone = _REST_OF_LINE.match(text, m.end())
    return {"date": m.group(1)}, (alone.end() if alone else 0)


@hookimpl
def lintnews_load_document(path: str, text: str, options: Mapping[str, Any]) -> Document | None:
    """Markdown and HTML files, by extension."""
    name = path.lower()
    meta = {"date": options["date"]} if options.get("date") else {}
    if name.endswith(MARKDOWN_EXTENSIONS):
        from lintnews.markdown_prose import markdown_document

        fields = options.get("front_matter_fields")
        doc = markdown_document(text, path, meta, **({} if fields is None else {"fields": tuple(fields)}))
    elif name.endswith(HTML_EXTENSIONS):
        from lintnews.html_prose import html_document

        doc = html_document(text, path, meta)
    else:
        return None
    return doc


@hookimpl(trylast=True, specname="lintnews_load_document")
def lintnews_plain_text(path: str, text: str, options: Mapping[str, Any]) -> Document:
    """Plain text: the text itself, less a date header line and invisible characters."""
    meta, header_end = text_metadata(text)
    if options.get("date"):
        meta["date"] = options["date"]
    if not has_invisible(text):
        prose = " " * header_end + text[header_end:] if header_end else None
        return Document(text, path, prose=prose, meta=meta, kind="text")
    out = ProseBuilder(text)
    out.put(" " * header_end, 0, header_end)
    out.keep(header_end, len(text))
    prose, prose_map = out.build()
    return Document(text, path, prose=prose, prose_map=prose_map, meta=meta, kind="text")


@hookimpl
def lintnews_article_extensions():
    return TEXT_EXTENSIONS + MARKDOWN_EXTENSIONS + HTML_EXTENSIONS
