"""LN403 weekday-date: a weekday that does not match its date, or the article's date."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import regex

from lintnews.diagnostics import Finding, Fix
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.ruleset import Rule
from lintnews.text import find_all

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = {name: i + 1 for i, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"))}
MONTHS.update({"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
               "Oct": 10, "Nov": 11, "Dec": 12})

_WD = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?[^\S\r\n]+(?P<year>(?:19|20)\d\d)(?!\d))?"
_SEP = r"(?:,\s*|\s+|\s*\(\s*)(?:the\s+)?"
_EXPLICIT = lazy(regex.compile,
    r"\b" + _WD + _SEP + r"(?:" + _MONTH + r"\s+" + _DAY + r"|" + _DAY + r"(?:\s+of)?\s+" + _MONTH + r")"
    + r"(?![\w-])" + _YEAR)
# The same without the word boundaries and with any non-space for a figure, in the stdlib
# engine (its \s takes in regex's): a cheap test before the pattern above
_MONTHS = "(?:" + "|".join(MONTHS) + r")\.?"
_EXPLICIT_HINT = lazy(re.compile, "(?:" + "|".join(WEEKDAYS) + r")(?:,\s*|\s+|\s*\(\s*)(?:the\s+)?"
                      r"(?:" + _MONTHS + r"\s+\S|\S{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTHS + ")")
_RELATIVE = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "yesterday": -1, "tomorrow": 1}
_REL = r"(?P<rel>today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|tomorrow)"
_RELATIVE_DAY = lazy(regex.compile, r"(?i:\b" + _REL + r")\s*(?:,|\(|\s)\s*(?:on\s+)?" + _WD + r"\b"
                     r"|\b" + _WD + r"\s*(?:,|\()\s*(?i:" + _REL + r")\b")
# The same without the word boundaries, in the stdlib engine (its \s and ignore-case take in
# regex's): a cheap test, so that the pattern above is compiled only for an article that may match
_RELATIVE_DAY_HINT = lazy(re.compile, r"(?i:today|tonight|morning|afternoon|evening|yesterday|tomorrow)"
                          r"\s*(?:,|\(|\s)\s*(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r")"
                          r"|(?:" + "|".join(WEEKDAYS) + r")\s*(?:,|\()\s*(?i:today|tonight|this|yesterday|tomorrow)")


class WeekdayDate(Rule):
    """A weekday that cannot be right: "Monday, July 27, 2021" (a Tuesday), or "today, Friday" in an article dated Thursday.

    Flags an explicit date whose weekday is wrong, in any common order ("Monday, July 27,
    2021", "Monday 27 July", "Tuesday the 3rd of May"); a date without a year is read in
    the year that puts it nearest the article's date, and is left alone when the article
    has no date. Flags a weekday tied to "today", "yesterday" or "tomorrow" ("yesterday,
    Sunday") that does not fit the article's date. The article's date comes from its
    metadata: a `date 2021-07-27` header line, front matter `date:`, or `--date`. A bare
    weekday ("announced Monday") always names a day of the week around the article's date
    and is not flagged.

    ## Why it matters
    A wrong weekday makes readers doubt every other fact in the story, and corrections of
    dates are among the commonest a paper prints.

    ## Example
    The talks will resume on Monday, July 27, 2021.

    ## Use instead
    The talks will resume on Tuesday, July 27, 2021.

    ## Fix safety
    The weekday of a complete date is certain, so replacing it is safe; with no year in
    the text the year is inferred and the fix is unsafe.
    """

    code = "LN403"
    name = "weekday-date"
    severity, precision = measured(code)
    fixable = True

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        if "day" not in text:
            return                          # (every weekday ends in "day": one quick search first)
        weekdays = find_all(text, WEEKDAYS)   # (str.find: many times quicker than a regex scan)
        if not weekdays:
            return
        article = _article_date(doc)
        for m in _explicit_dates(text, weekdays):
            month, day = MONTHS[m.group("month")], int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else None
            date = _resolve(year, month, day, article)
            if date is None:
                continue
            actual = WEEKDAYS[date.weekday()]
            if actual != m.group("wd"):
                fix = Fix.replace(m.start("wd"), m.end("wd"), actual, safe=year is not None,
                                  message=f"write {actual}")
                yield Finding(m.start("wd"), m.end(), f"{_spell(date, year is None)} was a {actual}, "
                                                      f"not a {m.group('wd')}: check the day and the date", fix)
        if article is None or not _RELATIVE_DAY_HINT.search(text):
            return
        for m in _RELATIVE_DAY.finditer(text):
            rel = " ".join(m.group("rel").lower().split())
            date = article + dt.timedelta(days=_RELATIVE[rel])
            actual = WEEKDAYS[date.weekday()]
            if actual != m.group("wd"):
                yield Finding(m.start(), m.end(), f"'{rel}' is {actual} {date.isoformat()} for an article dated "
                                                  f"{article.isoformat()}, not {m.group('wd')}: check the day")


def _article_date(doc: Document) -> dt.date | None:
    value = doc.meta.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _explicit_dates(text: str, weekdays: list[int]) -> Iterator[regex.Match]:
    """What _EXPLICIT.finditer(text) finds, tried only at the weekdays (every match starts
    with one) that pass the cheap test: a scan of a long text costs many times more."""
    resume = 0
    for i in weekdays:
        if i >= resume and _EXPLICIT_HINT.match(text, i) and (m := _EXPLICIT.match(text, i)):
            resume = m.end()
            yield m


def _resolve(year: int | None, month: int, day: int, article: dt.date | None) -> dt.date | None:
    """The date meant: as written, or (no year) in the year nearest the article's date."""
    try:
        if year is not None:
            return dt.date(year, month, day)
        if article is None:
            return None
        options = []
        for y in (article.year - 1, article.year, article.year + 1):
            try:
                options.append(dt.date(y, month, day))
            except ValueError:
                continue
        return min(options, key=lambda d: abs((d - article).days)) if options else None
    except ValueError:
        return None                         # "February 30": not a date at all


def _spell(date: dt.date, inferred_year: bool) -> str:
    spelled = f"{date.day} {date.strftime('%B')} {date.year}"
    return spelled + " (the year taken from the article's date)" if inferred_year else spelled
