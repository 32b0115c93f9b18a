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
_DATE_HEADER = regex.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})\b")


def text_metadata(text: str) -> dict[str, Any]:
    """Metadata a plain-text article carries in its first line (a `date YYYY-MM-DD` header)."""
    m = _DATE_HEADER.match(text)
    return {"date": m.group(1)} if m else {}


@hookimpl(trylast=True)
def lintnews_load_document(path: str, text: str, options: Mapping[str, Any]) -> Document:
    meta = text_metadata(text)
    if options.get("date"):
        meta["date"] = options["date"]
    return Document(text, path, meta=meta, kind="text")


@hookimpl
def lintnews_article_extensions():
    return TEXT_EXTENSIONS + (".md", ".markdown")
