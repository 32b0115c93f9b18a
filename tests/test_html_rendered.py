"""The `html` report's rendered-like view of Markdown and HTML articles, in headless Chromium
(Playwright driving Debian's chromium; skipped where either is absent): the prose reads as
an editor reads it (markup hidden, headings, emphasis, links, lists, quotations, code), and
still each highlight's text is its finding's span in the file; a finding in hidden markup
is shown; crossing findings; a NUL; words counted in the prose."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from conftest import run_cli
from lintnews.config import Config
from lintnews.diagnostics import Diagnostic
from lintnews.document import LineIndex
from lintnews.engine import Linter
from lintnews.reporting.base import Run
from lintnews.reporting.html import HtmlReporter
from html_browser import CHROMIUM, span_text

STORY_MD = ("---\ntitle: Harbour talks end\ndescription: The council and the port failed to agree.\n"
            "author: A Reporter\n---\n\n# Talks end without a deal\n\n"
            "The **mayor** met [the the council](https://example.org/the-the) on *Tuesday* &amp; left,, early.\n\n"
            "- first point with the the slip\n- second point\n\n"
            "> We will win this, our team said.\n\n"
            "Run `the the` to see it.\n\n```\nthe the code\n```\n")
STORY_HTML = ("<html><head><title>Harbour talks</title><script>document.title='pwned-html'</script></head><body>"
              "<h2>Talks end</h2>\n<p>The <strong>mayor</strong> met <a href=\"https://example.org/x\">the the "
              "council</a> &amp; left,, early.</p>\n<ul><li>first point with the the slip</li></ul>\n"
              "<p>It ended <img src=x onerror=\"document.title='pwned-img'\"> late.</p>\n"
              "<pre>the the preformatted</pre><!-- the the comment --></body></html>\n")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    if CHROMIUM is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def lint(tmp_path: Path, fmt: str, *paths: Path) -> str:
    proc = run_cli("--isolated", "--format", fmt, *map(str, paths), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.stdout.decode("utf-8")


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    return path


def made_up(path: str, source: str, start: int, end: int, severity: str = "error") -> Diagnostic:
    """A finding of our own at [start, end) of `source` (no built-in rule finds what these
    tests need: a span in markup, spans that cross, a NUL)."""
    lines = LineIndex(source)
    (line, column), (end_line, end_column) = lines.position(start), lines.position(end)
    return Diagnostic(path, line, column, end_line, end_column, "LN101", "repeated-word",
                      "a made-up finding: check it", severity, start=start, end=end)


def page_of(tmp_path: Path, *articles: tuple[str, str, list[Diagnostic]]) -> Path:
    """The report of these (path, text, diagnostics), written by the reporter itself."""
    out = io.StringIO()
    reporter = HtmlReporter(out)
    reporter.start(Run(tuple(type(rule) for rule in Linter(Config()).rules)))
    for path, source, diagnostics in articles:
        reporter.file(path, diagnostics, source)
    reporter.finish()
    page = tmp_path / "made.html"
    page.write_text(out.getvalue(), encoding="utf-8")
    return page


MARKS = """Array.from(document.querySelectorAll('mark.f')).map(m => ({
    id: m.id, code: m.dataset.code, line: +m.dataset.line, column: +m.dataset.column,
    end_line: +m.dataset.endLine, end_column: +m.dataset.endColumn, text: m.textContent,
    cut: m.hasAttribute('data-cut'), shown: m.getClientRects().length > 0 && m.offsetWidth > 0,
    path: m.closest('section.article').querySelector('h2').textContent}))"""


def test_the_rendered_view_reads_as_prose_and_each_highlight_is_its_json_span(tmp_path, page):
    md, html = write(tmp_path, "story.md", STORY_MD), write(tmp_path, "story.html", STORY_HTML)
    items = json.loads(lint(tmp_path, "json", md, html))
    report = write(tmp_path, "report.html", lint(tmp_path, "html", md, html))
    page.goto(report.as_uri())
    marks = page.evaluate(MARKS)
    sources = {str(md): STORY_MD, str(html): STORY_HTML}
    assert sorted((m["path"], m["code"], m["line"], m["column"], m["end_line"], m["end_column"], m["text"])
                  for m in marks) == sorted((d["path"], d["code"], d["line"], d["column"], d["end_line"],
                                             d["end_column"], span_text(sources[d["path"]], d)) for d in items)
    assert len(marks) >= 6 and all(m["shown"] for m in marks)
    shown = []
    for nth in (0, 1):                      # (innerText is of what is laid out: chunks out of view are not)
        page.evaluate(f"document.querySelectorAll('.text.rendered')[{nth}].scrollIntoView()")
        page.wait_for_timeout(100)
        shown.append(page.evaluate(f"document.querySelectorAll('.text.rendered')[{nth}].innerText"))
    for seen in shown:                      # what an editor sees: no markup
        for markup in ("**", "](", "<strong", "<a ", "&amp;", "---", "title:", "author:", "# Talks", "```",
                       "<!--", "pwned", "https://"):
            assert markup not in seen, (markup, seen)
        assert "The mayor met the the council" in seen and " left,, early." in seen
        assert "first point with the the slip" in seen and ("the the preformatted" in seen or "the the code" in seen)
    assert shown[0].startswith("Harbour talks end\nThe council and the port failed to agree.\n\nA Reporter\n")
    assert page.title() == "lintnews report"              # the HTML article's <script> never ran
    assert page.evaluate("document.querySelectorAll('img, script, a[href^=\"http\"]').length") == 1   # (the page's own script)
    # an entity is hidden as written and drawn as the character it stands for (not in innerText)
    assert page.evaluate("Array.from(document.querySelectorAll('.rendered .rp[data-r=\"&\"]')).map(r => "
                         "[r.textContent, getComputedStyle(r, '::before').content])") == [["&amp;", '"&"']] * 2

    def style(selector: str, prop: str, nth: int = 0) -> str:
        return page.evaluate(f"getComputedStyle(document.querySelectorAll({selector!r})[{nth}])[{prop!r}]")

    for nth in (0, 1):                      # the Markdown article, then the HTML one
        heading = float(style(".rendered .k-heading", "fontSize", nth)[:-2])
        assert heading > 1.2 * float(style(".rendered .k-paragraph", "fontSize", nth)[:-2])
        assert style(".rendered .s-b", "fontWeight", nth) == "700"
        assert style(".rendered .lk", "color", nth) == "rgb(11, 87, 208)"          # --link
        assert style(".rendered .k-list-item", "paddingLeft", nth) != "0px"
        assert style(".rendered .mu", "display", nth) == "none"
    assert page.evaluate("Array.from(document.querySelectorAll('.rendered .k-heading')).map(h => h.className)") \
        == ["blk k-heading h1", "blk k-heading h2"]             # "# Talks end ...", "<h2>Talks end</h2>"
    assert style(".rendered .s-i", "fontStyle") == "italic"
    assert style(".rendered .k-blockquote", "borderLeftStyle") == "solid"
    assert style(".rendered .headline", "fontWeight") == "700"
    assert page.evaluate("getComputedStyle(document.querySelector('.rendered .k-list-item'), '::after').content") \
        == '"•"'
    # every block has its first line in the gutter: the CLI's line numbers
    for nth, source in enumerate((STORY_MD, STORY_HTML)):
        gutters = page.evaluate(f"Array.from(document.querySelectorAll('section.article')[{nth}]"
                                ".querySelectorAll('.rendered .blk > .ln')).map(l => "
                                "[+l.dataset.n, l.parentElement.textContent.trim().slice(0, 12)])")
        assert len(gutters) >= 4
        for n, start in gutters:
            assert start in source.splitlines()[n - 1], (n, start)


def test_a_finding_in_hidden_markup_is_shown_and_reachable(tmp_path, page):
    source = "The mayor met [the council](https://example.org/the-the-x) today.\n"
    start = source.index("the-the")
    page.goto(page_of(tmp_path, ("in.md", source, [made_up("in.md", source, start, start + 7)])).as_uri())
    [mark] = page.evaluate(MARKS)
    assert mark["text"] == "the-the" and mark["shown"]
    assert page.evaluate("document.querySelector('mark.f').classList.contains('inmarkup')")
    assert page.evaluate("getComputedStyle(document.querySelector('mark.f'), '::before').content") == '"in markup"'
    shown = page.evaluate("document.querySelector('.text.rendered').innerText")
    assert "(https://example.org/the-the-x)" in shown and "[" not in shown.split("(")[0]
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == mark["id"]
    assert "a made-up finding" in page.evaluate("document.getElementById('popup').textContent")


@pytest.mark.parametrize("name", ["cross.txt", "cross.md"])
def test_crossing_findings_each_have_one_highlight_and_the_rest_is_marked_as_theirs(tmp_path, page, name):
    source = "It was the best of times and the worst of times.\n"
    a, b = source.index("best"), source.index("and")
    first = made_up(name, source, a, b + 3)                   # "best of times and"
    second = made_up(name, source, b, source.index(" of times."), "warning")     # "and the worst": crosses it
    page.goto(page_of(tmp_path, (name, source, [first, second])).as_uri())
    marks = {m["id"]: m for m in page.evaluate(MARKS)}
    assert len(marks) == 2
    one, two = marks["ha0-0"], marks["ha0-1"]
    assert one["text"] == "best of times and" and not one["cut"]
    assert two["cut"] and two["text"] == "and"
    rest = page.evaluate("Array.from(document.querySelectorAll('[data-of=\"ha0-1\"]')).map(s => s.textContent)")
    assert two["text"] + "".join(rest) == "and the worst"
    assert page.evaluate("getComputedStyle(document.querySelector('[data-of=\"ha0-1\"]')).textDecorationStyle") \
        == "dashed"


@pytest.mark.parametrize("name", ["nul.txt", "nul.md"])
def test_a_nul_keeps_its_highlight(tmp_path, page, name):
    source = "It was a\x00b in the text and the the end.\n"
    start = source.index("a\x00b")
    page.goto(page_of(tmp_path, (name, source, [made_up(name, source, start, start + 3)])).as_uri())
    [mark] = page.evaluate(MARKS)
    assert mark["text"] == "a\x00b" and mark["shown"]
    assert page.evaluate("getComputedStyle(document.querySelector('.nul'), '::before').content") == '"␀"'


def test_words_are_the_prose_words(tmp_path):
    story = write(tmp_path, "w.md", "---\ntitle: Two words\nauthor: Not Counted\ntags: [a, b]\n---\n\n"
                  "One **two** [three](https://example.org/a-b-c) `code`.\n\n<!-- not counted either -->\n")
    page = lint(tmp_path, "html", story)
    assert "0 findings, 5 words" in page and "<b>5</b> words" in page


def test_markdown_whose_front_matter_does_not_read_is_shown_as_its_text(tmp_path):
    # (the rendered view would hide the block: the text view shows it, markup dimmed)
    story = write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\n\nIt was **the the** end.\n")
    html, data = (run_cli("--isolated", "--format", fmt, str(story), cwd=tmp_path) for fmt in ("html", "json"))
    assert html.returncode == 2 and b"Traceback" not in html.stderr     # (the block reported as an input error)
    page = html.stdout.decode("utf-8")
    assert 'class="text rendered"' not in page and "<pre" in page
    assert "title: [unclosed" in page and '<span class="mu">**</span>' in page
    assert page.count("<mark ") == len(json.loads(data.stdout)) == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_front_matter_field_the_configuration_adds_is_shown_as_prose_with_its_finding(tmp_path, jobs):
    """The view is of the Document the rules read (with the run's options), not of one made
    again with the defaults, in which "kicker" is markup; from worker processes (--jobs 2,
    which send no Document) it is loaded again with the file's configuration."""
    (tmp_path / "lintnews.toml").write_text('front-matter-fields = ["title", "kicker"]\n', encoding="utf-8")
    story = "---\ntitle: Port talks\nkicker: Talks end with the the mayor\n---\n\nThe council met today.\n"
    paths = [write(tmp_path, name, story) for name in ("a.md", "b.md")]
    proc = run_cli("--jobs", jobs, "--format", "html", *map(str, paths), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()
    page = proc.stdout.decode("utf-8")
    marks = re.findall(r'<mark id="ha\d-0" class="([^"]*)"[^>]*data-line="(\d+)" data-column="(\d+)"', page)
    assert marks == [("f error", "3", "28")] * 2            # not "inmarkup"
    for n in (0, 1):
        before = page[:page.index(f'<mark id="ha{n}-0"')]
        assert before[before.rindex('<div class="blk'):].startswith('<div class="blk k-headline field"')


def test_the_page_of_worker_processes_is_the_page_of_one(tmp_path):
    """--jobs 2 sends each Document's prose view back with its result: the same page."""
    paths = [write(tmp_path, "story.md", STORY_MD), write(tmp_path, "story.html", STORY_HTML),
             write(tmp_path, "plain.txt", "The the council met.\n")]
    pages = [run_cli("--isolated", "--jobs", jobs, "--format", "html", *map(str, paths), cwd=tmp_path).stdout
             for jobs in ("1", "2")]
    assert pages[0] == pages[1] and pages[0].count(b'<mark id="h') >= 6


def test_a_worker_sends_the_prose_view_only_when_asked_and_metadata_only_if_it_pickles():
    from lintnews.parallel import _slim

    linter = Linter(Config())
    result = linter.lint_text(STORY_MD, "story.md")
    bare, full = _slim(result), _slim(result, prose=True)
    assert bare.document.prose_map is None and bare.document.prose == STORY_MD
    assert full.document.prose == result.document.prose and full.document.meta == result.document.meta
    assert list(full.document.blocks) == list(result.document.blocks)
    result.document.meta["plugin"] = lambda: None          # a plugin's metadata that cannot be sent
    assert _slim(result, prose=True).document.meta == {}


FIXTURES = Path(__file__).parent / "fixtures" / "markup"
PREVIEW = re.compile(r'<li id="da\d+-\d+" data-code="(LN\d+)"[^>]*><a [^>]*>(\d+:\d+)</a>(?:(?!</li>).)*?'
                     r'<q class="before">(.*?)</q>.*?<q class="after">(.*?)</q>.*?</li>', re.S)


def previews(page: str) -> dict[str, list[tuple[str, str, str, str]]]:
    """(code, line:column, before, after) of each fix shown, by article title."""
    from html import unescape

    out: dict[str, list] = {}
    for section in page.split('<section class="article"')[1:]:
        title = unescape(re.search(r"<h2 [^>]*>(.*?)</h2>", section).group(1))
        out[title] = [(code, at, unescape(b), unescape(a)) for code, at, b, a in PREVIEW.findall(section)]
    return out


def test_a_fix_is_previewed_in_the_prose_an_editor_reads(tmp_path):
    """In every view (the Markdown and HTML stories rendered, the plain one as text), a fix's
    before → after is of the prose: no markup, entities as their characters, white space
    runs as one space; the before is read in the prose, the after in the prose of the file
    with the fix applied."""
    from lintnews.fixes import splice
    from lintnews.reporting.html_article import _readable

    names = ("story.md", "story.html", "story.txt", "desk.md")
    shown = previews(lint(tmp_path, "html", *(FIXTURES / name for name in names)))
    linter = Linter(Config())
    for name in names:
        path = FIXTURES / name
        source = path.read_text(encoding="utf-8")
        result = linter.lint_text(source, str(path))
        fixed = {(d.code, f"{d.line}:{d.column}"): d for d in result.diagnostics if d.fix is not None and d.fix.edits}
        seen = shown[str(path)]
        assert sorted((code, at) for code, at, _, _ in seen) == sorted(fixed) and len(seen) >= 3
        for code, at, before, after in seen:
            d = fixed[code, at]
            assert not re.search(r"<|>|\]\(|&#|\*\*|\s\s|^\s|\s$", before + "\n" + after), (name, before, after)
            assert before in _readable(result.document.prose)
            assert after in _readable(linter.load(splice(source, d.fix.edits), str(path)).prose)
            assert before != after
    for name in ("story.md", "story.html", "story.txt"):        # the same slip, however it is written
        assert [(b, a) for code, _, b, a in shown[str(FIXTURES / name)] if code == "LN201"][0] == ("Biden 's", "Biden's")


def test_a_fix_that_is_not_of_the_prose_is_previewed_in_the_file_as_written(tmp_path):
    from lintnews.diagnostics import Edit, Fix

    source = "The mayor met [the council](https://example.org/a) today.\n"
    start = source.index("(https")
    from dataclasses import replace

    finding = replace(made_up("in.md", source, start, start + 1), fix=Fix((Edit(start, start + 1, "<"),)))
    page = page_of(tmp_path, ("in.md", source, [finding])).read_text(encoding="utf-8")
    assert previews(page)["in.md"] == [("LN101", "1:28", "council](https://example.org/a)", "council]<https://example.org/a)")]


def test_in_chromium_a_fix_is_shown_in_prose_on_click(tmp_path, page):
    report = write(tmp_path, "report.html", lint(tmp_path, "html", FIXTURES / "story.html"))
    page.goto(report.as_uri())
    page.click('mark.f[data-code="LN201"]')
    shown = page.evaluate("document.getElementById('popup').textContent")
    assert "Biden 's" in shown and "Biden's" in shown and "</a>" not in shown and "&#39;" not in shown


TABLE_MD = ("# Ferry times\n\n| Route | Winter sailings | Notes |\n|---|---|---|\n"
            "| Oban – Mull | 6 a day | the the last one at 21:00 |\n| Lismore | 4 a day | Monday,, to Saturday |\n\n"
            "After the table, a paragraph.\n")
TABLE_HTML = ("<html><body><h2>Ferry times</h2>\n<table><tr><th>Route</th><th>Winter sailings</th></tr>\n"
              "<tr><td>Oban – Mull</td><td>6 a day, the the last at 21:00</td></tr>\n"
              "<tr><td>Lismore</td><td>4 a day</td></tr></table>\n<p>After the table, a paragraph.</p></body></html>\n")


def test_in_chromium_a_table_is_laid_out_as_a_grid_its_highlights_their_spans(tmp_path, page):
    md, html = write(tmp_path, "t.md", TABLE_MD), write(tmp_path, "t.html", TABLE_HTML)
    items = json.loads(lint(tmp_path, "json", md, html))
    page.goto(write(tmp_path, "report.html", lint(tmp_path, "html", md, html)).as_uri())
    marks = page.evaluate(MARKS)
    sources = {str(md): TABLE_MD, str(html): TABLE_HTML}
    assert sorted((m["path"], m["line"], m["column"], m["text"]) for m in marks) == \
        sorted((d["path"], d["line"], d["column"], span_text(sources[d["path"]], d)) for d in items)
    assert len(marks) == 3 and all(m["shown"] for m in marks)
    for nth, rows in ((0, [["Route", "Winter sailings", "Notes"], ["Oban – Mull", "6 a day", "the the last one at 21:00"],
                           ["Lismore", "4 a day", "Monday,, to Saturday"]]),
                      (1, [["Route", "Winter sailings"], ["Oban – Mull", "6 a day, the the last at 21:00"],
                           ["Lismore", "4 a day"]])):
        page.evaluate(f"document.querySelectorAll('.text.rendered')[{nth}].scrollIntoView()")
        page.wait_for_timeout(100)          # (a chunk out of view is not laid out)
        cells = page.evaluate(f"""Array.from(document.querySelectorAll('section.article')[{nth}]
            .querySelectorAll('.k-table-cell')).map(c => {{ const r = c.getBoundingClientRect();
            return [c.innerText.trim(), Math.round(r.top), Math.round(r.left), c.classList.contains('th')]; }})""")
        assert [c[0] for c in cells] == [cell for row in rows for cell in row]
        grid = [cells[i:i + len(rows[0])] for i in range(0, len(cells), len(rows[0]))]
        for row in grid:                    # a row on one line, its cells left to right
            assert len({top for _, top, _, _ in row}) == 1
            assert [left for _, _, left, _ in row] == sorted({left for _, _, left, _ in row})
        assert [row[0][1] for row in grid] == sorted({row[0][1] for row in grid})     # rows one under another
        assert [c[3] for c in cells] == [True] * len(rows[0]) + [False] * (len(cells) - len(rows[0]))
        after = page.evaluate(f"""Array.from(document.querySelectorAll('section.article')[{nth}]
            .querySelectorAll('.k-paragraph')).pop().getBoundingClientRect().top""")
        assert after > grid[-1][0][1]


def test_a_long_table_is_cut_into_chunks_only_between_rows(tmp_path):
    from lintnews.reporting.html_rendered import CHUNK_BLOCKS

    rows = CHUNK_BLOCKS                     # 3 cells a row: chunks of CHUNK_BLOCKS blocks fall inside rows
    table = "| Route | Sailings | Notes |\n|---|---|---|\n" + "".join(f"| Route {n} | {n} a day | none |\n"
                                                                    for n in range(rows))
    page = lint(tmp_path, "html", write(tmp_path, "long.md", f"# Times\n\n{table}\nAfter it.\n"))
    chunks = page.split('<div class="chunk">')[2:]
    assert len(chunks) >= 2
    for chunk in chunks:                    # the first cell of each chunk starts a row
        first = re.search(r'<div class="blk k-table-cell([^"]*)"', chunk)
        assert first and " row" in first.group(1), chunk[:200]
    assert page.count('class="blk k-table-cell row') == rows + 1
