"""LN601 misspelling and LN602 dialect-spelling: lower-case words the dictionary does not
know, and spellings of the dialect the house does not write."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import filterfalse
from pathlib import Path
from typing import Literal

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.rules._dictionary import dictionary
from lintnews.ruleset import Rule
from lintnews.rules._vocabulary import Vocabulary

MIN_LENGTH = 3
# a word shorter than SHORTEST - 1 is reported only as a contraction without its apostrophe
# ("dont"), one shorter than SHORT only as _short_slip says
SHORTEST, SHORT = 5, 6
_ODD_APOSTROPHES = "´`ʼ‘"
# words judged afresh in one text, past which it is checked no further (a text with this many
# unknown words is no English prose: a word list, a made-up language); and how many answers
# (words, tokens known to hold no slip) are kept from one article to the next
MAX_JUDGED, KNOWN_UP_TO, QUIET_UP_TO = 2_000, 30_000, 130_000
# a word made of a known word and one of these is a word ("demerge", "hatful")
PREFIXES = ("anti", "bio", "co", "counter", "cross", "cyber", "de", "dis", "eco", "ex", "geo", "hyper", "inter",
            "mega", "micro", "mid", "mis", "multi", "nano", "neo", "non", "out", "over", "post", "pre", "pro",
            "proto", "pseudo", "re", "self", "semi", "sub", "super", "tele", "ultra", "un", "under")
SUFFIXES = ("able", "er", "ers", "es", "esque", "ful", "hood", "ish", "ism", "isms", "ist", "ists", "less", "like", "ly",
            "ment", "ments", "ness", "s", "ship", "wise")
# informal endings on a common word, after the last letters given: "girthy", "plushie",
# "oughta" (not "completey", nor "finaly", a slip of "finally", nor "strugglersa")
_CONSONANTS = "bcdfghjklmnpqrstvwxz"
INFORMAL = {"a": "dt", "ie": _CONSONANTS, "ies": _CONSONANTS, "y": _CONSONANTS}
_PLURALS = ("men", "ren", "s")      # "childrens", "womens" are slips, not plurals
_TAKES_ES = ("s", "x", "z", "ch", "sh", "o", "i")     # "-es" only after these ("yeares" is a slip; "furr-i-es")
# a word beside one of these is most likely in a foreign phrase ("joie de vivre", "per annum")
PARTICLES = frozenset(("al", "au", "da", "de", "del", "della", "der", "des", "di", "du", "el", "en", "et", "la",
                       "le", "les", "per", "van", "von", "y"))
# the characters that make a run of text a link, an address, a handle, a path or code
_LINK_CHARS = lazy(re.compile, r"[/@\\_=#<>{}|~^]|\w\.\w")
_DEFINED_BEFORE = lazy(re.compile, r"(?:called|known as|termed|dubbed|so-called|the word|the term|the phrase)"
                                   r"\s*[\"“‘']?\s*$", re.I)
# a word in quotation marks of its own, or with one or two others: a term ("'carte blanche'")
_GLOSS = lazy(re.compile, r"[\"”’']?\s*\((?:an? |the )?[a-z]")     # "hawala (an informal ...)", not "(SUV)"


def _word_shapes(token: str) -> Iterator[tuple[int, str]]:
    """(offset in the token, word) of each part of a token this rule checks: a token in
    lower case, without digits, split at hyphens, a possessive "'s" left off."""
    if not token[0].islower() or not token.islower() or any(c.isdigit() or c == "_" for c in token):
        return
    offset = 0
    for part in token.split("-"):
        word = part.replace("’", "'") if part.isascii() else unicodedata.normalize("NFC", part.replace("’", "'"))
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) >= MIN_LENGTH and word.isalpha() or "'" in word:
            yield offset, word
        offset += len(part) + 1


def _derived(word: str, near: set[str]) -> bool:
    """Whether `word` is made of a known word: with a suffix ("hatful", "shockwaves",
    "wirelessly", "girthy"), or with a prefix ("demerge") or another word ("planemaker")
    where none of the common words `near` it lies one edit away outside the part added
    ("untill" is a slip of "until", "everthing" of "everything"); or is the other dialect's
    spelling of a known word ("weaponised")."""
    words = dictionary()
    if word in PREFIXES or word in SUFFIXES:
        return True
    if any(words.american(c) for c in _counterparts(word, True)) \
            or any(words.british(c) for c in _counterparts(word, False)):
        return True                                         # "weaponised" beside "weaponized"
    for prefix in PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 4 and rest in words:
            if not any(not n.endswith(rest) for n in near):
                return True
    for suffix in SUFFIXES:
        if not word.endswith(suffix):
            continue
        stem = word[:-len(suffix)]
        stems = [stem]
        if suffix == "ly" and stem.endswith("b"):
            stems.append(stem + "le")                       # "unfeasibly"
        if stem.endswith("i"):
            stems.append(stem[:-1] + "y")                   # "clunkiness", "furries"
        if suffix == "s" and stem.endswith(_PLURALS) or suffix == "es" and not stem.endswith(_TAKES_ES):
            continue
        if len(stem) >= 4 and any(s in words for s in stems):
            return True
    for suffix in INFORMAL:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and words.is_common(stem) and stem[-1] in INFORMAL[suffix] \
                and stem + "ly" not in words:
            return True
    if near:
        return False
    return any(word[:i] in words and word[i:] in words for i in range(3, len(word) - 2))


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# letters a finger slips between: neighbours on a QWERTY keyboard (in a row, and the three
# nearest in the rows above and below), vowels for vowels, and letters that sound alike
_SLIPS = {(a, b) for row in _ROWS for a, b in zip(row, row[1:])}
_SLIPS |= {(upper[i + d], lower[i]) for upper, lower in zip(_ROWS, _ROWS[1:]) for i in range(len(lower))
           for d in (0, 1) if i + d < len(upper)}
_SLIPS |= {("c", "s"), ("c", "k"), ("s", "z"), ("g", "j")}
_SLIPS |= {(b, a) for a, b in _SLIPS}
_VOWELS = "aeiouy"
# a vowel written for another is a misspelling of a long word ("definately", "prevalant"),
# but in a short one most often another word ("backshot", "shoutout", "utero")
VOWEL_SLIP_FROM = 9


def _slip(word: str, meant: str) -> bool:
    """Whether `word` could be a slip of the keys for `meant`, one edit away: a letter left
    out, added or two swapped, or one replaced by a letter beside it on the keyboard, by
    one that sounds alike, or (in a long word) a vowel for a vowel: "definately" for
    "definitely", not "stickered" for "snickered" nor "backshot" for "buckshot"."""
    if len(word) != len(meant):
        return True
    diff = [i for i, (a, b) in enumerate(zip(word, meant)) if a != b]
    if len(diff) != 1:
        return True
    a, b = word[diff[0]], meant[diff[0]]
    return (a, b) in _SLIPS or a in _VOWELS and b in _VOWELS and len(word) >= VOWEL_SLIP_FROM


def _short_slip(word: str, near: tuple[str, ...], used: dict[str, None]) -> bool:
    """Whether a short word is reported: where it does not look like English ("fliht"), or
    where the article uses a word it is a slip of ("abuot" beside "about"). Most short
    unknown words are abbreviations, slang or foreign ("bpd", "wifi", "sesh", "rapey")."""
    return not dictionary().looks_english(word) or any(n in used or n.capitalize() in used for n in near)


def _contractions(word: str) -> Iterator[str]:
    """The contractions `word` may be with its apostrophe left out: "dont" don't, "theyre"
    they're, "weve" we've, "theyll" they'll, "youd" you'd."""
    if word.endswith("nt"):
        yield word[:-2] + "n't"
    for ending in ("re", "ve", "ll", "d"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            yield word[:-len(ending)] + "'" + ending


def _plain(word: str) -> str:
    """The word without its accents ("naïveté" -> "naivete")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _places(tokens, words: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[int, int]]]:
    """Where each of `words` stands in the text, in any case, as a token or a part of a
    hyphenated one (a possessive after it left off): (token index, offset in the token)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for i, token in enumerate(tokens.folded):
        if token in words:
            out.setdefault(token, []).append((i, 0))
        elif "-" in token or "'" in token or "’" in token:
            offset = 0
            for part in token.split("-"):
                word = part.replace("’", "'").removesuffix("'s")
                if word in words:
                    out.setdefault(word, []).append((i, offset))
                offset += len(part) + 1
    return out


def _occurrences(prose: str, word: str) -> list[tuple[int, int]]:
    """Where `word` stands in the prose as a word of its own or part of a hyphenated one,
    in any case."""
    pattern = re.compile(r"(?<![\w'’])" + re.escape(word).replace("'", "['’]") + r"(?![\w]|['’]\w(?<!['’]s))",
                         re.I)
    return [m.span() for m in pattern.finditer(prose)]


_LAST_WORD = lazy(re.compile, r"([\w'’]+)\W{0,3}$")
_FIRST_WORD = lazy(re.compile, r"\W{0,3}([\w'’]+)")


def _in_foreign_phrase(prose: str, start: int, end: int) -> bool:
    """Whether a word beside prose[start:end] is a foreign particle ("joie de vivre") or a
    lower-case word the dictionary does not know either ("laissez-faire", "kung fu")."""
    words = dictionary()
    before = _LAST_WORD.search(prose, max(0, start - 30), start)
    after = _FIRST_WORD.match(prose, end, end + 30)
    for m in (before, after):
        if m is None:
            continue
        word = m[1].replace("’", "'").removesuffix("'s")
        if word in PARTICLES or word.isalpha() and word.islower() and word not in words and not _derived(
                word, {n for n in words.neighbours(word) if _slip(word, n)}):
            return True
    return False


def _in_link(prose: str, start: int, end: int) -> bool:
    """Whether the run of text without white space around prose[start:end] is a link, an
    e-mail address, a handle, a path or code."""
    left = start
    while left > 0 and not prose[left - 1].isspace():
        left -= 1
    right = end
    while right < len(prose) and not prose[right].isspace():
        right += 1
    return bool(_LINK_CHARS.search(prose, left, right))


def _defined(prose: str, start: int, end: int) -> bool:
    """Whether the article explains the word where it stands, or names it as a term:
    "hawala (an informal ...)", "a practice called hawala", "coined the phrase 'liberati'"."""
    return _GLOSS.match(prose, end, end + 12) is not None \
        or _DEFINED_BEFORE.search(prose, max(0, start - 20), start) is not None


class Misspelling(Rule):
    """A lower-case word that is no English word but a slip of the keys away from a common one: "accomodate", "politicial", "confirned".

    Only lower-case words are checked, against SCOWL's word lists (British and American
    spellings both; rules/data/spelling.idx). News is made of names: capitalised words,
    acronyms, words with capitals inside or digits, links, e-mail addresses, handles and
    code are left alone (a name spelt two ways is LN401's). A word is reported only where a
    common word lies one slip away: a letter left out, added, doubled, two swapped, or one
    replaced by a key beside it, a letter that sounds alike or (in a word of 9 letters or
    more) another vowel; other unknown words are most often rare, foreign or new. A word is
    also accepted where the article uses it twice or more (in any case: a lower-case word
    the article uses as a name is no slip) or explains it ("hawala (an informal transfer)",
    "a practice called hawala"); where it is a known word with a prefix or suffix
    ("demerge", "hatful", "shockwaves"), the other dialect's spelling of one
    ("weaponised"), or two known words run together ("planemaker") and no common word is one
    slip away outside the part added ("untill", "everthing" are reported); and beside a
    foreign particle or another unknown word ("joie de vivre", "laissez-faire"). A word of 4
    or 5 letters is reported only where it looks like no English word ("fliht") or the
    article uses the word it is a slip of ("abuot" beside "about"): short unknown words are
    mostly slang and abbreviations ("bevs", "sesh"). "dont" and "isnt" are reported as
    "don't" and "isn't".

    ## Why it matters
    A typo in published copy reads as carelessness, and readers notice it first.

    ## Example
    The council could not accomodate the request.

    ## Use instead
    The council could not accommodate the request.

    ## Fix safety
    Where one common word alone lies one slip away, the fix writes it; it is unsafe, as a
    rare word can be meant. Where several do, the message names them and there is no fix.

    ## Options
    `accept` and `reject`: house vocabulary, each entry a word (any case) or a regular
    expression a whole word must match (as in Vale's Vocab); accepted words are never
    reported, rejected ones always are (in any case, capitalised too). `accept-files` and
    `reject-files`: files of such entries, one a line ('#' starts a comment), relative to
    the folder of the configuration file read (with `extend`, the file that extends); a
    file that cannot be read is a configuration error.
    """

    code = "LN601"
    name = "misspelling"
    severity, precision = measured(code)
    fixable = True

    @dataclass(frozen=True)
    class Options:
        accept: tuple[str, ...] = ()
        reject: tuple[str, ...] = ()
        accept_files: tuple[Path, ...] = ()
        reject_files: tuple[Path, ...] = ()

    def __init__(self, options=None) -> None:
        super().__init__(options)
        o = self.options
        self.vocabulary = Vocabulary.of(o.accept, o.reject, o.accept_files, o.reject_files)
        # answers that do not depend on the article, kept from one article to the next
        self._known: dict[str, tuple[str, ...]] = {}
        self._quiet: set[str] = set()           # tokens with no word that may be a slip
        self._quiet_common = False              # whether _quiet holds the common words too
        self._judged = 0                        # words judged (not found in _known) in this article

    def check(self, doc: Document) -> Iterator[Finding]:
        findings = [*self._rejected(doc), *self._unknown(doc)]
        findings.sort(key=lambda f: f.start)
        return iter(findings)

    def _unknown(self, doc: Document) -> Iterator[Finding]:
        prose, tokens = doc.prose, doc.tokens
        slips = self._candidates(tokens.distinct)
        if not slips:
            return
        for word, at in _places(tokens, slips).items():
            if len(at) != 1:                # used twice or more (or as a name): the article's word
                continue
            i, offset = at[0]
            start = tokens.offsets((i,))[0] + offset
            end = start + len(word)
            if prose[start:end].replace("’", "'") != word:     # (a form the prose does not hold as it is)
                continue
            near = slips[word]
            contraction = near[0].endswith("n't")
            if len(word) < SHORT and not contraction and not _short_slip(word, near, tokens.distinct):
                continue
            if _in_link(prose, start, end) or _defined(prose, start, end) or _in_foreign_phrase(prose, start, end):
                continue
            if prose[end:end + 1] in _ODD_APOSTROPHES and prose[end + 1:end + 2].isalpha():     # "didn´t"
                continue
            if prose[start - 1:start] in "'’" and prose[end:end + 1] not in "'’" and start > 0:    # "'orrible"
                continue
            yield self._finding(doc, start, end, prose[start:end], near)

    def _candidates(self, distinct: dict[str, None]) -> dict[str, tuple[str, ...]]:
        """The words of the article that may be slips, each with the common words it may be
        a slip of. A text with many unknown words (not English prose) is judged no further
        than its first MAX_JUDGED."""
        quiet = self._quiet
        if len(quiet) > QUIET_UP_TO:
            quiet.clear()
            self._quiet_common = False
        fresh = []
        for token in filterfalse(quiet.__contains__, distinct):
            if token[0].islower() and len(token) >= MIN_LENGTH:
                fresh.append(token)
            else:
                quiet.add(token)
        if not fresh:                       # (no lower-case word to check: the dictionary is not read)
            return {}
        words = dictionary()
        if words.has_common_set and not self._quiet_common:         # (one lookup a token from now on)
            quiet |= words.common
            self._quiet_common = True
            fresh = [token for token in fresh if token not in quiet]
        self._judged = 0
        out: dict[str, tuple[str, ...]] = {}
        for token in fresh if self._quiet_common else words.uncommon(fresh):
            found = self._words_in(token)
            if not found:
                quiet.add(token)
            for word in found:
                out[word] = self._slips_of(word)
            if self._judged > MAX_JUDGED:
                break
        return out

    def _words_in(self, token: str) -> list[str]:
        """The words of a token that may be slips (see _word_shapes): none where the token is
        capitalised, or is a hyphenated word the dictionary knows whole."""
        shapes = [word for _, word in _word_shapes(token)]
        if len(shapes) > 1 or shapes and "-" in token:
            whole = token.replace("’", "'").removesuffix("'s")
            if any(w in dictionary() for w in (whole, whole.replace("-", ""), whole.removesuffix("s"))):
                return []
        return [word for word in shapes if self._slips_of(word)]

    def _slips_of(self, word: str) -> tuple[str, ...]:
        """The common words `word` is a slip of, in order; () where it is a word, or where
        it is too unlike a slip to report. Kept for the next article (a word's answer does
        not depend on where it stands)."""
        known = self._known.get(word)
        if known is None:
            if len(self._known) > KNOWN_UP_TO:
                self._known.clear()
            known = self._known[word] = self._judge(word)
            self._judged += 1
        return known

    def _judge(self, word: str) -> tuple[str, ...]:
        words = dictionary()
        if word in words or "'" in word or self.vocabulary.accepts(word):
            return ()
        if not word.isascii() and _plain(word) in words:            # "naïveté"
            return ()
        for contraction in _contractions(word):                     # "dont", "theyre"
            if words.is_common(contraction):
                return (contraction,)
        if len(word) < SHORTEST - 1:
            return ()
        near = {n for n in words.neighbours(word) if _slip(word, n)}
        if not near or _derived(word, near):
            return ()
        return tuple(sorted(near))

    def _finding(self, doc: Document, start: int, end: int, written: str, near: tuple[str, ...]) -> Finding:
        if len(near) == 1:
            best = near[0]
            fix = Fix.replace(start, end, best, safe=False, message=f"write '{best}'") \
                if doc.is_verbatim(start, end) else None
            return Finding(start, end, f"'{written}' is misspelt: write '{best}'", fix)
        options = " or ".join(f"'{n}'" for n in near[:3])
        return Finding(start, end, f"'{written}' is not in the dictionary (did you mean {options}?): "
                                   f"check the spelling")

    def _rejected(self, doc: Document) -> Iterator[Finding]:
        if not self.vocabulary.reject:
            return
        prose = doc.prose
        for token in doc.tokens.distinct:
            for part in {token, *token.split("-")}:
                if self.vocabulary.rejects(part):
                    for start, end in _occurrences(prose, part):
                        if prose[start:end] == part:
                            yield Finding(start, end, f"'{part}' is on the house's reject list: use another word")


# British spelling -> American, as (British ending or piece, American one)
_TO_AMERICAN = (("our", "or"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
                ("isation", "ization"), ("isations", "izations"), ("yse", "yze"), ("ysed", "yzed"),
                ("ysing", "yzing"), ("tre", "ter"), ("tres", "ters"), ("ence", "ense"), ("ogue", "og"),
                ("ogues", "ogs"), ("ll", "l"), ("ae", "e"), ("oe", "e"), ("mme", "m"), ("mmes", "ms"),
                ("eing", "ing"), ("ey", "ay"))


def _counterparts(word: str, to_american: bool) -> Iterator[str]:
    """Spellings of `word` with one British piece swapped for its American one (or back)."""
    for gb, us in _TO_AMERICAN:
        old, new = (gb, us) if to_american else (us, gb)
        i = word.find(old)
        while i >= 0:
            yield word[:i] + new + word[i + len(old):]
            i = word.find(old, i + 1)


class DialectSpelling(Rule):
    """A word spelt the way of the dialect the house does not write: "colour" in en-US copy, "color" in en-GB.

    Off until `dialect` is set: by default British and American spellings are both right
    (and LN601 accepts both). With `dialect = "en-US"`, a word only the British lists of
    SCOWL hold, whose American spelling differs by a regular piece ("-our"/"-or",
    "-ise"/"-ize", "-tre"/"-ter", "-ence"/"-ense", "-ll-"/"-l-", "-ogue"/"-og", "ae"/"e")
    is reported; with "en-GB", the American ones. A house style finding, not a typo: the
    word is right in the other dialect. en-GB is SCOWL's British (-ise) spelling.

    ## Why it matters
    A newsroom writes one dialect; copy from wires and freelancers mixes them.

    ## Example
    The colour of the new flag was agreed. (dialect = "en-US")

    ## Use instead
    The color of the new flag was agreed.

    ## Fix safety
    The fix writes the house's spelling; it is safe (the same word, the house's way).

    ## Options
    `dialect`: "en-GB" or "en-US" (unset by default: no findings).
    """

    code = "LN602"
    name = "dialect-spelling"
    severity, precision = measured(code)
    fixable = True

    @dataclass(frozen=True)
    class Options:
        dialect: Literal["en-GB", "en-US"] | None = None

    def check(self, doc: Document) -> Iterator[Finding]:
        if self.options.dialect is None:
            return iter(())
        words, prose = dictionary(), doc.prose
        american = self.options.dialect == "en-US"
        other, house = ("British", "American") if american else ("American", "British")
        found = []
        for token in doc.tokens.distinct:
            for _, word in _word_shapes(token):
                if "'" in word or not (words.british(word) if american else words.american(word)):
                    continue
                right = next((c for c in _counterparts(word, american)
                              if (words.american(c) if american else words.british(c))), None)
                if right is None:
                    continue
                for start, end in _occurrences(prose, word):
                    if prose[start:end] != word or _in_link(prose, start, end):
                        continue
                    fix = Fix.replace(start, end, right, message=f"write '{right}'") \
                        if doc.is_verbatim(start, end) else None
                    found.append(Finding(start, end, f"'{word}' is the {other} spelling; the house writes "
                                                     f"{house} ({self.options.dialect}): write '{right}'", fix))
        return iter(sorted(found, key=lambda f: f.start))
