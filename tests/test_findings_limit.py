"""max-findings-per-rule: a file that is one long run of a defect shows the first findings of
each rule and one more saying how many follow, so that its report fits in memory."""
from __future__ import annotations

import subprocess
import sys

import lintnews
from lintnews.config import Config
from lintnews.diagnostics import Finding
from lintnews.engine import Linter
from lintnews.plugins import load_plugins
from lintnews.ruleset import Rule

REPEAT = "It was the the end. "            # one LN101 finding, at column 12 of each copy


def test_past_the_limit_one_finding_says_how_many_more_follow():
    result = Linter().lint_text(REPEAT * 1_500, "a.txt")
    found = result.diagnostics
    assert len(found) == 1_001 and {d.code for d in found} == {"LN101"}
    assert [d.column for d in found] == [len(REPEAT) * i + 12 for i in range(1_001)]
    assert all(d.message == "'the' is repeated: delete one" and d.fix is not None for d in found[:1_000])
    assert found[-1].message == ("500 more findings of this rule from here on are not shown "
                                 "(max-findings-per-rule is 1,000)")
    assert found[-1].fix is None
    assert len(Linter(Config(max_findings_per_rule=1_500)).lint_text(REPEAT * 1_500, "a.txt").diagnostics) == 1_500


def test_fixing_sees_every_finding_and_reports_what_remains_as_linting_does():
    # the limit bounds the report, not the fixes: with it, ten passes fixed 10,000 and gave up
    text = "It was the the end (of it. " * 10_500
    outcome = Linter().fix_text(text, "a.txt")
    assert outcome.fixed == {"LN101": 10_500} and outcome.converged
    assert outcome.text == text.replace("the the", "the")
    remaining = outcome.result.diagnostics
    assert remaining == Linter().lint_text(outcome.text, "a.txt").diagnostics
    assert len(remaining) == 1_001 and remaining[-1].message.startswith("9,500 more findings")


def test_the_limit_is_per_rule():
    text = "It was the the end (of it. " * 4
    found = Linter(Config(max_findings_per_rule=2)).lint_text(text, "a.txt").diagnostics
    assert [d.code for d in found] == ["LN101", "LN206", "LN101", "LN206", "LN101", "LN206"]
    assert [d.message.split(" more")[0] for d in found[-2:]] == ["2", "2"]


def test_the_limit_counts_only_the_findings_that_are_reported():
    # 20 findings in a region where LN101 is off, then 3 outside it: those 3 are the report
    suppressed = "<!-- lintnews: disable LN101 -->\n\n" + "It was the the end.\n\n" * 20
    text = suppressed + "<!-- lintnews: enable LN101 -->\n\n" + "And and then then it was was over.\n"
    config = Config(max_findings_per_rule=5, report_unused_suppressions=True)
    found = Linter(config).lint_text(text, "a.md").diagnostics
    assert [(d.code, d.line) for d in found] == [("LN101", 45)] * 3
    assert all(" more " not in d.message for d in found)     # (and the disable was used: no LN001)


class Backwards(Rule):
    """Reports the offsets of "x" from the last to the first, for testing.

    ## Why it matters
    ## Example
    ## Use instead
    """

    code = "XT903"
    name = "backwards"

    def check(self, doc):
        for i in reversed(range(len(doc.prose))):
            if doc.prose[i] == "x":
                yield Finding(i, i + 1, "an x")


class ReportsThenRaises(Rule):
    """Reports one finding, then raises, for testing."""

    code = "XT904"
    name = "reports-then-raises"

    def check(self, doc):
        yield Finding(doc.prose.index("boom"), doc.prose.index("boom") + 4, "a boom")
        raise RuntimeError("it went off")


class TestPlugin:
    @lintnews.hookimpl
    def lintnews_rules(self):
        return [Backwards, ReportsThenRaises]


def test_the_first_findings_in_the_file_are_shown_in_whatever_order_a_rule_made_them():
    linter = Linter(Config(select=("XT903",), max_findings_per_rule=3), plugins=load_plugins(extra=(TestPlugin(),)))
    found = linter.lint_text("x x x x x\n", "a.txt").diagnostics
    assert [(d.column, d.message) for d in found] == [
        (1, "an x"), (3, "an x"), (5, "an x"),
        (7, "2 more findings of this rule from here on are not shown (max-findings-per-rule is 3)")]


def test_the_findings_of_a_rule_that_raises_use_no_suppression():
    # its findings are dropped, so the comment that would have suppressed one suppressed nothing
    linter = Linter(Config(select=("XT904",), report_unused_suppressions=True),
                    plugins=load_plugins(extra=(TestPlugin(),)))
    result = linter.lint_text("A boom. <!-- lintnews: ignore XT904 -->\n", "a.md")
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("LN001", "'lintnews: ignore XT904' suppresses nothing")]
    assert [p.message.endswith("failed: RuntimeError: it went off") for p in result.problems] == [True]


def test_the_limit_on_the_command_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(REPEAT * 3, encoding="utf-8")
    run = [sys.executable, "-m", "lintnews", "--isolated", "--select", "LN101", str(path)]
    proc = subprocess.run([*run, "--max-findings-per-rule", "1"], capture_output=True, text=True)
    assert proc.stdout.splitlines()[1:] == [
        f"{path}:1:32: error: LN101 repeated-word 2 more findings of this rule from here on are not shown "
        f"(max-findings-per-rule is 1)"]
    proc = subprocess.run([*run, "--max-findings-per-rule", "0"], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.endswith(
        "argument --max-findings-per-rule: expected a whole number of at least 1, got '0'\n")


# ------------------------------------------------------- a limit is a bound, not an allocation

def test_limits_past_any_file_are_limits_not_allocations(tmp_path):
    from conftest import run_cli
    from output_helpers import text_without_summary as text_of

    (tmp_path / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    expected = "a.txt:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
    for option, value in [("--max-findings-per-rule", str(2 ** 62)), ("--max-file-size", "30000000000"),
                          ("--max-file-size", str(2 ** 63 - 1))]:
        proc = run_cli("--isolated", option, value, "a.txt", cwd=tmp_path)
        assert (text_of(proc), proc.returncode) == ((expected, ""), 1), option
    proc = run_cli("--isolated", "--max-file-size", str(2 ** 63 - 1), "-", cwd=tmp_path,
                   stdin=b"It was the the end.\n")
    assert text_of(proc) == (expected.replace("a.txt", "-"), "")


def test_reading_under_a_huge_limit_takes_the_memory_of_what_is_there():
    import io
    import tracemalloc

    from lintnews.reading import read_up_to

    tracemalloc.start()
    try:
        data = read_up_to(io.BytesIO(b"x" * 5_000), 30_000_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == b"x" * 5_000 and peak < 4 * 1024 * 1024
    assert read_up_to(io.BytesIO(b"x" * 5_000), 100) == b"x" * 100       # no more than the limit
    assert read_up_to(io.BytesIO(b"x" * (3 << 20)), 1 << 30) == b"x" * (3 << 20)   # several chunks
