"""Which files to lint: the paths given, and the articles found in the directories given.

A directory is searched (in sorted order) for files with the article extensions, leaving
out hidden folders, what `exclude` names (by default DEFAULT_EXCLUDE: a site's templates
and build output, and the repository's own README, CHANGELOG and LICENSE; an `exclude` of
one's own replaces them, `extend-exclude` adds to them, as in ruff), and, in a git working
tree, what git ignores
(every .gitignore from the top of the tree down, and .git/info/exclude, read with
pathspec, which implements git's own matching). Files named on the command line are
always linted, unless `force-exclude` applies `exclude` to them too (for pre-commit,
which names files itself). Each folder is searched with its own configuration's settings
(the nearest configuration file above it, see resolver.py).
"""
from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from lintnews.config import Config

# Like ruff's default excludes, names matched at any depth below the folder searched: a
# theme's layouts or a README are never articles, wherever they are. A file named on the
# command line is linted all the same, unless --force-exclude.
DEFAULT_EXCLUDE = ("layouts/", "_layouts/", "_includes/", "themes/", "static/", "assets/", "node_modules/",
                   "public/", "_site/", "__pycache__/", "venv/", "README.md", "CHANGELOG.md", "LICENSE*")


class Excludes:
    """What `exclude` (DEFAULT_EXCLUDE unless set) and `extend-exclude` leave out. The
    defaults are names, matched against a path's own name in a search (and any part of a
    file's path under --force-exclude), never against the folders above the one searched:
    `lintnews public/content` searches content all the same."""

    def __init__(self, config: Config) -> None:
        self.defaults = config.exclude is None
        # (each key's globs relative to the configuration file that set it: see extend)
        self.globs = [Globs(config.root_of(key), globs) for key, globs in
                      (("exclude", config.exclude or ()), ("extend_exclude", config.extend_exclude)) if globs]
        self.include = Globs(config.root_of("include"), config.include) if config.include else None

    def wants(self, path: Path, extensions: tuple[str, ...]) -> bool:
        """Whether a search takes this file: one `include` names, else one with an article
        extension (as ruff's `include` replaces its default file patterns)."""
        if self.include is not None:
            return self.include.matches(path)
        return path.name.lower().endswith(extensions)

    def matches(self, path: Path, directory: bool = False) -> bool:
        return (self.defaults and _default(path.name, directory)) \
            or any(g.matches(path, directory) for g in self.globs)

    def matches_named(self, path: Path) -> bool:
        """For a file named on the command line (--force-exclude)."""
        parts = Path(os.path.normpath(path)).parts
        return (self.defaults and (_default(parts[-1], False) or any(_default(p, True) for p in parts[:-1]))) \
            or any(g.matches(path) for g in self.globs)


def _default(name: str, directory: bool) -> bool:
    return _DEFAULT_NAMES[directory].match(name) is not None


# DEFAULT_EXCLUDE as one pattern for folders' names and one for files' (fnmatchcase's own
# translation, so the same names match as with a call per glob)
_DEFAULT_NAMES = {directory: re.compile("|".join(fnmatch.translate(p.rstrip("/")) for p in DEFAULT_EXCLUDE
                                                 if p.endswith("/") == directory))
                  for directory in (False, True)}


def iter_targets(paths: Sequence[str], settings: Callable[[Path], Config],
                 default_extensions: tuple[str, ...]) -> Iterator[str | Warning]:
    """Files to lint in the order given, directories expanded; a Warning for a directory
    with no articles in it. `settings(folder)` is the configuration of what is in a folder
    (its extensions, exclude, force-exclude, respect-gitignore)."""
    excludes = _Excludes(settings)
    for raw in paths:
        if raw == "-" or not os.path.isdir(raw):
            config = settings(Path(raw).parent) if raw != "-" else None
            if config and config.force_exclude and excludes.of(config).matches_named(Path(raw)):
                continue
            yield raw             # a missing file is reported by the engine, as an input error
            continue
        top = settings(Path(raw))
        found = sorted(_walk(Path(raw), excludes, default_extensions, top.respect_gitignore))
        if not found:
            extensions = top.extensions or default_extensions
            yield Warning(f"{raw}: no articles found ({', '.join('*' + e for e in extensions)})")
        yield from (str(p) for p in found)


class _Excludes:
    """The Excludes of each configuration, made once."""

    def __init__(self, settings: Callable[[Path], Config]) -> None:
        self.settings = settings
        self.made: dict[int, tuple[Config, Excludes]] = {}

    def of(self, config: Config) -> Excludes:
        if id(config) not in self.made:         # (the config is kept, so its id stays its own)
            self.made[id(config)] = (config, Excludes(config))
        return self.made[id(config)][1]

    def matches(self, config: Config, path: Path, directory: bool = False) -> bool:
        return self.of(config).matches(path, directory)


def _walk(root: Path, excludes: _Excludes, default_extensions: tuple[str, ...], gitignore: bool) -> Iterator[Path]:
    ignored = _GitIgnored(root) if gitignore else None
    for here, dirs, files in _folders(root):
        if ignored:
            ignored.enter(here)
        config = excludes.settings(here)
        extensions = config.extensions or default_extensions
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not excludes.matches(config, here / d, directory=True)
                         and not (ignored and ignored.matches(d, directory=True)))
        for name in files:
            path = here / name
            if excludes.of(config).wants(path, extensions) and not name.startswith(".") \
                    and not excludes.matches(config, path) and not (ignored and ignored.matches(name)):
                yield path


def _folders(root: Path) -> Iterator[tuple[Path, list[str], list[str]]]:
    """What os.walk(root) yields, top down, never into a link to a folder, and the list of
    folders the caller leaves in is searched next, as with os.walk; but with a stack, not a
    call per level (Python 3.11's os.walk recurses: a tree 1,000 folders deep made it raise
    RecursionError and end the run). A folder that cannot be listed is passed over."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            continue
        dirs, files = [], []
        for entry in listed:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry.name)
        yield folder, dirs, files
        stack.extend(folder / d for d in reversed(dirs) if not os.path.islink(folder / d))


class Globs:
    """Globs in .gitignore syntax, relative to a root folder (a path outside it is matched
    as it was given). Used for `exclude` and for `per-file-ignores`."""

    def __init__(self, root: Path, globs: Sequence[str]) -> None:
        import pathspec

        self.root = root
        self.spec = pathspec.GitIgnoreSpec.from_lines(globs)

    def matches(self, path: Path, directory: bool = False) -> bool:
        try:
            rel = Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()
        except ValueError:                  # another drive (Windows)
            rel = "../"
        if rel.startswith("../"):
            rel = Path(path).as_posix()
        return self.spec.match_file(rel + "/" if directory else rel)


class _GitIgnored:
    """What git ignores in the working tree around a folder (none outside a git tree), for
    the names in the folder a search last entered: each folder is resolved once, on entering,
    not each of its files."""

    def __init__(self, start: Path) -> None:
        self.top = _git_top(start.resolve())
        self.specs: dict[Path, object] = {}
        self.here: list[tuple[str, object]] = []      # (the entered folder's path in a spec's folder, the spec)
        if self.top is None:
            return
        info = self.top / ".git" / "info" / "exclude"
        self._load(self.top, info)
        folder = start.resolve()
        chain = [folder, *folder.parents]
        for parent in reversed(chain[:chain.index(self.top) + 1] if self.top in chain else []):
            self._load(parent, parent / ".gitignore")

    def _load(self, folder: Path, file: Path) -> None:
        if file.is_file():
            import pathspec

            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            spec = pathspec.GitIgnoreSpec.from_lines(lines)
            if folder in self.specs:                     # info/exclude and .gitignore of the top
                spec = self.specs[folder] + spec
            self.specs[folder] = spec

    def enter(self, folder: Path) -> None:
        """Come into a folder: read its .gitignore, and note where it lies in the folder of
        each spec that applies to it (the specs of the folders above it)."""
        if self.top is None:
            return
        resolved = folder.resolve()
        if resolved not in self.specs:
            self._load(resolved, resolved / ".gitignore")
        self.here = []
        for top, spec in self.specs.items():
            try:
                rel = resolved.relative_to(top).as_posix()
            except ValueError:
                continue
            self.here.append(("" if rel == "." else rel + "/", spec))

    def matches(self, name: str, directory: bool = False) -> bool:
        """Whether git ignores the file (or folder) of this name in the folder last entered
        (a link by where it is, not where it points)."""
        end = "/" if directory else ""
        return any(spec.match_file(rel + name + end) for rel, spec in self.here)


def _git_top(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None
