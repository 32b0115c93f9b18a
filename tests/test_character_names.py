"""Messages name the characters a reader cannot see or tell from a space (issue 15)."""
from __future__ import annotations

import pytest

from lintnews.config import Config
from lintnews.engine import Linter


def _messages(code: str, text: str) -> list[str]:
    result = Linter(Config(select=(code,))).lint_text(text, "case.txt")
    return [d.message for d in result.diagnostics]


@pytest.mark.parametrize("space, named", [
    ("\u2028", "U+2028 LINE SEPARATOR before ';': delete the space"),
    ("\u00a0", "U+00A0 NO-BREAK SPACE before ';': delete the space"),
    ("\t", "U+0009 CHARACTER TABULATION before ';': delete the space"),
    (" \u202f", "space and U+202F NARROW NO-BREAK SPACE before ';': delete the space"),
    (" ", "space before ';': delete the space"),
])
def test_space_before_punctuation_names_the_character(space, named):
    assert _messages("LN203", f"The vote was close{space}; the count took hours.") == [named]
