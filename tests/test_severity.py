"""Severities: each built-in rule's default and the precision behind it, per-rule severity in
configuration, --fail-on and --min-severity, and every output format carrying them."""
from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO, run_cli
from output_helpers import text_without_summary
from lintnews.config import parse_config
from lintnews.docs import builtin_rules
from lintnews.engine import Linter
from lintnews.errors import ConfigError
from lintnews.ruleset import Rule
from lintnews.severity import SEVERITIES, Reading, at_least, rank

# one finding of each severity under HOUSE, a desk's settings: LN101 warning, LN301 info (both
# set there), LN503 error (its default). By default LN101 is error and LN301 warning.
HOUSE = '[rules.repeated-word]\nseverity = "warning"\n\n[rules.unattributed-quote]\nseverity = "info"\n'
ARTICLE = ('The council approved the budget on Tuesday. It was the the end.\n\n'
           '"We will not accept these terms under any circumstances."\n\n'
           'The vote was carried by a majority of twelve. TK\n')
WARNING = "a.txt:1:56: warning: LN101 repeated-word 'the' is repeated: delete one [*]"
INFO = ("a.txt:3:1: info: LN301 unattributed-quote quotation has no speaker: no 'said', 'told' or "
        "'according to' in or next to it; say who said it")
ERROR = "a.txt:5:47: error: LN503 placeholder 'TK' left in the copy: fill it in or delete it"


def lint(tmp_path, *args, text=ARTICLE, config=HOUSE):
    """Lint a.txt holding `text` with lintnews.toml holding `config` (None: --isolated, the defaults)."""
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / "lintnews.toml").write_text(config, encoding="utf-8")
    proc = run_cli(*(() if config is not None else ("--isolated",)), *args, "a.txt", cwd=tmp_path)
    out, err = text_without_summary(proc)
    return proc.returncode, out.splitlines(), err


# ------------------------------------------------------------------- the policy, on the data

PRECISION = tomllib.loads((REPO / "rules" / "data" / "precision.toml").read_text(encoding="utf-8"))


def test_every_built_in_rule_takes_its_default_severity_from_the_data_file():
    rules = builtin_rules()
    assert {r.code for r in rules} == set(PRECISION)
    for rule in rules:
        assert rule.severity == PRECISION[rule.code]["severity"], rule.code
        assert rule.precision is not None and len(rule.precision.readings) == 2


def _policy_ok(severity: str, readings: list[Reading], provisional: bool) -> bool:
    """The policy of rules/data/precision.toml's header, on what has been read."""
    shares = [r.right_share for r in readings if r.findings]
    read = [s for s in shares if s is not None]
    if severity == "error":
        return all(low >= 0.9 for low, _ in read) and (provisional or len(read) == len(shares))
    if severity == "info":
        return len(read) == len(shares) == 2 and all(high < 0.5 for _, high in read)
    # warning: not good enough for error, not bad enough for info
    return not (_policy_ok("error", readings, False) or _policy_ok("info", readings, False))


@pytest.mark.parametrize("code", sorted(PRECISION))
def test_each_default_severity_follows_the_policy_on_its_measured_precision(code):
    rule = next(r for r in builtin_rules() if r.code == code)
    assert _policy_ok(rule.severity, list(rule.precision.readings), rule.precision.provisional), (
        f"{code} is {rule.severity} by default, but {rule.precision.describe()}")


def test_the_policy_check_itself_tells_the_severities_apart():
    def reading(right, wrong):
        return Reading("c", 10_000, right + wrong, right, wrong, 0)

    good, middling, poor = reading(19, 1), reading(8, 2), reading(2, 8)
    assert _policy_ok("error", [good, good], False) and not _policy_ok("error", [good, middling], False)
    assert _policy_ok("warning", [good, middling], False) and not _policy_ok("warning", [good, good], False)
    assert _policy_ok("info", [poor, poor], False) and not _policy_ok("info", [poor, middling], False)
    unread = Reading("c", 10_000, 5)
    assert not _policy_ok("error", [good, unread], False) and _policy_ok("error", [good, unread], True)
    assert not _policy_ok("error", [middling, unread], True)
    ranged = Reading("c", 10_000, 14, share=(0.56, 0.8))
    assert _policy_ok("warning", [good, ranged], False) and not _policy_ok("error", [good, ranged], True)


def test_rules_under_90_percent_right_somewhere_never_block_by_default():
    by_code = {r.code: r for r in builtin_rules()}
    assert by_code["LN301"].severity == "warning"       # right 2 of 5 and 1 of 2
    assert by_code["LN401"].severity == "warning"       # right 7 of 11 on the news corpus
    assert by_code["LN502"].severity == "warning"       # right 33 of 43 on the news corpus
    assert by_code["LN101"].severity == "error"         # right 26 of 27 and 12 of 13
    assert by_code["LN402"].severity == "error"         # right 4 of 4 and 21 of 23


def test_the_defaults_block_on_the_repeat_and_the_placeholder_not_on_the_quote(tmp_path):
    assert lint(tmp_path, config=None) == (1, [WARNING.replace("warning: LN101", "error: LN101"),
                                               INFO.replace("info: LN301", "warning: LN301"), ERROR], "")
    only_quote = ARTICLE.replace(" TK", "").replace("the the", "the")
    assert lint(tmp_path, text=only_quote, config=None) == (0, [INFO.replace("info: LN301", "warning: LN301")], "")


# --------------------------------------------------------------------- exit status, hiding

def test_every_severity_is_shown_and_only_errors_fail_by_default(tmp_path):
    assert lint(tmp_path) == (1, [WARNING, INFO, ERROR], "")
    assert lint(tmp_path, text=ARTICLE.replace(" TK", "")) == (0, [WARNING, INFO], "")


@pytest.mark.parametrize("fail_on, text, status", [
    ("error", ARTICLE.replace(" TK", ""), 0),
    ("warning", ARTICLE.replace(" TK", ""), 1),
    ("warning", ARTICLE.replace(" TK", "").replace("the the", "the"), 0),     # only an info left
    ("info", ARTICLE.replace(" TK", "").replace("the the", "the"), 1),
    ("info", "Fine copy.\n", 0),
])
def test_the_exit_status_follows_fail_on(tmp_path, fail_on, text, status):
    assert lint(tmp_path, "--fail-on", fail_on, text=text)[0] == status


def test_min_severity_hides_lower_findings_and_hidden_ones_never_fail(tmp_path):
    assert lint(tmp_path, "--min-severity", "warning") == (1, [WARNING, ERROR], "")
    assert lint(tmp_path, "--min-severity", "error") == (1, [ERROR], "")
    # what is hidden does not count towards the exit status either
    only_info = ARTICLE.replace(" TK", "").replace("the the", "the")
    assert lint(tmp_path, "--min-severity", "warning", "--fail-on", "info", text=only_info) == (0, [], "")


def test_min_severity_hides_from_statistics_and_json_too(tmp_path):
    status, lines, _ = lint(tmp_path, "--statistics", "--min-severity", "warning")
    assert lines == ["1  LN101  repeated-word              warning  [*] 1 fixable",
                     "1  LN503  placeholder                error"]
    status, lines, _ = lint(tmp_path, "--format", "json", "--min-severity", "error")
    assert [(d["code"], d["severity"]) for d in json.loads("\n".join(lines))] == [("LN503", "error")]


def test_exit_zero_still_wins(tmp_path):
    assert lint(tmp_path, "--exit-zero", "--fail-on", "info")[0] == 0


def test_fix_exits_on_what_remains_at_or_above_fail_on(tmp_path):
    status, lines, err = lint(tmp_path, "--fix", "--fail-on", "warning", text="It was the the end.\n", config=None)
    assert (status, lines) == (0, [])            # fixed: nothing remains
    assert lint(tmp_path, "--fix", text="The talks ended,. TK\n", config=None)[0] == 1   # the placeholder remains
    quote = '"We will not accept these terms under any circumstances." It was the the end.\n'
    status, lines, err = lint(tmp_path, "--fix", text=quote, config=None)
    assert (status, lines) == (0, [INFO.replace("info: LN301", "warning: LN301").replace(":3:", ":1:")])
    assert lint(tmp_path, "--fix", "--fail-on", "warning", text=quote, config=None)[0] == 1


def test_a_baseline_records_and_hides_only_what_is_shown(tmp_path):
    status, _, err = lint(tmp_path, "--min-severity", "warning", "--write-baseline", "base.json")
    assert status == 0 and "recorded 2 findings" in err
    recorded = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"]
    assert sorted(f["code"] for f in recorded) == ["LN101", "LN503"]
    assert lint(tmp_path, "--baseline", "base.json") == (0, [INFO], (
        "lintnews: 2 findings recorded in the baseline not reported\n"))


def test_jobs_give_the_same_findings_severities_and_exit(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE.replace(" TK", ""), encoding="utf-8")
    config = '[rules.unattributed-quote]\nseverity = "error"\n'
    (tmp_path / "lintnews.toml").write_text(config, encoding="utf-8")
    serial = run_cli("--jobs", "1", ".", cwd=tmp_path)
    parallel = run_cli("--jobs", "2", ".", cwd=tmp_path)
    assert text_without_summary(serial) == text_without_summary(parallel) and serial.returncode == parallel.returncode == 1
    assert text_without_summary(parallel)[0].count(": error: LN301") == 3


# ------------------------------------------------------------------------ configuration

def test_configuration_sets_a_rules_severity_and_the_thresholds(tmp_path):
    config = ('fail-on = "warning"\nmin-severity = "warning"\n\n'
              '[rules.placeholder]\nseverity = "info"\n\n[rules.LN301]\nseverity = "error"\n')
    status, lines, err = lint(tmp_path, text=ARTICLE.replace("the the", "the"), config=config)
    assert (status, lines, err) == (1, [INFO.replace("info: LN301", "error: LN301")], "")
    # the command line wins over the file
    assert lint(tmp_path, "--min-severity", "info", "--fail-on", "error", text=ARTICLE.replace("the the", "the"),
                config=config) == (1, [INFO.replace("info: LN301", "error: LN301"),
                                       ERROR.replace("error: LN503", "info: LN503")], "")


def test_a_rule_table_may_hold_both_options_and_severity():
    linter = Linter(parse_config({"rules": {"repeated-word": {"allow": ["had had"], "severity": "info"}}}))
    rule = next(r for r in linter.rules if r.code == "LN101")
    assert (rule.severity, rule.options.allow) == ("info", ("had had",))
    assert type(rule).severity == "error"            # (the class, and so other Linters, keep the default)
    [d] = linter.lint_text("It was the the end. She had had enough.\n").diagnostics
    assert (d.code, d.severity) == ("LN101", "info")


@pytest.mark.parametrize("config, message", [
    ('[rules.repeated-word]\nseverity = "fatal"\n',
     "lintnews.toml: rules.repeated-word.severity: severity 'fatal' is not one of info, warning, error"),
    ('fail-on = "warnings"\n', "lintnews.toml: fail-on: severity 'warnings' is not one of info, warning, error"),
    ('min-severity = 2\n', "lintnews.toml: min-severity: severity 2 is not one of info, warning, error"),
])
def test_an_unknown_severity_in_configuration_is_an_error_naming_where(tmp_path, config, message):
    status, lines, err = lint(tmp_path, config=config)
    assert (status, lines) == (2, []) and message in err, err


def test_an_unknown_severity_on_the_command_line_is_a_usage_error(tmp_path):
    status, _, err = lint(tmp_path, "--fail-on", "fatal")
    assert status == 2 and "--fail-on: invalid choice: 'fatal'" in err


def test_a_rule_table_without_severity_names_it_among_the_options():
    with pytest.raises(ConfigError, match=r"unknown option 'sevrity' for repeated-word in <config>; did you mean "
                                          r"'severity'\? \(options: allow, "
                                          r".*severity\)"):
        Linter(parse_config({"rules": {"repeated-word": {"sevrity": "error"}}}))


def test_a_plugin_rule_class_with_an_unknown_severity_is_a_problem_naming_it(tmp_path, monkeypatch):
    (tmp_path / "loud_pack.py").write_text(
        "import lintnews\nfrom lintnews.ruleset import Rule\n\n"
        "class Loud(Rule):\n    '''Loud.'''\n    code = 'XL101'\n    name = 'loud'\n    severity = 'critical'\n\n"
        "    def check(self, doc):\n        return ()\n\n"
        "@lintnews.hookimpl\ndef lintnews_rules():\n    return [Loud]\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    from lintnews.plugins import BUILTIN_PLUGINS, load_plugins

    plugins = load_plugins(builtins=(*BUILTIN_PLUGINS, "loud_pack"), entry_point_group=None)
    assert "XL101" not in {r.code for r in plugins.rules()}
    [problem] = plugins.problems
    assert problem.path == "loud_pack" and "severity 'critical' is not one of info, warning, error" in problem.message


def test_rule_problems_name_a_bad_severity():
    class Declared(Rule):
        code, name, severity = "XD101", "declared", "note"

        def check(self, doc):
            return ()

    assert Declared.problems() == ["severity 'note' is not one of info, warning, error"]
    Declared.severity = "info"
    assert Declared.problems() == []


# ----------------------------------------------------------------------------- formats

def test_text_and_full_name_the_severity_after_the_position(tmp_path):
    status, lines, _ = lint(tmp_path, "--format", "full")      # (grouped under the file's name)
    assert lines[0] == "a.txt:"
    assert [line for line in lines if line[:1].isdigit() and ": " in line] == [
        finding.removeprefix("a.txt:") for finding in (WARNING, INFO, ERROR)]


def test_json_sarif_github_and_junit_carry_the_severity(tmp_path):
    _, lines, _ = lint(tmp_path, "--format", "json")
    assert [(d["code"], d["severity"]) for d in json.loads("\n".join(lines))] == [
        ("LN101", "warning"), ("LN301", "info"), ("LN503", "error")]

    _, lines, _ = lint(tmp_path, "--format", "sarif")
    run = json.loads("\n".join(lines))["runs"][0]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("LN101", "warning"), ("LN301", "note"), ("LN503", "error")]
    defaults = {r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]}
    # (the rules' own defaults; the results above carry the configured levels)
    assert (defaults["LN101"], defaults["LN301"], defaults["LN503"]) == ("error", "warning", "error")

    _, lines, _ = lint(tmp_path, "--format", "github")
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::notice", "::error"]

    _, lines, _ = lint(tmp_path, "--format", "junit")
    failures = ET.fromstring("\n".join(lines)).iter("failure")
    assert [(f.get("type"), f.get("message").split(":")[0]) for f in failures] == [
        ("LN101", "warning"), ("LN301", "info"), ("LN503", "error")]


def test_sarif_and_github_carry_a_configured_severity(tmp_path):
    config = '[rules.repeated-word]\nseverity = "info"\n'
    _, lines, _ = lint(tmp_path, "--format", "sarif", text="It was the the end.\n", config=config)
    [result] = json.loads("\n".join(lines))["runs"][0]["results"]
    assert result["level"] == "note"
    _, lines, _ = lint(tmp_path, "--format", "github", text="It was the the end.\n", config=config)
    assert lines[0].startswith("::notice ")


# ------------------------------------------------------------------------ explain, docs

def test_explain_shows_the_default_severity_and_the_precision_behind_it():
    out, _ = text_without_summary(run_cli("--explain", "LN301"))
    assert ("Default severity: warning — right 2 of 5 times (2 arguable) on 2,127 BBC News articles (0.06 per "
            "10k words); right 1 of 2 times (1 arguable) on 605 Markdown articles (0.05 per 10k words).") in out
    out, _ = text_without_summary(run_cli("--explain", "style-consistency"))
    assert ("Default severity: error — right 4 of 4 times on 2,127 BBC News articles (0.05 per 10k words); "
            "right 21 of 23 times (2 arguable) on 605 Markdown articles") in out


def test_list_rules_shows_each_rules_severity():
    out, _ = text_without_summary(run_cli("--isolated", "--list-rules"))
    # (code, name, on/off, "fix" for a fixable rule, then the severity)
    listed = {line.split()[0]: next(w for w in line.split()[3:5] if w in SEVERITIES) for line in out.splitlines()}
    assert (listed["LN101"], listed["LN301"], listed["LN503"]) == ("error", "warning", "error")


def test_an_unread_corpus_says_so():
    assert Reading("2,127 BBC News articles", 817_008, 42).describe() == (
        "42 findings on 2,127 BBC News articles (0.51 per 10k words), not yet read")
    assert Reading("605 Markdown articles", 405_499, 0).describe() == "no findings on 605 Markdown articles"


# ------------------------------------------------------------------------- the helpers

def test_severities_are_ordered_and_at_least_keeps_the_list_when_it_can():
    assert [rank(s) for s in SEVERITIES] == [0, 1, 2]

    class D:
        def __init__(self, severity):
            self.severity = severity

    found = [D("info"), D("error"), D("warning")]
    assert at_least(found, "info") is found
    assert [d.severity for d in at_least(found, "warning")] == ["error", "warning"]
    errors = [D("error")]
    assert at_least(errors, "error") is errors


# ------------------------------------------------------------------- the archive front end

def test_archive_rows_carry_the_severity_and_leave_out_what_is_below_min_severity():
    pytest.importorskip("pyarrow", reason="the archive extra")
    from lintnews.archive.lint import COLUMNS, lint_row
    from lintnews.archive.rows import Row

    rows: list[tuple] = []
    lint_row(Linter(parse_config(tomllib.loads(HOUSE))), Row("a", ARTICLE), rows)
    severity = COLUMNS.index("severity")
    assert [(r[5], r[severity]) for r in rows] == [("LN101", "warning"), ("LN301", "info"), ("LN503", "error")]
    rows = []
    lint_row(Linter(parse_config({**tomllib.loads(HOUSE), "min-severity": "warning"})), Row("a", ARTICLE), rows)
    assert [r[5] for r in rows] == ["LN101", "LN503"]


def test_an_archive_sweep_fails_only_on_findings_at_or_above_fail_on():
    pytest.importorskip("pyarrow", reason="the archive extra")
    from lintnews.archive.lint import PartitionResult, lint_row
    from lintnews.archive.rows import Partition, Row
    from lintnews.archive.summary import Tally, summary_text

    rows: list[tuple] = []
    lint_row(Linter(parse_config(tomllib.loads(HOUSE))), Row("a", ARTICLE.replace(" TK", "")), rows)
    tally = Tally(100)
    tally.add(Partition(0, input_bytes=100), PartitionResult(0, rows, 1, 30, (), ()))
    assert (tally.fails("error"), tally.fails("warning"), tally.fails("info")) == (False, True, True)
    report = tally.report(workers=1, output="out.jsonl", output_rows=len(rows))
    assert [(r["code"], r["severity"]) for r in report["rules"]] == [("LN101", "warning"), ("LN301", "info")]
    assert "  LN301 unattributed-quote         info             1" in summary_text(report)
