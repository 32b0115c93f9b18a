"""The kit a rule-pack author gets: one import, lintnews.testing, and the README's example
pack, built from the README alone in an empty folder, passing its own tests."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import warnings

import pytest

from conftest import REPO
from lintnews.errors import PluginWarning
from lintnews.plugins import load_plugins
from lintnews.testing import Case, UnknownRule, assert_case, assert_documented, check_case, documentation_problems

from lintnews import Edit, Finding, Fix, Rule, hookimpl   # noqa: I001 (the one import a pack needs)


def readme_pack() -> dict[str, str]:
    """The files of the README's rule pack: each code block under "Writing a rule pack",
    named by the `path` that opens the paragraph before it."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Writing a rule pack\n", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^`([\w/.]+)` \(.*?\):\n\n```\w+\n(.*?)```", section, re.M | re.S))


def test_the_readme_pack_passes_its_own_tests_in_an_empty_folder(tmp_path):
    files = readme_pack()
    assert sorted(files) == ["newsdesk_rules/__init__.py", "pyproject.toml", "tests/XN101.toml",
                             "tests/test_rules.py"]
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    entry = tomllib.loads(files["pyproject.toml"])["project"]["entry-points"]["lintnews"]
    assert entry == {"newsdesk": "newsdesk_rules"}
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"\b3 passed\b", proc.stdout), proc.stdout


class Exclaim(Rule):
    """An exclamation mark.

    ## Why it matters
    News copy states.
    ## Example
    Wow!
    ## Use instead
    Wow.
    ## Fix safety
    Safe.
    """

    code = "XT101"
    name = "exclaim"
    fixable = True

    def check(self, doc):
        for i, ch in enumerate(doc.prose):
            if ch == "!":
                yield Finding(i, i + 1, "exclamation: write a full stop", Fix((Edit(i, i + 1, "."),)))


class ExclaimClaimingNoFix(Exclaim):
    """An exclamation mark, with fixes it says it does not have.

    ## Why it matters
    News copy states.
    ## Example
    Wow!
    ## Use instead
    Wow.
    """

    code = "XT102"
    name = "exclaim-unfixable"
    fixable = False


def test_assert_case_checks_findings_fixed_text_and_no_change_without_fixed():
    assert_case(Case("XT101", "fixed", "Wow! Yes.", ("1:4 XT101",), fixed="Wow. Yes."), Exclaim)
    assert_case(Case("XT101", "quiet", "Wow. Yes.", ()), Exclaim)
    with pytest.raises(AssertionError, match=r"findings: expected \['1:5 XT101'\], got \['1:4 XT101'\]"):
        assert_case(Case("XT101", "wrong column", "Wow! Yes.", ("1:5 XT101",), fixed="Wow. Yes."), Exclaim)
    with pytest.raises(AssertionError, match=r"fixed text: expected 'Wow! Yes\.', got 'Wow\. Yes\.'"):
        assert_case(Case("XT101", "wrong fix", "Wow! Yes.", ("1:4 XT101",), fixed="Wow! Yes."), Exclaim)
    with pytest.raises(AssertionError, match=r"gives no `fixed`, so its fixes must leave the text as it is; "
                                             r"they made 'Wow\. Yes\.'"):
        assert_case(Case("XT101", "no fixed", "Wow! Yes.", ("1:4 XT101",)), Exclaim)


def test_a_rule_that_says_it_has_no_fixes_but_offers_one_fails_its_cases():
    case = Case("XT102", "offers a fix", "Wow!", ("1:4 XT102",), fixed="Wow.")
    assert check_case(case, ExclaimClaimingNoFix).problems == [
        "rule XT102 exclaim-unfixable says fixable = False but offered a fix at 1:4: "
        "set fixable = True (and document its '## Fix safety') or offer none"]
    with pytest.raises(AssertionError, match="says fixable = False but offered a fix"):
        assert_case(case, ExclaimClaimingNoFix)


def test_an_unknown_rule_is_a_named_error_with_a_suggestion():
    with pytest.raises(UnknownRule, match=r"no installed plugin offers a rule 'repeated-wrod'; "
                                          r"did you mean 'repeated-word'\?"):
        assert_case(Case("repeated-wrod", "typo", "It was the the end.", ("1:12 LN101",)))
    assert issubclass(UnknownRule, LookupError)


def test_an_installed_rule_is_found_by_its_code():
    assert_case(Case("LN101", "doubled", "It was the the end.", ("1:12 LN101",), fixed="It was the end."))


def test_the_documentation_check_names_what_is_missing():
    assert documentation_problems(Exclaim) == []
    assert_documented(Exclaim)

    class Bare(Exclaim):
        """An exclamation mark.

        ## Example
        Wow!
        """
        fixable = False

    assert documentation_problems(Bare) == ["it lacks '## Why it matters'", "it lacks '## Use instead'"]
    with pytest.raises(AssertionError, match="rule XT101 exclaim: it lacks '## Why it matters'"):
        assert_documented(Bare)
    assert documentation_problems(ExclaimClaimingNoFix) == []
    ExclaimClaimingNoFix.fixable = True
    try:
        assert documentation_problems(ExclaimClaimingNoFix) == ["it is fixable but lacks '## Fix safety'"]
    finally:
        ExclaimClaimingNoFix.fixable = False


class Forgetful:
    """A plugin whose author forgot the decorator on one hook."""

    @hookimpl
    def lintnews_rules(self):
        return [Exclaim]

    def lintnews_reporters(self):
        return {}


def test_a_lintnews_function_without_hookimpl_is_warned_about():
    with pytest.warns(PluginWarning, match=r"lintnews_reporters\(\) is not marked @lintnews.hookimpl, so "
                                           r"lintnews never calls it: add the decorator"):
        plugins = load_plugins(builtins=(), entry_point_group=None, extra=(Forgetful(),))
    assert [r.code for r in plugins.rules()] == ["XT101"]


def test_the_built_in_plugins_load_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_plugins(entry_point_group=None).problems == []


def test_the_built_in_rules_pass_the_exported_documentation_check():
    from lintnews.engine import list_rules

    for rule in list_rules():
        if rule.plugin == "lintnews.rules":
            assert_documented(rule)


def test_the_warning_points_at_the_unmarked_function_on_the_command_line(tmp_path):
    from conftest import run_cli

    (tmp_path / "forgetful_pack.py").write_text(
        "from lintnews import hookimpl\n\n\n"
        "@hookimpl\ndef lintnews_rules():\n    return []\n\n\n"
        "def lintnews_reporters():\n    return {}\n", encoding="utf-8")
    info = tmp_path / "forgetful_pack-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: forgetful-pack\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[lintnews]\nforgetful = forgetful_pack\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("It was the the end.\n", encoding="utf-8")
    proc = run_cli(str(article), env={"PYTHONPATH": str(tmp_path)})
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and b"LN101" in proc.stdout
    assert (f"{tmp_path / 'forgetful_pack.py'}:9: PluginWarning: plugin 'forgetful': lintnews_reporters() is not "
            "marked @lintnews.hookimpl, so lintnews never calls it: add the decorator") in err
    assert "Traceback" not in err
