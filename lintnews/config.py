"""Configuration: `[tool.lintnews]` in the nearest pyproject.toml, or a lintnews.toml.

    [tool.lintnews]
    select = ["LN1", "unmarked-quote"]     # codes, code prefixes or names; default: all
    ignore = ["LN301"]
    extend-select = ["truncated-name"]      # add opt-in rules to the default set
    max-file-size = 10485760                # bytes; larger files are reported and skipped
    max-findings-per-rule = 1000            # in one file; past it, one finding says how many more
    rule-timeout = 10                       # seconds a rule may run on a file (per MB); 0: no limit
    encoding = "utf-8"                      # for files without a BOM
    extensions = [".txt", ".md", ".html"]   # what a directory is searched for (default: all known)
    exclude = ["drafts/**"]                 # globs (.gitignore syntax), for directory searches;
                                            # replaces the default excludes (discovery.DEFAULT_EXCLUDE)
    extend-exclude = ["archive/**"]         # globs excluded besides those
    include = ["content/**/*.md"]           # globs of the files a search takes (default: the extensions)
    front-matter-fields = ["title", "alt"]  # front matter fields linted as copy (default: front_matter.COPY_FIELDS)
    force-exclude = false                   # exclude files named on the command line too
    respect-gitignore = true                # skip what git ignores when searching a directory
    report-unused-suppressions = false
    fail-on = "error"                       # exit 1 only for a shown finding this severe or more
    min-severity = "info"                   # hide findings below this severity
    extend = "../lintnews.toml"             # start from another configuration (relative to this file)

    [tool.lintnews.per-file-ignores]        # globs -> rules not to check there
    "wire/*.txt" = ["LN205"]

    [tool.lintnews.rules.repeated-word]     # per-rule options, by rule name
    allow = ["had had", "that that"]
    severity = "error"                      # any rule's: error, warning or info

In a lintnews.toml the same keys stand at the top level. An unknown key is an error that
names it, its file and the nearest known key.

Each file is linted with the configuration nearest above it (see `find_config_file`); one
that says `extend` takes the other file's settings and overrides them key by key (a rule's
options option by option). Globs are relative to the folder of the file that set them.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from lintnews.errors import ConfigError, InputError
from lintnews.reading import DEFAULT_MAX_BYTES, read_bytes
from lintnews.severity import check_severity


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    max_findings_per_rule: int = 1000
    rule_timeout: float = 10.0
    encoding: str | None = None
    date: str | None = None
    extend: str | None = None
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    extensions: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None      # None: the default excludes
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()               # () : files with the article extensions
    front_matter_fields: tuple[str, ...] | None = None
    force_exclude: bool = False
    respect_gitignore: bool = True
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    report_unused_suppressions: bool = False
    fail_on: str = "error"
    min_severity: str = "info"
    source: str | None = None     # the file it came from, for messages
    origins: Mapping[str, str] = field(default_factory=dict)    # key -> file, for keys `extend` took

    @property
    def root(self) -> Path:
        """The folder globs are relative to: the configuration file's, or the current one."""
        return Path(self.source).resolve().parent if self.source else Path.cwd()

    def root_of(self, attr: str) -> Path:
        """The folder the globs of `attr` (exclude, per_file_ignores) are relative to: that
        of the file that set them (an extended one), else `root`."""
        origin = self.origins.get(attr)
        return Path(origin).resolve().parent if origin else self.root

    def merged(self, **overrides: Any) -> Config:
        """This configuration with command-line values (those not None) on top."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name not in ("source", "origins")}


def find_config_file(start: Path) -> Path | None:
    """The nearest lintnews.toml, or pyproject.toml with a [tool.lintnews] table, upwards."""
    start = start.resolve()
    for folder in (start, *start.parents):
        found = config_file_in(folder)
        if found is not None:
            return found
    return None


def config_file_in(folder: Path) -> Path | None:
    """The folder's lintnews.toml, or else its pyproject.toml if it has [tool.lintnews]."""
    candidate = folder / "lintnews.toml"
    if candidate.is_file():
        return candidate
    candidate = folder / "pyproject.toml"
    if candidate.is_file() and _lintnews_table(candidate, _read_toml(candidate)) is not None:
        return candidate
    return None


MAX_CONFIG_BYTES = 1 << 20      # a configuration file is read no further (nor a FIFO, nor /dev/zero)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = read_bytes(path, MAX_CONFIG_BYTES, advice="not a configuration file").decode("utf-8")
        return tomllib.loads(text)
    except InputError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 (byte offset {exc.start}); TOML files are UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: TOML nested too deeply to read") from None


def _lintnews_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """A pyproject.toml's [tool.lintnews] table (None without one); a ConfigError naming the
    file where `tool` or `tool.lintnews` is not a table."""
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' is {type(tool).__name__}, not a table")
    table = tool.get("lintnews")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: 'tool.lintnews' is {type(table).__name__}, not a table ([tool.lintnews])")
    return table


def load_config(path: str | Path | None = None, start: str | Path = ".") -> Config:
    """The configuration from `path`, or from the nearest config file above `start`."""
    file = Path(path) if path else find_config_file(Path(start))
    return Config() if file is None else _load(file, ())


def _load(file: Path, chain: tuple[Path, ...]) -> Config:
    """The configuration of `file`, on top of the one it extends (if any)."""
    if file.resolve() in chain:
        raise ConfigError(f"{file}: extend: a cycle ({' -> '.join(map(str, (*chain, file.resolve())))})")
    data = _read_toml(file)
    table = data if file.name != "pyproject.toml" else _lintnews_table(file, data) or {}
    config = parse_config(table, source=str(file))
    if config.extend is None:
        return config
    parent_file = file.parent / config.extend
    if not parent_file.is_file():
        raise ConfigError(f"{file}: extend: no configuration file {str(parent_file)!r}")
    return extended(_load(parent_file, (*chain, file.resolve())), config, table)


def extended(parent: Config, child: Config, table: Mapping[str, Any]) -> Config:
    """`child` (read from `table`) on top of `parent`: the keys the child sets win, a rule's
    options option by option; the others, and where their globs are relative to, are the
    parent's."""
    values = {_KEYS[key]: getattr(child, _KEYS[key]) for key in table}
    if "rules" in values:
        values["rules"] = {name: {**parent.rules.get(name, {}), **options}
                           for name, options in {**parent.rules, **child.rules}.items()}
    origins = {attr: parent.origins.get(attr, parent.source)
               for attr in _KEYS.values() if attr not in values and parent.source}
    return replace(parent, **values, source=child.source, origins=origins)


def closest(word: str, known) -> str | None:
    """The known word closest to `word`, or None when none is close."""
    import difflib      # (only for a mistake: the default run does not pay for it)

    if re.fullmatch(r"[A-Za-z]+\d+", word):
        # a code is a number: "LN999" is not a slip of "LN209" (a code one keystroke off is)
        known = [k for k in known if len(k) == len(word) and sum(a != b for a, b in zip(k.upper(), word.upper())) == 1]
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def nearest(word: str, known) -> str:
    """"; did you mean 'x'?" for the known word closest to `word`, or "" when none is close."""
    close = closest(word, known)
    return f"; did you mean {close!r}?" if close else ""


def parse_config(table: Mapping[str, Any], source: str = "<config>") -> Config:
    """A Config from a TOML table; unknown keys and wrong types are errors naming them."""
    values: dict[str, Any] = {"source": source}
    for key, value in table.items():
        attr = _KEYS.get(key)
        if attr is None:
            where = " in [tool.lintnews]" if Path(source).name == "pyproject.toml" else ""
            raise ConfigError(f"{source}: unknown key {key!r}{where}{nearest(key, _KEYS)} "
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
    if attr in ("select", "ignore", "extend_select", "exclude", "extend_exclude", "include", "extensions",
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
    if attr == "rule_timeout":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value < float("inf"):
            raise ConfigError(f"{where}: expected a number of seconds (0 for no limit)")
        return float(value)
    if attr == "date":
        if isinstance(value, dt.datetime):          # (TOML: date = 2021-07-27T09:00:00)
            value = value.date()
        if isinstance(value, dt.date):              # (TOML: date = 2021-07-27)
            return value.isoformat()
        try:
            return check_date(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    if attr in ("encoding", "extend"):
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
