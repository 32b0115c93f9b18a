"""`--format html`: one self-contained page, rendered in headless Chromium (tests that need
it skip where it is absent): a highlight per finding whose text is the JSON span, a
hostile article's markup shown as text and never run, the filter, a screenshot."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import struct
import tomllib
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

from html_browser import dump_dom, needs_chromium, read_dom, screenshot, span_text
from conftest import REPO, SHARED, run_cli

SEED = REPO / "seeds" / "000_c414c113dae7f080.txt"
MARKUP = REPO / "tests" / "fixtures" / "markup"

# Right-to-left scripts, emoji (a family: seven code points, one glyph), CR LF line ends
# and a finding that runs over two lines.
MIXED = ("The mayor 😀 said the the budget was fine,, and 👩‍👩‍👧 families agreed .\r\n"
         "مرحبا بكم في the the مدينة said Dr Amal Haddad.\r\n"
         "שלום the the עולם, he said.\r\n\r\n"
         "We will win this, our team said. I think we can do it and\r\n"
         "our plan will work, the mayor added.\r\n")
HOSTILE_MD = ("---\ntitle: \"<script>document.title='pwned-title'</script> Harbour talks\"\n"
              "description: \"</textarea><img src=x onerror=\\\"document.title='pwned-img'\\\">\"\n---\n\n"
              "The the council met </textarea><script>document.body.setAttribute('data-pwned', '1')</script> today.\n\n"
              "It was the the end </pre><img src=x onerror=\"document.title='pwned-pre'\"> of it.\n")
HOSTILE_TXT = ("It was the the end <script>document.title='pwned-txt'</script>.\n"
               "The town&#8217;s plan ]]> --> <!-- was the the same </title></style>.\n")


def lint(tmp_path: Path, fmt: str, *paths: Path, extra: tuple[str, ...] = ()) -> str:
    proc = run_cli("--isolated", "--format", fmt, *extra, *map(str, paths), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.stdout.decode("utf-8")


def report(tmp_path: Path, *paths: Path, extra: tuple[str, ...] = ()) -> Path:
    page = tmp_path / "report.html"
    page.write_text(lint(tmp_path, "html", *paths, extra=extra), encoding="utf-8")
    return page


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    return path


# ------------------------------------------------------------------- the page itself

def test_the_page_loads_nothing_and_runs_only_its_own_script(tmp_path):
    page = report(tmp_path, SEED, MARKUP / "story.md").read_text(encoding="utf-8")
    assert not re.search(r"""\b(?:src|href|action|srcset|poster)\s*=\s*["']?(?=[^#"'])""", page)
    assert "@import" not in page and "url(" not in page
    [script] = re.findall(r"<script>(.*?)</script>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    [policy] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy.startswith("default-src 'none';") and f"script-src 'sha256-{digest}'" in policy


def test_article_text_and_names_are_escaped_in_the_page(tmp_path):
    hostile = write(tmp_path, "<b>bold&lt;.txt", HOSTILE_TXT)
    page = report(tmp_path, hostile, write(tmp_path, "hostile.md", HOSTILE_MD)).read_text(encoding="utf-8")
    assert page.count("<script") == 1 and page.count("</textarea") == 0 and page.count("<img") == 0
    assert "&lt;b&gt;bold&amp;lt;.txt" in page
    assert "&lt;script&gt;</mark>document.title=&#x27;pwned-txt&#x27;<mark" in page
    assert "HTML entity &#x27;&amp;#8217;&#x27;" in page      # the message names the entity, as text


def test_each_highlight_carries_the_json_position(tmp_path):
    page = report(tmp_path, SEED).read_text(encoding="utf-8")
    found = Counter(re.findall(r'<mark [^>]*data-code="(LN\d+)"[^>]*data-line="(\d+)" data-column="(\d+)" '
                               r'data-end-line="(\d+)" data-end-column="(\d+)"', page))
    items = json.loads(lint(tmp_path, "json", SEED))
    assert found == Counter((d["code"], str(d["line"]), str(d["column"]), str(d["end_line"]), str(d["end_column"]))
                            for d in items)


def test_a_fix_is_shown_as_before_and_after(tmp_path):
    page = report(tmp_path, write(tmp_path, "a.txt", "The council met on Monday and and voted.\n")).read_text("utf-8")
    assert '<q class="before">and and voted.</q>' in page
    assert '<q class="after">and voted.</q>' in page


def test_front_matter_is_shown_as_headline_standfirst_and_byline(tmp_path):
    story = write(tmp_path, "story.md", "---\ntitle: Harbour talks end\ndescription: The council and the port "
                  "failed to agree.\nauthor: A Reporter\ndate: 2021-07-27\n---\n\nIt was the the end.\n")
    page = report(tmp_path, story).read_text(encoding="utf-8")
    header = re.search(r'<header class="frontmatter">(.*?)</header>', page, re.S)[1]
    blocks = re.findall(r'<div class="blk k-headline (\w+)" dir="auto"><span class="ln" aria-hidden="true" '
                        r'data-n="(\d+)"[^>]*></span>([^<]*)</div>', header)
    assert blocks == [("headline", "2", "Harbour talks end"),
                      ("standfirst", "3", "The council and the port failed to agree.")]
    assert header.endswith('<p class="byline">A Reporter · 2021-07-27</p>')
    assert "1 finding, 16 words" in page        # prose words only: headline 3, standfirst 8, body 5


def test_overview_counts_rules_severities_and_fixes(tmp_path):
    a = write(tmp_path, "a.txt", "It was the the end,, then.\n")
    b = write(tmp_path, "b.txt", "All clear here.\n")
    page = report(tmp_path, a, b).read_text(encoding="utf-8")
    assert "<li><b>2</b> files</li><li><b>9</b> words</li><li><b>2</b> findings</li>" in page
    assert "<li><b>2</b> with a safe fix</li>" in page
    assert '<a href="#rule-LN101">LN101 repeated-word</a>' in page and '<article id="rule-LN101">' in page


def test_the_page_assets_are_shipped_with_the_package():
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assets = REPO / "lintnews" / "reporting" / "html_assets"
    shipped = {p for pattern in globs["lintnews.reporting"] for p in (REPO / "lintnews" / "reporting").glob(pattern)}
    assert set(assets.iterdir()) <= shipped


# ------------------------------------------------------------------- in the browser

@needs_chromium
def test_in_chromium_each_highlight_holds_exactly_its_json_span(tmp_path):
    mixed = write(tmp_path, "mixed.txt", MIXED)
    paths = [SEED, MARKUP / "story.md", MARKUP / "story.html", mixed]
    items = json.loads(lint(tmp_path, "json", *paths))
    dom = read_dom(dump_dom(report(tmp_path, *paths), tmp_path / "profile"))
    sources = {str(p): p.read_bytes().decode("utf-8") for p in paths}
    assert len(dom.marks) == len(items) and len(dom.items) == len(items)
    shown = Counter((m["path"], m["data-code"], int(m["data-line"]), int(m["data-column"]),
                     int(m["data-end-line"]), int(m["data-end-column"]), m["text"]) for m in dom.marks)
    expected = Counter((d["path"], d["code"], d["line"], d["column"], d["end_line"], d["end_column"],
                        span_text(sources[d["path"]], d)) for d in items)
    assert shown == expected
    assert any("\r\n" in m["text"] for m in dom.marks if m["path"].endswith("mixed.txt"))   # the two-line span
    assert {m["text"] for m in dom.marks if m["path"].endswith("mixed.txt")} >= {"the", ",,", " ."}


@needs_chromium
def test_in_chromium_every_finding_on_the_markdown_corpus_is_highlighted_at_its_span(tmp_path):
    corpus = SHARED / "corpus" / "markdown"
    if not corpus.is_dir():
        pytest.skip(f"the Markdown corpus is not at {corpus}")
    items = json.loads(lint(tmp_path, "json", corpus))
    dom = read_dom(dump_dom(report(tmp_path, corpus), tmp_path / "profile"))
    sources: dict[str, str] = {}
    for d in items:
        if d["path"] not in sources:
            sources[d["path"]] = Path(d["path"]).read_bytes().decode("utf-8")
    assert len(items) > 100
    assert Counter((m["path"], m["data-code"], int(m["data-line"]), int(m["data-column"]), m["text"])
                   for m in dom.marks) == Counter((d["path"], d["code"], d["line"], d["column"],
                                                   span_text(sources[d["path"]], d)) for d in items)


@needs_chromium
def test_in_chromium_a_hostile_article_is_text_and_never_runs(tmp_path):
    paths = [write(tmp_path, "<b>bold&lt;.txt", HOSTILE_TXT), write(tmp_path, "hostile.md", HOSTILE_MD)]
    raw = dump_dom(report(tmp_path, *paths), tmp_path / "profile")
    dom = read_dom(raw)
    assert dom.title == "lintnews report" and "data-pwned" not in dom.body_attrs
    assert "pwned" not in dom.title and "<img" not in raw
    assert len(dom.marks) == len(json.loads(lint(tmp_path, "json", *paths)))
    messages = " ".join(item["text"] for item in dom.items)
    assert "HTML entity '&#8217;'" in messages
    assert "<script>document.title='pwned-txt'</script>" in "".join(_texts(raw, "pre"))


def _texts(raw: str, tag: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", raw, re.S)]


@needs_chromium
@pytest.mark.parametrize(("fragment", "keeps"), [("rule=LN101", lambda d: d["data-code"] == "LN101"),
                                                 ("severity=warning", lambda d: d["data-severity"] == "warning"),
                                                 ("rule=LN101,LN402&severity=error",
                                                  lambda d: d["data-code"] in ("LN101", "LN402"))])
def test_in_chromium_the_filter_hides_the_other_findings(tmp_path, fragment, keeps):
    dom = read_dom(dump_dom(report(tmp_path, SEED), tmp_path / "profile", fragment=fragment))
    kept = [m for m in dom.marks if keeps(m)]
    assert kept and len(kept) < len(dom.marks)
    for mark in dom.marks:
        assert ("data-off" not in mark) is keeps(mark), mark
        assert mark["tabindex"] == ("0" if keeps(mark) else "-1")
    for item in dom.items:
        assert ("hidden" not in item) is keeps(item), item


@needs_chromium
def test_in_chromium_a_finding_named_in_the_address_is_focused_with_its_message(tmp_path):
    items = json.loads(lint(tmp_path, "json", SEED))
    dom = read_dom(dump_dom(report(tmp_path, SEED), tmp_path / "profile", fragment="ha0-2"))
    assert dom.popup is not None and "hidden" not in dom.popup
    assert items[2]["message"] in dom.popup["text"] and items[2]["code"] in dom.popup["text"]
    assert [m["id"] for m in dom.marks if "current" in m["class"].split()] == ["ha0-2"]


@needs_chromium
def test_in_chromium_a_screenshot_is_made(tmp_path):
    keep = os.environ.get("LINTNEWS_KEEP_SCREENSHOTS")       # a folder to keep them in, for review
    for name, path in (("seed", SEED), ("md", MARKUP / "desk.md"), ("html", MARKUP / "story.html")):
        png = screenshot(report(tmp_path, path), tmp_path / f"{name}.png", tmp_path / "profile")
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (1280, 2400)
        assert len(data) > 50_000            # (a blank page of this size is a few kilobytes)
        if keep:
            shutil.copy(png, Path(keep) / f"html-{name}.png")


# ------------------------------------------------------------ keys and clicks (Playwright)

@pytest.fixture
def browser_page():
    """A page of the system's Chromium driven by Playwright (no browser of its own downloaded)."""
    from html_browser import CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    if CHROMIUM is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 900})
        finally:
            browser.close()


def _focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def _in_view(page, ident: str) -> bool:
    """Whether the element is inside the window and below the sticky toolbar."""
    return page.evaluate(f"""(() => {{ const r = document.getElementById({ident!r}).getBoundingClientRect();
        const bar = document.getElementById('tools').getBoundingClientRect();
        return r.top >= bar.bottom && r.bottom <= window.innerHeight; }})()""")


def _popup(page) -> str | None:
    return page.evaluate("document.getElementById('popup').hidden ? null : document.getElementById('popup').textContent")


def test_n_and_p_move_from_finding_to_finding_across_pages_skipping_filtered_ones(tmp_path, browser_page):
    # 22 articles (pages of 20): the 21st and 22nd are on the second page
    paths = [write(tmp_path, f"{i:02}.txt", f"Story {i} was the the end.\n" if i % 2 == 0 else
                   f"Story {i} ended,, late.\n") for i in range(22)]
    page = browser_page
    page.goto(report(tmp_path, *paths).as_uri())
    order = page.evaluate("Array.from(document.querySelectorAll('mark.f')).map(m => m.id)")
    assert len(order) == 22
    page.keyboard.press("n")
    assert _focused(page) == order[0] and "'the' is repeated" in _popup(page)
    page.keyboard.press("n")
    assert _focused(page) == order[1] and "doubled punctuation" in _popup(page) and _in_view(page, order[1])
    page.keyboard.press("p")
    assert _focused(page) == order[0]
    for _ in range(20):
        page.keyboard.press("n")
    assert _focused(page) == order[20] and _in_view(page, order[20])
    assert page.evaluate("document.getElementById('a20').hidden") is False
    assert page.evaluate("document.getElementById('a0').hidden") is True
    page.keyboard.press("Escape")
    assert _popup(page) is None
    # leave out LN202 (doubled punctuation): n now goes over the odd articles' findings
    page.click("details.rulefilter > summary")
    page.uncheck('input[name="rule"][value="LN202"]')
    page.keyboard.press("n")
    assert _focused(page) == order[0]                     # past the last, back to the first
    page.keyboard.press("n")
    assert _focused(page) == order[2]
    assert page.evaluate("document.querySelector('#da0-0').hidden") is False
    assert page.evaluate("document.querySelector('#da1-0').hidden") is True


def test_a_finding_shows_its_details_on_hover_and_click(tmp_path, browser_page):
    page = browser_page
    page.goto(report(tmp_path, write(tmp_path, "a.txt", "It was the the end of it.\n")).as_uri())
    assert _popup(page) is None
    page.hover("mark.f")
    shown = _popup(page)
    assert "'the' is repeated" in shown and "LN101 repeated-word" in shown and "→" in shown
    page.keyboard.press("Escape")
    assert _popup(page) is None
    page.click("mark.f")
    assert "'the' is repeated" in _popup(page)


def test_the_rendered_view_holds_the_whole_file_with_its_markup_hidden(tmp_path):
    story = write(tmp_path, "s.md", "---\ntitle: Talks end\n---\n# Talks end\n\nThe **mayor** met [the the council]"
                  "(https://example.org/x) &amp; left.\n\n```\nthe the code\n```\n")
    page = report(tmp_path, story).read_text(encoding="utf-8")
    view = re.search(r'<div class="text rendered">(.*?)</div><details class="findings"', page, re.S)[1]
    assert unescape(re.sub(r"<[^>]+>", "", view)) == story.read_text(encoding="utf-8")
    assert '<span class="mu">**</span><span class="s-b">mayor</span><span class="mu">**</span>' in view
    assert '<span class="mu">](https://example.org/x)</span>' in view
    assert '<span class="rp" data-r="&amp;"><span class="mu">&amp;amp;</span></span>' in view
    assert '<span class="code">the the code\n</span>' in view


def test_a_file_that_cannot_be_read_is_listed_and_the_others_still_shown(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 \xff\xfe was the the end\n")
    good = write(tmp_path, "good.txt", "It was the the end.\n")
    proc = run_cli("--isolated", "--format", "html", "bad.txt", str(good), cwd=tmp_path)
    page = proc.stdout.decode("utf-8")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()
    assert re.search(r'<h2 id="problems">Not checked</h2><ul class="problems"><li>bad\.txt: [^<]+</li></ul>', page)
    assert "good.txt</h2>" in page and page.count("<mark ") == 1


def test_an_undecodable_file_name_is_shown_even_where_output_is_strict_utf_8(tmp_path):
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
            fh.write(b"It was the the end.\n")
    except OSError:
        pytest.skip("this file system takes only UTF-8 file names")
    proc = run_cli("--isolated", "--format", "html", ".", cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8:strict"})
    assert proc.returncode == 1 and "caf\ufffd.txt</h2>" in proc.stdout.decode("utf-8")


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_page_colours_meet_wcag_aa_contrast():
    css = (REPO / "lintnews" / "reporting" / "html_assets" / "report.css").read_text(encoding="utf-8")
    var = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    for severity in ("error", "warning", "info"):
        assert _contrast(var["ink"], var[f"{severity}-bg"]) >= 4.5          # the text of a highlight
        assert _contrast(var[severity], "#ffffff") >= 4.5                    # the severity's word
        assert _contrast(var[severity], var[f"{severity}-bg"]) >= 3          # its underline (non-text)
    for colour in ("muted", "link", "ink"):
        assert _contrast(var[colour], "#fcfcfc") >= 4.5 and _contrast(var[colour], "#ffffff") >= 4.5


def test_a_finding_named_in_the_address_is_scrolled_into_view_below_the_toolbar(tmp_path, browser_page):
    # (the seed's text is long: the lines above the finding are laid out only once in view)
    page = browser_page
    page.goto(report(tmp_path, SEED).as_uri() + "#ha0-3")
    page.wait_for_function("!document.getElementById('popup').hidden")
    assert _focused(page) == "ha0-3" and _in_view(page, "ha0-3")
