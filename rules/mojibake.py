"""LN501 mojibake: text decoded with the wrong encoding ("â€™", "Ã©"), found and fixed by ftfy."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.ruleset import Rule

# What UTF-8 looks like when read as Windows-1252 or Latin-1: a lead byte shown as one of
# Â-ô followed by a continuation byte (0x80-0xBF) shown as its cp1252/latin-1 character.
# A cheap prefilter: ftfy (imported only when this matches) has the last word.
_CONTINUATION = ("\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                 "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
_SUSPECT = lazy(regex.compile, f"[\u00c2-\u00f4][{_CONTINUATION}]")
# the stretch of text around a suspect pair that is handed to ftfy
_SEGMENT = lazy(regex.compile, f"[\\w\u00c2-\u00f4{_CONTINUATION}]*[\u00c2-\u00f4][{_CONTINUATION}]"
                f"[\\w\u00c2-\u00f4{_CONTINUATION}]*")
# "Bidenâ€™s" is reported by mangled-possessive, which knows it is a possessive
_POSSESSIVE = lazy(regex.compile, r"(?<=\p{L})(?:â€™|Ã¢â‚¬â„¢)s(?![\w'’])")


class Mojibake(Rule):
    """Text garbled by a wrong decoding: "â€™" for "’", "Ã©" for "é", "â€œ" for "“".

    Flags characters that are the UTF-8 bytes of another character read back in the
    Windows-1252 or Latin-1 encoding, as happens when copy passes through a system that
    guesses the encoding wrongly. Detection and repair are ftfy's (a well-kept library
    built for exactly this), after a cheap check for the tell-tale character pairs. A
    garbled possessive apostrophe ("Bidenâ€™s") is left to mangled-possessive. Real text
    in other languages ("Ñoño", "Ålesund") stays quiet.

    ## Why it matters
    Mojibake makes names and quotes unreadable ("CafÃ©", "â€œWe won,â€"); it spreads
    silently through a CMS and an archive until someone reads the page.

    ## Example
    The cafÃ© owner said: â€œWe will reopen.â€

    ## Use instead
    The café owner said: “We will reopen.”

    ## Fix safety
    The repair is ftfy's, restoring the characters the bytes stood for; it is safe.
    """

    code = "LN501"
    name = "mojibake"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        if not _SUSPECT.search(text):
            return
        skip = {m.start() for m in _POSSESSIVE.finditer(text)}
        for m in _SEGMENT.finditer(text):
            segment = m.group()
            fixed = _repair(segment)
            if fixed == segment:
                continue
            start, end = _trim(segment, fixed, m.start())
            if any(start <= s < end for s in skip):
                continue
            repaired = fixed[start - m.start():len(fixed) - (m.end() - end)]
            yield Finding(start, end, f"garbled text '{text[start:end]}': write '{repaired}'",
                          Fix.replace(start, end, repaired, message=f"write '{repaired}'"))


def _repair(segment: str) -> str:
    import ftfy

    return ftfy.fix_text(segment, _config())


_CONFIG = None


def _config():
    global _CONFIG
    if _CONFIG is None:
        import ftfy

        _CONFIG = ftfy.TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
                                       fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
                                       fix_surrogates=False, remove_control_chars=False, normalization=None,
                                       explain=False)
    return _CONFIG


def _trim(segment: str, fixed: str, offset: int) -> tuple[int, int]:
    """The smallest span of the segment that the repair changed (common ends left out)."""
    head = 0
    while head < min(len(segment), len(fixed)) and segment[head] == fixed[head]:
        head += 1
    tail = 0
    while tail < min(len(segment), len(fixed)) - head and segment[-1 - tail] == fixed[-1 - tail]:
        tail += 1
    return offset + head, offset + len(segment) - tail
