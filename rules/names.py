"""LN401 name-variant and LN404 truncated-name: names spelt two ways, or cut short."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter, ne

import re

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.ruleset import Rule
from lintnews.rules._data import word_list, word_set
from lintnews.rules._mentions import quoted_name

# endings that make a different word of a name, not a misspelling of it: plurals,
# demonyms, adjectives ("Israel"/"Israeli", "America"/"American", "Blair"/"Blairs")
_DERIVED_ENDINGS = ("s", "es", "i", "n", "an", "ian", "ese", "ish", "ic", "ite", "ites", "ism", "ist", "ists")
_VOWELS = set("aeiouy")
_TITLES = frozenset("""Mr Mrs Ms Miss Dr Sir Lord Lady Prof Rev Dame President Prime Minister Chancellor King Queen
Prince Princess Senator Governor General Judge Justice Coach Captain The A An In On At And But""".split())
_FUNCTION_WORDS = word_set("function_words")


def _stem(word: str) -> str:
    """The word without a possessive ending ("Biden's", "Jones'")."""
    if word[-2:] in ("'s", "’s"):
        return word[:-2]
    return word[:-1] if word[-1:] in ("'", "’") else word


def _derived(short: str, long: str) -> bool:
    return long.startswith(short) and long[len(short):] in _DERIVED_ENDINGS


def _variant(a: str, b: str) -> bool:
    """Whether two spellings of a name differ as misspellings of one name do.

    One letter changed between vowels or y ("Al-Kadhimi"/"Al-Kadhimy", "Mohammed"/
    "Muhammed"), or a letter doubled or undoubled ("Mohammed"/"Mohamed",
    "Zelensky"/"Zelenskyy"). Derived words ("Israel"/"Israeli") are not variants.
    """
    if a == b or a[0] != b[0] or min(len(a), len(b)) < 5:
        return False
    if len(a) == len(b):                    # (never derived one from the other)
        if sum(map(ne, a, b)) != 1:         # (a quick count, in C, for most pairs)
            return False
        diffs = [(i, x, y) for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(diffs) != 1:
            return False
        i, x, y = diffs[0]
        pair = {x.lower(), y.lower()}
        if i == len(a) - 1:
            return pair == {"i", "y"}       # "Kadhimi"/"Kadhimy"; not "Maria"/"Mario", "Argentina"/"Argentine"
        return pair <= _VOWELS and pair != {"i", "y"}    # not "Brian"/"Bryan"
    short, long = sorted((a, b), key=len)
    if _derived(short, long):
        return False
    if len(long) - len(short) == 1:
        for i, ch in enumerate(long):
            if long[:i] + long[i + 1:] == short:
                return (i > 0 and long[i - 1] == ch) or (i + 1 < len(long) and long[i + 1] == ch)
    return False


class NameVariant(Rule):
    """The same name spelt two ways in one article: "Al-Kadhimi" and "Al-Kadhimy", "Zelensky" and "Zelenskyy".

    Flags a capitalised name (five letters or more) that appears in the article in another
    spelling differing by one vowel ("Kadhimi"/"Kadhimy") or by a doubled letter
    ("Mohammed"/"Mohamed"). The less used spelling is reported and the one used most is
    named (of two used as often, the later one is reported). A spelling written only as a
    name quoted on its own ('misspelt "Hillary Clinton" as "Hilary Clinton"') is not
    reported. Possessives ("Biden's"), plurals and derived words ("Israel"/"Israeli",
    "America"/"American") are not variants.

    ## Why it matters
    Two spellings of one name make readers wonder whether two people are meant, and one
    of them is a misspelling of someone's name in print.

    ## Example
    Prime Minister Mustafa Al-Kadhimi met the president. Al-Kadhimy thanked him.

    ## Use instead
    Prime Minister Mustafa Al-Kadhimi met the president. Al-Kadhimi thanked him.

    ## Fix safety
    Respelling is unsafe: now and then two people really have names one letter apart. No
    fix is offered for two spellings used as often: either may be the misspelling
    ("Villarreal" once, "Villareal" once).
    """

    code = "LN401"
    name = "name-variant"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        tokens = doc.tokens
        texts = tokens.texts
        uses = tokens.distinct              # each word once, in order of first use
        spellings: dict[str, list[str]] = defaultdict(list)      # name -> the words that write it
        capitalised = list(compress(uses, map(str.isupper, map(itemgetter(0), uses))))   # (filtered in C)
        words, skeleton = _may_be_variants(capitalised)
        for word in words:
            if len(word) >= 5 and not word.isupper() and not word[1].isupper():
                spellings[_stem(word)].append(word)                 # not "NASA", nor "MErcury Surface ..."
        # capitalised common words are not names ("These"/"Those", "Think" when "think" is used too)
        common = _FUNCTION_WORDS
        candidates = [name for name in spellings
                      if not _lower_word_used(name.lower(), uses) and name.lower() not in common]
        shared = {k for k, n in Counter(map(skeleton.__getitem__, candidates)).items() if n > 1}
        paired = {name for name in candidates if skeleton[name] in shared}
        if not paired:
            return
        # the tokens that write each name (so also how often it is used), found only for
        # the names compared
        places = _Places(texts, spellings)
        # variants share their first letter and differ in length by one at most (the shapes
        # are taken in the order of all the candidates, so pairs come in the same order)
        by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
        for name in candidates:
            by_shape[name[0], len(name)].append(name)
        reported: set[str] = set()
        for (initial, length), names in by_shape.items():
            names = [name for name in names if name in paired]
            longer = [name for name in by_shape.get((initial, length + 1), ()) if name in paired]
            if not names or len(names) == 1 and not longer:
                continue                    # no other name of its shape and skeleton (most of them)
            pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if skeleton[a] == skeleton[b]] + \
                    [(a, b) for a in names for b in longer if skeleton[a] == skeleton[b]]
            for a, b in pairs:
                if not _variant(a, b) or _different_people(doc, places[a], places[b]):
                    continue
                major, minor = (a, b) if (len(places[a]), -places[a][0]) >= (len(places[b]), -places[b][0]) else (b, a)
                if minor in reported or all(quoted_name(doc, s, s + len(minor))
                                            for s in tokens.offsets(places[minor])):
                    continue                # 'misspelt "Hillary Clinton" as "Hilary Clinton"'
                reported.add(minor)
                # used as often, either may be the misspelling: no fix ("Villareal"/"Villarreal")
                fixable = len(places[major]) > len(places[minor])
                for t in places[minor]:
                    start = tokens.starts[t]
                    end = start + len(minor)
                    fix = Fix.replace(start, end, major, safe=False, message=f"write '{major}'") if fixable else None
                    yield Finding(start, end, f"'{minor}' here, but '{major}' elsewhere in the article "
                                              f"({_times(len(places[major]))}): spell the name one way", fix)


_POSSESSIVE_END = lazy(re.compile, "['’]s?(?=\0|\\Z)")
_NO_VOWELS = str.maketrans("", "", "aeiouyAEIOUY")
_DOUBLED = lazy(re.compile, r"(?<=([^\0]))\1+")       # the letters after the first of a run


def _may_be_variants(words: list[str]) -> tuple[list[str], dict[str, str]]:
    """The words whose name (the word without a possessive ending) may be a variant of
    another word's, and the skeleton of each such name: variants have the same consonants
    in the same order once doubled letters are made single ("Kadhimi"/"Kadhimy": Kdhm;
    "Mohammed"/"Mohamed": Mhmd), so a name whose skeleton no other name has is no variant
    (most of them). Made in a few passes over all the words joined, in C, not a step for
    each word."""
    if len(words) < 2:
        return [], {}
    stems = _POSSESSIVE_END.sub("", "\0".join(words)).split("\0")
    distinct = list(dict.fromkeys(stems))
    joined = "\0".join(distinct)
    if joined.isascii():
        consonants = joined.encode().translate(None, b"aeiouyAEIOUY").decode()
    else:
        consonants = joined.translate(_NO_VOWELS)
    skeletons = _DOUBLED.sub("", consonants).split("\0")
    if len(set(skeletons)) == len(skeletons):
        return [], {}
    counts = Counter(skeletons)
    skeleton = {stem: key for stem, key in zip(distinct, skeletons) if counts[key] > 1}
    return list(compress(words, map(skeleton.__contains__, stems))), skeleton


def _lower_word_used(word: str, uses: dict) -> bool:
    """Whether the article uses `word` (a name lower-cased) as a lower-case word."""
    return word in uses and word.islower()


class _Places(dict):
    """name -> the indexes of the tokens that write it, in text order; made on first use,
    for every name at once in one pass over the tokens (a pass for each name compared made
    a long text's cost grow with the square of its length)."""

    def __init__(self, texts: list[str], spellings: dict[str, list[str]]) -> None:
        super().__init__()
        self.texts, self.spellings = texts, spellings

    def __missing__(self, name: str) -> list[int]:
        name_of = {word: stem for stem, words in self.spellings.items() for word in words}
        for stem in self.spellings:
            self[stem] = []
        texts = self.texts
        for i in compress(range(len(texts)), map(name_of.__contains__, texts)):
            self[name_of[texts[i]]].append(i)
        return self[name] if name in self else []


# lower-case words inside a name, between a given name and the rest of it
_NAME_PARTICLES = frozenset("bin bint ibn al el de da di du dos das van von der den del della la le".split())


def _different_people(doc: Document, at_a: list[int], at_b: list[int]) -> bool:
    """Whether the two spellings stand beside different names ("Kelli White", "Kelly Holmes";
    "David Walliams", "Robbie Williams"): two people, not one name spelt two ways."""
    tokens = doc.tokens
    texts = tokens.texts

    def joined(i: int, j: int) -> bool:          # next to each other, with only a space between
        lo, hi = min(i, j), max(i, j)
        return doc.prose[tokens.starts[lo] + len(texts[lo]):tokens.starts[hi]].isspace()

    def neighbours(at: list[int]) -> set[str]:
        out = set()
        for i in at:
            for j in (i - 1, i + 1):
                k = i
                if j == i + 1 < len(texts) - 1 and texts[j] in _NAME_PARTICLES and joined(i, j):
                    k, j = j, j + 1         # "Mohammed bin Salman": the name after the particle
                if 0 <= j < len(texts) and texts[j][:1].isupper() and texts[j] not in _TITLES and joined(k, j):
                    out.add(_stem(texts[j]))
        return out
    pair = {_stem(texts[at_a[0]]), _stem(texts[at_b[0]])}
    a, b = neighbours(at_a) - pair, neighbours(at_b) - pair
    return bool(a) and bool(b) and not (a & b)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


# ----------------------------------------------------------------------------- LN404

class TruncatedName(Rule):
    """A multi-word name cut short, leaving a fragment as subject: "United intend to continue" (for "United States").

    Flags a word that in news copy stands only as the first part of a longer name
    ("United", "Saudi", "Sri", "Hong", "Costa" ...) when it opens a sentence directly
    followed by a lower-case word, and the article never uses it otherwise: neither alone
    elsewhere nor in a longer name whose short form it could be ("Manchester United ...
    United won"). The word list is an option.

    ## Why it matters
    A name that lost its second word no longer names anything ("United intend ..."), and
    the sentence reads as a typo or as the wrong subject.

    ## Example
    United intend to continue their support for the Iraqi security forces.

    ## Use instead
    The United States intends to continue its support for the Iraqi security forces.

    ## Options
    - `fragments`: first words of multi-word names that never stand alone, replacing the
      built-in list.
    """

    code = "LN404"
    name = "truncated-name"
    severity, precision = measured(code)

    @dataclass(frozen=True)
    class Options:
        fragments: tuple[str, ...] = word_list("name_fragments")

    def check(self, doc: Document) -> Iterator[Finding]:
        fragments = frozenset(self.options.fragments)
        tokens = doc.tokens
        texts = tokens.texts
        if fragments.isdisjoint(tokens.distinct):
            return
        sentence_starts = {s.start for s in doc.sentences}
        at = list(compress(range(len(texts)), map(fragments.__contains__, texts)))
        start_of = dict(zip(at, tokens.offsets(at)))
        # how often each fragment stands in a longer name or inside a sentence
        set_up = Counter(texts[j] for j in at if _used_as_name(texts, j) or start_of[j] not in sentence_starts)
        for i in at:
            word = texts[i]
            if i == len(texts) - 1 or start_of[i] not in sentence_starts:
                continue
            following = texts[i + 1]
            if not following[0].islower():
                continue                    # "United States", "Saudi Arabia"
            if set_up[word] - _used_as_name(texts, i) > 0:
                continue                    # used elsewhere: a short form the article set up
            start = start_of[i]
            yield Finding(start, start + len(word), f"'{word} {following}': '{word}' is only part of a name "
                                                    f"('{word} ...'): write the whole name")


def _used_as_name(texts: list[str], j: int) -> bool:
    """Whether token j is inside a longer capitalised name ("Manchester United", "United Nations")."""
    before = texts[j - 1] if j > 0 else ""
    after = texts[j + 1] if j + 1 < len(texts) else ""
    return (before[:1].isupper()) or (after[:1].isupper())
