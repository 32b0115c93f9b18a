"""Every rule's case file: each case must give exactly its expected findings (and fix)."""
from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.engine import list_rules
from lintnews.ruleset import DOC_HEADINGS
from lintnews.testing import check_case, load_cases

CASE_DIR = Path(__file__).parent / "rules"
CASES = [case for path in sorted(CASE_DIR.glob("*.toml")) for case in load_cases(path)]
BUILTIN = [r for r in list_rules() if r.plugin == "lintnews.rules"]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case):
    outcome = check_case(case)
    assert outcome.problems == []
    assert outcome.got == outcome.expected
    if case.fixed is not None:
        assert outcome.fixed == case.fixed
    else:                                   # (no `fixed`: the fixes change nothing, as assert_case holds)
        assert outcome.fixed in (None, case.text)


@pytest.mark.parametrize("rule", BUILTIN, ids=[r.code for r in BUILTIN])
def test_rule_is_documented(rule):
    doc = rule.documentation()
    assert rule.summary() and len(rule.summary()) < 160
    for heading in DOC_HEADINGS:
        assert heading in doc, f"{rule.code} lacks '{heading}'"
    if rule.fixable:
        assert "## Fix safety" in doc


@pytest.mark.parametrize("rule", BUILTIN, ids=[r.code for r in BUILTIN])
def test_rule_has_cases_both_ways(rule):
    cases = [c for c in CASES if c.rule == rule.code]
    assert any(c.expect for c in cases), f"{rule.code} has no case that must be flagged"
    assert any(not c.expect for c in cases), f"{rule.code} has no case that must stay quiet"
    if rule.fixable:
        assert any(c.fixed is not None and c.fixed != c.text for c in cases), f"{rule.code} has no fix case"


def test_codes_and_names_are_unique():
    rules = list_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
