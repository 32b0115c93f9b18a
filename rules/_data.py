"""Data shipped in rules/data/: word lists (one entry a line, '#' starts a comment), and
each rule's measured precision and default severity (precision.toml)."""
from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.severity import Precision


def data_text(name: str) -> str:
    """The text of data/<name> (UTF-8)."""
    return data_bytes(name).decode("utf-8")


def data_bytes(name: str) -> bytes:
    """The bytes of data/<name>: read beside this module (importlib.resources, which costs
    a few milliseconds to import, only for a package that is not in a folder: a zip)."""
    path = os.path.join(os.path.dirname(__file__), "data", name)
    if os.path.isfile(path):
        with open(path, "rb") as fh:
            return fh.read()
    from importlib.resources import files

    return files(__package__).joinpath("data", name).read_bytes()


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of data/<name>.txt, in file order, comments and blank lines dropped."""
    text = data_text(f"{name}.txt")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(e for e in entries if e)


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of data/<name>.txt as one shared set, for membership tests."""
    return frozenset(word_list(name))


# the corpora of real copy each rule's findings are read on (see data/precision.toml)
CORPORA = {"news": ("2,127 BBC News articles", 817_008),
           "markdown": ("605 Markdown articles", 405_499)}


@cache
def _precision_table() -> dict:
    import tomllib

    return tomllib.loads(data_text("precision.toml"))


def measured(code: str) -> tuple[str, Precision]:
    """(default severity, Precision) of built-in rule `code`, from data/precision.toml."""
    from lintnews.severity import Precision, Reading, check_severity

    entry = _precision_table()[code]
    readings = []
    for corpus, (title, words) in CORPORA.items():
        seen = entry[corpus]
        if "right" in seen:
            right, wrong, arguable = seen["right"], seen["wrong"], seen.get("arguable", 0)
            readings.append(Reading(title, words, right + wrong + arguable, right, wrong, arguable))
        else:
            share = seen.get("right-share")
            readings.append(Reading(title, words, seen["findings"], share=tuple(share) if share else None))
    severity = check_severity(entry["severity"], f"rules/data/precision.toml: {code}")
    return severity, Precision(tuple(readings), entry.get("provisional", False))
