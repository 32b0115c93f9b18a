"""`lintnews archive --report report.html`: the overview counts the whole sweep, and a sample
of articles (the worst, and the first few of each rule) is shown with its findings marked."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from conftest import run_cli
from lintnews.archive.html_report import SAMPLE_PER_RULE, Sample

pytest.importorskip("dask", reason="lintnews archive needs the archive extra")


def test_the_sample_takes_the_first_articles_of_each_rule_and_the_worst():
    sample = Sample(per_rule=2, worst=2)
    row = lambda ident, code, fix=None: (ident, 1, 1, 1, 2, code, "x", "m", "error", fix)   # noqa: E731
    sample.add([row("a", "LN101"), row("b", "LN101"), row("c", "LN101"), row("c", "LN202", '{"applicability": "safe"}')])
    sample.add([row("d", "LN202"), row("d", "LN202"), row("d", "LN202"), row("e", "LN000")])
    assert sample.ids() == ["d", "c", "a", "b"]          # the worst (d: 3, c: 2), then LN101's, LN202's
    assert sample.fixable == Counter({"safe": 1})


def test_the_sample_keeps_the_rows_of_the_articles_it_shows_from_the_sweep():
    from lintnews.archive.rows import Row

    sample = Sample(per_rule=1, worst=1)
    row = lambda ident, code: (ident, 1, 1, 1, 2, code, "x", "m", "error", None)   # noqa: E731
    articles = [Row(ident, f"text of {ident}") for ident in "abc"]
    sample.add([row("a", "LN101"), row("b", "LN101"), row("b", "LN202")], articles[:2])
    assert sample.ids() == ["b", "a"] and {i: r.text for i, r in sample.articles.items()} == \
        {"a": "text of a", "b": "text of b"}
    sample.add([row("c", "LN303"), row("c", "LN303"), row("c", "LN303")], articles[2:])
    assert sample.ids() == ["c", "a", "b"]           # b stays: the first of LN202
    sample = Sample(per_rule=1, worst=1)
    sample.add([row("a", "LN101"), row("b", "LN101"), row("b", "LN101")], articles[:2])
    assert sample.ids() == ["b", "a"]
    sample.add([row("c", "LN101")] * 3, articles[2:])
    assert sample.ids() == ["c", "a"] and set(sample.articles) == {"c", "a"}     # b pushed out: its row let go


@pytest.mark.slow
def test_the_archive_html_report_counts_everything_and_shows_a_sample(tmp_path):
    texts = [f"Story {i} was the the end of it." if i % 3 == 0 else f"Story {i} ended,, late." if i % 3 == 1
             else f"Story {i} is clean." for i in range(40)]
    texts[5] = "It was the the <script>document.title='x'</script> end,, late."
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"s{i:02}", "text": t}) + "\n")
    proc = run_cli("archive", "in.jsonl", "-o", "out.jsonl", "--workers", "1", "--isolated",
                   "--report", "report.html", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    by_rule = Counter(r["code"] for r in rows)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f"<li><b>40</b> articles</li><li><b>{sum(len(t.split()) for t in texts)}</b> words</li>" \
           f"<li><b>{len(rows)}</b> findings</li>" in page
    for code, n in by_rule.items():
        assert re.search(rf'<a href="#rule-{code}">{code} [a-z-]+</a></th><td>.*?</td><td class="n">{n}</td>', page)
    shown = re.findall(r'<h2 id="a\d+-title">(s\d\d)\.txt</h2>', page)
    assert len(shown) == len(set(shown)) < 40 and "s05" in shown         # s05 has the most findings
    for code in by_rule:                                                   # each rule's first articles
        first = list(dict.fromkeys(r["id"] for r in rows if r["code"] == code))[:SAMPLE_PER_RULE]
        assert set(first) <= set(shown)
    for ident in shown:                                  # each shown article with all its findings marked
        section = re.search(rf'<section [^>]*><h2 id="a\d+-title">{ident}\.txt</h2>.*?</section>', page, re.S)[0]
        assert section.count("<mark ") == sum(r["id"] == ident for r in rows)
    assert page.count("<script") == 1 and "&lt;script&gt;" in page
