"""LN102's pronunciation data: every entry of rules/data/indefinite_article.txt is used."""
from __future__ import annotations

import pytest

from lintnews.rules._data import word_list
from lintnews.rules.indefinite_article import Pronunciations

ENTRIES = word_list("indefinite_article")


@pytest.mark.parametrize("entry", ENTRIES)
def test_each_entry_changes_what_the_spelling_alone_gives(entry):
    word = entry.split()[0].rstrip("*")
    with_it = Pronunciations(ENTRIES)
    without = Pronunciations(e for e in ENTRIES if e != entry)
    assert with_it.sound(word) == entry.split()[1]
    assert without.sound(word) != with_it.sound(word)


def test_a_bad_sound_is_refused():
    with pytest.raises(ValueError):
        Pronunciations(["hour* the"])


@pytest.mark.parametrize("value, error", [
    ("an", None), ("either", None),
    ("sometimes", "expected \"a\", \"an\" or \"either\", got 'sometimes'"),
    (1, "expected \"a\", \"an\" or \"either\", got 1"),
])
def test_weak_h_takes_one_of_its_three_values(value, error):
    from lintnews.errors import ConfigError
    from lintnews.rules.indefinite_article import IndefiniteArticle
    from lintnews.ruleset import build_options

    if error is None:
        assert build_options(IndefiniteArticle, {"weak-h": value}).weak_h == value
    else:
        with pytest.raises(ConfigError, match=error.replace("(", r"\(")):
            build_options(IndefiniteArticle, {"weak-h": value})
