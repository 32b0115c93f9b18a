"""LN202-LN205: punctuation and spacing slips — doubled marks, stray spaces, lower-case starts."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from operator import sub

import re
import unicodedata

import regex

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import HSPACE_CHARS, lazy
from lintnews.rules._data import measured
from lintnews.rules._metadata import glued_metadata
from lintnews.ruleset import Rule
from lintnews.rules._data import word_list
from lintnews.text import MAYBE_FINAL, NEVER_FINAL

# ",,", ";;", "::", two full stops (not an ellipsis), ",." and ".,"
_DOUBLED = lazy(regex.compile, r"([,;:])\1+|(?<![.…])\.\.(?![.…])|,\.|\.,|[,;:]\.(?!\.)|\.[;:]")
_SPACE_BEFORE = lazy(regex.compile, r"(?<=[\w\"”’'%)\]])([^\S\r\n]+)([,.;:!?])(?![.\d\w])")
# an emoticon: eyes, a nose, perhaps a frown or grin ("<", also as the entity "&lt;"), a
# mouth: ":)", ";-(", ":-<(", "=D", ":-P"; or the other way round: "(:", ")-:"
EMOTICON = lazy(regex.compile, r"[:;=8][-^'o]?(?:[^\S\r\n]?(?:[<>]|&[lg]t;))?(?:[()\[\]DPpO3/\\|*]|&[lg]t;)"
                               r"|[()\[\]][-^']?[:;=]")
_SPACES = lazy(re.compile, " +")
_SPACES_2 = lazy(re.compile, " {2,}")
_WHITE = HSPACE_CHARS | {"\n", "\r"}          # what regex's \s matches
# a full stop ending a word of two letters or more, closing marks, space, a lower-case word
_ADDRESS = lazy(regex.compile, r"(?:[.\w+-]*@|\.\w+[./]|://)")
_TAG_END = lazy(regex.compile, r" ?/?(?:>|&gt;)")
_LOWER_AFTER_STOP = lazy(regex.compile, r"\b([\w'’-]{2,})\.[\"”’)\]]*[^\S\r\n]+(\p{Ll}[\p{L}'’-]*)")
# Where such a match can be: a full stop, closing marks and spaces, then not a capital, a
# figure or an opening mark. A stdlib pattern finds these spots many times faster than
# _LOWER_AFTER_STOP scans the text (its \s takes in every space regex's does).
_STOP_THEN_SPACE = lazy(re.compile, r"\.[\"”’)\]]*+[^\S\r\n]++(?![A-Z0-9\"'“‘(\[])")
_NON_SPACE = lazy(re.compile, r"\S*")


_STOPS = lazy(re.compile, r"\.{2,}")
_CHANT_MARKS = "\"'“”‘’()[]!?.,;:"
_ENTITY_BEFORE = lazy(regex.compile, r"&#?\w+$")
_TOKEN_AT_END = lazy(regex.compile, r"([\w.]+)$")
_STOP_AT_END = lazy(regex.compile, r"[.!?][\"”’)]*$|:$")
_FIRST_WORD = lazy(regex.compile, r"[\w'’-]+")


class DoubledPunctuation(Rule):
    """A punctuation mark typed twice or two marks run together: ",,", "..", ",." and the like.

    Flags doubled commas, semicolons and colons, two full stops that are not an ellipsis,
    and a comma or other mark run into a full stop (",." ".,"). An ellipsis ("..." or
    "…"), a full stop after an abbreviation followed by a comma ("U.S., officials"), a
    title ending in "?" or "!" before a comma ("Airplane!, starring") and a chant spelt out
    with stops ("G..O..A..L!", "Leo..Leo") stay quiet.

    ## Why it matters
    Doubled punctuation is a keying slip that survives spell-checking and reads as
    carelessness.

    ## Example
    The minister said the plan would go ahead,, despite the protests..

    ## Use instead
    The minister said the plan would go ahead, despite the protests.

    ## Fix safety
    Keeping the first mark is safe for ",,", ";;", "::" and "..", except for ".." run into
    the next word ("delayed the vote..again"), which may stand for an ellipsis or a dash:
    that fix is unsafe. For ",." and ".," the fix keeps the full stop and is unsafe: the
    writer may have meant the comma.
    """

    code = "LN202"
    name = "doubled-punctuation"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        chant_end = 0                       # where the last chant found ends
        # every match holds two of the marks side by side: a cheap test first
        for m in _DOUBLED.finditer(text) if 1 in map(sub, doc.punctuation[1:], doc.punctuation) else ():
            s, e = m.start(), m.end()
            if not doc.is_verbatim(s, e):
                continue
            mark = m.group()
            if mark in (".,", ".:", ".;") and _abbreviation_before(text, s):
                continue                    # "U.S., officials", "(Ed.: a note)"
            if mark[0] == ";" and _ENTITY_BEFORE.search(text[max(0, s - 12):s]):
                continue                    # the end of an HTML entity ("caf&#233;."): stray-metadata's
            if mark == ".." and (s < chant_end or text[s - 1:s].isalpha() and text[e:e + 1].isalpha()
                                 and (chant_end := _chant_end(text, s))):
                continue                    # "G..O..A..L!", "Leo..Leo": spelt out on purpose

            if mark[0] == mark[-1]:
                # "the vote..again": two stops glued to the next word stand for an ellipsis;
                # one stop would glue two sentences, so the fix writes one and waits for a human
                if mark == ".." and e < len(text) and text[e].isalnum():
                    fix = Fix.replace(s, e, "... ", safe=False, message="write an ellipsis")
                else:
                    fix = Fix.replace(s + 1, e, "", message=f"keep one '{mark[0]}'")
            else:
                keep = "." if "." in mark else mark[0]
                fix = Fix.replace(s, e, keep, safe=False, message=f"keep '{keep}'")
            yield Finding(s, e, f"doubled punctuation '{mark}': {fix.message}", fix)


def _chant_end(text: str, dot: int) -> int:
    """Where the chant that the stops at `dot` join ends, or 0 if they join none. A chant
    is three letters or more ("G..O..A..L!") or one word said over ("Leo..Leo"), each run
    of stops two or more long. Only a token of up to 40 characters each side is read: a
    longer run of text is no chant."""
    m = _NON_SPACE.match(text, _last_space(text, max(0, dot - 40), dot), dot + 40)
    parts = _STOPS.split(m.group().strip(_CHANT_MARKS))
    chant = len(parts) > 1 and all(p.isalpha() for p in parts) and (
        (len(parts) > 2 and all(len(p) == 1 for p in parts)) or len({p.lower() for p in parts}) == 1)
    return m.end() if chant else 0


def _last_space(text: str, start: int, dot: int) -> int:
    """Just past the last white space of text[start:dot], or `start` if there is none."""
    for i in range(dot - 1, start - 1, -1):
        if text[i].isspace():
            return i + 1
    return start


def _abbreviation_before(text: str, dot: int) -> bool:
    m = _TOKEN_AT_END.search(text[max(0, dot - 12):dot])
    if not m:
        return False
    token = m.group(1)
    return "." in token or token in NEVER_FINAL or token in MAYBE_FINAL or (len(token) == 1 and token.isupper())


class SpaceBeforePunctuation(Rule):
    """A space before a comma, full stop, semicolon, colon, question or exclamation mark.

    Flags white space between a word and the punctuation that should follow it directly
    ("at Commerzbank ." "the market , followed by"). A spaced ellipsis (" ..."), a decimal
    (" .5"), a mark that starts a new token and an emoticon (" :)", " :-<(") stay quiet.
    White space other than a plain space is named in the message ("U+2028 LINE SEPARATOR
    before ';'"): it looks like a space, or like nothing.

    ## Why it matters
    A space before punctuation is a conversion or keying slip; at a line end it can leave
    a mark stranded at the start of the next line.

    ## Example
    Shares rose 5% at Commerzbank . Analysts were surprised .

    ## Use instead
    Shares rose 5% at Commerzbank. Analysts were surprised.

    ## Fix safety
    Removing the space is safe.
    """

    code = "LN203"
    name = "space-before-punctuation"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        # every match has white space before a mark: a cheap test first (the mark at offset
        # 0, if any, is tested against the last character: at worst a useless scan)
        text = doc.prose
        if HSPACE_CHARS.isdisjoint([text[i - 1] for i in doc.punctuation]):
            return
        for m in _SPACE_BEFORE.finditer(doc.prose):
            s, e = m.span(1)
            if not doc.is_verbatim(s - 1, m.end()):
                continue                    # markup was masked there, not a real space
            mark = m.group(2)
            if mark == "." and doc.prose.startswith(" .", m.end()):
                continue                    # a spaced ellipsis: ". . ."
            if mark in ":;" and EMOTICON.match(text, m.start(2)):
                continue                    # "thanks :)", "dull :-<("
            yield Finding(s, m.end(), f"{_space_name(m.group(1))} before '{mark}': delete the space",
                          Fix.replace(s, e, "", message="remove the space"))


def _space_name(run: str) -> str:
    """What a run of white space holds: "space", or its other characters by their Unicode
    code and name, which a reader cannot tell from a space ("U+2028 LINE SEPARATOR")."""
    names = dict.fromkeys("space" if c == " " else _character_name(c) for c in run)
    return " and ".join(names)


def _character_name(c: str) -> str:
    """U+XXXX and the Unicode name of `c` ("U+00A0 NO-BREAK SPACE"; a control character,
    which has none, by its alias: "U+0009 CHARACTER TABULATION")."""
    return f"U+{ord(c):04X} {unicodedata.name(c, '') or _CONTROL_NAMES.get(c, 'control character')}"


_CONTROL_NAMES = {"\t": "CHARACTER TABULATION", "\v": "LINE TABULATION", "\f": "FORM FEED",
                  "\x85": "NEXT LINE", "\x1c": "FILE SEPARATOR", "\x1d": "GROUP SEPARATOR",
                  "\x1e": "RECORD SEPARATOR", "\x1f": "UNIT SEPARATOR"}


class DoubleSpace(Rule):
    """Two or more spaces between words inside a sentence.

    Flags runs of spaces between two words or between a word and punctuation within a
    sentence. Spaces after the end of a sentence (the typewriter convention), indentation,
    spaces before a line break (Markdown hard breaks), runs standing in for markup and
    lines set in columns with spaces (three runs or more: a table row, a poll's "Yes  No")
    stay quiet, and so does all of Markdown and HTML, where the reader never sees a run
    of spaces (it is shown as one).

    ## Why it matters
    Stray double spaces come from edits that deleted a word; they show in print as
    uneven gaps and often mark a place where a word went missing.

    ## Example
    The council met on  Tuesday to approve the budget.

    ## Use instead
    The council met on Tuesday to approve the budget.

    ## Fix safety
    Replacing the run with one space is safe.
    """

    code = "LN204"
    name = "double-space"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.kind in ("markdown", "html"):
            return
        text = doc.prose
        line_end, in_columns = -1, False    # the last line read, and whether it is set in columns
        for s, e in _double_spaces(text):
            if not doc.is_verbatim(s - 1, e + 1):
                continue
            if text[s - 1] in ".!?:\"”’)" and _ends_sentence_before(text, s):
                continue                    # two spaces after a full stop: a convention, not a slip
            if s > line_end:
                line_end, in_columns = _line_in_columns(text, s)
            if in_columns:
                continue                    # "Yes  No   Results": a form or a table row
            yield Finding(s, e, "double space inside a sentence: use one", Fix.replace(s, e, " ", message="use one space"))


def _line_in_columns(text: str, at: int) -> tuple[int, bool]:
    """Where the line holding `at` ends, and whether it holds three runs of two spaces or
    more: columns laid out with spaces (a table row, a poll's "Yes  No"), not sentences."""
    start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1     # (CR alone ends a line too)
    ends = [i for i in (text.find("\n", at), text.find("\r", at)) if i >= 0]
    end = min(ends) if ends else len(text)
    runs = _SPACES_2.finditer(text, start, end)
    return end, sum(1 for _ in islice(runs, 3)) == 3


def _double_spaces(text: str) -> Iterator[tuple[int, int]]:
    """The runs of two spaces or more between two characters that are not white space
    (where regex's r"(?<=\\S) {2,}(?=\\S)" matches), found with str.find: a regex scan of a
    long text costs many times more."""
    i = text.find("  ")
    while i >= 0:
        end = _SPACES.match(text, i).end()
        if i > 0 and text[i - 1] not in _WHITE and end < len(text) and text[end] not in _WHITE:
            yield i, end
        i = text.find("  ", end)


def _ends_sentence_before(text: str, space: int) -> bool:
    return bool(_STOP_AT_END.search(text[max(0, space - 4):space]))


class LowercaseSentenceStart(Rule):
    """A sentence or paragraph that starts with a lower-case letter.

    Flags a lower-case word after a full stop that ends a sentence ("was sold. the
    company said") and a paragraph that starts in lower case, which in news copy usually
    means a lost capital, a stray full stop, or words lost at a paragraph break. Words
    after an abbreviation ("e.g. apples", "10 a.m. tomorrow"), after "?" or "!" (titles
    such as "Are We There Yet? and"), brand names spelt in lower case ("iPod", "eBay"),
    names the article itself writes in lower case (never with a capital, and in mid-sentence
    elsewhere with a hyphen or figure inside or a possessive, "at k-bar", "bumble's founder";
    or inside a title that capitalises its other words), what is left of an HTML tag
    ("br /&gt;", stray-metadata's), the continuation of an ellipsis, and list items, table
    cells, image descriptions (alt text) and headlines (a front matter title, set in
    whatever case the site styles it) that start in lower case stay quiet.

    ## Why it matters
    A lower-case start is either a missing capital or a sign that the sentence before it
    was cut or mispunctuated: both are worth a second look.

    ## Example
    Nissan notched up a 10% increase. overall sales across the industry also rose.

    ## Use instead
    Nissan notched up a 10% increase. Overall sales across the industry also rose.

    ## Options
    - `lowercase-words`: words that may start a sentence in lower case (brands such as
      "iPod"), besides the built-in list.
    """

    code = "LN205"
    name = "lowercase-sentence-start"
    severity, precision = measured(code)

    @dataclass(frozen=True)
    class Options:
        lowercase_words: tuple[str, ...] = ()

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._allowed = frozenset(word_list("lowercase_words")) | frozenset(self.options.lowercase_words)

    def check(self, doc: Document) -> Iterator[Finding]:
        allowed = self._allowed
        text = doc.prose
        written_as_name = _name_reader(doc)
        for m in _lower_after_stop(text):
            word, before = m.group(2), m.group(1)
            if word in allowed or _is_abbreviation(before) or not doc.is_verbatim(m.end(1), m.end()) \
                    or _name_or_address(text, m.start(2), m.end(2)) or written_as_name(word):
                continue
            yield Finding(m.start(2), m.end(2), f"sentence starts in lower case: capitalise '{word}', or change the stop "
                                                   f"before it")
        for i, p in enumerate(doc.paragraphs):
            first = text[p.start]
            if first.islower() and doc.is_verbatim(p.start, p.start + 1) \
                    and doc.block_kind(p.start) not in ("list-item", "table-cell", "alt-text", "headline") \
                    and not glued_metadata(text, p.start, p.end, first=i == 0):     # stray-metadata's
                word = _FIRST_WORD.match(text[p.start:p.end])
                if word and word.group() not in allowed and not _name_or_address(text, p.start, p.start + word.end()) \
                        and not written_as_name(word.group()):
                    yield Finding(p.start, p.start + len(word.group()),
                                  f"paragraph starts in lower case: capitalise '{word.group()}', or "
                                  f"restore what was lost before it")


def _lower_after_stop(text: str) -> Iterator:
    """The matches of _LOWER_AFTER_STOP.finditer(text), found by searching only around the
    spots _STOP_THEN_SPACE finds: a match runs from the word before such a full stop to the
    word after its spaces, and the scan resumes at the word a match flagged (which may end
    a sentence of its own: "It rained. okay. then it stopped.")."""
    resume = 0
    for spot in _STOP_THEN_SPACE.finditer(text):
        start = max(spot.start(), resume)   # back to the start of the word before the stop
        while start > resume and not text[start - 1].isspace():
            start -= 1
        m = _LOWER_AFTER_STOP.search(text, start, _NON_SPACE.match(text, spot.end()).end())
        if m:
            resume = m.start(2)
            yield m


def _name_or_address(text: str, start: int, end: int) -> bool:
    """A brand spelt with an inner capital ("iGEM", "eBay"), the start of an e-mail or
    web address ("s.jones@example.org"), or what is left of an HTML tag ("br /&gt;":
    stray markup, which stray-metadata reports)."""
    return any(c.isupper() for c in text[start + 1:end]) or bool(_ADDRESS.match(text, end)) \
        or bool(_TAG_END.match(text, end))


# a word shaped like a name rather than an ordinary word: a hyphen or figure inside ("k-bar")
_NAME_SHAPE = lazy(regex.compile, r".[\w'’]*[-\d]")


# how many words of one article _written_as_name reads it for (each read scans the
# article): a file of thousands of lower-case starts is no article, and stays linear
_NAMES_READ = 64


def _name_reader(doc: Document) -> Callable[[str], bool]:
    """_written_as_name for `doc`, each word read once, and the first _NAMES_READ only."""
    known: dict[str, bool] = {}

    def written_as_name(word: str) -> bool:
        if word not in known:
            if len(known) == _NAMES_READ:
                return False
            known[word] = _written_as_name(doc, word)
        return known[word]
    return written_as_name


def _written_as_name(doc: Document, word: str) -> bool:
    """Whether the article itself writes `word` as a name in lower case ("k-bar", a bar):
    never with a capital, and either in lower case inside a title that capitalises its other
    words, or in lower case in mid-sentence elsewhere while shaped like a name or given a
    possessive ("k-bar's"). An ordinary word ("sales", "was") that lost its capital, or
    the name before it, is still reported."""
    title = doc.meta.get("title")
    title = title if isinstance(title, str) else ""
    capital = word[0].upper() + word[1:]
    if any(capital in text and _whole_word(capital).search(text) for text in (doc.prose, title)):
        return False
    if _title_case_without(title, word):
        return True
    used = _mid_sentence(word, "" if _NAME_SHAPE.match(word) else "['’]s")
    return any(used.search(text) for text in (doc.prose, title))


def _whole_word(word: str):
    return regex.compile(rf"(?<![\w'’-]){regex.escape(word)}(?![\w-])")


def _mid_sentence(word: str, then: str):
    """`word`, then what `then` matches, after a letter, figure, comma, semicolon, colon or
    bracket, one space and perhaps an opening quotation mark ("a bar called “k-bar”")."""
    return regex.compile(rf"(?<=[\p{{L}}\d,;:(] [\"“‘']?){regex.escape(word)}(?![\w-]){then}")


def _title_case_without(title: str, word: str) -> bool:
    """Whether `title` holds `word` after its first word and capitalises all its other words
    of four letters or more ("Queues Grow at k-bar After Price Cut")."""
    words = regex.findall(r"[\w'’-]+", title)
    if word not in words[1:]:
        return False
    others = [w for w in words[1:] if w != word and len(w) >= 4]
    return len(others) >= 2 and all(w[0].isupper() for w in others)


def _is_abbreviation(token: str) -> bool:
    return token in NEVER_FINAL or token in MAYBE_FINAL or token.lower() in ("etc", "vs", "cf", "approx", "eg", "ie")
