"""LN101 repeated-word: a word or short phrase written twice by mistake."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from heapq import merge
from itertools import compress, islice
from operator import eq

import re

import regex

from lintnews.core import speedups
from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import HSPACE, lazy
from lintnews.text import fold
from lintnews.rules._data import measured
from lintnews.ruleset import Rule

from lintnews.rules._data import word_list, word_set
from lintnews.rules._mentions import short_quotation

# What may stand between a word and its repeat: spaces with at most one line break, a comma,
# or an opening quotation mark ('the "the').
# (stdlib patterns with regex's white space spelt out: HSPACE is regex's [^\S\r\n])
_GAP = lazy(re.compile, f"[{HSPACE}]*(?:\r\n|\r|\n)?[{HSPACE}]*")
_COMMA_GAP = lazy(re.compile, f",[{HSPACE}]*(?:\r\n|\r|\n)?[{HSPACE}]*")
_QUOTE_GAP = lazy(re.compile, f"[{HSPACE}]+[\"“‘']")
# After a repeated list item the list goes on: "assisting, assisting and dealing".
_LIST_GOES_ON = lazy(regex.compile, r",|\s+(?:and|or|nor)\b")
_IDIOM_LINKS = frozenset({"and", "or"})   # "on and on", "time and time again"
# "hand in hand in ...", "station after station after station": a noun, a link, the noun
_NOUN_LINKS = frozenset({"after", "by", "in", "upon"})
_OPENING_MARKS = " \t\"“‘'(["
_SENTENCE_ENDS = ".!?:;\n\r"
# A preposition can end a clause after a participle and start a phrase of time:
# "waiting for for years", "placed in in the past" (but "called for for a change" is a slip).
_STRANDABLE = frozenset({"for", "in"})
_PARTICIPLE = lazy(regex.compile, r"(?:ing|ed)$")
_TIME_PHRASE = lazy(regex.compile, r"\s+(?:\d|(?:the\s+)?(?:past|last|first|next|early|late|recent|coming)\b"
                    r"|(?:years?|months?|weeks?|days?|decades?|hours?|minutes?|ages|centuries|generations)\b"
                    r"|(?:so|too)\s+long|a\s+(?:long|while|year|month|week|day|decade|few|number|couple)\b"
                    r"|(?:some|many|several|more|over|almost|nearly|about|around|at\s+least)\b"
                    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December"
                    r"|spring|summer|autumn|winter|the\s+(?:spring|summer|autumn|winter|morning|evening|afternoon))\b)")
_FUNCTION_WORDS = word_set("function_words")
_NATIONALITIES = word_set("nationality_words")     # never doubled in a name: "British British"
# Allowed doublings that need a word before them to be English ("Add to this this law",
# "She had had enough"): opening a sentence ("This this is ...") they are slips.
_MID_SENTENCE_ONLY = frozenset({"this this", "had had"})
# ... and ones whose second word is a determiner or a pronoun ("said that that plan",
# "that that was"), so that a determiner or a subject after them makes a slip ("to say that
# that the declaration", "ensure that that they do", "this this a magnitude").
_NO_DETERMINER_AFTER = frozenset({"that that", "this this"})
_DETERMINER_NEXT = lazy(re.compile, r"\s+(?:the|a|an|this|these|those|his|her|its|their|our|my|your"
                        r"|I|we|they|he|she|you|it|there|Mr|Mrs|Ms|Dr|Sir)\b", re.I)
# ... or a plural subject and its verb: "stated that that unions will", "that that costs are"
# (a singular "that" cannot stand before a plural; "that that means more work" is a pronoun
# and its verb, so the word after the noun must be a verb that a plural takes).
_PLURAL_SUBJECT_NEXT = lazy(regex.compile, r"\s+(?:people|children|men|women|police"
                            r"|(?![a-z]*(?:ss|us|is|ics)\b|news\b|series\b|species\b|means\b)[a-z]+s)"
                            r"\s+(?:will|would|could|should|can|may|might|must|are|were|have|had|do|did)\b")
# Doublings English makes: "They do do the work" (an emphatic do after its subject), "What
# it is is a chance" (a what-clause as subject, then its verb).
_DO_SUBJECTS = frozenset({"i", "we", "you", "they", "who"})
_WHAT_CLAUSE = lazy(re.compile, r"(?<![\w'’-])(?:what|all)(?:[^\S\r\n]+[\w'’-]+){1,3}[^\S\r\n]*$", re.I)

# candidates the compiled core hands back at a time (a text that repeats one word
# throughout gives two for every token: they are made a chunk at a time)
_CHUNK = 4096


def _native_repeats(f: list[str]) -> Iterator[tuple[int, int]]:
    """RepeatedWord._candidates's (i, n), found by the compiled core a chunk at a time."""
    i = 0
    while i < len(f):
        found, i = speedups.repeats(f, i, _CHUNK)
        for v in found:
            yield v >> 2, v & 3


class RepeatedWord(Rule):
    """A word or a two- or three-word phrase repeated by mistake: "training, assisting, assisting and".

    Flags a word written twice in a row, whatever its case, separated by spaces, a line
    break, a comma or an opening quotation mark ("the the", "The the", "assisting,
    assisting", 'the "the'), and a repeated phrase of two or three words ("in the in the").
    A lower-case "the" before a capitalised "The" is a slip too ("funded the The Arches
    project"). Legitimate doublings ("had had", "that that"; though "This this" or "Had had"
    opening a sentence, and "that that" before a determiner, a pronoun subject, a title or a
    plural subject and its verb, "that that the", "that that they", "that that unions will",
    are slips), reduplicated names ("Sirhan Sirhan", "Walla Walla"; any two capitalised words
    in mid-sentence are taken for a name, but not a nationality written twice: "the British
    British Casino Association"), doublings English makes ("They do do the work", "What
    it is is a chance"), emphatic repeats ("very, very", "no, no, no"), chants and
    cries of three or more ("oi oi oi"), doubled interjections ("Hip hip hooray"), an
    exclamation opening a sentence ('"Hurry, hurry," he said'), words quoted as words in a
    quotation of four words or fewer ('passed "as as amended"') and numbers stay quiet.

    ## Why it matters
    A doubled word is the commonest slip of fast editing: a sentence rewritten in place
    keeps a word from its old version. Readers notice it at once and it makes the whole
    article look unedited.

    ## Example
    The US will continue training, assisting, assisting and dealing with ISIS.

    ## Use instead
    The US will continue training, assisting and dealing with ISIS.

    ## Fix safety
    Removing the second of two words separated only by spaces ("the the") is safe. Removing
    a repeated list item or phrase, or a repeat across a quotation mark, may change meaning,
    so that fix is unsafe; so is "the The", which keeps "The" before a capitalised word (a
    title: "The Arches") and "the" before any other.

    ## Options
    - `allow`: doubled phrases that are legitimate, lower case ("had had").
    - `emphatic`: words whose repetition is meant for emphasis ("very").
    - `phrases`: also look for repeated two- and three-word phrases (default true).
    """

    code = "LN101"
    name = "repeated-word"
    severity, precision = measured(code)
    fixable = True

    @dataclass(frozen=True)
    class Options:
        allow: tuple[str, ...] = word_list("allowed_doublings")
        emphatic: tuple[str, ...] = word_list("emphatic_words")
        phrases: bool = True

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._allow = frozenset(" ".join(a.casefold().split()) for a in self.options.allow)
        self._emphatic = frozenset(w.casefold() for w in self.options.emphatic)

    def check(self, doc: Document) -> Iterator[Finding]:
        tokens = doc.tokens
        reported_until = -1
        for i, n in self._candidates(tokens.folded):
            lo = max(0, i - 2)
            window = tokens.window(lo, i + 2 * n + 4)
            if window[i - lo].start < reported_until:
                continue
            finding = self._word(doc, window, i - lo) if n == 1 else self._phrase(doc, window, i - lo, n)
            if finding:
                reported_until = finding.end
                yield finding

    def _candidates(self, f: list[str]) -> Iterator[tuple[int, int]]:
        """(i, n) where the n folded tokens from i are written again at once ("the the": n = 1;
        "a b a b": 2; "a b c a b c": 3), in order of i then n; each is then judged on Word
        objects for the few tokens around it. Tokens k apart are compared in C (map,
        compress), and the few places where they match are looked at one by one, made one at
        a time: a text that repeats one word throughout holds no set or list of them. The
        compiled core finds the same in one pass (_native_repeats)."""
        if speedups is not None:
            yield from ((i, n) for i, n in _native_repeats(f) if n == 1 or self.options.phrases)
            return
        at, last = range(len(f)), len(f) - 1

        def apart(k: int) -> Iterator[int]:         # i where f[i] == f[i + k] (islice: no copy)
            return compress(at, map(eq, f, islice(f, k, None)))

        ones = ((i, 1) for i in apart(1))
        if not self.options.phrases:
            yield from ones
            return
        twos = ((i, 2) for i in apart(2)                                    # "a b a b"
                if i + 3 <= last and f[i + 1] == f[i + 3] and f[i] != f[i + 1])
        threes = ((i, 3) for i in apart(3)                                  # "a b c a b c"
                  if i + 5 <= last and f[i + 1] == f[i + 4] and f[i + 2] == f[i + 5])
        yield from merge(ones, twos, threes)

    # ---------------------------------------------------------------------- single words

    def _word(self, doc: Document, words, i: int) -> Finding | None:
        a, b = words[i], words[i + 1]
        prose = doc.prose
        word = fold(a.text)
        if i > 0 and fold(words[i - 1].text) == word and _joined(doc, words[i - 1], a):
            return None                     # the run was already judged at its first pair
        if self._allowed_doubling(prose, a, b) or _grammatical(doc, words, i):
            return None
        if word in self._emphatic or any(c.isdigit() for c in word):
            return None
        if _chanted(doc, words, i) or short_quotation(doc, a.start, b.end) is not None:
            return None                     # "boom boom boom", 'passed "as as amended"'
        if word in _STRANDABLE and i > 0 and _PARTICIPLE.search(words[i - 1].text) and a.text.islower() \
                and _TIME_PHRASE.match(prose, b.end):
            return None                     # "the moment I had been waiting for for years"
        if a.text == "the" and b.text == "The" and _GAP.fullmatch(prose, a.end, b.start) \
                and _same_paragraph(doc, a.start, b.start):
            return _article_before_title(doc, words, i)         # "funded the The Arches project"
        if b.text[0].isupper() and not (a.text[0].isupper() and _COMMA_GAP.fullmatch(prose, a.end, b.start)) \
                and not (a.text == b.text and a.text in _NATIONALITIES):
            return None                     # a name or title: "Duran Duran", "Spend Spend Spend", "law lord Lord"
        if a.text[0].isupper() and b.text[0].islower() and not _opens_sentence(prose, a.start):
            return None                     # a name, then a word: "Theresa May may resign"
        if _GAP.fullmatch(prose, a.end, b.start) and _same_paragraph(doc, a.start, b.start):
            end = _run_end(doc, b)          # "the the the the": one fix deletes every repeat
            fix = _delete(doc, a.end, end, safe=True) if not _mid_word(prose, end) else None
            return Finding(b.start, b.end, f"'{b.text}' is repeated: delete one", fix)
        if _COMMA_GAP.fullmatch(prose, a.end, b.start) and _same_paragraph(doc, a.start, b.start):
            acronym = len(b.text) > 1 and b.text.isupper()          # "US, US and Japan", not "us"
            if not _LIST_GOES_ON.match(prose, b.end) or (word in _FUNCTION_WORDS and not acronym):
                return None                 # "eluded her, her status"; "huge, huge crowds"
            if _opens_sentence(prose, a.start):
                return None                 # an exclamation, not a list: '"Hurry, hurry," he said'
            if any(fold(w.text) == word for w in words[i + 2:i + 5]):
                return None                 # a chant: "scrum, scrum, scrum", "food, food and more food"
            return Finding(b.start, b.end, f"'{b.text}' is repeated: delete one", _delete(doc, a.end, b.end, safe=False))
        if _QUOTE_GAP.fullmatch(prose, a.end, b.start):
            end = b.start - 1               # delete the first word and the space after it
            return Finding(b.start, b.end, f"'{b.text}' is repeated across a quotation mark: delete one",
                           _delete(doc, a.start, end, safe=False))
        return None

    def _allowed_doubling(self, prose: str, a, b) -> bool:
        """Whether a and b (the same word) make a doubling of the allow list, where it stands."""
        pair = f"{fold(a.text)} {fold(b.text)}"
        if pair not in self._allow:
            return False
        if pair in _MID_SENTENCE_ONLY and a.text[0].isupper() and _opens_sentence(prose, a.start):
            return False                    # "This this is ...", "Had had ..."
        if pair in _NO_DETERMINER_AFTER and (_DETERMINER_NEXT.match(prose, b.end)
                                             or _PLURAL_SUBJECT_NEXT.match(prose, b.end)):
            return False                    # "that that the ...", "that that they ...", "that that unions will"
        return True

    # --------------------------------------------------------------------------- phrases

    def _phrase(self, doc: Document, words, i: int, n: int) -> Finding | None:
        if i + 2 * n > len(words):
            return None
        first, second = words[i:i + n], words[i + n:i + 2 * n]
        if any(fold(x.text) != fold(y.text) for x, y in zip(first, second)):
            return None
        run = words[i:i + 2 * n]
        if any(not _GAP.fullmatch(doc.prose, x.end, y.start) for x, y in zip(run, run[1:])):
            return None
        if len({fold(w.text) for w in first}) == 1 or any(c.isdigit() for w in first for c in w.text):
            return None
        phrase = " ".join(w.text for w in second)
        folded = [fold(w.text) for w in first]
        if n == 2 and any(x in _NOUN_LINKS and y not in _FUNCTION_WORDS for x, y in (folded, folded[::-1])):
            return None                     # "hand in hand in human history"
        if f"{phrase} {phrase}".casefold() in self._allow or any(w.text[0].isupper() for w in second) \
                or _IDIOM_LINKS.intersection(folded) or folded[0] in ("a", "an", "the"):
            return None                     # "time and time again", "Measure for Measure", "makes a gadget a gadget"
        if not _same_paragraph(doc, run[0].start, run[-1].start):
            return None
        start, end = second[0].start, second[-1].end
        fix = _delete(doc, first[-1].end, end, safe=False)
        return Finding(start, end, f"'{phrase}' is repeated: delete one", fix)


def _article_before_title(doc: Document, words, i: int) -> Finding:
    """"the The": an article written before a title or name that has its own ("the The
    Arches project"), or a capital slipped into a doubled article ("reaction to the The
    proposed lessons"). The fix keeps "The" before a capitalised word, "the" otherwise."""
    a, b = words[i], words[i + 1]
    title = i + 2 < len(words) and words[i + 2].text[:1].isupper()
    fix = _delete(doc, a.start, b.start, safe=False) if title else _delete(doc, a.end, b.end, safe=False)
    return Finding(b.start, b.end, f"'{b.text}' is repeated ('{a.text} {b.text}'): delete one", fix)


def _grammatical(doc: Document, words, i: int) -> bool:
    """Whether words i and i + 1, written with a space between, make a doubling English
    makes: "They do do the work", "What it is is a chance". ("gave her her passport" is
    English too, but a slip for "gave her the passport" reads the same: it is reported.)"""
    a, b = words[i], words[i + 1]
    prose = doc.prose
    word = fold(a.text)
    if word not in ("do", "is", "was") or not _GAP.fullmatch(prose, a.end, b.start):
        return False
    if word != "do":
        return _WHAT_CLAUSE.search(prose, max(0, a.start - 60), a.start) is not None
    before = words[i - 1] if i > 0 else None
    return before is not None and fold(before.text) in _DO_SUBJECTS \
        and _GAP.fullmatch(prose, before.end, a.start) is not None


def _chanted(doc: Document, words, i: int) -> bool:
    """Whether words i and i + 1 begin a run of three or more of one word (a chant or a
    cry: "oi oi oi", "yeah, yeah, yeah"); a slip rarely writes a word three times. Function
    words are no chant ("the the the" is a slip)."""
    if i + 2 >= len(words):
        return False
    b, c = words[i + 1], words[i + 2]
    word = fold(b.text)
    return fold(c.text) == word and word not in _FUNCTION_WORDS and _joined(doc, b, c)


def _opens_sentence(prose: str, start: int) -> bool:
    """Whether the word at `start` opens its sentence (or its paragraph or line)."""
    i = start - 1
    while i >= 0 and prose[i] in _OPENING_MARKS:
        i -= 1
    return i < 0 or prose[i] in _SENTENCE_ENDS


def _joined(doc: Document, a, b) -> bool:
    gap = (_GAP, _COMMA_GAP)
    return any(g.fullmatch(doc.prose, a.end, b.start) for g in gap)


def _same_paragraph(doc: Document, a: int, b: int) -> bool:
    return doc.paragraph_of(a) == doc.paragraph_of(b)


def _mid_word(prose: str, end: int) -> bool:
    return end < len(prose) and (prose[end].isalnum() or prose[end] == "_")


def _run_end(doc: Document, b) -> int:
    """Where a run of the same word written again and again, from its second copy `b`, ends
    (in one paragraph, each copy as `b` is written): the fix of the run's finding deletes
    it all at once, not one copy a pass (a long run would outlast the passes --fix makes)."""
    again = regex.compile(f"{_GAP.pattern}{regex.escape(b.text)}(?![\\w'’-])")
    end = b.end
    while (m := again.match(doc.prose, end)) and _same_paragraph(doc, b.start, m.end() - 1):
        end = m.end()
    return end


def _delete(doc: Document, start: int, end: int, *, safe: bool) -> Fix | None:
    """A fix deleting prose[start:end], unless markup hides in it (then no fix is offered)."""
    if not doc.is_verbatim(start, end):
        return None
    return Fix.replace(start, end, "", safe=safe, message="remove the repeat")
