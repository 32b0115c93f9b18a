"""The Rule base class, rule options, and selection of rules by code, prefix or name."""
from __future__ import annotations

import dataclasses
import inspect
import re
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import regex

from lintnews.diagnostics import Finding
from lintnews.document import Document
from lintnews.errors import ConfigError
from lintnews.patterns import lazy
from lintnews.severity import SEVERITIES, Precision

CODE = lazy(regex.compile, r"[A-Z]{2,}\d{3}")
NAME = lazy(re.compile, r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
DOC_HEADINGS = ("## Why it matters", "## Example", "## Use instead")


@dataclasses.dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


class Rule:
    """Base class of every rule: subclass it, set `code` and `name`, implement `check`.

    The class docstring is the rule's documentation: a first line saying what it flags,
    then the sections "## Why it matters", "## Example", "## Use instead" (and "## Fix
    safety", "## Options" where they apply). Options are a frozen dataclass named `Options`;
    configuration under `[tool.lintnews.rules.<name>]` fills it (and may set `severity`).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    fixable: ClassVar[bool] = False
    default_enabled: ClassVar[bool] = True
    severity: ClassVar[str] = "warning"           # "error", "warning" or "info"
    precision: ClassVar[Precision | None] = None  # built-in rules: how often right on real copy
    Options: ClassVar[type] = NoOptions
    plugin: ClassVar[str] = ""      # set by the plugin manager: which plugin contributed it

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    def check(self, doc: Document) -> Iterable[Finding]:
        """Yield the findings of this rule on one document."""
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The first line of the documentation."""
        return (inspect.getdoc(cls) or "").strip().splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def documentation(cls) -> str:
        return inspect.getdoc(cls) or ""

    @classmethod
    def problems(cls) -> list[str]:
        """What is wrong with this rule class as a rule (empty when it is well formed)."""
        out = []
        if not CODE.fullmatch(getattr(cls, "code", "") or ""):
            out.append(f"code {getattr(cls, 'code', None)!r} is not of the form LN123")
        if not NAME.fullmatch(getattr(cls, "name", "") or ""):
            out.append(f"name {getattr(cls, 'name', None)!r} is not kebab-case")
        if getattr(cls, "severity", None) not in SEVERITIES:
            out.append(f"severity {getattr(cls, 'severity', None)!r} is not one of {', '.join(SEVERITIES)}")
        if cls.check is Rule.check:
            out.append("it does not implement check()")
        if not dataclasses.is_dataclass(cls.Options):
            out.append("its Options is not a dataclass")
        return out


# --------------------------------------------------------------------------------- options

def _coerce(value: Any, hint: Any, where: str, root: Path | None = None) -> Any:
    """`value` as of type `hint`; a Path is taken relative to `root` (the configuration's folder)."""
    origin = typing.get_origin(hint)
    if origin in (tuple, list, frozenset, set):
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{where}: expected a list, got {value!r}")
        (item,) = typing.get_args(hint)[:1] or (Any,)
        return origin(_coerce(v, item, where, root) for v in value)
    if hint is Path:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a path, got {value!r}")
        return (root or Path.cwd()) / value
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table, got {value!r}")
        _, item = typing.get_args(hint)
        return {str(k): _coerce(v, item, where) for k, v in value.items()}
    if origin is typing.Literal:
        choices = typing.get_args(hint)
        if not any(value == c and type(value) is type(c) for c in choices):
            shown = [f'"{c}"' if isinstance(c, str) else repr(c) for c in choices]
            raise ConfigError(f"{where}: expected {', '.join(shown[:-1])} or {shown[-1]}, got {value!r}"
                              if len(shown) > 1 else f"{where}: expected {shown[0]}, got {value!r}")
        return value
    if origin in (typing.Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        if value is not None and len(arms) == 1:        # an optional value: the value's own message
            return _coerce(value, arms[0], where, root)
        for arm in typing.get_args(hint):
            if arm is type(None) and value is None:
                return None
            try:
                return _coerce(value, arm, where)
            except ConfigError:
                continue
        raise ConfigError(f"{where}: {value!r} is not of type {hint}")
    if hint is Any:
        return value
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(hint, type) and not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise ConfigError(f"{where}: expected {getattr(hint, '__name__', hint)}, got {value!r}")
    return value


def build_options(rule: type[Rule], raw: dict[str, Any], where: str = "the configuration",
                  root: Path | None = None) -> Any:
    """The rule's Options from a configuration table (less its `severity`, which is not an
    option); unknown keys (named with `where` and the nearest option) and wrong types are errors.
    Options typed Path are relative to `root` (the configuration file's folder; default: the
    current one)."""
    from lintnews.config import nearest

    hints = typing.get_type_hints(rule.Options)
    fields = {f.name.replace("_", "-"): f.name for f in dataclasses.fields(rule.Options)}
    values = {}
    for key, value in raw.items():
        if key == "severity":
            continue
        attr = fields.get(key) or (key if key in fields.values() else None)
        if attr is None:
            known = sorted([*fields, "severity"])
            raise ConfigError(f"unknown option {key!r} for {rule.name} in {where}{nearest(key, known)} "
                              f"(options: {', '.join(known)})")
        values[attr] = _coerce(value, hints[attr], f"option {key!r} of rule {rule.name}", root)
    return rule.Options(**values)


# ------------------------------------------------------------------------------- selection

def matches(rule: type[Rule], selector: str) -> bool:
    """A selector is a code ("LN101"), a code prefix ("LN1", "LN"), a name, or "ALL", in
    any case ("ln101", "all")."""
    upper = selector.upper()
    return upper == "ALL" or rule.name == selector.lower() or rule.code.startswith(upper)


def unknown_selector(rules: Sequence[type[Rule]], selectors: Iterable[str]) -> tuple[str, str] | None:
    """The first selector that matches no rule, and "; did you mean 'x'?" (or ""); None
    when all match."""
    from lintnews.config import nearest

    for s in selectors:
        if not any(matches(r, s) for r in rules):
            known = [r.code for r in rules] + [r.name for r in rules]
            return s, nearest(s.upper() if s[-1:].isdigit() else s.lower(), known)
    return None


def check_selectors(rules: Sequence[type[Rule]], selectors: Iterable[str], where: str) -> None:
    unknown = unknown_selector(rules, selectors)
    if unknown:
        raise ConfigError(f"{where}: {unknown[0]!r} matches no rule{unknown[1]} (see lintnews --list-rules)")


def select(rules: Sequence[type[Rule]], select: Sequence[str] | None = None,
           ignore: Sequence[str] = (), extend_select: Sequence[str] = ()) -> list[type[Rule]]:
    """The rules to run, in code order.

    With no `select`, every rule that is on by default; an opt-in rule runs only when a
    selector names it or its code (or prefix) explicitly. `ignore` wins over `select`.
    """
    chosen = []
    for rule in rules:
        if select is None:
            on = rule.default_enabled or any(matches(rule, s) for s in extend_select if s.upper() != "ALL")
        else:
            on = any(matches(rule, s) for s in (*select, *extend_select))
        if on and not any(matches(rule, s) for s in ignore):
            chosen.append(rule)
    return sorted(chosen, key=lambda r: r.code)
