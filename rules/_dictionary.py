"""The spelling dictionary: SCOWL's lower-case words, common and rare, and its British and
American spellings, read from data/spelling.idx (built by bench/build_dictionary.py),
loaded once, on first use.

Words are looked up by their CRC-32 in sorted arrays (a binary search), which cost no
parsing to load: one article is checked in a millisecond or two. Once many words have been
looked up (a run over many articles), the common words are made into a set of strings,
where most words are found at once. A word whose checksum merely collides with a
dictionary word's is taken as known (about 1 in 10,000 unknown words): the price of an
index that loads in a millisecond.
"""
from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from itertools import filterfalse

from lintnews.core import speedups
from lintnews.rules._data import data_bytes

MAGIC = b"lintnews-spelling 1\n"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


# lookups by checksum after which the common words are made into a set (which costs about
# as much as this many lookups)
SET_AFTER = 20_000


class Dictionary:
    """Lower-case words: common ones and rare ones, and which are British or American only."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(MAGIC):
            raise ValueError("data/spelling.idx is not a lintnews spelling index")
        header_end = data.index(b"\n", len(MAGIC))
        offset = header_end + 1
        self._texts: dict[str, bytes] = {}
        self._codes: dict[str, array] = {}
        view = memoryview(data)
        for entry in data[len(MAGIC):header_end].decode("ascii").split():
            name, kind, size = entry.split(":")
            block = view[offset:offset + int(size)]
            offset += int(size)
            if kind == "text":
                self._texts[name] = bytes(block)
            else:
                codes = array("I")
                codes.frombytes(block)
                if sys.byteorder != "little":
                    codes.byteswap()
                self._codes[name] = codes
        self.trigrams = frozenset(self._texts["trigrams"].decode("ascii").split("\n"))
        self._common: frozenset[str] | None = None
        self._lookups = 0

    @property
    def common(self) -> frozenset[str]:
        """The common words as a set of strings (made on first use)."""
        if self._common is None:
            self._common = frozenset(self._texts["common"].decode("utf-8").split("\n"))
        return self._common

    @property
    def has_common_set(self) -> bool:
        """Whether the common words have been made into a set (see SET_AFTER)."""
        return self._common is not None

    def _holds(self, section: str, word: str) -> bool:
        return _crc_holds(self._codes[section], word)

    def is_common(self, word: str) -> bool:
        if self._common is not None:
            return word in self._common
        self._lookups += 1
        if self._lookups > SET_AFTER:
            return word in self.common
        return self._holds("common-crc", word)

    def uncommon(self, words: Iterable[str]) -> list[str]:
        """The words that are not common words, in order."""
        if self._common is not None:
            return list(filterfalse(self._common.__contains__, words))
        return [w for w in words if not self.is_common(w)]

    def __contains__(self, word: str) -> bool:
        return self.is_common(word) or self._holds("rare", word)

    def looks_english(self, word: str) -> bool:
        """Whether every run of three letters of `word` (with its start and end) is one that
        two or more common words hold: "rapey" does, "fliht" does not."""
        marked = f"^{word}$"
        return all(marked[i:i + 3] in self.trigrams for i in range(len(marked) - 2))

    def british(self, word: str) -> bool:
        """Whether only the British lists hold `word` ("colour")."""
        return self._holds("british", word)

    def american(self, word: str) -> bool:
        """Whether only the American lists hold `word` ("color")."""
        return self._holds("american", word)

    def neighbours(self, word: str) -> set[str]:
        """The common words one edit away from `word`: a letter deleted, inserted or
        replaced, or two neighbours swapped."""
        letters = LETTERS if word.isascii() else LETTERS + "".join(sorted(set(word) - set(LETTERS)))
        if self._common is None:
            edits = _edits(word, letters)
            if self._lookups + len(edits) <= SET_AFTER:
                self._lookups += len(edits)
                # (a checksum can collide: each word found is checked in the text of the words)
                return {e for e in edits if self._holds("common-crc", e) and self._in_common_text(e)}
            return edits & self.common
        if speedups is not None:
            return speedups.near_words(word, letters, self._common)
        return _edits(word, letters) & self._common

    def _in_common_text(self, word: str) -> bool:
        text = self._texts["common"]
        needle = word.encode("utf-8")
        i = text.find(b"\n" + needle + b"\n")
        return i >= 0 or text.startswith(needle + b"\n") or text.endswith(b"\n" + needle)


def _py_crc_holds(codes: array, word: str) -> bool:
    """Whether the sorted array `codes` holds the CRC-32 of word's UTF-8 (the compiled
    core's crc_holds does the same)."""
    code = zlib.crc32(word.encode("utf-8"))
    i = bisect_left(codes, code)
    return i < len(codes) and codes[i] == code


_crc_holds = _py_crc_holds if speedups is None else speedups.crc_holds


def _edits(word: str, letters: str) -> set[str]:
    """The strings one edit from `word`: a letter deleted, two neighbours swapped, one
    replaced by one of `letters` or one of them inserted (`word` itself left out). The
    compiled core's near_words(word, letters, words) is this set & words."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    edits.update(a + c + b[1:] for a, b in splits if b for c in letters)
    edits.update(a + c + b for a, b in splits for c in letters)
    edits.discard(word)
    return edits


@cache
def dictionary() -> Dictionary:
    """The dictionary, read from data/spelling.idx once."""
    return Dictionary(data_bytes("spelling.idx"))
