"""Which configuration each file is linted with, found as ruff finds it.

`--isolated` lints every file with the defaults and `--config FILE` with that file's
settings; otherwise each file takes the nearest lintnews.toml, or pyproject.toml with a
[tool.lintnews] table, in its own folder or any folder above it (up to the root),
and the defaults where there is none. The command line's options go on top of each. One
Linter is built per configuration file and shared by the files under it.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from lintnews.config import Config, config_file_in, load_config
from lintnews.engine import Linter
from lintnews.plugins import Plugins, load_plugins

Key = Path | None       # the configuration file a file is linted with (None: the defaults)


class Resolver:
    """The Config and Linter of each file or folder, cached per folder and per configuration."""

    def __init__(self, overrides: Callable[[Config], Config], *, isolated: bool = False,
                 config_file: str | None = None, plugins: Plugins | None = None) -> None:
        self.overrides = overrides
        self.plugins = plugins or load_plugins()
        self.fixed: Key = Path(config_file) if config_file else None
        self.per_file = not (isolated or config_file)
        self._keys: dict[Path, Key] = {}
        self._keys_by_name: dict[str, Key] = {}     # (a folder's absolute path as a string)
        self._configs: dict[Key, Config] = {}
        self._linters: dict[Key, Linter] = {}

    def key(self, folder: str | os.PathLike) -> Key:
        """The configuration file for what is in `folder`."""
        if not self.per_file:
            return self.fixed
        folder = Path(os.path.abspath(folder))
        chain = []
        while folder not in self._keys:
            chain.append(folder)
            found = config_file_in(folder)
            if found is not None or folder.parent == folder:
                self._keys[folder] = found
                break
            folder = folder.parent
        key = self._keys[folder]
        self._keys.update(dict.fromkeys(chain, key))
        return key

    def key_of_file(self, path: str) -> Key:
        """The configuration file for a file: looked up once per folder, not per file."""
        if not self.per_file:
            return self.fixed
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._keys_by_name:
            self._keys_by_name[folder] = self.key(folder)
        return self._keys_by_name[folder]

    def config(self, key: Key) -> Config:
        if key not in self._configs:
            self._configs[key] = self.overrides(load_config(_shown(key)) if key else Config())
        return self._configs[key]

    def config_of_folder(self, folder: str | os.PathLike) -> Config:
        return self.config(self.key(folder))

    def linter(self, key: Key) -> Linter:
        if key not in self._linters:
            self._linters[key] = Linter(self.config(key), plugins=self.plugins)
        return self._linters[key]


def _shown(path: Path) -> str:
    """The path as messages show it: relative to the working directory where it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:                      # another drive (Windows)
        return str(path)
