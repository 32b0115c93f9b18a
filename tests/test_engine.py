"""The public API: lint a string, lint a file, list the rules; configuration; faults."""
from __future__ import annotations

import pytest

import lintnews
from lintnews.config import Config, parse_config
from lintnews.diagnostics import Finding
from lintnews.engine import Linter
from lintnews.errors import ConfigError
from lintnews.plugins import load_plugins
from lintnews.ruleset import Rule


def test_lint_string_gives_positions_and_rule_identity():
    result = lintnews.lint_string("It was the the end.\nAnd then more.", "a.txt")
    [d] = result.diagnostics
    assert (d.path, d.line, d.column, d.end_line, d.end_column) == ("a.txt", 1, 12, 1, 15)
    assert (d.code, d.name, d.severity) == ("LN101", "repeated-word", "error")
    assert d.message == "'the' is repeated: delete one"


def test_lint_file_and_list_rules(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Biden 's plan.", encoding="utf-8")
    result = lintnews.lint_file(path)
    assert [d.code for d in result.diagnostics] == ["LN201"]
    names = [r.name for r in lintnews.list_rules()]
    assert {"repeated-word", "mangled-possessive", "unattributed-quote", "unmarked-quote"} <= set(names)
    assert [r.code for r in lintnews.list_rules()] == sorted(r.code for r in lintnews.list_rules())


def test_positions_are_the_same_for_every_newline_style():
    base = ["Headline", "", "It was the the end of the match.", "", "Biden 's plan."]
    results = []
    for nl in ("\n", "\r\n", "\r"):
        diags = lintnews.lint_string(nl.join(base)).diagnostics
        results.append([(d.line, d.column, d.end_line, d.end_column, d.code) for d in diags])
    assert results[0] == results[1] == results[2] == [(3, 12, 3, 15, "LN101"), (5, 6, 5, 9, "LN201")]


def test_select_and_ignore_by_code_prefix_and_name():
    text = "It was the the end. Biden 's plan."
    codes = lambda **kw: [d.code for d in Linter(Config(**kw)).lint_text(text).diagnostics]  # noqa: E731
    assert codes() == ["LN101", "LN201"]
    assert codes(select=("LN2",)) == ["LN201"]
    assert codes(select=("repeated-word",)) == ["LN101"]
    assert codes(ignore=("LN1",)) == ["LN201"]
    assert codes(select=("LN",), ignore=("mangled-possessive",)) == ["LN101"]


def test_rule_options_from_config():
    config = parse_config({"rules": {"repeated-word": {"allow": ["the the"]}}})
    assert Linter(config).lint_text("It was the the end.").diagnostics == []


@pytest.mark.parametrize("table, message", [
    ({"selct": ["LN1"]}, "<config>: unknown key 'selct'; did you mean 'select'?"),
    ({"select": "LN999"}, "'LN999' matches no rule"),
    ({"select": "repeted-word"}, "'repeted-word' matches no rule; did you mean 'repeated-word'?"),
    ({"rules": {"no-such-rule": {}}}, "unknown rule 'no-such-rule'"),
    ({"rules": {"repeted-word": {}}}, "unknown rule 'repeted-word'; did you mean 'repeated-word'?"),
    ({"rules": {"repeated-word": {"alow": []}}},
     r"unknown option 'alow' for repeated-word in <config>; did you mean 'allow'\? \(options: allow,"),
    ({"rules": {"repeated-word": {"phrases": "yes"}}}, "expected bool"),
    ({"max-file-size": -1}, "positive number"),
    ({"max-findings-per-rule": 0}, "max-findings-per-rule: expected a positive number"),
    ({"date": "2021-13-45"}, "expected a date as YYYY-MM-DD, got '2021-13-45'"),
    ({"date": "last Tuesday"}, "expected a date as YYYY-MM-DD"),
])
def test_configuration_errors_name_the_problem(table, message):
    with pytest.raises(ConfigError, match=message):
        Linter(parse_config(table))


def test_a_toml_date_is_taken_as_the_article_date():
    import datetime as dt
    text = "The vote is held today, Monday.\n"       # 2021-07-27 was a Tuesday
    for value in (dt.date(2021, 7, 27), dt.datetime(2021, 7, 27, 9, 30), "2021-07-27"):
        found = Linter(parse_config({"date": value})).lint_text(text).diagnostics
        assert [d.code for d in found] == ["LN403"], value


class Exploding(Rule):
    """A rule that raises, for testing.

    ## Why it matters
    ## Example
    ## Use instead
    """

    code = "XT901"
    name = "exploding"

    def check(self, doc):
        if "boom" in doc.text:
            raise RuntimeError("it went off")
        return []


class OutOfRange(Rule):
    """A rule that reports outside the text."""

    code = "XT902"
    name = "out-of-range"

    def check(self, doc):
        yield Finding(0, len(doc.text) + 5, "too far")


class TestPlugin:
    @lintnews.hookimpl
    def lintnews_rules(self):
        return [Exploding, OutOfRange]


def test_a_rule_that_raises_is_reported_and_the_others_still_run():
    linter = Linter(Config(), plugins=load_plugins(extra=(TestPlugin(),)))
    result = linter.lint_text("It was the the boom.", "x.txt")
    assert [d.code for d in result.diagnostics] == ["LN101"]
    messages = [p.message for p in result.problems]
    assert any("rule XT901 exploding" in m and "RuntimeError: it went off" in m for m in messages)
    assert any("rule XT902 out-of-range" in m and "outside the text" in m for m in messages)
    assert all(p.path == "x.txt" for p in result.problems)


def test_a_bad_rule_class_is_a_plugin_problem():
    class Bad:
        @lintnews.hookimpl
        def lintnews_rules(self):
            class NoCode(Rule):
                name = "Not Kebab"

            return [NoCode, str]

    plugins = load_plugins(extra=(Bad(),))
    assert "XT" not in {r.code[:2] for r in plugins.rules()}
    assert len(plugins.problems) == 2


def test_lint_file_reports_unreadable_input(tmp_path):
    result = lintnews.lint_file(tmp_path / "missing.txt")
    assert result.diagnostics == [] and [p.message for p in result.problems] == ["no such file"]
