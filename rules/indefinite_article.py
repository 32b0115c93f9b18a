"""LN102: 'a' or 'an' chosen by the next word's spelling, not its sound."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

import re
import unicodedata

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured, word_list, word_set
from lintnews.ruleset import Rule

# An article, and for 'a' only a next word that may start with a vowel sound: a vowel
# letter, a figure 8, 11 or 18, 'ho'/'he' (hour, heir), a capital not followed by a
# lower-case letter (an initialism: "MP", "U-turn", "MSc") or by one and a capital ("PhD"),
# a letter before a hyphen ("x-ray"), an x. 'an' is rare enough to read every time. (The
# letter comes first and the look-behind after, and 'a' and 'A' are looked for in a pattern
# each: a scan for one literal letter is several times faster than for a class.)
_ARTICLE = r"{a}(?<![\w'’.-]{a})(?:n|(?=[ \t]+[\"“‘'(]?(?:[aeiouAEIOU8xX]|['’]?[£$€]?(?:8|1[18])" \
           r"|[hH]{h}|[A-Z](?![a-z])|[A-Z][a-z][A-Z]|[a-z]-)))[ \t]+"
_ARTICLE_BEFORE_VOWEL = tuple(lazy(re.compile, _ARTICLE.format(a=a, h="[oe]")) for a in "aA")
_ARTICLE_BEFORE_H = tuple(lazy(re.compile, _ARTICLE.format(a=a, h="")) for a in "aA")  # weak-h = "an": "a historic" too
_TOKEN = lazy(re.compile, r"[\"“‘'(]?([^\s\"“”‘’()]+)")
_LETTERS = lazy(re.compile, r"[^\W\d_]+")
_FIGURES = lazy(re.compile, r"['’]?[£$€]?(\d+)")
_ADDRESS = lazy(re.compile, r"\.[^\W\d_]")           # a stop between letters: a domain or file name
_VOWELS = frozenset("aeiou")
_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")      # "an A", "an F" ... "an X"
_SENTENCE_BEFORE = frozenset(".!?:;\"“‘'(—–-\n\r")   # what a capital 'A' that starts a sentence follows
Sound = Literal["a", "an", "either"]       # how a word is said after the article ("either": both)
_SOUNDS = get_args(Sound)
_KNOWN_MAX = 20_000                                  # tokens whose sound is kept (see Pronunciations.sound)


class Pronunciations:
    """Which article a word's sound takes, from its spelling and the exceptions of
    data/indefinite_article.txt (words, beginnings of words with '*', acronyms in capitals)."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.words: dict[str, str] = {}
        self.prefixes: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        for entry in entries:
            word, sound = entry.split()
            if sound not in _SOUNDS:
                raise ValueError(f"indefinite_article.txt: {entry!r}: the sound is one of {_SOUNDS}")
            if word.isupper():
                self.acronyms[word] = sound
            elif word.endswith("*"):
                self.prefixes[word[:-1]] = sound
            else:
                self.words[word] = sound
        self.longest = max(map(len, self.prefixes), default=0)
        self._known: dict[str, str | None] = {}      # token -> its sound, as worked out before

    def sound(self, token: str) -> str | None:
        """'a', 'an' or 'either' for the word `token` said after the article, or None when
        its sound is not certain (worked out once for each token, as the same words come
        back in article after article)."""
        known = self._known
        if token in known:
            return known[token]
        if len(known) >= _KNOWN_MAX:
            known.clear()                   # (a text of countless words: kept small)
        known[token] = sound = self._sound(token)
        return sound

    def _sound(self, token: str) -> str | None:
        first = token[0]
        if first.isdigit() or first in "£$€'’":
            return _figures_sound(token)
        m = _LETTERS.match(token)
        if m is None:
            return None
        letters = m.group()
        if len(letters) == 1:               # a letter by its name: "an A-level", "a U-turn", "an x-ray"
            after = token[1:2]
            return _letter(letters) if letters.isupper() or after == "-" else None
        if letters.isupper():
            if letters in self.acronyms:
                return self.acronyms[letters]
            if len(letters) <= 3 or _VOWELS.isdisjoint(letters[:3].lower()):
                return _letter(letters[0])  # "an MEP", "an NHTCU": said letter by letter
            by_letter, by_word = _letter(letters[0]), self.word_sound(letters.lower())
            return by_letter if by_letter == by_word else None  # "NATO" or "N-A-T-O"?
        if _ADDRESS.match(token, len(letters)):
            return None                     # "fbi.gov", "bbc.co.uk": said letter by letter, or not
        if letters.islower() and len(letters) <= 5 and _VOWELS.isdisjoint(letters) and "y" not in letters:
            return _letter(letters[0])      # "an ntl": no vowel, said letter by letter
        by_word = self.word_sound(letters.lower())
        if letters[1:] != letters[1:].lower() and by_word != _letter(letters[0]):
            return None                     # "MSc", "LoL": letters or a word?
        return by_word

    def word_sound(self, word: str) -> str | None:
        """The sound a lower-case word starts with, by its spelling and the exceptions."""
        if word in self.words:
            return self.words[word]
        for n in range(min(len(word), self.longest), 0, -1):
            if word[:n] in self.prefixes:
                return self.prefixes[word[:n]]
        first = word[0] if word[0].isascii() else unicodedata.normalize("NFD", word[0])[0]
        if first in "aeio":
            return "an"
        if first == "u":
            return _u_sound(word)
        if first == "x":                    # "an Xbox", "a xylophone"
            return "a" if word[1:2] in _VOWELS or word[1:2] == "y" else "an"
        return "a" if first.isascii() and first.isalpha() else None


def _u_sound(word: str) -> str | None:
    """u + one consonant + a vowel is said 'you' (unit, use, Uganda), except un- and up-
    (unable, upon); u + two consonants is 'uh' or 'er' (under, urban)."""
    if len(word) < 3:
        return "an" if len(word) == 2 else None
    if word[1] in _VOWELS:
        return None
    if word[2] in _VOWELS:
        return "an" if word[1] == "n" or word[1] == "p" else "a"
    return "an"


def _letter(letter: str) -> str:
    """The sound of a letter's name ("an F", "a U", "an Ö")."""
    letter = letter if letter.isascii() else unicodedata.normalize("NFD", letter)[0]
    return "an" if letter.upper() in _VOWEL_LETTER_NAMES else "a"


def _figures_sound(token: str) -> str | None:
    """The sound of a number said in words: eight..., eleven, eighteen (and eleven or
    eighteen thousand, million) take 'an'; a four-figure 11xx or 18xx may be a year or a
    count ('eighteen hundred', 'one thousand eight hundred'), which is not certain."""
    m = _FIGURES.match(token)
    if m is None:
        return None
    group = m.group(1)
    if group[0] == "8":
        return "an"
    if group[:2] in ("11", "18"):
        if len(group) % 3 == 2:
            return "an"
        if len(group) == 4:
            return None
    return "a"


class IndefiniteArticle(Rule):
    """'a' before a vowel sound or 'an' before a consonant sound: "a honorary", "an total".

    Flags the article where the next word is certainly said the other way. The word is
    read by sound, not spelling: initialisms by their letters ("an MEP", "an HIV test", "a
    US firm"), acronyms said as words as words ("a Nato summit", "a NASA probe"), a vowel
    said 'you' or 'w' ("a European", "a union", "a one-off", "a U-turn"), a silent h ("an
    hour", "an honour") and figures as they are said ("an 8%", "an 11-year-old", "an
    18th-century", "a 1.5m"). A capital 'A' inside a sentence (a label: "Serie A", "Group
    A on Saturday"), an article before a function word ("party A and B"), an acronym
    whose saying is unsure and a year-like 11xx or 18xx stay quiet, and so do words an h
    begins weakly ("a historic" and "an historic" are both in use; see `weak-h`).

    ## Why it matters
    The wrong article is heard at once when the copy is read aloud, and marks an edit
    that changed the noun and left its article behind.

    ## Example
    She became a honorary fellow after an total rethink.

    ## Use instead
    She became an honorary fellow after a total rethink.

    ## Fix safety
    Swapping the article is safe: it is reported only where the sound is certain.

    ## Options
    - `weak-h`: the article for words whose h is weak ("historic", "hotel", "heroic"):
      "either" (the default: both quiet), "a" or "an".
    """

    code = "LN102"
    name = "indefinite-article"
    severity, precision = measured(code)
    fixable = True

    @dataclass(frozen=True)
    class Options:
        weak_h: Sound = "either"

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._pronunciations = pronunciations()
        self._function_words = word_set("function_words")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        patterns = _ARTICLE_BEFORE_H if self.options.weak_h == "an" else _ARTICLE_BEFORE_VOWEL
        for s, end in _articles(text, patterns):
            article = text[s:end].rstrip()
            if article[0] == "A" and not _starts_sentence(text, s):
                continue                    # "Serie A appearances": a label, not an article
            t = _TOKEN.match(text, end)
            if t is None or t.group(1).lower() in self._function_words:
                continue                    # "party A and B": no noun follows
            token = t.group(1)
            sound = self._pronunciations.sound(token)
            if sound == "either":
                sound = None if self.options.weak_h == "either" else self.options.weak_h
            if sound is None or sound == article.lower() or not doc.is_verbatim(s, s + len(article)):
                continue
            new = ("A" if article[0] == "A" else "a") + ("n" if sound == "an" else "")
            word = _LETTERS.match(token) or re.match(r"\S+", token)
            yield Finding(s, s + len(article), f"'{article}' before '{word.group()}': use '{new}'",
                          Fix.replace(s, s + len(article), new, message=f"write '{new}'"))


def _articles(text: str, patterns: tuple) -> list[tuple[int, int]]:
    """(start, end) of each article the patterns (one for 'a', one for 'A') find, in order."""
    found = [m.span() for m in patterns[0].finditer(text)]
    if "A" in text:
        found += [m.span() for m in patterns[1].finditer(text)]
        found.sort()
    return found


@cache
def pronunciations() -> Pronunciations:
    """The pronunciations of data/indefinite_article.txt, made once."""
    return Pronunciations(word_list("indefinite_article"))


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a capital at `at` follows the start of the text, a sentence end, an opening
    mark or a line break (spaces aside)."""
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_BEFORE
