"""News-text helpers for rule authors: paragraphs, sentences, words and quotations.

Every function works on a string (normally a Document's prose view) and returns offsets
into it, so that a finding built from them points into the original file. The Document
calls these once and caches the result; rules ask the Document, not these functions.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from array import array
from bisect import bisect_left
from itertools import accumulate, islice
from typing import NamedTuple

import regex

from lintnews.core import speedups
from lintnews.patterns import HSPACE, SPACE, lazy

_new = tuple.__new__        # (a named tuple made from its fields in order, without its checks)


def offset_type(length: int) -> str:
    """The array type code for offsets into a text of this length: 4 bytes each, 8 for a
    text of 2**31 characters or more."""
    return "q" if length >= 2**31 else "i"


OBJECTS_ALWAYS = 4096          # quotations, blocks or marks any text may keep as objects
CHARACTERS_AN_OBJECT = 16      # and past that, one in this many characters


def objects_up_to(length: int) -> int:
    """How many quotations, blocks or marks a text of this length is analysed with as a
    list of Python objects (quick to read; as in any prose): one in 16 characters, or 4,096.
    A text denser than that (a hostile one) has them kept in arrays of numbers."""
    return max(OBJECTS_ALWAYS, length // CHARACTERS_AN_OBJECT)


class ReadOnlySequence(Sequence):
    """A read-only sequence equal to any list or tuple of the same items, and shown as one."""

    __slots__ = ()
    __hash__ = None         # (equal to lists, so no hash)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (ReadOnlySequence, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


def _array(length: int, offsets: bytes) -> array:
    """Offsets the compiled core gave as bytes (4 or 8 each, as offset_type(length) says)."""
    out = array(offset_type(length))
    out.frombytes(offsets)
    return out


def find_all(text: str, chars: Iterable[str], start: int = 0, end: int | None = None) -> list[int]:
    """The offsets of these characters (or strings) in text, in order. str.find scans for
    one character many times faster than a regex scans for a class of them, so passes that
    look only at a few kinds of character (quotation marks, full stops) start from this list."""
    out = []
    end = len(text) if end is None else end
    for c in chars:
        i = text.find(c, start, end)
        while i >= 0:
            out.append(i)
            i = text.find(c, i + 1, end)
    out.sort()
    return out


def offsets_of(text: str, chars: str, window: int = 1 << 14) -> list[int] | array:
    """find_all's offsets, made a window of the text at a time so that a text dense with
    these characters (a hostile one: more than one in 16 characters) gets them as an array
    (4 bytes an offset, not a list's 36) without a list of them all on the way. (The
    compiled core counts them first, and makes the list or the array at once.)"""
    if speedups is not None:
        limit = sys.maxsize if len(text) <= window else objects_up_to(len(text))
        found = speedups.char_offsets(text, chars, 0, len(text), limit)
        return found if type(found) is list else _array(len(text), found)
    if len(text) <= window:
        return find_all(text, chars)
    out: list[int] | array = []
    sparse = objects_up_to(len(text))
    for lo in range(0, len(text), window):
        found = find_all(text, chars, lo, lo + window)
        out.extend(found)
        if type(out) is list and len(out) > sparse:
            out = array(offset_type(len(text)), out)
    return out


# ---------------------------------------------------------------------------- paragraphs

_BLANK_LINE = lazy(regex.compile, r"(?>\r\n|\r|\n)[^\S\r\n]*(?>\r\n|\r|\n)")
# the same in a text with no "\r": the stdlib engine looks for its first "\n" many times faster
_BLANK_LINE_LF = lazy(re.compile, f"\n[{HSPACE}]*\n")
_LINE_BREAK = lazy(regex.compile, r"\r\n|\r|\n")


class Block(NamedTuple):
    """A paragraph or a sentence: text[start:end], trimmed of surrounding white space. (A
    named tuple, quick to make: there is one per sentence.)"""

    start: int
    end: int


class Blocks(ReadOnlySequence):
    """Paragraphs or sentences in order: a read-only sequence of Block (indexes, slices,
    iteration, len).

    Up to objects_up_to(len(text)) of them (as in any prose) are kept as Block objects,
    quick to read; past that (a text dense with them, such as "A. " a hundred thousand
    times) as two arrays of offsets, 8 bytes a block, not an object of about 150, each Block
    made when asked for. Either way they read the same."""

    __slots__ = ("_objects", "_starts", "_ends", "_limit", "_typecode")

    def __init__(self, blocks: Iterable[tuple[int, int]] = (), text_length: int = 0) -> None:
        self._objects: list[Block] | None = []
        self._starts: array | None = None
        self._ends: array | None = None
        self._limit = objects_up_to(text_length)
        self._typecode = offset_type(text_length)
        for start, end in blocks:
            self._add(start, end)

    def _add(self, start: int, end: int) -> None:
        """Append a block (while the blocks are made)."""
        objects = self._objects
        if objects is not None:
            objects.append(_new(Block, (start, end)))
            if len(objects) > self._limit:
                self._starts = array(self._typecode, (b.start for b in objects))
                self._ends = array(self._typecode, (b.end for b in objects))
                self._objects = None
        else:
            self._starts.append(start)
            self._ends.append(end)

    def __len__(self) -> int:
        return len(self._objects) if self._objects is not None else len(self._starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            part = Blocks.__new__(Blocks)           # (kept as this one is, for a text as long)
            part._objects, part._starts, part._ends = [], None, None
            part._limit, part._typecode = self._limit, self._typecode
            pairs = self._objects[i] if self._objects is not None else zip(self._starts[i], self._ends[i])
            for start, end in pairs:
                part._add(start, end)
            return part
        if self._objects is not None:
            return self._objects[i]
        return _new(Block, (self._starts[i], self._ends[i]))

    def __iter__(self) -> Iterator[Block]:
        if self._objects is not None:
            return iter(self._objects)
        return (_new(Block, pair) for pair in zip(self._starts, self._ends))

    @property
    def starts(self) -> Sequence[int]:
        """The start of every block, in order (for bisect; made anew on each use while the
        blocks are objects)."""
        return [b.start for b in self._objects] if self._objects is not None else self._starts


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


_LONG_LINE = lazy(regex.compile, r"[^\r\n]{160}")


def paragraphs(text: str) -> Blocks:
    """Paragraphs: runs of text between blank lines.

    A text with no blank line at all whose lines are not hard-wrapped (some line is longer
    than 160 characters: one paragraph a line, as some wire copy and exports are written)
    is taken to have one paragraph per line.
    """
    blank_line = _BLANK_LINE if "\r" in text else _BLANK_LINE_LF
    one_a_line = not blank_line.search(text) and _LONG_LINE.search(text)
    separator = _LINE_BREAK if one_a_line else blank_line
    out, pos = Blocks(text_length=len(text)), 0
    for m in separator.finditer(text):
        block = _trimmed(text, pos, m.start())
        if block:
            out._add(*block)
        pos = m.end()
    block = _trimmed(text, pos, len(text))
    if block:
        out._add(*block)
    return out


# ----------------------------------------------------------------------------- sentences

# Titles and other abbreviations that never end a sentence in news copy.
NEVER_FINAL = frozenset("""
Mr Mrs Ms Messrs Mme Dr Prof Rev Revd Fr Sr St Ste Mt Ft Lt Col Gen Maj Capt Cmdr Cdr Adm Brig
Sgt Cpl Pvt Pte Lieut Gov Sen Rep Rt Hon Pres Supt Insp Det Amb Gov Atty Insp Cllr Cpl Spc
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Vol Vols Fig Figs pp Art Para vs v
approx ca cf Ave Blvd Rd
""".split())
# Abbreviations that may or may not end a sentence: they end one only before a word that
# typically opens a sentence ("... in the U.S. The president ...").
MAYBE_FINAL = frozenset("""
Inc Co Corp Ltd LLC LLP Plc plc Jr Bros etc al Univ Dept Assn Intl Ed
""".split())
SENTENCE_OPENERS = frozenset("""
The A An He She It They We I You His Her Its Their Our My This That These Those There Here
But And Or So Yet In On At For From By With As If When While Although Though After Before
Since Because However Meanwhile Now Then Today Yesterday Last Next Some Many Most All Both
Neither No One Two Three Other Such What Who Why How Where Mr Mrs Ms Dr Sir
""".split())

# What ends a sentence (a candidate: see _is_sentence_end)
_SENTENCE_END = lazy(regex.compile,
    r"""(?:[.!?]+|…)[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[\p{Lu}\p{N}£$€])""")
# The same in the stdlib engine (quicker to try at one offset), with the white space the
# next sentence starts after (group 1) and the character after it and any opening marks
# (group 2), which must be one of [\p{Lu}\p{N}£$€]: no other character can follow a
# maximal run there, so the first match tells whether _SENTENCE_END matches at that offset
_STOP = lazy(re.compile, f"(?:[.!?]+|…)[\"'”’)\\]]*(?=([{SPACE}]+)[\"'“‘(\\[]*(.))", re.S)
_CAPITAL_OR_FIGURE = lazy(regex.compile, r"[\p{Lu}\p{N}£$€]")
_STOP_RUN = lazy(re.compile, r"[.!?]+")
# The token before a full stop at `end`: what regex's r"(\S+)\.$" finds before it, with
# the stdlib engine (its \s also takes U+001C-U+001F, so regex's white space is spelt out)
_TOKEN_BEFORE = lazy(re.compile, f"[^{SPACE}]+\\Z")
_INITIALISM = lazy(regex.compile, r"(?:\p{L}\.)+\p{L}$")      # U.S, a.m, e.g
_NEXT_WORD = lazy(regex.compile, r"\s+[\"'“‘(\[]*([\p{L}\p{N}]+)")


def _is_sentence_end(text: str, end: int, match_start: int) -> bool:
    """Whether the terminal punctuation text[match_start:end] really ends a sentence."""
    if text[match_start] != ".":
        return True
    lo = max(0, match_start - 40)
    # (the token starts after the last space, if no other white space follows it)
    after_space = max(lo, text.rfind(" ", lo, match_start) + 1)
    token = text[after_space:match_start]
    if not token.isalpha():                 # (the common case, a word, needs no pattern)
        m = _TOKEN_BEFORE.search(text, after_space, match_start)
        if not m:
            return True
        token = m.group().lstrip("\"'“‘([")
    if token in NEVER_FINAL:
        return False
    if len(token) == 1 and token.isupper():       # an initial: "J. K. Rowling"
        return False
    if token in MAYBE_FINAL or ("." in token and _INITIALISM.fullmatch(token)):
        nxt = _NEXT_WORD.match(text, end)
        return (nxt.group(1) if nxt else "") in SENTENCE_OPENERS
    return True


def _stops(text: str) -> Iterator[tuple[int, int, int]]:
    """Where _SENTENCE_END.finditer(text) matches (as _STOP matches), tried only where a
    match can start: at the full stops, question and exclamation marks and ellipses: (its
    start, its end, the end of the white space after it) for each.

    Where a run of [.!?] makes no match, no later mark of the run makes one either (each
    would be followed by what follows the run), so the run is tried once: a run of n
    marks costs n steps, not n * n / 2 as it did with finditer.
    """
    if speedups is not None:
        found = _array(len(text), speedups.stops(text, _capital_or_figure))
        return zip(found[::3], found[1::3], found[2::3])
    return _stops_in_python(text)


def _stops_in_python(text: str) -> Iterator[tuple[int, int, int]]:
    resume = 0
    for i in offsets_of(text, ".!?…"):
        if i < resume:
            continue
        m = _STOP.match(text, i)
        if m and _capital_or_figure(m.group(2)):
            resume = m.end()
            yield m.start(), m.end(), m.end(1)
        elif text[i] != "…":
            resume = _STOP_RUN.match(text, i).end()


def _capital_or_figure(c: str) -> bool:
    if c.isascii():
        return c.isupper() or c.isdigit() or c == "$"
    return _CAPITAL_OR_FIGURE.match(c) is not None


def sentences(text: str, paras: Sequence[Block]) -> Blocks:
    """Sentences of every paragraph (as `paragraphs` makes them), in order; a sentence never
    crosses a paragraph.

    The stops are found in one pass over the text. A stop at the very end of a paragraph
    (one that looks ahead into the next) ends nothing: the paragraph ends there anyway.
    Sentences need no trimming: one starts where its paragraph does or where the white
    space after a stop ends, and ends at a stop (punctuation) or where its paragraph does.
    """
    out = Blocks(text_length=len(text))
    stops = iter(_stops(text))
    m = next(stops, None)
    for para in paras:
        start = para.start
        while m is not None and m[1] < para.end:
            if m[0] >= para.start and _is_sentence_end(text, m[1], m[0]):
                out._add(start, m[1])
                start = m[2]
            m = next(stops, None)
        out._add(start, para.end)
    return out


# --------------------------------------------------------------------------------- words

WORD_PATTERN = r"\w+(?:[-'’]\w+)*"
WORD = lazy(regex.compile, WORD_PATTERN)
# The same tokens for split(), in the stdlib engine (faster for this one) and with possessive
# quantifiers (nothing follows them, so they match the same, without backtracking)
_WORD_SPLIT = lazy(re.compile, r"(\w++(?:[-'’]\w++)*+)")
# the same for a text in ASCII, where \w matches the same characters either way (and faster)
_WORD_SPLIT_ASCII = lazy(re.compile, _WORD_SPLIT.pattern, re.ASCII)
# the stdlib's \w holds no combining mark, so "re\u0301sume\u0301" (decomposed, NFD) would
# be two tokens: a text that has any mark is split in regex's engine, whose \w holds them
_MARK = lazy(regex.compile, r"\p{M}")
_WORD_SPLIT_MARKS = lazy(regex.compile, _WORD_SPLIT.pattern)


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


# In a text this long (a whole archive pasted into one file) the same words come back again
# and again: one string object per distinct word keeps memory near the text's size. Below
# it, sharing costs more time than it saves.
_SHARE_ABOVE = 256 * 1024


def _native_split(text: str) -> tuple[list[str], array] | None:
    """The tokens and their offsets from the compiled core, or None where it cannot give
    them: not built, or a text with a combining mark (split in regex's engine, see _split;
    the core knows the stdlib's \\w only)."""
    if speedups is None or (not text.isascii() and _MARK.search(text)):
        return None
    texts, starts = speedups.split_words(text, len(text) > _SHARE_ABOVE)
    return texts, _array(len(text), starts)


def _split(text: str) -> list[str]:
    """gap, token, gap, token, ..., gap"""
    if text.isascii():
        return _WORD_SPLIT_ASCII.split(text)
    return (_WORD_SPLIT_MARKS if _MARK.search(text) else _WORD_SPLIT).split(text)


def fold(word: str) -> str:
    """A word for comparison: composed (NFC: "e" + U+0301 is "é") and case-folded."""
    return word.casefold() if word.isascii() else unicodedata.normalize("NFC", word).casefold()


_WHITE_SPACE = lazy(re.compile, r"\s")


def _split_shared(text: str, chunk: int = 1 << 16) -> tuple[list[str], array]:
    """The tokens of a long text and their offsets (4 bytes each), made a piece at a time
    (cut at white space, which no token holds) with equal strings shared, so that neither a
    list of every word's own copy nor one of the gaps between them is ever made."""
    seen: dict[str, str] = {}
    texts: list[str] = []
    starts = array(offset_type(len(text)))
    start = 0
    while start < len(text):
        space = _WHITE_SPACE.search(text, start + chunk) if start + chunk < len(text) else None
        end = space.start() if space else len(text)
        piece = _split(text[start:end])                 # gap, token, gap, ..., gap
        starts.extend(islice(accumulate(map(len, piece), initial=start), 1, len(piece) - 1, 2))
        texts.extend(seen.setdefault(t, t) for t in islice(piece, 1, None, 2))
        start = end
    return texts, starts


class Tokens:
    """The word tokens of a text as parallel lists: `texts`, and on demand `starts` and `folded`.

    Made in one split of the text (no match object per word), which is several times
    cheaper than a list of Word objects; rules that compare neighbouring words work on the
    lists and make Word objects only for the few places they report. Most rules need the
    offsets of a few tokens only: `offsets` gives them without making the list of all.
    A long text's offsets are made with its tokens (see _split_shared).
    """

    __slots__ = ("texts", "_parts", "_starts", "_folded", "_summed", "_distinct")

    def __init__(self, text: str) -> None:
        self._starts: list[int] | array | None = None
        native = _native_split(text)
        if native is not None:                          # (the offsets made at once, no gaps kept)
            self._parts = []
            self.texts, self._starts = native
        elif len(text) <= _SHARE_ABOVE:
            self._parts = _split(text)                  # gap, token, gap, token, ..., gap
            self.texts: list[str] = self._parts[1::2]
        else:                                           # (the offsets made at once, no gaps kept)
            self._parts = []
            self.texts, self._starts = _split_shared(text)
        self._folded: list[str] | None = None
        self._distinct: dict[str, None] | None = None
        self._summed = 0

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def starts(self) -> Sequence[int]:
        """The offset of every token."""
        if self._starts is None:
            lengths = accumulate(map(len, self._parts), initial=0)     # (gap, token, ..., gap)
            if len(self._parts) > _SHARE_ABOVE // 4:      # a long text: 8 bytes an offset
                self._starts = array("q", islice(lengths, 1, len(self._parts) - 1, 2))
            else:
                self._starts = list(lengths)[1:-1:2]
        return self._starts

    def offsets(self, indexes: Iterable[int]) -> list[int]:
        """The offsets of the tokens at these indexes: the lengths before each are summed
        (in C) from the last one on, so an ascending run costs one pass at most. Once the
        calls have summed as many lengths as there are tokens, all offsets are made at
        once (so that many calls never cost more than one list of them)."""
        if self._starts is not None or self._summed > len(self._parts):
            starts = self.starts
            return [starts[i] for i in indexes]
        parts, out, done, offset = self._parts, [], 0, 0        # offset: where parts[done] starts
        # (the length of the parts joined is quicker to get than the sum of theirs, but a
        # long text's are summed, not to copy the text)
        long = len(parts) > _SHARE_ABOVE // 4
        for i in indexes:
            k = 2 * i + 1
            if k < done:
                done = offset = 0
            offset += sum(map(len, parts[done:k])) if long else len("".join(parts[done:k]))
            self._summed += k - done
            done = k
            out.append(offset)
        return out

    @property
    def folded(self) -> list[str]:
        """The tokens composed and case-folded (as fold does), for comparison."""
        if self._folded is None:
            # one casefold of the tokens joined (NUL is never in a token, and case folding
            # maps each character on its own), several times cheaper than one per token
            if len(self.texts) > _SHARE_ABOVE // 8:         # a long text: each word folded once
                folds: dict[str, str] = {}                  # (a word in lower-case ASCII is its own)
                self._folded = [folds.get(t) or folds.setdefault(t, t if t.islower() and t.isascii() else fold(t))
                                for t in self.texts]
            elif self.texts:
                joined = "\0".join(self.texts)
                if not joined.isascii() and not unicodedata.is_normalized("NFC", joined):
                    joined = unicodedata.normalize("NFC", joined)       # (see fold)
                self._folded = joined.casefold().split("\0")
            else:
                self._folded = []
        return self._folded

    @property
    def distinct(self) -> dict[str, None]:
        """Each token text once, in order of first use (a dict: membership tests are cheap).
        Several rules first ask whether a word occurs at all, and skip a pass if not."""
        if self._distinct is None:
            self._distinct = dict.fromkeys(self.texts)
        return self._distinct

    def word(self, i: int) -> Word:
        start = self.offsets((i,))[0]
        return Word(start, start + len(self.texts[i]), self.texts[i])

    def window(self, lo: int, hi: int) -> list[Word]:
        """Word objects for tokens lo..hi-1 (clipped to the text)."""
        at = range(max(0, lo), min(hi, len(self.texts)))
        return [Word(start, start + len(self.texts[i]), self.texts[i]) for i, start in zip(at, self.offsets(at))]


def words(text: str) -> list[Word]:
    """Word tokens, keeping internal hyphens and apostrophes ("Al-Kadhimi's", "don't")."""
    tokens = Tokens(text)
    return tokens.window(0, len(tokens))


# ---------------------------------------------------------------------------- quotations

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_MARKS = '"' + DOUBLE_OPEN + DOUBLE_CLOSE
SINGLE_MARKS = "'‘’"
_OPEN_CONTEXT = set("([{—–-/") | {"\u00a0"}
# apostrophes that open a word and are not quotation marks: 'n', '90s, 'em, 'tis
_LEADING_APOSTROPHE = lazy(regex.compile, r"['’](?:n['’]|\d\d|em\b|tis\b|twas\b|cause\b|til\b)", regex.I)


class Quotation(NamedTuple):
    """A quotation: from its opening mark to just past its closing mark.

    `closed` is False when the paragraph ends first; `continues` says it runs on into the
    next paragraph by the newspaper convention (no closing mark, next paragraph opens with
    one), in which case `end` is the end of its paragraph. `continued_from` is the index (in
    the document's list) of the quotation in the previous paragraph that this one carries
    on. `double` is False for single-quote spans. (A named tuple, quick to make: a dense
    Quotations makes one each time one is asked for.)
    """

    start: int
    end: int
    paragraph: int
    double: bool = True
    closed: bool = True
    continues: bool = False
    continued_from: int | None = None

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


class Quotations(ReadOnlySequence):
    """Quotations in order: a read-only sequence of Quotation (indexes, slices, iteration,
    len), and their chains.

    They are kept as arrays of numbers, about 17 bytes each, not as objects (about 150
    bytes): a hostile file can hold one in every two characters. While there are no more
    than `keep_up_to` of them (as in any prose) a list of the objects is kept as well, for an
    article's quotations are read by several rules; past that each Quotation is made when
    asked for. Either way they read the same."""

    __slots__ = ("_starts", "_ends", "_paragraphs", "_continued", "_flags", "keep_up_to", "_objects")
    _DOUBLE, _CLOSED, _CONTINUES = 1, 2, 4
    _FLAGS = [(bool(f & 1), bool(f & 2), bool(f & 4)) for f in range(8)]    # -> double, closed, continues

    def __init__(self, quotations: Iterable[Quotation] = (), typecode: str = "q",
                 keep_up_to: int = OBJECTS_ALWAYS) -> None:
        self.keep_up_to = keep_up_to
        self._starts, self._ends, self._paragraphs = array(typecode), array(typecode), array(typecode)
        self._continued = array(typecode)       # continued_from, -1 for None
        self._flags = bytearray()
        self._objects: list[Quotation] | None = []
        for q in quotations:
            self._add(*q)

    def _add(self, start: int, end: int, paragraph: int, double: bool = True, closed: bool = True,
             continues: bool = False, continued_from: int | None = None) -> None:
        """Append the quotation with these fields, as Quotation takes them (while the
        quotations are found)."""
        self._starts.append(start)
        self._ends.append(end)
        self._paragraphs.append(paragraph)
        self._continued.append(-1 if continued_from is None else continued_from)
        self._flags.append(self._DOUBLE * double | self._CLOSED * closed | self._CONTINUES * continues)
        objects = self._objects
        if objects is not None:
            if len(objects) < self.keep_up_to:
                objects.append(_new(Quotation, (start, end, paragraph, double, closed, continues, continued_from)))
            else:
                self._objects = None            # (dense: made when asked for from now on)

    @property
    def starts(self) -> Sequence[int]:
        """Where each quotation starts, in order."""
        return self._starts

    @property
    def ends(self) -> Sequence[int]:
        """Where each quotation ends."""
        return self._ends

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Quotations((self[j] for j in range(*i.indices(len(self)))), self._starts.typecode,
                              self.keep_up_to)
        if self._objects is not None:
            return self._objects[i]
        double, closed, continues = self._FLAGS[self._flags[i]]
        continued = self._continued[i]
        return _new(Quotation, (self._starts[i], self._ends[i], self._paragraphs[i], double, closed, continues,
                                None if continued < 0 else continued))

    def __iter__(self) -> Iterator[Quotation]:
        return iter(self._objects) if self._objects is not None else self._made()

    def _made(self) -> Iterator[Quotation]:
        flags = self._FLAGS
        for start, end, paragraph, f, continued in zip(self._starts, self._ends, self._paragraphs, self._flags,
                                                       self._continued):
            double, closed, continues = flags[f]
            yield _new(Quotation, (start, end, paragraph, double, closed, continues,
                                   None if continued < 0 else continued))

    def chains(self) -> Iterator[list[Quotation]]:
        """The quotations grouped so that a quotation running over several paragraphs is one
        chain (each carries on the one before: `continued_from`), in order of their first
        quotation. (`continued_from` indexes this sequence: the document's top-level list.)"""
        if max(self._continued, default=-1) < 0:          # (none carries another on: the common case)
            return ([q] for q in self)
        return self._linked_chains()

    def _linked_chains(self) -> Iterator[list[Quotation]]:
        """chains(), each quotation linked to the next of its chain in arrays, not put in a
        list per chain: a hostile file holds a hundred thousand quotations."""
        n, typecode = len(self), self._continued.typecode     # (as wide as the indexes need)
        chain_of = array(typecode, [0]) * n         # the index of the first quotation of each one's chain
        last = array(typecode, [0]) * n             # for each chain (by its first), its last quotation
        following = array(typecode, [-1]) * n       # the next quotation of each one's chain, -1 at the end
        for i, came_from in enumerate(self._continued):
            head = chain_of[came_from] if 0 <= came_from < i else i
            chain_of[i] = head
            if head != i:
                following[last[head]] = i
            last[head] = i
        for i in range(n):
            if chain_of[i] == i:
                chain, j = [], i
                while j >= 0:
                    chain.append(self[j])
                    j = following[j]
                yield chain


@dataclass(frozen=True, slots=True)
class QuoteAnalysis:
    """The quotations of a text.

    `double`: top-level double-quote spans in document order (`continued_from` indexes
    this list); `inner`: quotations inside those (single-quote spans, and double quotes
    nested in a double quote: 'he was the "Father of the House" and ...'), and single-quote
    spans at top level; `stray_closers`: offsets of closing double marks with no opening one.
    """

    double: Quotations
    inner: Quotations
    stray_closers: list[int]

    def all(self) -> list[Quotation]:
        """Every quotation, by start offset."""
        return sorted([*self.double, *self.inner], key=lambda q: q.start)


def _flanking(text: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) for the mark at text[i] inside [lo, hi)."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    opens = (before.isspace() or before in _OPEN_CONTEXT or before in DOUBLE_MARKS + "‘'") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    return opens, closes


def _double_marks(text: str, lo: int, hi: int, marks: Iterable[int]):
    """Pair the double quotation marks of one paragraph (text[lo:hi], with its double marks
    at these offsets).

    Yields (open_offset, close_offset) for a closed pair, (open_offset, None) for an
    opening mark that does not close before the next opening mark or the paragraph end,
    and (None, close_offset) for a closing mark with no opening one.
    """
    open_at = None
    for i in marks:
        c = text[i]
        if c == '"' and open_at is None and i > lo and text[i - 1].isdigit():
            continue                      # an inch mark: "5' 10\" tall"
        opens, closes = _flanking(text, i, lo, hi)
        if c in DOUBLE_OPEN:
            # a curly opener used as a closer ("word“ next") is still a closer
            is_open = not (open_at is not None and closes and not opens)
        elif c in DOUBLE_CLOSE:
            # a curly closer used as an opener (” at a word start, nothing open)
            is_open = open_at is None and opens and not closes
        elif open_at is None:
            is_open = opens or not closes
        else:
            is_open = opens and not closes
        if is_open:
            if open_at is not None:
                yield open_at, None
            open_at = i
        elif open_at is not None:
            yield open_at, i
            open_at = None
        else:
            yield None, i
    if open_at is not None:
        yield open_at, None


def _single_quotes(text: str, lo: int, hi: int, marks: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Single-quote spans (start, end) inside [lo, hi) (whose single marks are at these
    offsets): openers at a word start, closers at a word end.

    An apostrophe inside a word ("don't") or before a number ("’90s") never opens a quote; a
    mark after "s" ("the Joneses’") closes one only when one is open.
    """
    open_at = None
    for i in marks:
        c = text[i]
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if before.isalnum() and after.isalnum():
            continue                      # don't, Biden's, rock’n’roll
        if open_at is None:
            if (before.isspace() or before in _OPEN_CONTEXT or before in DOUBLE_MARKS) and after.isalnum() \
                    and c != "’" and not _LEADING_APOSTROPHE.match(text, i):
                open_at = i
        elif not before.isspace() and not after.isalnum() and i - open_at > 1:
            yield open_at, i + 1
            open_at = None


def quotations(text: str, paras: Sequence[Block]) -> QuoteAnalysis:
    """Quotation spans of every paragraph, with multi-paragraph quotes linked up.

    A quotation left open when a new one opens after the end of a sentence ('"... win.
    "Since ...') carries on into it: the multi-paragraph convention, in copy whose
    paragraph breaks were lost. A new one opening mid-sentence is nested in it ('"... he
    was the "Father of the House" and ...'), and the open one runs on to the next closing
    mark or the end of the paragraph. One left open at the end of its paragraph carries on
    into the next paragraph when that opens with a quotation mark.
    """
    typecode, sparse = offset_type(len(text)), objects_up_to(len(text))
    double, inner = Quotations(typecode=typecode, keep_up_to=sparse), Quotations(typecode=typecode, keep_up_to=sparse)
    strays: list[int] = []
    carried: int | None = None   # index of the open quotation the next opener carries on
    double_marks, single_marks = offsets_of(text, DOUBLE_MARKS), offsets_of(text, SINGLE_MARKS)
    last_double = last_single = 0
    for p, para in enumerate(paras):
        first_double = bisect_left(double_marks, para.start, last_double)
        last_double = bisect_left(double_marks, para.end, first_double)
        first_single = bisect_left(single_marks, para.start, last_single)
        last_single = bisect_left(single_marks, para.end, first_single)
        if first_double == last_double and first_single == last_single:
            carried = None                  # no quotation here, and none carries on through it
            continue
        doubles = _between(double_marks, first_double, last_double)
        pending: tuple[int, int | None] | None = None   # an opener not yet known to close
        outer: tuple[int, int | None] | None = None     # an open quotation with another inside

        def settle(opened: tuple[int, int | None], end: int, next_open: int | None) -> None:
            nonlocal carried
            start, from_ = opened
            runs_on = next_open is not None and _ends_sentence(text, start, end)
            double._add(start, end, p, closed=False, continues=runs_on, continued_from=from_)
            carried = len(double) - 1 if runs_on else None

        for start, close in _double_marks(text, para.start, para.end, doubles):
            if start is None:
                if outer is not None:       # the closing mark of the quotation around a nested one
                    double._add(outer[0], close + 1, p, continued_from=outer[1])
                    outer = None
                else:
                    strays.append(close)
                continue
            if pending is not None:
                cut = _rstrip(text, pending[0], start)
                if close is not None and outer is None and not _ends_sentence(text, pending[0], cut):
                    outer, pending = pending, None
                    inner._add(start, close + 1, p, double=True)
                    continue
                settle(pending, cut, start)
            elif outer is not None and close is not None:
                inner._add(start, close + 1, p, double=True)
                continue
            elif outer is not None:
                settle(outer, _rstrip(text, outer[0], start), start)
                outer = None
            from_ = carried if (start == para.start or double and double._paragraphs[-1] == p) else None
            carried = None
            if close is None:
                pending = (start, from_)
            else:
                pending = None
                double._add(start, close + 1, p, continued_from=from_)
        left_open = pending or outer
        if left_open is not None:
            next_para = paras[p + 1] if p + 1 < len(paras) else None
            opens_next = next_para is not None and text[next_para.start] in '"“„«'
            settle(left_open, para.end, next_para.start if opens_next else None)
        else:
            carried = None
        if first_single < last_single:
            singles = _between(single_marks, first_single, last_single)
            for start, end in _single_quotes(text, para.start, para.end, singles):
                inner._add(start, end, p, double=False)
    return QuoteAnalysis(double, inner, strays)


def _between(offsets: list[int] | array, first: int, last: int) -> list[int] | memoryview:
    """offsets[first:last]: from an array without a copy (the marks of a hostile paragraph)."""
    return memoryview(offsets)[first:last] if type(offsets) is array else offsets[first:last]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_ENDS_LIKE_SENTENCE = lazy(regex.compile, r"[.!?…:;,—–-][\"'”’)\]]*$")


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the quoted text[start:end] ends like a sentence (so a new quote may follow)."""
    return bool(_ENDS_LIKE_SENTENCE.search(text[start:end]))
