"""Entry points of one group, found without importing importlib.metadata when none exist.

importlib.metadata (with email, zipfile, csv ...) is slow to import and reads the entry
points of every installed distribution. Most installations have no lintnews
rule pack, so the `entry_points.txt` files on sys.path are first read as text: only if one
has a section that could be the group is importlib.metadata asked, and its answer is
used as it stands. Paths it reads in other ways (zip files, eggs, other finders) make it
asked as well, so that the answer is always its own.
"""
from __future__ import annotations

import os
import sys


def entry_points(group: str) -> list:
    """importlib.metadata.entry_points(group=group), as a list."""
    if _may_declare(group):
        from importlib.metadata import entry_points as find

        return list(find(group=group))
    return []


def _may_declare(group: str) -> bool:
    """Whether some distribution on sys.path could declare an entry point in `group`, or
    the search reaches where this module does not look (then: True)."""
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder for f in sys.meta_path):
        return True
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):          # a zip file or an egg
                return True
            continue
        if folder.lower().endswith(".egg"):
            return True
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.lower().endswith((".dist-info", ".egg-info")) and _declares(os.path.join(folder, name), group):
                return True
    return False


def _declares(info: str, group: str) -> bool:
    """Whether the entry_points.txt of a .dist-info or .egg-info folder has a section that
    importlib.metadata would read as `group` (its test: a stripped line in brackets)."""
    try:
        with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as fh:
            text = fh.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return False
    except (OSError, UnicodeDecodeError):
        return True                                 # let importlib.metadata say what it makes of it
    if group not in text:
        return False
    return any(line.startswith("[") and line.endswith("]") and line.strip("[]") == group
               for line in map(str.strip, text.splitlines()))
