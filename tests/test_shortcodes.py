"""Hugo shortcodes and Jekyll/Liquid tags are not prose; the copy in a shortcode's caption,
title or alt parameter is, and the content of a paired shortcode is."""
from __future__ import annotations

from lintnews.config import Config
from lintnews.engine import Linter


def findings(text: str) -> list[str]:
    return [f"{d.line}:{d.column} {d.code}" for d in Linter(Config()).lint_text(text, "a.md").diagnostics]


def at(text: str, needle: str) -> str:
    """The repeated-word finding at `needle` (the repeat) in the file."""
    pos = text.index(needle)
    return f"{text.count(chr(10), 0, pos) + 1}:{pos - text.rfind(chr(10), 0, pos)} LN101"


def test_a_figure_shortcode_is_no_placeholder_and_its_escaped_quotes_balance():
    text = 'The mayor spoke at noon.\n\n{{< figure src="x.jpg" caption="He said \\"no\\"" >}}\n'
    assert findings(text) == []


def test_the_copy_in_a_caption_title_or_alt_parameter_is_linted_in_place():
    text = ('The mayor spoke at noon.\n\n{{< figure src="x.jpg" title="Talks at the the harbour"\n'
            '   alt=`Fans at the the gate` caption="\\"Go\\" at the the end" >}}\n')
    assert findings(text) == [at(text, "the harbour"), at(text, "the gate"), at(text, "the end")]


def test_the_content_of_a_paired_shortcode_is_prose():
    text = "{{% note %}}\nIt was the the end.\n{{% /note %}}\n"
    assert findings(text) == ["2:12 LN101"]


def test_liquid_tags_and_raw_blocks_are_not_prose():
    text = ("See {{< ref \"a.md\" >}} and {{ page.title }} and {% include x.html %} today.\n\n"
            "{% raw %}\nthe the\n{% endraw %}\n\n{%- comment -%}\nthe the\n{%- endcomment -%}\n\n"
            "{{< highlight go >}}\nthe the\n{{< /highlight >}}\n\n"
            "{% raw %}\n{{< figure caption=\"Fans at the the gate\" >}}\n{% endraw %}\n")
    assert findings(text) == []


def test_braces_in_copy_across_a_blank_line_are_left_alone():
    text = "A {{ stray brace.\n\nIt was the the end }} here.\n"
    assert findings(text) == ["3:12 LN101"]


def test_many_stray_braces_cost_no_more_than_a_scan():
    # (a "{{" that never closes is looked at no further than a tag may run)
    from lintnews.shortcodes import mask

    for stray in ("{{ a ", "{% raw %} ", "{{< highlight >}} "):
        masked, _ = mask(stray * 20000)
        assert len(masked) == len(stray) * 20000
