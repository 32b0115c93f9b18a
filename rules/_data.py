"""Word lists shipped in rules/data/: one entry a line, '#' starts a comment."""
import os
from functools import cache


def data_text(name: str) -> str:
    """The text of data/<name>: read beside this module (importlib.resources, which costs
    a few milliseconds to import, only for a package that is not in a folder: a zip)."""
    path = os.path.join(os.path.dirname(__file__), "data", name)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    from importlib.resources import files

    return files(__package__).joinpath("data", name).read_text(encoding="utf-8")


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
