"""Lint one open document as `lintnews` would lint the file it is (or will be) saved as."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from lintnews.engine import Linter
from lintnews.severity import at_least

# language ids of documents that are articles whatever their name
LANGUAGE_EXTENSIONS = {"plaintext": ".txt", "text": ".txt", "markdown": ".md", "html": ".html"}


@dataclass
class Linted:
    """One version of one document, linted: its text, path, findings and the problems met."""

    text: str
    version: int | None
    path: str
    linter: Linter
    diagnostics: list = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    kind: str | None = None            # "text", "markdown", "html" (from the Document)


def path_of(uri: str) -> str | None:
    """The file-system path of a file: URI; None for other schemes (an unsaved buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path[:1] == "/" and path[2:3] == ":":
        path = path[1:]
    return path


def article_path(uri: str, language_id: str | None, extensions: tuple[str, ...]) -> str | None:
    """The name the document is linted under, whose extension picks the loader (plain text,
    Markdown, HTML); None when it is no article (a Python file, a configuration file)."""
    path = path_of(uri) or os.path.join(os.getcwd(), os.path.basename(urlparse(uri).path) or "untitled")
    if os.path.splitext(path)[1].lower() in extensions:
        return path
    extension = LANGUAGE_EXTENSIONS.get((language_id or "").lower())
    return path + extension if extension else None


def lint(linter: Linter, text: str, path: str, version: int | None) -> Linted:
    """The findings of `text`, less those below the configuration's min-severity; a document
    too big for max-file-size, or binary, is not linted and says why."""
    linted = Linted(text, version, path, linter)
    limit = linter.config.max_file_size
    if limit is not None and len(text) > limit // 4 and len(text.encode("utf-8", "surrogatepass")) > limit:
        linted.problems.append(f"{path}: the document is over max-file-size ({limit:,} bytes); not linted")
        return linted
    if "\x00" in text:
        linted.problems.append(f"{path}: the document holds NUL characters (binary data); not linted")
        return linted
    result = linter.lint_text(text, path)
    linted.diagnostics = at_least(result.diagnostics, linter.config.min_severity)
    linted.problems = [f"{p.path}: {p.message}" for p in result.problems]
    linted.kind = getattr(result.document, "kind", None)
    return linted
