"""LN402 style-consistency: one spelling per article ("US" or "U.S."), or the house's own."""
from __future__ import annotations

import os
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate, compress

import regex

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.errors import ConfigError
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.ruleset import Rule
from lintnews.rules._data import data_text, word_set


_FOLLOWER = lazy(regex.compile, r"[^\S\r\n]*([\w'’-]+)?")
_CAPITAL_NEXT = lazy(regex.compile, r"[^\S\r\n]+(\p{Lu})")
_WORD_THEN_SPACE = lazy(regex.compile, r"([\w'’-]+)[^\S\r\n]+$")


@cache
def style_data() -> dict:
    return tomllib.loads(data_text("house_style.toml"))


@cache
def form_pattern(form: str, case: bool, after_number: bool) -> regex.Pattern:
    """A pattern for one spelling as a whole word ("U.S." not inside "U.S.A")."""
    body = r"\s+".join(regex.escape(part) for part in form.split())
    if form[-1].isalpha() and not case:
        body += "s?"                        # "website" and "websites" are one spelling
    if after_number:
        return regex.compile(r"(?<=\d[^\S\r\n]?)" + body + (r"(?![\w-])" if form[-1].isalnum() else ""),
                             0 if case else regex.I)
    start = r"(?<![\w.&-])" if form[0].isalnum() else ""
    end = r"(?![\w&-]|\.\w)" if form[-1].isalnum() else r"(?!\w)"
    return regex.compile(start + body + end, 0 if case else regex.I)


@dataclass(frozen=True)
class Group:
    name: str
    forms: tuple[str, ...]
    case: bool = False
    after_number: frozenset[str] = frozenset()

    def possible_forms(self, text: str, folded: Folded, at_least: int = 1) -> tuple[str, ...]:
        """The forms whose words all occur in text (for a group that ignores case, in
        `folded`, the text case-folded; None when that cannot tell): the others cannot
        match. () as soon as fewer than `at_least` forms can."""
        hay = text if self.case else folded
        if hay is None:
            return self.forms
        common = _common_start(self.forms, self.case)
        if common and common not in hay:
            return ()
        found, unread = [], len(self.forms)
        for form in self.forms:
            unread -= 1
            if all(map(hay.__contains__, _words(form, self.case))):
                found.append(form)
            elif len(found) + unread < at_least:
                return ()
        return tuple(found)

    def occurrences(self, text: str, folded: Folded = None,
                    forms: tuple[str, ...] | None = None) -> list[tuple[int, int, str]]:
        """(start, end, form) of every use of any form (or of `forms`, when the others are
        known to be absent), in text order (longest form first). `folded` (the text
        case-folded) lets a group that ignores case look only where its words are."""
        hay = text if self.case else folded
        taken: list[tuple[int, int, str]] = []      # in text order, none overlapping another
        for form in sorted(self.forms if forms is None else forms, key=len, reverse=True):
            pattern = form_pattern(form, self.case, form in self.after_number)
            words = _words(form, self.case)
            new = []                                # (a form's own matches never overlap)
            for m in _finditer(pattern, text, hay, words[0]) if words else pattern.finditer(text):
                start, end = m.span()
                # (the one taken span that can overlap this one: the last starting before its end)
                i = bisect_left(taken, (end,))
                if i == 0 or taken[i - 1][1] <= start:
                    new.append((start, end, form))
            if new:
                taken = sorted(taken + new)         # (two runs in order: merged in one pass)
        return taken


def _finditer(pattern: regex.Pattern, text: str, hay: Folded, word: str) -> Iterator[regex.Match]:
    """pattern.finditer(text) for a pattern whose every match starts with `word` in `hay`
    (the text, or the text case-folded), trying it only where `word` is: many times faster
    than a regex scan. A folding that moved offsets ("ß" -> "ss") gets the full scan."""
    if hay is None or len(hay) != len(text):
        yield from pattern.finditer(text)
        return
    resume, at = 0, hay.find(word)
    while at >= 0:
        if at >= resume and (m := pattern.match(text, at)):
            resume = m.end()
            yield m
        at = hay.find(word, at + 1)


@cache
def _words(form: str, case: bool) -> tuple[str, ...]:
    """What a text must contain for `form` to match in it: its words, case-folded when
    case is ignored; nothing for a form not in ASCII (ignoring case, regex may match it
    with characters that fold otherwise)."""
    if case:
        return tuple(form.split())
    return tuple(form.casefold().split()) if form.isascii() else ()


@cache
def _common_start(forms: tuple[str, ...], case: bool) -> str:
    """The start (three characters or more) that every form's words begin with ("web" for
    "website" and "web site"), to rule a whole group out with one test; else ""."""
    firsts = [words[0] if words else "" for words in (_words(f, case) for f in forms)]
    common = os.path.commonprefix(firsts)
    return common if len(common) >= 3 else ""


@cache
def _groups() -> list[Group]:
    return [Group(g["name"], tuple(g["forms"]), g.get("case", False), frozenset(g.get("after-number", ())))
            for g in style_data()["group"]]


_ISE_IZE = lazy(regex.compile, r"(?P<stem>\w+?)i(?P<z>[sz])(?:e|es|ed|ing|ation|ations|er|ers)")


@cache
def _ise_ize_stems() -> frozenset[str]:
    return frozenset(style_data()["ise-ize"]["stems"])
_NUMBER_WORDS_10_UP = ("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty "
                       "forty fifty sixty seventy eighty ninety").split()
_AP_SMALL_NUMBER = lazy(regex.compile, r"(?<![\w$£€.,:/#-]|No\.\s|page\s|chapter\s)(?P<n>[1-9])(?![\w.,:/%°-])"
                        r"[^\S\r\n]+(?P<next>[a-z][\w-]*)")
_AP_UNITS = frozenset("""per percent million billion trillion bn m am pm a p years year-old old mph km kg cm mm
ft in inches feet miles metres meters degrees points point goals goal runs wickets seconds minutes hours to or and
out of times x v vs inch mile metre meter pounds dollars euros cents pence p.m. a.m.""".split())
_AP_BIG_WORD = lazy(regex.compile, r"(?<![\w-])(?P<n>(?:" + "|".join(_NUMBER_WORDS_10_UP) + r")(?:-[a-z]+)?)"
                    r"[^\S\r\n]+(?P<next>[a-z]+s)\b")


class StyleConsistency(Rule):
    """One article, two spellings of one thing: "US" and "U.S.", "per cent" and "%", "Coalition" and "coalition".

    By default asks only for consistency within the article: for each group of
    equivalent spellings ("US"/"U.S.", "UK"/"U.K.", "per cent"/"percent"/"%",
    "email"/"e-mail", "website"/"web site", "-ise"/"-ize" ...) and for nouns capitalised
    in one place and not in another in mid-sentence ("Coalition personnel" and
    "coalition personnel"), it reports the forms used less and names the one used most,
    so copy that writes "US" throughout stays quiet. Only the paper's own narration
    counts: not quotations, block quotes, or the readers' comments a plain-text export
    runs on after the report (a report of three paragraphs or more in the third person,
    then paragraphs mostly in the first person). Names are no style choice ("World
    Health Organization", a "Government Department"), nor is a capital compared across
    senses: "the Coalition" with "the coalition", never with "a coalition deal" or
    "filing cabinets". A house style can be chosen instead:
    `preset = "ap"` (U.S., percent, email, numerals as AP writes them: one to nine in
    words, 10 and up in figures) or `preset = "bbc"` (US, %, email), and a newsroom can
    declare its own preferred spellings with `prefer`; then every variant is reported,
    quotations included.

    ## Why it matters
    Inconsistent spelling within one story looks careless and can read as two different
    things; a house style exists so that readers never notice spelling at all.

    ## Example
    US troops will stay. The U.S. said the role of Coalition personnel and other
    coalition personnel would change.

    ## Use instead
    US troops will stay. The US said the role of coalition personnel and other coalition
    personnel would change.

    ## Fix safety
    Replacing a spelling with the house style's is safe. Without a house style, the fix
    to the majority's spelling is safe only for a clear majority (3 to 1 or more), unsafe
    for a narrower one, and there is none on a tie: which side is right cannot be told.
    Between "%" and words, -ise and -ize, and for capitals, the choice is left to the editor.

    ## Options
    - `consistency`: report mixed spellings within an article (default true).
    - `preset`: "ap" or "bbc", a house style whose variants are always reported.
    - `prefer`: a table of preferred form -> variants, e.g.
      `prefer = { "U.S." = ["US"], "percent" = ["per cent", "%"] }` (added to the preset's).
    - `numerals`: "ap" to check numbers the AP way (set by the "ap" preset).
    """

    code = "LN402"
    name = "style-consistency"
    severity, precision = measured(code)
    fixable = True

    @dataclass(frozen=True)
    class Options:
        consistency: bool = True
        preset: str = ""
        prefer: dict[str, tuple[str, ...]] = field(default_factory=dict)
        numerals: str = ""

    def __init__(self, options=None) -> None:
        super().__init__(options)
        presets = style_data()["preset"]
        if self.options.preset and self.options.preset not in presets:
            raise ConfigError(f"style-consistency: unknown preset {self.options.preset!r} "
                              f"(known: {', '.join(sorted(presets))})")
        table = dict(presets.get(self.options.preset, {}))
        self._numerals = self.options.numerals or table.pop("numerals", "")
        table.update(self.options.prefer)
        self._prefer = {preferred: tuple(variants) for preferred, variants in table.items()}
        after_number = {"%"}
        self._preferred_groups = [Group(p, (p, *vs), case=True, after_number=frozenset(after_number & {p, *vs}))
                                  for p, vs in self._prefer.items()]
        # the consistency groups a preferred spelling does not already cover
        covered = {f.casefold() for group in self._preferred_groups for f in group.forms}
        self._consistency_groups = [g for g in _groups() if not covered.intersection(f.casefold() for f in g.forms)]

    def check(self, doc: Document) -> Iterator[Finding]:
        text, voices = doc.prose, Voices(doc)
        for group in self._preferred_groups:
            forms = group.possible_forms(text, None)
            if any(form != group.name for form in forms):
                for start, end, form in group.occurrences(text, text, forms):
                    if form != group.name:
                        yield _finding(text, start, end, form, group.name, "against house style", True)
        if self.options.consistency:
            folded = _folded(text)
            for group in self._consistency_groups:
                forms = group.possible_forms(text, folded, at_least=2)
                if forms:                       # (one form alone is consistent)
                    yield from self._mixed(doc, voices, folded, group, forms)
            yield from self._capitals(doc, voices, folded)
            yield from self._ise_ize(doc, voices, folded)
        if self._numerals == "ap":
            yield from _ap_numerals(doc)

    def _mixed(self, doc: Document, voices: Voices, folded: Folded, group: Group,
               forms: tuple[str, ...]) -> Iterator[Finding]:
        text = doc.prose
        found = [(a, b, form) for a, b, form in group.occurrences(text, folded, forms)
                 if (group.case or not _in_name(text, a, b)) and not voices.others(a)]
        canonical = (lambda f: f) if group.case else str.casefold
        counts = Counter(canonical(form) for _, _, form in found)
        if len(counts) < 2:
            return
        order = {canonical(form): i for i, (_, _, form) in reversed(list(enumerate(found)))}
        majority = max(counts, key=lambda f: (counts[f], -order[f]))
        shown = next(form for _, _, form in found if canonical(form) == majority)
        safe = _fix_safety(counts, majority)
        for start, end, form in found:
            if canonical(form) != majority:
                times = "once" if counts[majority] == 1 else f"{counts[majority]} times"
                yield _finding(text, start, end, form, shown, f"but '{{wanted}}' elsewhere in the article ({times})",
                               safe)

    def _capitals(self, doc: Document, voices: Voices, folded: Folded) -> Iterator[Finding]:
        text = doc.prose
        for noun in style_data()["capitalisation"]["nouns"]:
            if folded is not None and noun.isascii() and not _twice(folded, noun.casefold()):
                continue                    # capitalised one way and not the other takes two uses
            pattern = form_pattern(noun, False, False)
            uses: dict[str, list[tuple[int, int, str]]] = {}        # sense -> its uses
            for m in _finditer(pattern, text, folded, noun.casefold()) if noun.isascii() else pattern.finditer(text):
                word = m.group()
                if len(word) > len(noun) or _sentence_initial(doc, m.start()) or voices.others(m.start()):
                    continue                # "governments" and "filing cabinets" are never a name
                after = _FOLLOWER.match(text[m.end():m.end() + 40])
                follower = after.group(1) if after else None
                if word[0].isupper():
                    if follower and follower[0].isupper() or follower == "of" or _after_capital(text, m.start()):
                        continue            # "Coalition Forces", "Government of Iraq", "Welsh Assembly Government"
                    kind = "capital"
                else:
                    kind = "lower"
                uses.setdefault(_sense(text, m.start(), follower), []).append((m.start(), m.end(), kind))
            for alike in uses.values():
                yield from _mixed_capitals(text, alike)

    def _ise_ize(self, doc: Document, voices: Voices, folded: Folded) -> Iterator[Finding]:
        if folded is not None and "iz" not in folded:
            return                          # no -ize spelling, so nothing inconsistent
        text, tokens = doc.prose, doc.tokens
        stems = _ise_ize_stems()
        # each word looked at once: its spelling, when it is one of the -ise/-ize words
        spelling = {word: m.group("z") for word in set(tokens.folded) if ("is" in word or "iz" in word)
                    and (m := _ISE_IZE.fullmatch(word)) and m.group("stem") in stems}
        if len(set(spelling.values())) < 2:
            return                          # one spelling, or none
        folded_tokens = tokens.folded
        at = list(compress(range(len(tokens)), map(spelling.__contains__, folded_tokens)))     # (in C)
        uses = []
        for i, start in zip(at, tokens.offsets(at)):
            word = folded_tokens[i]
            if not (voices.others(start) or _in_name(text, start, start + len(word))
                    or text[start].isupper() and not _sentence_initial(doc, start)):   # "World Health Organization"
                uses.append((start, start + len(word), spelling[word]))
        counts = Counter(z for _, _, z in uses)
        if len(counts) < 2:
            return
        majority = max(counts, key=lambda z: (counts[z], -next(i for i, u in enumerate(uses) if u[2] == z)))
        for start, end, z in uses:
            if z != majority:
                word = text[start:end]
                times = "once" if counts[majority] == 1 else f"{counts[majority]} times"
                yield Finding(start, end, f"'{word}' spelt -i{z}e here, but -i{majority}e elsewhere in the article "
                                          f"({times}): spell it one way")


CLEAR_MAJORITY = 3      # uses of the majority form for each use of any other, for a safe fix


def _fix_safety(counts: Counter, majority: str) -> bool | None:
    """How safe it is to make every use the majority's: safe for a clear majority (3 to 1 or
    more), unsafe for a narrower one, and no fix at all on a tie (no side can be told)."""
    others = sum(counts.values()) - counts[majority]
    if counts[majority] == max(n for form, n in counts.items() if form != majority):
        return None
    return counts[majority] >= CLEAR_MAJORITY * others


def _finding(text: str, start: int, end: int, form: str, wanted: str, why: str, safe: bool | None) -> Finding:
    """The finding for `form` written at text[start:end] where `wanted` is due, with a fix
    of this safety (None: no fix; never between "%" and words)."""
    written = text[start:end]
    replacement = wanted[0].upper() + wanted[1:] if written[0].isupper() and wanted[0].islower() else wanted
    if written.lower().endswith("s") and not form.lower().endswith("s") and wanted[-1].isalpha():
        replacement += "s"          # "e-mails" -> "emails"
    fix = None
    if safe is not None and "%" not in (form, wanted):
        fix = Fix.replace(start, end, replacement, safe=safe, message=f"write '{replacement}'")
    return Finding(start, end, f"'{written}' here, " + why.format(wanted=wanted) + f": write '{replacement}'", fix)


class Voices:
    """Which prose is the paper's own narration, and which is other people's words: a
    quotation, a block quote, or the readers' comments that a plain-text export of a news
    page runs on after the report (a Markdown or HTML page keeps them out of the article)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def others(self, offset: int) -> bool:
        """Whether the prose at offset is someone else's words."""
        doc = self.doc
        return bool(doc.quoted_mask[offset]) or doc.block_kind(offset) == "blockquote" \
            or offset >= self.comments_start

    @cached_property
    def comments_start(self) -> int:
        """Where the readers' comments start: the first paragraph in the first person
        ("I think ...") after a report of three paragraphs or more in the third person, when
        at least 2 in 5 of the paragraphs from there on are in the first person too (four
        or more of them); past the end when there are none."""
        doc, never = self.doc, len(self.doc.prose) + 1
        if doc.kind != "text":
            return never
        quoted = doc.quoted_mask
        voiced = sorted({doc.paragraph_of(m.start()) for m in _FIRST_PERSON.finditer(doc.prose)
                         if not quoted[m.start()]})
        if not voiced:
            return never
        k, after = voiced[0], len(doc.paragraphs) - voiced[0]
        return doc.paragraphs[k].start if k >= 3 and len(voiced) >= 4 and len(voiced) * 5 >= after * 2 else never


_FIRST_PERSON = lazy(regex.compile, r"(?<![\w'’-])(?:I(?:['’](?:m|ve|d|ll))?|[Mm]y|me)(?![\w'’-])")


def _folded(text: str) -> Folded:
    """The text case-folded, to test whether an ASCII word can match it in any case; None
    where that test could miss a match: regex's ignore-case matches "İ" (which folds to two
    characters) with "i". A long text's is kept in pieces (see FoldedPieces)."""
    if "\u0130" in text:
        return None
    return text.casefold() if len(text) <= FoldedPieces.PIECE else FoldedPieces(text)


class FoldedPieces:
    """A long text case-folded a piece at a time and kept in pieces: as a str (with `in`,
    `find` and `len`), without ever holding a copy of the whole. Case folding maps each
    character on its own, so the pieces joined are the text folded; str.casefold of a whole
    text not in ASCII would work in a buffer four times the text's size."""

    PIECE = 1 << 16

    def __init__(self, text: str) -> None:
        self.pieces = [text[i:i + self.PIECE].casefold() for i in range(0, len(text), self.PIECE)]
        self.starts = list(accumulate(map(len, self.pieces), initial=0))

    def __len__(self) -> int:
        return self.starts[-1]

    def __contains__(self, needle: str) -> bool:
        return self.find(needle) >= 0

    def find(self, needle: str, start: int = 0) -> int:
        """The offset of the first `needle` (not empty) at or after `start`, or -1."""
        n, pieces = len(needle), self.pieces
        for k in range(max(0, bisect_right(self.starts, start) - 1), len(pieces)):
            base, piece = self.starts[k], pieces[k]
            local = max(0, start - base)
            at = piece.find(needle, local)
            if at >= 0:
                return base + at
            if n > 1 and k + 1 < len(pieces):       # one running on into the next pieces
                tail, rest, j = max(local, len(piece) - n + 1), "", k + 1
                while len(rest) < n - 1 and j < len(pieces):
                    rest, j = rest + pieces[j][:n - 1 - len(rest)], j + 1
                at = (piece[tail:] + rest).find(needle)
                if at >= 0:
                    return base + tail + at
        return -1


Folded = str | FoldedPieces | None       # the text case-folded (see _folded)


def _twice(hay: str | FoldedPieces, needle: str) -> bool:
    """Whether needle occurs at two offsets of hay at least."""
    first = hay.find(needle)
    return first >= 0 and hay.find(needle, first + 1) >= 0


def _mixed_capitals(text: str, uses: list[tuple[int, int, str]]) -> Iterator[Finding]:
    """The uses of one noun in one sense capitalised against the majority (the first, on a tie)."""
    counts = Counter(kind for _, _, kind in uses)
    if len(counts) < 2:
        return
    majority = "capital" if counts["capital"] > counts["lower"] else "lower"
    if counts["capital"] == counts["lower"]:
        majority = uses[0][2]
    other = "capitalised" if majority == "capital" else "in lower case"
    times = "once" if counts[majority] == 1 else f"{counts[majority]} times"
    for start, end, kind in uses:
        if kind != majority:
            yield Finding(start, end, f"'{text[start:end]}' here, but {other} elsewhere in the article "
                                      f"({times}) as a common noun: write it one way")


def _sense(text: str, start: int, follower: str | None) -> str:
    """Which uses of a noun at text[start:] a capital must agree with: "the" after a definite
    determiner ("the Government", "its government": one body), "a" after an indefinite one
    ("a coalition deal", "any government"); else "attr" for one standing before another
    word ("Coalition personnel", "government figures"), the word before it for one after a
    modifier ("shadow cabinet", "local government"), or "" ("in Cabinet")."""
    m = _WORD_THEN_SPACE.search(text[max(0, start - 40):start])
    before = m.group(1) if m else ""
    if before.casefold() in _DEFINITE:
        return "the"
    if before.casefold() in _INDEFINITE:
        return "a"
    if follower and follower[0].islower() and follower not in _FUNCTION_WORDS:
        return "attr"
    return before if before.islower() and before not in _FUNCTION_WORDS else ""


_DEFINITE = frozenset("the this that our its their his her my your whose".split())
_INDEFINITE = frozenset("a an any another each every no".split())
_DETERMINERS = _DEFINITE | _INDEFINITE
_FUNCTION_WORDS = word_set("function_words")


def _in_name(text: str, start: int, end: int) -> bool:
    """A capitalised word next to another capitalised word: part of a name ("Email Systems")."""
    if not text[start].isupper():
        return False
    after = _CAPITAL_NEXT.match(text[end:end + 3])
    return bool(after) or _after_capital(text, start)


def _after_capital(text: str, offset: int) -> bool:
    """Whether the word before offset is capitalised (and no determiner starting a sentence:
    "The Government said"): the word at offset is part of a name."""
    m = _WORD_THEN_SPACE.search(text[max(0, offset - 40):offset])
    return bool(m and m.group(1)[0].isupper() and m.group(1).casefold() not in _DETERMINERS)


def _sentence_initial(doc: Document, offset: int) -> bool:
    s = doc.sentences[doc.sentence_of(offset)]
    return not any(ch.isalnum() for ch in doc.prose[s.start:offset])


def _ap_numerals(doc: Document) -> Iterator[Finding]:
    """AP: one to nine in words, 10 and up in figures (ages, money, percentages, times exempt)."""
    text = doc.prose
    words = "one two three four five six seven eight nine".split()
    for m in _AP_SMALL_NUMBER.finditer(text):
        if m.group("next").lower() in _AP_UNITS or m.group("next").endswith("-old"):
            continue
        n = int(m.group("n"))
        yield Finding(m.start("n"), m.end("n"), f"AP style writes numbers under 10 in words: write '{words[n - 1]}'",
                      Fix.replace(m.start("n"), m.end("n"), words[n - 1], message=f"write '{words[n - 1]}'"))
    for m in _AP_BIG_WORD.finditer(text):
        if _sentence_initial(doc, m.start()):
            continue
        yield Finding(m.start("n"), m.end("n"), f"AP style writes numbers of 10 and more in figures: write "
                                                        f"'{m.group('n')}' as a figure")
