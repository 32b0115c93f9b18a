"""Third-party rule packs, found through the `lintnews` entry-point group once installed.

Each test "installs" a distribution by putting its package and its .dist-info folder on
PYTHONPATH, which is all importlib.metadata needs: no network, no pip.
"""
from __future__ import annotations

import sys
import textwrap
import time

import pytest

from conftest import run_cli
from output_helpers import text_without_summary

text_of = text_without_summary     # (these tests are about problems and findings, not the summary)

PACK = '''
import lintnews
from lintnews.diagnostics import Finding
from lintnews.ruleset import Rule


class ExclamationMark(Rule):
    """An exclamation mark in news copy.

    ## Why it matters
    News copy states; it does not exclaim.
    ## Example
    Prices rose!
    ## Use instead
    Prices rose.
    """

    code = "XN101"
    name = "exclamation-mark"
    severity = "error"

    def check(self, doc):
        if "detonate" in doc.text:
            raise ValueError("the pack has a bug")
        for i, ch in enumerate(doc.text):
            if ch == "!":
                yield Finding(i, i + 1, "exclamation mark in news copy")


@lintnews.hookimpl
def lintnews_rules():
    return [ExclamationMark]
'''


def install(site, dist, module, source, entry=None):
    """Write a package and its .dist-info (with a `lintnews` entry point) into `site`."""
    (site / module).mkdir(parents=True)
    (site / module / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[lintnews]\n{entry or module} = {module}\n", encoding="utf-8")


def test_installed_pack_contributes_a_rule(tmp_path):
    site = tmp_path / "site"
    install(site, "newsdesk-extra", "newsdesk_extra", PACK, entry="newsdesk")
    article = tmp_path / "a.txt"
    article.write_text("Prices rose again!\n", encoding="utf-8")
    env = {"PYTHONPATH": str(site)}
    proc = run_cli(str(article), env=env)
    out, err = text_without_summary(proc)
    assert out == f"{article}:1:18: error: XN101 exclamation-mark exclamation mark in news copy\n"
    assert (err, proc.returncode) == ("", 1)
    listing, _ = text_without_summary(run_cli("--list-rules", env=env))
    assert "XN101  exclamation-mark" in listing and "[newsdesk]" in listing
    explained, _ = text_without_summary(run_cli("--explain", "exclamation-mark", env=env))
    assert "Plugin: newsdesk." in explained
    assert "Default severity: error. Set" in explained      # (declared by the pack; no precision measured)


def test_a_pack_that_fails_to_load_is_reported_and_the_rest_runs(tmp_path):
    site = tmp_path / "site"
    install(site, "broken-pack", "broken_pack", "import no_such_module_here\n")
    article = tmp_path / "a.txt"
    article.write_text("It was the the end.\n", encoding="utf-8")
    proc = run_cli(str(article), env={"PYTHONPATH": str(site)})
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert "LN101" in out
    assert err.splitlines() == [
        "lintnews: error: plugin 'broken_pack' [broken_pack (from broken-pack 1.0)] failed to load: "
        "ModuleNotFoundError: No module named 'no_such_module_here'"]


def test_a_rule_that_raises_names_rule_plugin_and_file(tmp_path):
    site = tmp_path / "site"
    install(site, "newsdesk-extra", "newsdesk_extra", PACK, entry="newsdesk")
    bad = tmp_path / "a.txt"
    bad.write_text("We will detonate the the myth!\n", encoding="utf-8")
    good = tmp_path / "b.txt"
    good.write_text("Prices rose!\n", encoding="utf-8")
    proc = run_cli(str(bad), str(good), env={"PYTHONPATH": str(site)})
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert out.splitlines() == [f"{bad}:1:22: error: LN101 repeated-word 'the' is repeated: delete one [*]",
                                f"{good}:1:12: error: XN101 exclamation-mark exclamation mark in news copy"]
    assert err == (f"{bad}: error: rule XN101 exclamation-mark (plugin 'newsdesk') failed: "
                   "ValueError: the pack has a bug\n")


def test_a_misspelt_hook_is_an_error(tmp_path):
    site = tmp_path / "site"
    install(site, "typo-pack", "typo_pack", '''
        import lintnews

        @lintnews.hookimpl
        def lintnews_rule():
            return []
        ''')
    proc = run_cli("--list-rules", env={"PYTHONPATH": str(site)})
    assert proc.returncode == 2
    assert "unknown hook 'lintnews_rule'" in text_without_summary(proc)[1]


def test_a_pack_can_replace_a_built_in_format(tmp_path):
    site = tmp_path / "site"
    install(site, "newsdesk-format", "newsdesk_format", '''
        import lintnews
        from lintnews.reporters import Reporter

        class Terse(Reporter):
            def file(self, path, diagnostics, text):
                for d in diagnostics:
                    self.stream.write(f"{d.line}:{d.column} {d.code}\\n")

        @lintnews.hookimpl
        def lintnews_reporters():
            return {"text": Terse}
        ''')
    article = tmp_path / "a.txt"
    article.write_text("It was the the end.\n", encoding="utf-8")
    out, err = text_without_summary(run_cli(str(article), env={"PYTHONPATH": str(site)}))
    assert (out, err) == ("1:12 LN101\n", "")


def test_a_pack_format_without_start_or_problem_still_runs_when_a_file_cannot_be_read(tmp_path):
    site = tmp_path / "site"
    install(site, "bare-format", "bare_format", '''
        import lintnews

        class Bare:                         # no Reporter base: no start(), no problem()
            def __init__(self, stream):
                self.stream = stream

            def file(self, path, diagnostics, text):
                self.stream.write(f"{path} {len(diagnostics)}\\n")

            def finish(self):
                self.stream.write("done\\n")

        @lintnews.hookimpl
        def lintnews_reporters():
            return {"bare": Bare}
        ''')
    (tmp_path / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    proc = run_cli("--format", "bare", "--jobs", "1", "a.txt", "b.txt", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert out == "a.txt 1\nb.txt 0\ndone\n" and err.startswith("b.txt: error: binary file")


# ------------------------------------------- what a plugin raises or returns, at the boundary

HOSTILE_PACK = '''
import lintnews
from lintnews.diagnostics import Finding, Fix, Edit
from lintnews.ruleset import Rule


def _rule(code, name, check, init=None):
    body = {"__doc__": "A hostile rule.\\n\\n## Why it matters\\nIt tests.\\n## Example\\nx\\n## Use instead\\ny\\n",
            "code": code, "name": name, "severity": "error", "check": check}
    if init is not None:
        body["__init__"] = init
    return type(name.title().replace("-", ""), (Rule,), body)


def _broken_init(self, options=None):
    raise RuntimeError("cannot find its word list")


def _exits(self, doc):
    raise SystemExit(5)


def _base(self, doc):
    raise BaseException("something odd")


def _string_applicability(self, doc):
    yield Finding(0, 3, "a finding with a bad fix", Fix((Edit(0, 3, "The"),), "safe"))


def _no_message(self, doc):
    yield Finding(0, 3, None)


@lintnews.hookimpl
def lintnews_rules():
    return [_rule("XH101", "broken-init", _exits, _broken_init), _rule("XH102", "exits", _exits),
            _rule("XH103", "base-exception", _base), _rule("XH104", "string-applicability", _string_applicability),
            _rule("XH105", "no-message", _no_message)]
'''


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "sarif"])
def test_whatever_a_plugin_raises_or_returns_is_named_and_every_file_is_still_reported(tmp_path, fmt):
    site = tmp_path / "site"
    install(site, "hostile-pack", "hostile_pack", HOSTILE_PACK, entry="hostile")
    (tmp_path / "a.txt").write_text("the the end.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("All is well.\n", encoding="utf-8")
    proc = run_cli("--isolated", "--format", fmt, "a.txt", "b.txt", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    out, err = text_of(proc)
    assert proc.returncode == 2, err
    assert "LN101" in out and "internal error" not in err and "Traceback" not in err
    problems = err.splitlines()
    assert ("error: rule XH101 broken-init (plugin 'hostile') could not be set up: RuntimeError: cannot find "
            "its word list; left out") in err
    for name in ("a.txt", "b.txt"):
        assert f"{name}: error: rule XH102 exits (plugin 'hostile') failed: SystemExit: 5" in problems
        assert f"{name}: error: rule XH103 base-exception (plugin 'hostile') failed: BaseException: something odd" \
            in problems
    assert ("a.txt: error: rule XH104 string-applicability (plugin 'hostile') offered a fix that is not a Fix of "
            "Edits with an Applicability; fix dropped") in problems
    assert ("a.txt: error: rule XH105 no-message (plugin 'hostile') reported a finding whose message is "
            "NoneType, not text; finding dropped") in problems


def test_a_plugin_that_exits_at_import_is_named_and_the_rest_runs(tmp_path):
    site = tmp_path / "site"
    install(site, "exiting-pack", "exiting_pack", "raise SystemExit(3)\n", entry="exiting")
    (tmp_path / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    proc = run_cli("--isolated", "a.txt", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    out, err = text_of(proc)
    assert proc.returncode == 2
    assert out == "a.txt:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
    assert "plugin 'exiting'" in err and "failed to load: SystemExit: 3" in err


FOREVER_PACK = '''
import lintnews
import regex
from lintnews.ruleset import Rule


class Forever(Rule):
    """Never returns on some copy.

    ## Why it matters
    It tests the time limit.
    ## Example
    x
    ## Use instead
    y
    """

    code = "XT101"
    name = "forever"

    def check(self, doc):
        if "runaway" in doc.text:               # a pattern that backtracks for ages
            regex.search(r"(a|aa)+$", "a" * 64 + "b")
        while "loop" in doc.text:
            pass
        return ()


@lintnews.hookimpl
def lintnews_rules():
    return [Forever]
'''


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_never_returns_is_stopped_named_and_the_rest_goes_on(tmp_path, jobs):
    site = tmp_path / "site"
    install(site, "forever-pack", "forever_pack", FOREVER_PACK, entry="forever")
    (tmp_path / "a.txt").write_text("In a loop the the end.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A runaway pattern.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("It was the the end.\n", encoding="utf-8")
    started = time.monotonic()
    proc = run_cli("--isolated", "--rule-timeout", "1", "--jobs", jobs, "a.txt", "b.txt", "c.txt", cwd=tmp_path,
                   env={"PYTHONPATH": str(site)})
    out, err = text_of(proc)
    assert time.monotonic() - started < 60
    assert proc.returncode == 2
    assert out.splitlines() == ["a.txt:1:15: error: LN101 repeated-word 'the' is repeated: delete one [*]",
                                "c.txt:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]"]
    assert err.splitlines() == [
        f"{name}: error: rule XT101 forever (plugin 'forever') took longer than 1 s on this file (rule-timeout); "
        f"stopped" for name in ("a.txt", "b.txt")]


@pytest.mark.parametrize("value, ok", [(0, True), (2.5, True), (-1, False), ("10", False), (True, False)])
def test_rule_timeout_in_configuration(value, ok):
    from lintnews.config import parse_config
    from lintnews.errors import ConfigError

    if ok:
        assert parse_config({"rule-timeout": value}).rule_timeout == value
    else:
        with pytest.raises(ConfigError, match="expected a number of seconds"):
            parse_config({"rule-timeout": value})


def test_the_time_limit_holds_in_a_worker_forked_after_the_parent_linted(tmp_path, monkeypatch):
    import multiprocessing

    from lintnews.config import Config
    from lintnews.engine import Linter
    from lintnews.plugins import BUILTIN_PLUGINS, load_plugins

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    site = tmp_path / "site"
    install(site, "forever-pack", "forever_pack", FOREVER_PACK, entry="forever")
    monkeypatch.syspath_prepend(str(site))
    linter = Linter(Config(rule_timeout=1), plugins=load_plugins(builtins=(*BUILTIN_PLUGINS, "forever_pack"),
                                                                 entry_point_group=None))
    assert linter.lint_text("It was fine.\n").problems == []        # (the parent sets its timer)
    monkeypatch.setattr(sys.modules[__name__], "_FORKED_LINTER", linter, raising=False)
    with multiprocessing.get_context("fork").Pool(1) as pool:     # (the worker inherits the linter)
        problems = pool.apply_async(_problems_of_a_loop).get(timeout=60)
    assert problems == ["rule XT101 forever (plugin 'forever_pack') took longer than 1 s on this file "
                        "(rule-timeout); stopped"]


def _problems_of_a_loop():
    return [p.message for p in _FORKED_LINTER.lint_text("In a loop.\n").problems]
