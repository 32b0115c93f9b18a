"""A long Markdown file is parsed a piece at a time (markdown-it's tokens of a whole file of
list items or headings took hundreds of times the file's size): the pieces must read
exactly as one parse of the whole file does."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from lintnews.markdown_prose import markdown_document

# lines of every kind of block, and of what may run on over a blank line into the next
LINES = ["It was the the end.", "Biden 's aide said so.", "**bold** and [a link](https://x.org) and `code`",
         "- item", "* other item", "1. first", "2) second", "  continued in the item", "    indented code",
         "> quoted", ">", "# Heading", "Title", "===", "---", "***", "```", "~~~", "```python", "$$", "x = 1",
         "<pre>", "</pre>", "<div>", "</div>", "<!--", "-->", "<script>", "</script>", "<?php", "?>",
         "| a | b |", "|---|---|", "| c | d |", "lazy line", "   ", "\t", "", "", "", "",
         "- the the", "  - nested", "    - deeper", "+ plus", "10. tenth", "-", "  ```", "- ```", "  > in item",
         "- # heading item", "1) the the", "   - three spaces"]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=40).map("\n".join), st.sampled_from([1, 5, 30]),
       st.sampled_from(["", "---\ntitle: x\n---\n"]))
@example("```\n\nIt was the the end.\n\n```\n\nIt was the the end.", 1, "")
@example("- item\n\n  continued in the item\n\nIt was the the end.", 1, "")
@example("<pre>\n\nIt was the the end.\n</pre>\n\nlazy line", 1, "")
@example("- item\n- item\n  continued in the item\n- item", 1, "")
@example("$$\n- item\n$$", 1, "")         # (a math block only once its closing "$$" is read)
@example("- item\n  - nested\n  - nested\n- item", 1, "")
def test_pieces_read_as_one_parse_of_the_whole(body, piece, front_matter):
    text = front_matter + body
    whole = markdown_document(text, "a.md", piece=10**9)
    pieces = markdown_document(text, "a.md", piece=piece)
    assert pieces.prose == whole.prose
    assert list(pieces.blocks) == list(whole.blocks)
    assert pieces.meta == whole.meta and pieces.problems == whole.problems
    n = len(whole.prose)
    assert [pieces.text_span(a, b) for a in range(n + 1) for b in (a, min(a + 1, n), n)] == \
        [whole.text_span(a, b) for a in range(n + 1) for b in (a, min(a + 1, n), n)]


@pytest.mark.parametrize("unit", ["# A heading\n\nIt was the the end.\n\n", "- It was the the end.\n"])
def test_a_long_file_of_short_blocks_or_list_items_is_parsed_in_pieces(unit):
    text = unit * 3_000
    doc = markdown_document(text, "a.md", piece=1_000)
    assert doc.prose == markdown_document(text, "a.md", piece=10**9).prose
    assert doc.prose.count("It was the the end.") == 3_000 and doc.meta == {}
    pieces = []
    import lintnews.markdown_prose as md
    real = md.parser

    class Counting:
        def parse(self, src):
            pieces.append(len(src))
            return real().parse(src)

    md.parser = lambda: Counting()
    try:
        markdown_document(text, "a.md", piece=1_000)
    finally:
        md.parser = real
    assert len(pieces) > 50 and max(pieces) < 1_100 and sum(pieces) < len(text) * 1.1
