"""Rule test cases as data: the loader and checker behind every rule's case file.

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
rule's options table) and `unsafe = true` (apply unsafe fixes for `fixed`). Third-party
packs use the same files through `check_case`.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from lintnews.config import Config
from lintnews.engine import Linter
from lintnews.plugins import Plugins, load_plugins

_EXPECT = regex.compile(r"(\d+):(\d+)(?:-(\d+):(\d+))?\s+([A-Z]+\d+)")


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


_plugins: Plugins | None = None


def linter_for(rule: str, options: dict[str, Any] | None = None) -> Linter:
    """A Linter running only `rule` (code or name), with `options`."""
    global _plugins
    if _plugins is None:
        _plugins = load_plugins()
    cls = next(r for r in _plugins.rules() if rule in (r.code, r.name))
    config = Config(select=(cls.code,), rules={cls.name: options} if options else {})
    return Linter(config, plugins=_plugins)


@dataclass
class Outcome:
    expected: list[str]
    got: list[str]
    fixed: str | None
    problems: list[str]


def check_case(case: Case) -> Outcome:
    """Run one case; compare `expected` with `got` (same format) and `case.fixed` with `fixed`."""
    linter = linter_for(case.rule, case.options)
    result = linter.lint_text(case.text, case.path)
    got = []
    with_end = {e for e in case.expect if "-" in e.split()[0]}
    for d in result.diagnostics:
        short = f"{d.line}:{d.column} {d.code}"
        full = f"{d.line}:{d.column}-{d.end_line}:{d.end_column} {d.code}"
        got.append(full if full in with_end else short)
    fixed = apply_until_stable(linter, case.text, case.path, case.unsafe) if case.fixed is not None else None
    return Outcome(list(case.expect), got, fixed, [str(p) for p in result.problems])


def apply_until_stable(linter: Linter, text: str, path: str, unsafe: bool = False, rounds: int = 10) -> str:
    """Apply fixes and re-lint until nothing more applies (at most `rounds` times)."""
    return linter.fix_text(text, path, unsafe=unsafe, max_passes=rounds).text
