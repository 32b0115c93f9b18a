"""What an article's own header says, for the `html` report's headline block: from Markdown
front matter (YAML `---` or TOML `+++`) or an HTML page's `<title>`/`<h1>` and description.

Values are shown, never trusted: each is turned into text and cut to MAX_FIELD code points.
Front matter that does not parse gives an empty header (the lint run reports it).
"""
from __future__ import annotations

import datetime as dt
import re

MAX_FIELD = 500
_FIELDS = {
    "title": ("title", "headline"),
    "standfirst": ("standfirst", "description", "summary", "subtitle", "dek", "excerpt", "lede"),
    "author": ("author", "authors", "byline"),
    "date": ("date", "published", "pubdate"),
}
_FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_HTML_FIELDS = (
    ("title", re.compile(r"<title[^>]*>(.*?)</title\s*>", re.S | re.I)),
    ("title", re.compile(r"<h1[^>]*>(.*?)</h1\s*>", re.S | re.I)),
    ("standfirst", re.compile(r"<meta\s+(?=[^>]*name=[\"']description[\"'])[^>]*content=[\"']([^\"']*)", re.I)),
)
_TAG = re.compile(r"<[^>]*>")


def article_meta(path: str, text: str | None) -> tuple[dict[str, str], int]:
    """Headline, standfirst, author and date of an article, those it has, and where its
    front matter ends (0 without one)."""
    if not text:
        return {}, 0
    if path.lower().endswith((".md", ".markdown")) and (m := _FRONT.match(text)):
        return _front_matter(m), m.end()
    if path.lower().endswith((".html", ".htm")):
        return _html_head(text), 0
    return {}, 0


def _front_matter(m: re.Match) -> dict[str, str]:
    try:
        if m.group(1) == "+++":
            import tomllib

            data = tomllib.loads(m.group(2))
        else:
            import yaml

            data = yaml.safe_load(m.group(2))
    except Exception:     # (any YAML or TOML error: the lint run reports it, the page shows no header)
        return {}
    if not isinstance(data, dict):
        return {}
    out = {}
    for field, keys in _FIELDS.items():
        for key in keys:
            if isinstance(data.get(key), (str, int, float, list, dt.date)) and not isinstance(data[key], bool) \
                    and data[key] not in ("", []):
                out[field] = _shown(data[key])
                break
    return out


def _html_head(text: str) -> dict[str, str]:
    import html

    out: dict[str, str] = {}
    head = text[:200_000]
    for field, pattern in _HTML_FIELDS:
        if field not in out and (m := pattern.search(head)):
            value = " ".join(html.unescape(_TAG.sub(" ", m.group(1))).split())
            if value:
                out[field] = value[:MAX_FIELD]
    return out


def _shown(value) -> str:
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    return " ".join(str(value).split())[:MAX_FIELD]
