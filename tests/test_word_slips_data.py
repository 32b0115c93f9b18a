"""The word data of LN103 and LN104 (rules/data/): every entry is used, by a case or by the rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.rules._data import word_list
from lintnews.rules import agreement
from lintnews.rules.agreement import Agreement
from lintnews.rules.confusables import matches, slips
from lintnews.testing import load_cases
from lintnews.document import Document

CASES = load_cases(Path(__file__).parent / "rules" / "LN103.toml")


@pytest.mark.parametrize("slip", slips(), ids=[s.name for s in slips()])
def test_each_confusable_is_flagged_by_a_case_of_LN103(slip):
    flagged = [c.name for c in CASES if any(s is slip for s, _, _ in matches(Document(c.text)))]
    assert flagged, f"no case of tests/rules/LN103.toml is flagged by '{slip.name}'"


def _agreement(text: str) -> list[str]:
    doc = Document(text)
    return [text[f.start:f.end] for f in Agreement().check(doc)]


@pytest.mark.parametrize("word", word_list("singular_in_s"))
def test_each_singular_in_s_keeps_a_phrase_quiet_that_the_morphology_would_flag(word, monkeypatch):
    assert _agreement(f"It was a {word}.") == []
    monkeypatch.setattr(agreement, "_SINGULAR_IN_S", frozenset())
    assert _agreement(f"It was a {word}.") == [word], "the entry is not needed: the morphology knows it"


@pytest.mark.parametrize("pair", word_list("owned_once"))
def test_each_owned_once_plural_is_flagged_and_its_singular_is_not(pair):
    plural, singular = pair.split()
    assert _agreement(f"He spoke of his {plural}’ hopes.") == [f"{plural}’"]
    assert _agreement(f"He spoke of his {singular}’s hopes.") == []
