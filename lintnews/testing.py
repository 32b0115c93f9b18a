"""The testing kit for rules: case files, one-call case checks, the documentation check.

A case file (TOML) holds named cases for one rule:

    rule = "LN101"

    [[case]]
    name = "a doubled article"
    text = '''It was the the best.'''
    expect = ["1:12 LN101"]            # line:col and code of every finding, in order
    fixed = '''It was the best.'''      # optional: the text after the safe fixes

    [[case]]
    name = "had had is English"
    text = '''She had had enough.'''
    expect = []

An expectation may give the end too ("1:12-1:15 LN101"). A case may set `options` (the
rule's options table) and `unsafe = true` (apply unsafe fixes for `fixed`). A case with no
`fixed` says the fixes leave its text unchanged.

A rule pack tests its rules in one call per case, with the rule class itself (installed or
not):

    from lintnews.testing import assert_case, assert_documented, load_cases

    @pytest.mark.parametrize("case", load_cases("tests/XN101.toml"), ids=lambda c: c.name)
    def test_case(case):
        assert_case(case, ExclamationMark)
"""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from lintnews.config import Config, nearest
from lintnews.engine import Linter
from lintnews.hookspecs import hookimpl
from lintnews.plugins import Plugins, load_plugins
from lintnews.ruleset import DOC_HEADINGS, Rule

_EXPECT = regex.compile(r"(\d+):(\d+)(?:-(\d+):(\d+))?\s+([A-Z]+\d+)")
MAX_SUMMARY = 160       # characters in a rule's first documentation line (--list-rules, editors)
FIX_ROUNDS = 10         # fix, re-lint and fix again at most this many times


class UnknownRule(LookupError):
    """A case names a rule that no installed plugin offers (and no rule class was given)."""


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    text: str
    expect: tuple[str, ...]
    fixed: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    unsafe: bool = False
    path: str = "case.txt"
    source: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"


def load_cases(path: str | Path) -> list[Case]:
    """The cases of one case file."""
    path = Path(path)
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    rule = data["rule"]
    cases = []
    for raw in data.get("case", []):
        unknown = set(raw) - {"name", "text", "expect", "fixed", "options", "unsafe", "path"}
        if unknown:
            raise ValueError(f"{path}: case {raw.get('name')!r}: unknown keys {sorted(unknown)}")
        for e in raw["expect"]:
            if not _EXPECT.fullmatch(e):
                raise ValueError(f"{path}: case {raw['name']!r}: bad expectation {e!r}")
        cases.append(Case(rule, raw["name"], raw["text"], tuple(raw["expect"]), raw.get("fixed"),
                          raw.get("options", {}), raw.get("unsafe", False), raw.get("path", "case.txt"),
                          str(path)))
    return cases


# ------------------------------------------------------------------------- running a rule

_installed: Plugins | None = None
_given: dict[type[Rule], Plugins] = {}


class _OneRule:
    """A plugin offering one rule class (the one a test passed in)."""

    def __init__(self, rule: type[Rule]) -> None:
        self.rule = rule

    @hookimpl
    def lintnews_rules(self):
        return [self.rule]


def _plugins_for(rule: str | type[Rule]) -> tuple[Plugins, type[Rule]]:
    """The plugins to run `rule` with, and its class: a class as given (with the built-in
    loaders, so that Markdown and HTML cases read as they do in a run), a code or name from
    the installed plugins."""
    global _installed
    if isinstance(rule, type):
        bad = rule.problems() if issubclass(rule, Rule) else ["not a subclass of lintnews.Rule"]
        if bad:
            raise ValueError(f"{rule!r} is not a well-formed rule: {'; '.join(bad)}")
        if rule not in _given:
            _given[rule] = load_plugins(builtins=("lintnews.loaders",), entry_point_group=None,
                                        extra=(_OneRule(rule),))
        return _given[rule], rule
    if _installed is None:
        _installed = load_plugins()
    rules = _installed.rules()
    cls = next((r for r in rules if rule in (r.code, r.name)), None)
    if cls is None:
        known = [r.code for r in rules] + [r.name for r in rules]
        raise UnknownRule(f"no installed plugin offers a rule {rule!r}{nearest(rule, known)} "
                          f"(pass the rule class to test one that is not installed: assert_case(case, MyRule))")
    return _installed, cls


def linter_for(rule: str | type[Rule], options: dict[str, Any] | None = None) -> Linter:
    """A Linter running only `rule` (a code, a name, or a rule class, installed or not), with
    `options`."""
    plugins, cls = _plugins_for(rule)
    config = Config(select=(cls.code,), rules={cls.name: options} if options else {})
    return Linter(config, plugins=plugins)


@dataclass
class Outcome:
    expected: list[str]
    got: list[str]
    fixed: str | None       # the text after fixing; None when no fix was asked for or offered
    problems: list[str]


def check_case(case: Case, rule: type[Rule] | None = None) -> Outcome:
    """Run one case (with `rule`, or the installed rule it names); compare `expected` with
    `got` (same format) and `case.fixed` with `fixed`. A fix from a rule that says it has
    none (`fixable = False`) is one of the problems."""
    linter = linter_for(rule or case.rule, case.options)
    cls = type(linter.rules[0])
    result = linter.lint_text(case.text, case.path)
    got = []
    with_end = {e for e in case.expect if "-" in e.split()[0]}
    for d in result.diagnostics:
        short = f"{d.line}:{d.column} {d.code}"
        full = f"{d.line}:{d.column}-{d.end_line}:{d.end_column} {d.code}"
        got.append(full if full in with_end else short)
    problems = [str(p) for p in result.problems]
    if not cls.fixable:
        problems += [f"rule {cls.code} {cls.name} says fixable = False but offered a fix at {d.line}:{d.column}: "
                     f"set fixable = True (and document its '## Fix safety') or offer none"
                     for d in result.diagnostics if d.fix is not None and d.code == cls.code]
    offered = any(d.fix is not None for d in result.diagnostics)
    fixed = apply_until_stable(linter, case.text, case.path, case.unsafe) \
        if case.fixed is not None or offered else None
    return Outcome(list(case.expect), got, fixed, problems)


def assert_case(case: Case, rule: type[Rule] | None = None) -> None:
    """Check one case in one call: no problems, exactly the expected findings, and the text
    after fixing equal to `fixed` (unchanged when the case gives no `fixed`). `rule` is the
    rule class to run (installed or not); without it, the installed rule the case names."""
    outcome = check_case(case, rule)
    wrong = [f"problem: {p}" for p in outcome.problems]
    if outcome.got != outcome.expected:
        wrong.append(f"findings: expected {outcome.expected}, got {outcome.got}")
    if case.fixed is not None and outcome.fixed != case.fixed:
        wrong.append(f"fixed text: expected {case.fixed!r}, got {outcome.fixed!r}")
    if case.fixed is None and outcome.fixed is not None and outcome.fixed != case.text:
        wrong.append(f"the case gives no `fixed`, so its fixes must leave the text as it is; they made "
                     f"{outcome.fixed!r}")
    if wrong:
        raise AssertionError(f"case {case.id!r} ({case.source or 'no file'}):\n  " + "\n  ".join(wrong))


def apply_until_stable(linter: Linter, text: str, path: str, unsafe: bool = False, rounds: int = FIX_ROUNDS) -> str:
    """Apply fixes and re-lint until nothing more applies (at most `rounds` times)."""
    return linter.fix_text(text, path, unsafe=unsafe, max_passes=rounds).text


# ------------------------------------------------------------------------- documentation

def documentation_problems(rule: type[Rule]) -> list[str]:
    """What the rule's documentation (its class docstring) lacks: a short first line, the
    sections every rule has, "## Fix safety" exactly when it is fixable, each option under
    "## Options". Empty when complete."""
    doc = rule.documentation()
    summary = rule.summary()
    out = []
    if not summary or len(summary) >= MAX_SUMMARY:
        out.append(f"its first line must say what it flags in under {MAX_SUMMARY} characters")
    out += [f"it lacks '{heading}'" for heading in DOC_HEADINGS if heading not in doc]
    if ("## Fix safety" in doc) != rule.fixable:
        out.append("it is fixable but lacks '## Fix safety'" if rule.fixable
                   else "it has '## Fix safety' but fixable = False")
    options = doc.split("## Options", 1)[1] if "## Options" in doc else ""
    out += [f"option `{f.name.replace('_', '-')}` is not documented under '## Options'"
            for f in dataclasses.fields(rule.Options) if f"`{f.name.replace('_', '-')}`" not in options]
    return out


def assert_documented(rule: type[Rule]) -> None:
    """Fail, saying what is missing, unless the rule's documentation is complete."""
    problems = documentation_problems(rule)
    if problems:
        raise AssertionError(f"rule {rule.code} {rule.name}: " + "; ".join(problems))
