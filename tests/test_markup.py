"""Markdown and HTML articles: only the prose is linted, and every position points into the file."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from output_helpers import text_without_summary
from lintnews.config import Config
from lintnews.document import LineIndex
from lintnews.engine import Linter

FIXTURES = Path(__file__).parent / "fixtures" / "markup"


def lint(text: str, name: str, **config):
    return Linter(Config(**config)).lint_text(text, name)


def snippet(text: str, d) -> str:
    """The text of the file between a diagnostic's start and end positions."""
    index = LineIndex(text)
    return text[index.offset(d.line, d.column):index.offset(d.end_line, d.end_column)]


def readable(s: str) -> str:
    """A snippet as a reader sees it: markup and entities gone, white space collapsed."""
    s = re.sub(r"<[^>]+>|\*\*|(?<!\w)_|_(?!\w)|^> ", "", s, flags=re.M)
    return " ".join(html.unescape(s).split())


def findings(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    result = lint(text, path.name)
    assert result.problems == []
    return [(d.code, readable(snippet(text, d))) for d in result.diagnostics]


def test_markdown_and_html_twins_give_the_findings_of_the_plain_text():
    plain = findings(FIXTURES / "story.txt")
    assert [code for code, _ in plain] == ["LN101", "LN201", "LN201", "LN302", "LN101", "LN403"]
    assert findings(FIXTURES / "story.md") == plain
    assert findings(FIXTURES / "story.html") == plain


@pytest.mark.parametrize("name", ["story.md", "story.html"])
def test_nothing_is_reported_outside_the_prose(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for d in lint(text, name).diagnostics:
        line = text.splitlines()[d.line - 1]
        assert not re.search(r"code block|raw html|preformatted|comment|\[ref\]|<script|<style|^date:", line), d
        assert "example.org" not in snippet(text, d)


def test_front_matter_goes_into_the_metadata():
    doc = lint((FIXTURES / "story.md").read_text(encoding="utf-8"), "story.md").document
    assert doc.meta["date"] == "2021-07-27"
    assert doc.meta["title"] == "Harbour talks end without a deal"
    assert doc.meta["author"] == "a_reporter"
    # the title is copy too, a headline block of its own (its folded lines kept apart)
    assert doc.prose.startswith("Harbour talks end\nwithout a deal\n\nHarbour talks end without a deal\n\nThe mayor")
    assert doc.block_kind(0) == "headline"
    assert "a_reporter" not in doc.prose and "title" not in doc.prose


def test_toml_front_matter():
    text = '+++\ntitle = "Vote"\ndate = 2024-03-12\n+++\nThe vote was held yesterday, Sunday.\n'
    result = lint(text, "vote.md")
    assert result.document.meta["date"] == "2024-03-12"
    assert [(d.line, d.code) for d in result.diagnostics] == [(5, "LN403")]


def test_malformed_front_matter_is_one_error_and_the_body_is_still_linted():
    text = "---\ntitle: [unclosed\ndate: 2024-01-01\n---\nIt was the the end.\n"
    result = lint(text, "bad.md")
    assert len(result.problems) == 1
    assert "front matter is not valid YAML" in result.problems[0].message
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(5, 12, "LN101")]


def test_unclosed_front_matter_is_an_error():
    result = lint("---\ntitle: x\nIt was the the end.\n", "open.md")
    assert [p.message for p in result.problems] == ["front matter opened with '---' on line 1 is never closed"]


@pytest.mark.parametrize("markdown, expected", [
    ("It was the **the** end.", ["the"]),                              # emphasis does not hide a repeat
    ("Officials read [Biden](https://example.org/b) 's letter.", [" 's"]),  # nor a link a detached apostrophe
    ("Officials read **Biden**'s letter.", []),                        # nor create one
    ("Officials read [Biden](https://example.org/b)'s letter.", []),
    ("*“We will win,” she said.* The match starts at noon.", []),      # emphasis around quotation marks
    ("The word `the the` is code. See <https://example.org/the-the>.", []),
    ("See https://example.org/the/the/ for the list.", []),
    ("| Team | Result |\n|---|---|\n| the the club | won |\n", ["the"]),   # table cells are prose
    ("A claim.[^1]\n\n[^1]: The the source.\n", ["the"]),            # footnotes too, not their labels
    ("The cost $x$ is $y$ here.", []),
    ("It rose to $5 from $3 and the the price fell.", ["the"]),        # dollars are not math
    ("<!-- the the -->\nIt was fine.", []),
    ("Line one ends here  \nand the the next one.", ["the"]),          # a hard break
    ("- first the the item\n- second item", ["the"]),
    ("> Quoted the the text.", ["the"]),
    ("## A heading with the the slip", ["the"]),
])
def test_markdown_prose(markdown, expected):
    result = lint(markdown, "case.md", select=("LN101", "LN201"))
    assert [snippet(markdown, d) for d in result.diagnostics] == expected
    assert result.document.meta.get("markdown_fallbacks") is None


def test_markdown_positions_with_wide_characters_and_crlf():
    text = "---\r\ntitle: “x”\r\n---\r\n> Ünïcödé 🙂 **words** and the the end.\r\n"
    [d] = lint(text, "w.md").diagnostics
    assert (d.line, d.column) == (4, 31)        # the emoji is one column, "**" two
    assert snippet(text, d) == "the"


@pytest.mark.parametrize("source, expected", [
    ("<p>It was the <b>the</b> end.</p>", ["the"]),
    ("<p>Officials read <a href='/b'>Biden</a> 's letter.</p>", [" 's"]),
    ("<p>It is Biden&rsquo;s letter and the&nbsp;the end.</p>", ["the"]),
    ("<p>The word <code>the the</code> is code.</p>", []),
    ("<script>var x = 'the the';</script><style>p{}</style><pre>the the</pre><p>Fine.</p>", []),
    ("<p>One line<br>\n   the the next.</p>", ["the"]),
    ("<p>It ended.</p><p>the end.</p>", ["the"]),                     # a block element is a paragraph
    ("<ul><li>the the item</li></ul>", ["the"]),
    # a tag or comment opened and never closed runs to the end of the file, shown by no browser
    ("<p>It was the the end.</p><a href='x the the", ["the"]),
    ("<p>It was the the end.</p><!-- the the <p>the the</p>", ["the"]),
    ("<p>Prices rose by x < 5 and the the end <", ["the"]),            # "<" that opens nothing is text
])
def test_html_prose(source, expected):
    result = lint(source, "case.html", select=("LN101", "LN201", "LN205"))
    assert [snippet(source, d) for d in result.diagnostics] == expected


def test_html_entities_keep_positions_on_the_original_characters():
    source = "<p>Caf&eacute; owners said Al-Kadhimi&#8217;s visit was the the best.</p>"
    [d] = lint(source, "e.html").diagnostics
    assert source[d.column - 1:d.end_column - 1] == "the"
    assert d.column == source.index("the the") + 5


# -------------------------------------------------------------------- encodings and endings

ARTICLE = "The council met on Tuesday.\n\nIt was the the end of the meeting.\n"


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                           ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_encodings_and_line_endings(tmp_path, encoding, bom, newline, suffix):
    text = ARTICLE.replace("\n", newline)
    if suffix == ".html":
        text = text.replace("The council", "<p>The council").replace("meeting.", "meeting.</p>")
    path = tmp_path / f"a{suffix}"
    path.write_bytes(bom + text.encode(encoding))
    [d] = Linter().lint_file(path).diagnostics
    assert (d.line, d.column, d.code) == (3, 12, "LN101")


def test_invalid_utf8_is_one_error_naming_the_byte_and_the_rest_is_linted(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Title\n\nCaf\xe9 owners met.\n")
    good = tmp_path / "good.md"
    good.write_text("It was the the end.\n", encoding="utf-8")
    proc = run_cli(str(bad), str(good))
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert out == f"{good}:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
    assert err == f"{bad}: error: not valid UTF-8: byte offset 12 (e9 20 6f 77); convert the file or pass --encoding\n"
    proc = run_cli("--encoding", "cp1252", str(bad))
    assert text_without_summary(proc) == ("", "") and proc.returncode == 0


def test_binary_and_oversized_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "big.html").write_text("<p>" + "word " * 300 + "</p>", encoding="utf-8")
    (tmp_path / "ok.md").write_text("It was the the end.\n", encoding="utf-8")
    proc = run_cli("--max-file-size", "1000", str(tmp_path))
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert out.splitlines() == [f"{tmp_path / 'ok.md'}:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]"]
    assert sorted(line.split(": error: ")[0] for line in err.splitlines()) == [
        str(tmp_path / "big.html"), str(tmp_path / "image.md")]


# ------------------------------------------------------------------------------ the seed

SEED = REPO / "seeds" / "000_c414c113dae7f080.txt"


def test_the_seed_wrapped_in_markdown_and_in_html_gives_the_seed_findings():
    plain = SEED.read_text(encoding="utf-8")
    paragraphs = [p for p in plain.split("\n\n") if p.strip()]
    markdown = "---\ntitle: Biden and Al-Kadhimi\ndate: 2021-07-27\n---\n" + "\n\n".join(paragraphs) + "\n"
    page = "<html><body>\n" + "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "\n</body></html>\n"
    seen = {}
    for name, text in (("seed.txt", plain), ("seed.md", markdown), ("seed.html", page)):
        result = lint(text, name)
        assert result.problems == []
        seen[name] = [(d.code, readable(snippet(text, d))) for d in result.diagnostics]
    assert len(seen["seed.txt"]) == 13          # with LN104 on "his parties’" (issue 17); line 1 is LN502's alone
    assert seen["seed.md"] == seen["seed.txt"]
    assert seen["seed.html"] == seen["seed.txt"]


def test_a_container_markdown_it_closes_without_opening():
    result = lint("[^1]: > [^1]: \n\nIt was the the end.\n", "odd.md")
    assert result.problems == []
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(3, 12, "LN101")]


def test_a_declaration_the_html_parser_cannot_read_is_skipped_like_a_browser_does():
    source = "<p>It was the the end.</p>\n<![0 x>\n<p>More of the the same.</p>"
    result = lint(source, "odd.html", select=("LN101",))
    assert result.problems == []
    assert [(d.line, d.column) for d in result.diagnostics] == [(1, 15), (3, 16)]


@pytest.mark.parametrize("markdown, line", [
    ("- " * 10 + "It was the the end.\n", 1),
    ("Intro.\n\n" + "> " * 20 + "It was the the end.\n", 3),
])
def test_markdown_nested_past_the_parsers_limit_is_a_problem_not_silence(markdown, line):
    result = Linter(Config()).lint_text(markdown, "deep.md")
    assert [p.message for p in result.problems] == [
        f"Markdown nested deeper than 20 levels (lists or block quotes) at line {line}: the text inside them is "
        f"not linted"]


def test_markdown_nested_within_the_limit_is_linted():
    result = Linter(Config()).lint_text("- " * 9 + "It was the the end.\n", "deep.md")
    assert ([d.code for d in result.diagnostics], result.problems) == (["LN101"], [])
