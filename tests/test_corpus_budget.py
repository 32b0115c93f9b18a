"""A guard against false alarms: every default rule over the real news corpus, on a budget."""
from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

from conftest import NEWS_CORPUS, needs_news_corpus

from lintnews.engine import Linter

BUDGET_FILE = Path(__file__).with_name("corpus_budget.toml")


@needs_news_corpus()
def test_default_rules_stay_within_their_budget_on_clean_news():
    budget = tomllib.loads(BUDGET_FILE.read_text(encoding="utf-8"))
    linter = Linter()
    counts = Counter()
    for path in sorted(NEWS_CORPUS.glob("*.txt")):
        result = linter.lint_file(path)
        assert result.problems == []
        counts.update(d.code for d in result.diagnostics)
    over = {code: (n, budget.get(code, [0, 0])[1]) for code, n in counts.items()
            if n > budget.get(code, [0, 0])[1]}
    assert not over, f"rules over their budget on clean news (found, budget): {over}"
    unbudgeted = {r.code for r in linter.rules} - set(budget)
    assert not unbudgeted, f"rules with no budget in {BUDGET_FILE.name}: {sorted(unbudgeted)}"
