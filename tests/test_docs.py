"""Rule documentation: complete for every rule, shown by --explain, and docs/rules.md in sync."""
from __future__ import annotations

import dataclasses

import pytest

from lintnews.cli import main
from lintnews.docs import DOCS, builtin_rules, page, rules_markdown

RULES = builtin_rules()


def test_docs_rules_md_is_generated_from_the_rules():
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(RULES), \
        "docs/rules.md is out of date: run python -m lintnews.docs"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_documents_its_fix_safety_and_options(rule):
    doc = rule.documentation()
    assert ("## Fix safety" in doc) == rule.fixable
    options = doc.split("## Options", 1)[1] if "## Options" in doc else ""
    for f in dataclasses.fields(rule.Options):
        assert f"`{f.name.replace('_', '-')}`" in options, f"option {f.name} of {rule.code} is not documented"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_explain_prints_the_whole_page_by_code_or_name(rule, capsys):
    assert main(["--isolated", "--explain", rule.code]) == 0
    by_code = capsys.readouterr().out
    assert by_code == page(rule)
    assert main(["--isolated", "--explain", rule.name]) == 0
    assert capsys.readouterr().out == by_code
    assert f"Fixable: {'yes' if rule.fixable else 'no'}" in by_code
    if rule.fixable:
        assert "## Fix safety" in by_code
    for f in dataclasses.fields(rule.Options):
        assert f"- `{f.name.replace('_', '-')}` = " in by_code      # with its default


def test_option_defaults_are_shown_as_in_the_configuration():
    [repeated] = [r for r in RULES if r.code == "LN101"]
    text = page(repeated)
    assert "Set under `[tool.lintnews.rules.repeated-word]`:" in text
    assert '- `allow` = ["had had", "that that",' in text and "- `phrases` = true" in text
