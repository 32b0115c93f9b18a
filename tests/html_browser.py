"""Headless Chromium for the `html` report's tests: the DOM after the page's script ran
(`--dump-dom`), a screenshot, and the highlights and list items read back from the DOM.

Chromium's own command line, not a driver: each call is one browser start (about a second),
and nothing is downloaded. Tests that need it skip where Debian's `chromium` is absent.
"""
from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed "
                                    "(apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def chromium(page: Path, *args: str, profile: Path, fragment: str = "", budget_ms: int = 5000) -> str:
    """Run Chromium on `page` (a file, with `#fragment`) and return its standard output."""
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}",
                           *args, url], capture_output=True, timeout=180)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc.stdout.decode("utf-8")


def dump_dom(page: Path, profile: Path, fragment: str = "") -> str:
    """The DOM, serialised, once the page's script has run."""
    return chromium(page, "--dump-dom", profile=profile, fragment=fragment)


def screenshot(page: Path, out: Path, profile: Path, size: str = "1280,2400") -> Path:
    chromium(page, f"--screenshot={out}", f"--window-size={size}", profile=profile)
    return out


class Element(dict):
    """An element's attributes, with its text (`text`) and tag (`tag`)."""


class Highlights(HTMLParser):
    """Every `<mark class="f ...">` with its whole text (nested highlights' text included),
    every findings-list `<li data-code>`, and the document's title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[Element] = []
        self.items: list[Element] = []
        self.open: list[Element] = []        # the highlights (and list items) now open
        self.tags: list[str] = []
        self.title = ""
        self.in_title = False
        self.body_attrs: dict = {}
        self.popup: Element | None = None
        self.article = ""                    # the path heading the article now read
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body_attrs = attrs
        if tag == "title":
            self.in_title = True
        if tag == "section" and "article" in (attrs.get("class") or "").split():
            self.article = ""
        if tag == "h2" and (attrs.get("id") or "").endswith("-title"):
            self.in_heading = True
        if tag == "div" and attrs.get("id") == "popup":
            self.popup = Element(attrs, tag=tag, text="")
            self.open.append(self.popup)
        if tag == "mark" and "f" in (attrs.get("class") or "").split():
            element = Element(attrs, tag=tag, text="", path=self.article)
            self.marks.append(element)
            self.open.append(element)
        elif tag == "li" and "data-code" in attrs:
            element = Element(attrs, tag=tag, text="", path=self.article)
            self.items.append(element)
            self.open.append(element)
        if tag not in ("br", "meta", "input", "img", "link"):
            self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "h2":
            self.in_heading = False
        if tag in ("mark", "li", "div") and self.open and self.open[-1]["tag"] == tag:
            self.open.pop()

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.in_heading:
            self.article += data
        for element in self.open:
            element["text"] += data


def read_dom(dom: str) -> Highlights:
    parser = Highlights()
    parser.feed(dom)
    parser.close()
    return parser


def span_text(source: str, item: dict) -> str:
    """The text a JSON finding's span covers: its lines and columns are 1-based code points."""
    starts = [0]
    i = 0
    while i < len(source):
        if source[i] == "\r":
            i += 2 if source[i + 1:i + 2] == "\n" else 1
            starts.append(i)
        elif source[i] == "\n":
            i += 1
            starts.append(i)
        else:
            i += 1
    return source[starts[item["line"] - 1] + item["column"] - 1:starts[item["end_line"] - 1] + item["end_column"] - 1]
