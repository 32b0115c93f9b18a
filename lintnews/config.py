"""Configuration: `[tool.lintnews]` in the nearest pyproject.toml, or a lintnews.toml.

    [tool.lintnews]
    select = ["LN1", "unmarked-quote"]     # codes, code prefixes or names; default: all
    ignore = ["LN301"]
    extend-select = ["truncated-name"]      # add opt-in rules to the default set
    max-file-size = 10485760                # bytes; larger files are reported and skipped
    max-findings-per-rule = 1000            # in one file; past it, one finding says how many more
    encoding = "utf-8"                      # for files without a BOM
    extensions = [".txt", ".md", ".html"]   # what a directory is searched for (default: all known)
    exclude = ["drafts/**"]                 # globs (.gitignore syntax), for directory searches;
                                            # replaces the default excludes (discovery.DEFAULT_EXCLUDE)
    extend-exclude = ["archive/**"]         # globs excluded besides those
    front-matter-fields = ["title", "alt"]  # front matter fields linted as copy (default: front_matter.COPY_FIELDS)
    force-exclude = false                   # exclude files named on the command line too
    respect-gitignore = true                # skip what git ignores when searching a directory
    report-unused-suppressions = false
    fail-on = "error"                       # exit 1 only for a shown finding this severe or more
    min-severity = "info"                   # hide findings below this severity

    [tool.lintnews.per-file-ignores]        # globs -> rules not to check there
    "wire/*.txt" = ["LN205"]

    [tool.lintnews.rules.repeated-word]     # per-rule options, by rule name
    allow = ["had had", "that that"]
    severity = "error"                      # any rule's: error, warning or info

In a lintnews.toml the same keys stand at the top level. An unknown key is an error that
names it.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from lintnews.errors import ConfigError
from lintnews.reading import DEFAULT_MAX_BYTES
from lintnews.severity import check_severity


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    max_findings_per_rule: int = 1000
    encoding: str | None = None
    date: str | None = None
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    extensions: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None      # None: the default excludes
    extend_exclude: tuple[str, ...] = ()
    front_matter_fields: tuple[str, ...] | None = None
    force_exclude: bool = False
    respect_gitignore: bool = True
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    report_unused_suppressions: bool = False
    fail_on: str = "error"
    min_severity: str = "info"
    source: str | None = None     # the file it came from, for messages

    @property
    def root(self) -> Path:
        """The folder globs are relative to: the configuration file's, or the current one."""
        return Path(self.source).resolve().parent if self.source else Path.cwd()

    def merged(self, **overrides: Any) -> Config:
        """This configuration with command-line values (those not None) on top."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "source"}


def find_config_file(start: Path) -> Path | None:
    """The nearest lintnews.toml, or pyproject.toml with a [tool.lintnews] table, upwards."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "lintnews.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "lintnews" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: TOML nested too deeply to read") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def load_config(path: str | Path | None = None, start: str | Path = ".") -> Config:
    """The configuration from `path`, or from the nearest config file above `start`."""
    file = Path(path) if path else find_config_file(Path(start))
    if file is None:
        return Config()
    data = _read_toml(file)
    table = data if file.name != "pyproject.toml" else data.get("tool", {}).get("lintnews", {})
    return parse_config(table, source=str(file))


def parse_config(table: Mapping[str, Any], source: str = "<config>") -> Config:
    """A Config from a TOML table; unknown keys and wrong types are errors naming them."""
    values: dict[str, Any] = {"source": source}
    for key, value in table.items():
        attr = _KEYS.get(key)
        if attr is None:
            where = " in [tool.lintnews]" if Path(source).name == "pyproject.toml" else ""
            raise ConfigError(f"{source}: unknown key {key!r}{where} "
                              f"(known: {', '.join(sorted(_KEYS))})")
        values[attr] = _check(attr, value, f"{source}: {key}")
    return Config(**values)


def check_date(value: Any) -> str:
    """An article date as the rules take it, YYYY-MM-DD; ValueError saying what is wrong."""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _check(attr: str, value: Any, where: str) -> Any:
    if attr in ("select", "ignore", "extend_select", "exclude", "extend_exclude", "extensions",
                "front_matter_fields"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings")
        if attr == "extensions":
            value = [v if v.startswith(".") else "." + v for v in value]
        return tuple(value)
    if attr in ("force_exclude", "respect_gitignore", "report_unused_suppressions"):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false")
        return value
    if attr == "per_file_ignores":
        if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()):
            raise ConfigError(f"{where}: expected a table of globs -> lists of rule codes or names")
        return {glob: tuple(codes) for glob, codes in value.items()}
    if attr in ("max_file_size", "max_findings_per_rule"):
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{where}: expected a positive number" + (" of bytes" * (attr == "max_file_size")))
        return value
    if attr == "date":
        if isinstance(value, dt.datetime):          # (TOML: date = 2021-07-27T09:00:00)
            value = value.date()
        if isinstance(value, dt.date):              # (TOML: date = 2021-07-27)
            return value.isoformat()
        try:
            return check_date(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    if attr == "encoding":
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string")
        return value
    if attr == "rules":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise ConfigError(f"{where}: expected a table of rule tables ([tool.lintnews.rules.<name>])")
        for name, table in value.items():
            if "severity" in table:
                check_severity(table["severity"], f"{where}.{name}.severity")
        return value
    if attr in ("fail_on", "min_severity"):
        return check_severity(value, where)
    raise AssertionError(attr)
