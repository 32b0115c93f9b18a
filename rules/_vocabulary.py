"""A house vocabulary for the spell check: words to accept and words to reject, from the
configuration and from files a newsroom keeps (one entry a line, as Vale's Vocab)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lintnews.errors import ConfigError
from lintnews.patterns import lazy

# an entry of letters, apostrophes and hyphens only is a word (any case); anything else a pattern
_PLAIN = lazy(re.compile, r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def compile_entries(entries: Iterable[str], where: str) -> tuple[frozenset[str], re.Pattern | None]:
    """(plain words, case-folded; one pattern a whole word must match) of vocabulary entries;
    a ConfigError naming `where` for a pattern that is not a regular expression."""
    words, patterns = set(), []
    for entry in entries:
        if _PLAIN.fullmatch(entry):
            words.add(entry.replace("’", "'").casefold())
            continue
        try:
            re.compile(entry)
        except re.error as exc:
            raise ConfigError(f"{where}: {entry!r} is not a regular expression: {exc}") from None
        patterns.append(f"(?:{entry})")
    return frozenset(words), re.compile("|".join(patterns)) if patterns else None


def read_entries(path: Path, option: str) -> list[str]:
    """The entries of a vocabulary file: one a line, '#' starts a comment, blank lines skipped;
    a ConfigError saying why a file cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{option}: no vocabulary file {str(path)!r}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{option}: {path} is not UTF-8 text (byte offset {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{option}: cannot read {path}: {exc.strerror or exc}") from None
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [e for e in entries if e]


@dataclass(frozen=True)
class Vocabulary:
    accept_words: frozenset[str] = frozenset()
    accept_pattern: re.Pattern | None = None
    reject_words: frozenset[str] = frozenset()
    reject_pattern: re.Pattern | None = None

    @classmethod
    def of(cls, accept: Iterable[str], reject: Iterable[str], accept_files: Iterable[Path],
           reject_files: Iterable[Path]) -> Vocabulary:
        """The vocabulary of a rule's options: the entries given, and those of the files."""
        accept = [*accept, *(e for f in accept_files for e in read_entries(f, "option 'accept-files'"))]
        reject = [*reject, *(e for f in reject_files for e in read_entries(f, "option 'reject-files'"))]
        return cls(*compile_entries(accept, "option 'accept'"), *compile_entries(reject, "option 'reject'"))

    @property
    def reject(self) -> bool:
        """Whether anything is rejected."""
        return bool(self.reject_words) or self.reject_pattern is not None

    def accepts(self, word: str) -> bool:
        return word.casefold() in self.accept_words or bool(self.accept_pattern and self.accept_pattern.fullmatch(word))

    def rejects(self, word: str) -> bool:
        return word.replace("’", "'").casefold() in self.reject_words \
            or bool(self.reject_pattern and self.reject_pattern.fullmatch(word))
