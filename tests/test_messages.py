"""Every rule message says what to do, in an editor's words: "'the' is repeated: delete one"."""
from __future__ import annotations

import re

import pytest

from conftest import REPO
from lintnews.testing import linter_for, load_cases

# the instruction that ends a message (after its last ": " or "; "), maybe after a condition
INSTRUCTION = re.compile(r"(?:if [^,]+, )?(?:delete|write|use|close|open|add|capitalise|spell|check|fill|put|"
                         r"say|keep)\b")


@pytest.mark.parametrize("case_file", sorted((REPO / "tests" / "rules").glob("LN*.toml")), ids=lambda p: p.stem)
def test_every_rule_message_ends_by_saying_what_to_do(case_file):
    messages = set()
    for case in load_cases(case_file):
        result = linter_for(case.rule, case.options).lint_text(case.text, case.path)
        messages.update(d.message for d in result.diagnostics if d.code == case.rule)
    assert messages, f"no case of {case_file.stem} is flagged"
    for message in messages:
        assert INSTRUCTION.match(re.split(r": |; ", message)[-1]), message
