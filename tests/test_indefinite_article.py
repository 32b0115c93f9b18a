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
