"""Built-in document loaders: decoded text -> Document (plain text for now).

Each loader is an implementation of `lintnews_load_document`; the plain-text loader is the
last resort and accepts anything.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from lintnews.document import Document
from lintnews.hookspecs import hookimpl

TEXT_EXTENSIONS = (".txt", ".text")
# A "date 2021-07-27" header some exports put before the copy.
_DATE_HEADER = regex.compile(r"\A[^\S\r\n]*date:?[^\S\r\n]+(\d{4}-\d{2}-\d{2})\b")
_REST_OF_LINE = regex.compile(r"[^\S\r\n]*(?=\r|\n|\Z)")


def text_metadata(text: str) -> tuple[dict[str, Any], int]:
    """Metadata a plain-text article carries in its first line (a `date YYYY-MM-DD` header),
    and where that header line ends when it stands alone (0 when there is none, or when it
    is glued to the copy: then it is a defect for stray-metadata, not metadata to hide)."""
    m = _DATE_HEADER.match(text)
    if not m:
        return {}, 0
    alone = _REST_OF_LINE.match(text, m.end())
    return {"date": m.group(1)}, (alone.end() if alone else 0)


@hookimpl(trylast=True)
def lintnews_load_document(path: str, text: str, options: Mapping[str, Any]) -> Document:
    meta, header_end = text_metadata(text)
    if options.get("date"):
        meta["date"] = options["date"]
    prose = " " * header_end + text[header_end:] if header_end else None
    return Document(text, path, prose=prose, meta=meta, kind="text")


@hookimpl
def lintnews_article_extensions():
    return TEXT_EXTENSIONS + (".md", ".markdown")
