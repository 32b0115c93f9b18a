"""Front matter fields that hold copy (headline, standfirst, caption, alt) are linted as
prose, with exact positions in the file; a headline is read as a headline."""
from __future__ import annotations

import pytest

from conftest import run_cli, text_of
from output_helpers import text_without_summary as text_of
from lintnews.config import Config, parse_config
from lintnews.engine import Linter

BODY = "The union said it was over.\n"


def findings(text: str, config: Config | None = None, path: str = "a.md") -> list[str]:
    result = Linter(config or Config()).lint_text(text, path)
    return [f"{d.line}:{d.column} {d.code}" for d in result.diagnostics]


def second_the(text: str) -> str:
    """line:col of the repeat in "the the end" (the word repeated-word reports)."""
    pos = text.index("the the end") + 4
    return f"{text.count(chr(10), 0, pos) + 1}:{pos - text.rfind(chr(10), 0, pos)}"


def test_the_issue_example_through_standard_input():
    proc = run_cli("--stdin-filename", "a.md", "-",
                   stdin=b"---\ntitle: 'scrap the the breakfast'\n---\n" + BODY.encode())
    out, _ = text_of(proc)
    assert proc.returncode == 1
    # repeated-word reports the repeat, the second 'the' (2:19), as it does in the body;
    # no lower-case finding for a headline styled in lower case
    assert out.splitlines() == ["a.md:2:19: error: LN101 repeated-word 'the' is repeated: delete one [*]"]


@pytest.mark.parametrize("value", [
    "plain, the the end",
    "plain, the the end # a comment",
    "plain over\n  two lines, the the end",
    "'single: it''s the the end'",
    '"double: \\"so\\" \\u00e9 the the end"',
    '"folded over\n  lines: the the end"',
    ">\n  A folded block:\n  the the end",
    "|-\n  A literal block:\n  the the end",
])
def test_yaml_scalars_map_back_exactly(value):
    text = f"---\ndate: 2021-07-27\nsummary: {value}\nauthors:\n  - a\n---\n{BODY}"
    assert findings(text) == [f"{second_the(text)} LN101"]


@pytest.mark.parametrize("value", [
    '"basic: \\"so\\" the the end"',
    "'literal: the the end'",
    '"""\nmulti\nline: the the end"""',
    "'''\nliteral\nlines: the the end'''",
])
def test_toml_strings_map_back_exactly(value):
    text = f"+++\ndate = 2021-07-27\ndescription = {value}\n+++\n{BODY}"
    assert findings(text) == [f"{second_the(text)} LN101"]


def test_a_list_of_images_with_alt_text_and_a_nested_caption():
    yaml = f"---\ntitle: A day out\nimages:\n  - src: a.jpg\n    alt: Fans at the the gate\n---\n{BODY}"
    toml = f"+++\ntitle = 'A day out'\n[[images]]\nsrc = 'a.jpg'\ncaption = 'Fans at the the gate'\n+++\n{BODY}"
    for text in (yaml, toml):
        pos = text.index("the gate")
        assert findings(text) == [f"5:{pos - text.rfind(chr(10), 0, pos)} LN101"]


def test_other_fields_are_not_prose_and_the_fields_are_configurable():
    text = f"---\ntitle: the the end\nslug: the the end\n---\n{BODY}"
    assert findings(text) == ["2:12 LN101"]
    assert findings(text, parse_config({"front-matter-fields": ["slug"]})) == ["3:11 LN101"]
    assert findings(text, parse_config({"front-matter-fields": []})) == []


def test_each_field_is_a_block_of_its_own():
    # the title's last word and the body's first are not a repeat
    text = "---\ntitle: Talks end in deadlock\nsubtitle: Union walks out\n---\nUnion leaders left at noon.\n"
    assert findings(text) == []


def test_a_headline_is_read_as_a_headline():
    text = ("---\ntitle: 'scrap the breakfast club, says union'\nsubtitle: Union says 'no' to plan\n"
            "description: ministers to \"review\" rules\n---\n"
            "The union said it was over. \"We will not budge,\" its leader said.\n")
    assert findings(text) == []


def test_a_lowercase_sentence_after_a_full_stop_is_still_found_in_a_standfirst():
    text = f"---\ndescription: The talks ended. the union left.\n---\n{BODY}"
    assert findings(text) == ["2:31 LN205"]


def test_a_name_spelt_one_way_in_the_title_and_another_in_the_body():
    text = ("---\ntitle: Zelenskyy meets allies in Paris\n---\n"
            "President Zelensky spoke first. Talks with allies went well, aides to Mr Zelensky said.\n")
    assert any(f.endswith("LN401") for f in findings(text))


def test_a_value_this_reader_gets_wrong_is_left_out_not_misread():
    # a YAML anchor and a flow sequence are not read as copy
    text = f"---\ntitle: &t the the end\ndescription: [the the end]\n---\n{BODY}"
    assert findings(text) == []


def test_a_key_written_inside_another_keys_block_is_its_text_not_a_field():
    text = f"---\nnotes: |\n  title: the the end\n---\n{BODY}"
    assert findings(text) == []
