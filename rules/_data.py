"""Word lists shipped in rules/data/: one entry a line, '#' starts a comment."""
from functools import cache
from importlib.resources import files


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of data/<name>.txt, in file order, comments and blank lines dropped."""
    text = files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(e for e in entries if e)
