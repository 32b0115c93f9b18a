"""LN502 stray-metadata and LN503 placeholder: things that were never meant to be printed."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.rules._metadata import glued_metadata, line_start
from lintnews.ruleset import Rule
from lintnews.rules._hints import contains_any, contains_lower

_HTML_TAG = lazy(regex.compile, r"</?(?:p|br|div|span|a|b|i|em|strong|img|h[1-6]|li|ul|ol|table|tr|td|script|style|font|"
                 r"blockquote|figure|figcaption|iframe|section|article)\b[^<>]{0,200}?/?>", regex.I)
_ENTITY = lazy(regex.compile, r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_BULLET = lazy(regex.compile, r"[-*•–—]\s|\d{1,2}[.)]\s")


class StrayMetadata(Rule):
    """Export metadata leaking into the copy: "date 2021-07-27 President Joe Biden announced ...".

    Flags a `key value` fragment (date, title, url, author, tags, byline ...) glued to the
    start of the copy or of a paragraph, white space at the start of a paragraph (left by
    an export that dropped something there), and, in plain-text articles, HTML tags and
    character entities ("&#233;", "<br />") that a CMS export failed to convert. Bulleted
    lines that are indented on purpose stay quiet.

    ## Why it matters
    A stray "date 2021-07-27" or "&#233;" in print shows the article went out straight
    from an export without a read; readers see it first thing.

    ## Example
     date 2021-07-27 President Joe Biden announced Monday that US troops will leave.

    ## Use instead
    President Joe Biden announced Monday that US troops will leave.

    ## Fix safety
    Removing the leading white space and decoding an entity are safe; removing a metadata
    fragment is unsafe (the value may belong to the sentence).
    """

    code = "LN502"
    name = "stray-metadata"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        for i, p in enumerate(doc.paragraphs):
            m = glued_metadata(text, p.start, p.end, first=i == 0)
            if m:
                yield Finding(m.start("key"), m.end("value"),
                              f"export metadata '{m.group('key')} {m.group('value')}' glued to the copy: delete it",
                              Fix.replace(m.start(), _skip_spaces(text, m.end()), "", safe=False,
                                          message="remove the metadata"))
                continue
            begins = line_start(text, p.start)
            if begins < p.start and doc.is_verbatim(begins, p.start) and not _BULLET.match(text, p.start):
                yield Finding(begins, p.start, "white space at the start of a paragraph: delete it",
                              Fix.replace(begins, p.start, "", message="remove it"))
        if doc.kind == "text":
            for m in _HTML_TAG.finditer(text) if "<" in text else ():
                shown = " ".join(m.group().split())     # a tag across lines quoted on one line
                yield Finding(m.start(), m.end(), f"HTML tag '{shown}' in plain text: delete it")
            for m in _ENTITY.finditer(text) if "&" in text else ():
                decoded = _decode_entity(m.group())
                fix = Fix.replace(m.start(), m.end(), decoded, message=f"write '{decoded}'") if decoded else None
                yield Finding(m.start(), m.end(), f"HTML entity '{m.group()}' in plain text: "
                                                  + (f"write '{decoded}'" if decoded else "write the character it stands for"), fix)


def _skip_spaces(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return offset


def _decode_entity(entity: str) -> str:
    """The character an entity stands for, when writing it is surely right ("&#233;" -> "é";
    not "&#191;", an inverted question mark an export put where an apostrophe was)."""
    import html

    decoded = html.unescape(entity)
    if decoded == entity or not (decoded.isalnum() or decoded in "£$€&<>\"'’‘“”–—… \u00a0"):
        return ""
    return decoded


# ----------------------------------------------------------------------------- LN503

_PRODUCTION_ITEMS = (r"quote|link|links|url|photo|photos|pic|picture|image|images|caption|graphic|chart|map|video|"
                     r"name|names|date|figure|figures|number|numbers|stat|stats|headline|hed|dek|byline|credit|"
                     r"source|para|paragraph|details|tk|tbc|tba|fact|facts|here")
_PLACEHOLDER = lazy(regex.compile,
    r"(?P<tk>(?<![\w-])(?:TK|TKTK+)(?![\w-]|\s+Maxx?\b))"
    r"|(?P<xx>(?<=[$£€]|\d[.,]?|\b(?:on|in|by|of|to|about|around)\s)X{2,}(?![\w-])"
    r"|(?<![\w.-])X{2,}(?=\s*(?:%|per\s*cent|percent|million|bn|billion|m\b|people|years?\b|[.,]\d)))"
    r"|(?P<lorem>(?i:\blorem\s+ipsum\b))"
    r"|(?P<qq>(?<=^|\s)\?{2,}(?=\s|[.,;:]|$))"
    r"|(?P<insert>\bINSERT\b(?!\s+(?:INTO|KEY)\b))"
    r"|(?P<bracket>(?i:[\[{]\s*(?:(?:insert|add|need|get)\s+(?:an?\s+|the\s+|more\s+)?(?:" + _PRODUCTION_ITEMS
    + r")\b[^\]}\n]{0,40}|(?:check|confirm|fix|todo|to\s+come)\b[^\]}\n]{0,80}"
    r"|(?:" + _PRODUCTION_ITEMS + r")\s*(?:to\s+come|tbc|here)?\s*)[\]}]))"
    r"|(?P<caps>\[[^\S\n]*(?=[^\[\]\n]*\p{Lu}{2})[\p{Lu}\d\s'’:,.?!/-]{4,80}\])"
    r"|(?P<brace>\{[^{}\n]{1,80}\})", regex.M)


# What any placeholder holds, for a cheap test before the full pattern: one of these
# strings, "orem", or a bracket or brace that can open a note -- a stdlib superset of the
# bracket, capitals and brace alternatives (its \s and ignore-case take in regex's; a-z
# is never a capital, a figure, a space or one of the marks, and neither is "[": so a run
# of "[[[[" is read once, not once from each of its brackets, as it was when the capitals'
# look-ahead and this test could run on through it)
_TRIGGERS = ("TK", "XX", "??", "INSERT")
_NOTE_HINT = lazy(re.compile, r"[\[{]\s*(?i:insert|add|need|get|check|confirm|fix|todo|to\s|" + _PRODUCTION_ITEMS + ")"
                  r"|\[[^\[\]a-z]{4,}\]|\{[^{}\n]{1,80}\}")


class Placeholder(Rule):
    """Copy left unfinished: TK, XX, "[link]", "[PHOTO]", "INSERT", "???", "lorem ipsum", editor notes.

    Flags the newsroom's placeholders for facts still to come ("TK", "TKTK", "$XX
    million"), bracketed production notes ("[link]", "[PHOTO]", "[insert quote here]",
    "[CHECK FIGURE]", "{update}"), "INSERT", a free-standing "???" and dummy text
    ("lorem ipsum"). Editorial insertions in quotations ("he [Mr Bush] advocates"),
    "Super Bowl XX", "the .xxx domain", "TK Maxx" and a reader's "really???" stay quiet.

    ## Why it matters
    A placeholder in print is the most visible sign of copy published before it was
    finished, and the fact it stands for is missing.

    ## Example
    The deal is worth $XX million, according to [CHECK SOURCE].

    ## Use instead
    The deal is worth $40 million, according to company filings.

    ## Options
    - `words`: more placeholder words to flag (matched as whole words, in any case).
    """

    code = "LN503"
    name = "placeholder"
    severity, precision = measured(code)

    @dataclass(frozen=True)
    class Options:
        words: tuple[str, ...] = ()

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        if not contains_any(text, _TRIGGERS) and not contains_lower(text, "orem") \
                and not (("[" in text or "{" in text) and _NOTE_HINT.search(text)):
            matches = ()
        else:
            matches = _PLACEHOLDER.finditer(text)
        for m in matches:
            if m.group("caps") and not _note_like(m.group()):
                continue
            if m.group("qq") and _masked_log_time(text, m.start()):
                continue
            yield Finding(m.start(), m.end(), f"'{m.group()}' left in the copy: fill it in or delete it")
        if self.options.words:
            extra = regex.compile(r"(?<![\w-])(?:" + "|".join(map(regex.escape, self.options.words)) + r")(?![\w-])",
                                  regex.I)
            for m in extra.finditer(text):
                yield Finding(m.start(), m.end(), f"'{m.group()}' left in the copy: fill it in or delete it")


_LETTERS = lazy(regex.compile, r"[\p{L}'’]+")
_MASKED_TIME = lazy(regex.compile, r"\?\?[:.]\?\?(?:\s*(?i:am|pm|a\.m\.|p\.m\.))?\s+[–—-]")
_CLOCK_ENTRY = lazy(regex.compile, r"\d{1,2}[:.]\d{2}\b")


def _masked_log_time(text: str, start: int) -> bool:
    """A time log's entry whose clock time is masked on purpose ("??:?? PM – this is where
    things get hazy"): at a paragraph's start, shaped as a time, after an entry that opens
    with a clock time ("12:30 PM – ...")."""
    paragraph = _paragraph_start(text, start)
    if text[paragraph:start].strip() or not _MASKED_TIME.match(text, start) or paragraph == 0:
        return False
    previous = text[:paragraph].rstrip()
    return bool(_CLOCK_ENTRY.match(previous, _paragraph_start(previous, len(previous))))


def _paragraph_start(text: str, at: int) -> int:
    """Where the paragraph holding offset `at` begins (after the last blank line before it)."""
    gap = text.rfind("\n\n", 0, at)
    return 0 if gap < 0 else gap + 2


def _note_like(bracketed: str) -> bool:
    """An all-capitals bracket that reads as a note ("[CHECK FIGURE]"), not an acronym ("[BBC]")."""
    words = _LETTERS.findall(bracketed)
    return len(words) >= 2
