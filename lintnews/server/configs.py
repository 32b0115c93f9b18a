"""Which Linter lints each open document: the configuration the CLI would use, plus the client's.

The nearest lintnews.toml, or pyproject.toml with [tool.lintnews], above the document (as
`lintnews` finds it, through the Resolver) with the client's settings (`select`, `ignore`,
`extend-select`) on top, as the command line's options go on top. A configuration file that
changes on disk (its modification time or size) is read again before the next lint. A
configuration that is wrong is reported once through `report` and the document is linted
with the defaults (and the client's settings, unless they are what is wrong).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from lintnews.config import Config
from lintnews.engine import Linter
from lintnews.errors import LintnewsError
from lintnews.resolver import Resolver

SETTING_KEYS = {"select": "select", "ignore": "ignore", "extend-select": "extend_select",
                "extend_select": "extend_select", "extendSelect": "extend_select"}


def parse_settings(raw: Any) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The rule selections in a client's settings (`{"select": ["LN1"], "ignore": "LN301,LN302"}`,
    or the same under a "lintnews" key) and the complaints about what is not understood."""
    if isinstance(raw, Mapping) and isinstance(raw.get("lintnews"), Mapping):
        raw = raw["lintnews"]
    if not isinstance(raw, Mapping):
        return {}, []
    values, errors = {}, []
    for key, value in raw.items():
        if key not in SETTING_KEYS or value is None:
            continue
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            errors.append(f"lintnews settings: {key} must be a list of rule codes or names, not {value!r}")
            continue
        values[SETTING_KEYS[key]] = tuple(v.strip() for v in value if v.strip())
    return values, errors


class Configurations:
    """The Linter of each document's path, built once per configuration file and reused."""

    def __init__(self, report: Callable[[str], None], settings: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.report = report
        self.settings = dict(settings or {})
        self._plugins = None
        self._resolver: Resolver | None = None
        self._stamps: dict[str, tuple[int, int] | None] = {}
        self._fallbacks: dict[bool, Linter] = {}
        self._reported: set[str] = set()

    def set_settings(self, settings: Mapping[str, tuple[str, ...]]) -> None:
        self.settings = dict(settings)
        self.reload()

    def reload(self) -> None:
        """Forget every configuration read: the next lint reads them again (and reports again
        what is still wrong)."""
        if self._resolver is not None:
            self._plugins = self._resolver.plugins
        self._resolver = None
        self._stamps.clear()
        self._fallbacks.clear()
        self._reported.clear()

    def linter_for(self, path: str) -> Linter:
        """The Linter for a document at `path` (a file's path, or a made-up name in the
        working directory for a document not saved yet)."""
        if self._stale():
            self.reload()
        resolver = self._get_resolver()
        self._watch(_candidates(path))
        try:
            linter = resolver.linter(resolver.key_of_file(path))
        except LintnewsError as exc:
            self._once(str(exc))
            return self._fallback()
        self._watch({linter.config.source, *linter.config.origins.values()} - {None})
        for problem in linter.problems:         # plugins that failed to load, rules not set up
            self._once(problem.message)
        return linter

    def _get_resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver(self._overrides, plugins=self._plugins)
            self._plugins = self._resolver.plugins
        return self._resolver

    def _overrides(self, config: Config) -> Config:
        return config.merged(**self.settings)

    def _fallback(self) -> Linter:
        """The defaults with the client's settings; the bare defaults if those are wrong too."""
        with_settings = bool(self.settings)
        if with_settings not in self._fallbacks:
            try:
                self._fallbacks[with_settings] = Linter(self._overrides(Config()), plugins=self._plugins)
            except LintnewsError as exc:
                self._once(f"lintnews settings: {exc}")
                self._fallbacks[with_settings] = Linter(Config(), plugins=self._plugins)
        return self._fallbacks[with_settings]

    def _once(self, message: str) -> None:
        if message not in self._reported:
            self._reported.add(message)
            self.report(message)

    def _watch(self, names) -> None:
        for name in names:
            name = os.path.abspath(name)
            if name not in self._stamps:
                self._stamps[name] = _stamp(name)

    def _stale(self) -> bool:
        """Whether a configuration file read so far has changed since."""
        return any(_stamp(name) != stamp for name, stamp in self._stamps.items())

    def is_configuration(self, path: str) -> bool:
        """Whether a change to `path` may change what documents are linted with."""
        return os.path.basename(path) in ("lintnews.toml", "pyproject.toml") or \
            os.path.abspath(path) in self._stamps


def _candidates(path: str) -> list[str]:
    """The files that could configure `path`: lintnews.toml and pyproject.toml in its folder
    and every folder above (one that appears, changes or goes may change its configuration)."""
    folder = Path(os.path.abspath(path)).parent
    return [str(f / name) for f in (folder, *folder.parents) for name in ("lintnews.toml", "pyproject.toml")]


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
