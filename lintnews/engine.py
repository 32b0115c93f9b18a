"""The engine and the public API: lint one string, one file, one Document; list the rules.

Every front end (the CLI, an archive sweep on Dask, an editor) builds one Linter and calls
these methods, so the same text gets the same findings wherever it is linted.
"""
from __future__ import annotations

import gc
import mmap
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from lintnews.config import Config, nearest
from lintnews.diagnostics import Applicability, Diagnostic, Edit, Finding, Fix, Problem
from lintnews.document import Document
from lintnews.errors import ConfigError, InputError, WriteError
from lintnews.fixes import select_fixes, splice, well_formed
from lintnews.plugins import Plugins, load_plugins
from lintnews.reading import decode, over_the_limit, read_bytes, read_stream
from lintnews.ruleset import Rule, build_options, check_selectors, matches, select
from lintnews.severity import check_severity
from lintnews.suppression import (INVALID_CODE, UNUSED_CODE, Screen, invalid as invalid_suppressions,
                                  suppressions, unused as unused_suppressions)
from lintnews.watchdog import RuleTimeout, Watchdog, watchdog
from lintnews.writing import encode_like, replace_file

MAX_FIX_PASSES = 10
NO_LIMIT = sys.maxsize // 4     # max-findings-per-rule past what any file can hold (first_of doubles it)
OUT_OF_MEMORY = ("not enough memory to read it as an article (markup this dense, a paragraph of "
                 "megabytes of emphasis, takes many times its size); not linted")
# Address space set aside while a long text is read as an article and given back the moment
# it runs out, so that the collector can free what the failed attempt built and the problem
# can be reported (without it, every later allocation fails too: the report is lost in a
# cascade of errors, or Python aborts). An anonymous mapping never touched: address space only,
# no resident memory (a bytearray would be zeroed, page by page).
MEMORY_RESERVE = 64 * 1024 * 1024
RESERVE_FROM = 1024 * 1024      # texts of this many characters or more get a reserve
T = TypeVar("T")


def _memory_reserve() -> mmap.mmap | None:
    """MEMORY_RESERVE bytes of address space, or None where even that cannot be had."""
    try:
        return mmap.mmap(-1, MEMORY_RESERVE)
    except (OSError, MemoryError):
        return None


@dataclass
class Result:
    """What linting one article gave: its diagnostics and the problems met on the way."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    document: Document | None = None


@dataclass
class FixResult:
    """What fixing one article gave: the text before and after, how many fixes of each rule
    were applied, and the Result of linting the fixed text (the findings that remain)."""

    original: str
    text: str
    result: Result
    fixed: Counter[str] = field(default_factory=Counter)
    converged: bool = True      # False when fixes still applied after the last pass

    @property
    def count(self) -> int:
        return sum(self.fixed.values())

    @property
    def changed(self) -> bool:
        return self.text != self.original


class Linter:
    """Selected, configured rules ready to run on any number of articles."""

    def __init__(self, config: Config | None = None, *, plugins: Plugins | None = None) -> None:
        self.config = config or Config()
        self.plugins = plugins or load_plugins()
        available = self.plugins.rules()
        where = self.config.source or "configuration"
        for key in ("select", "ignore", "extend_select"):
            check_selectors(available, getattr(self.config, key) or (), f"{where}: {key.replace('_', '-')}")
        by_name = {r.name: r for r in available} | {r.code.lower(): r for r in available}
        for name in self.config.rules:
            if name.lower() not in by_name:
                raise ConfigError(f"{where}: options for unknown rule {name!r}{nearest(name.lower(), by_name)}")
        by_name |= {key: by_name[key.lower()] for key in self.config.rules}     # (as written: "LN101")
        options = {by_name[n].code: build_options(by_name[n], raw, where, self.config.root)
                   for n, raw in self.config.rules.items()}
        chosen = select(available, self.config.select, self.config.ignore, self.config.extend_select)
        self._setup_problems: list[Problem] = []
        self.rules: list[Rule] = [rule for cls in chosen if (rule := self._set_up(cls, options.get(cls.code)))]
        severities = {by_name[n].code: check_severity(raw["severity"], f"{where}: rules.{n}.severity")
                      for n, raw in self.config.rules.items() if "severity" in raw}
        for rule in self.rules:
            rule.severity = severities.get(rule.code, rule.severity)     # (the configured one, if any)
        for codes in self.config.per_file_ignores.values():
            check_selectors(available, codes, f"{where}: per-file-ignores")
        self._per_file = per_file_matcher(self.config)
        # LN002 is reported here, knowing every rule: its findings lie in comments, not prose
        self._invalid_suppression = next((r for r in self.rules if r.code == INVALID_CODE), None)
        self._available = available

    def _set_up(self, cls: type[Rule], options) -> Rule | None:
        """An instance of a rule class; None, and a problem naming its plugin, if making it raises."""
        try:
            return cls(options)
        except (KeyboardInterrupt, ConfigError):      # (an option the rule cannot use: the user's to fix)
            raise
        except BaseException as exc:
            self._setup_problems.append(Problem("plugin", cls.plugin, (
                f"rule {cls.code} {cls.name} (plugin {cls.plugin!r}) could not be set up: "
                f"{type(exc).__name__}: {exc}; left out")))
            return None

    @property
    def problems(self) -> list[Problem]:
        """Problems of the set-up itself (plugins that failed to load, rules that could not
        be made), not of any article."""
        return self.plugins.problems + self._setup_problems

    def available_rules(self) -> list[type[Rule]]:
        return self.plugins.rules()

    def article_extensions(self) -> tuple[str, ...]:
        exts = {e.lower() for group in self.plugins.hook.lintnews_article_extensions() for e in group}
        return tuple(sorted(exts))

    # ---------------------------------------------------------------- the public API

    def load(self, text: str, path: str = "<string>") -> Document:
        """The Document a loader plugin makes of `text` (named `path`)."""
        options = {"date": self.config.date, "front_matter_fields": self.config.front_matter_fields}
        return self.plugins.hook.lintnews_load_document(path=path, text=text, options=options)

    def lint_text(self, text: str, path: str = "<string>") -> Result:
        """Lint a string as if it were the file `path` (its extension picks the loader)."""
        return self._lint_text(text, path, self.config.max_findings_per_rule)

    def _lint_text(self, text: str, path: str, limit: int | None) -> Result:
        reserve = _memory_reserve() if len(text) >= RESERVE_FROM else None
        try:
            doc = self.load(text, path)
        except KeyboardInterrupt:
            raise
        except MemoryError:
            reserve = doc = None    # room to unwind; the error's frames still hold what ran out
        except BaseException as exc:      # a loader's bug, whatever it raises: report it, lint the other files
            return Result(path, problems=[Problem("plugin", path, (
                f"could not be read as an article: {type(exc).__name__}: {exc}"))])
        if doc is not None:
            try:
                return self._lint_document(doc, limit)
            except MemoryError:
                reserve = doc = None
        gc.collect()                # the failed attempt's objects sit in reference cycles
        return Result(path, problems=[Problem("input", path, OUT_OF_MEMORY)])

    def lint_file(self, path: str | os.PathLike, display_path: str | None = None) -> Result:
        """Lint one file; a file that cannot be read gives a Result with one problem."""
        name = display_path or str(path)
        try:
            text = decode(read_bytes(path, self.config.max_file_size), self.config.encoding)
        except InputError as exc:
            return Result(name, problems=[Problem("input", name, str(exc))])
        return self.lint_text(text, name)

    def read_input(self, stream: BinaryIO) -> bytes:
        """What a stream (standard input) holds, up to max-file-size and one byte more: an
        endless stream is read no further than lint_bytes needs to tell it is too big."""
        return read_stream(stream, self.config.max_file_size)[0]

    def lint_bytes(self, data: bytes, path: str = "-") -> Result:
        """Lint the bytes of an article that is not a file (standard input), decoded as a
        file is; more than max-file-size of them is a problem, not linted."""
        try:
            text = self._decode_input(data)
        except InputError as exc:
            return Result(path, problems=[Problem("input", path, str(exc))])
        return self.lint_text(text, path)

    def fix_bytes(self, data: bytes, path: str = "-", *, unsafe: bool = False) -> tuple[FixResult, bytes]:
        """Fix the bytes of an article that is not a file: the outcome, and the fixed text
        encoded as the bytes were (the bytes unchanged when they cannot be read or the fixed
        text cannot be encoded)."""
        try:
            outcome = self.fix_text(self._decode_input(data), path, unsafe=unsafe)
            return outcome, encode_like(outcome.text, data, self.config.encoding)
        except (InputError, WriteError) as exc:
            return FixResult("", "", Result(path, problems=[Problem("input", path, str(exc))])), data

    def _decode_input(self, data: bytes) -> str:
        limit = self.config.max_file_size
        if limit is not None and len(data) > limit:
            raise InputError(over_the_limit(limit))
        return decode(data, self.config.encoding)

    def fix_text(self, text: str, path: str = "<string>", *, unsafe: bool = False,
                 max_passes: int = MAX_FIX_PASSES) -> FixResult:
        """Apply every safe fix (and unsafe ones if asked), re-linting until none applies.

        Fixes that overlap are applied in later passes; after `max_passes` passes the
        result says whether anything was still left to apply (`converged`). Every finding
        is looked at, not only the first `max-findings-per-rule` of a rule (the findings
        that remain are then reported as lint_text reports them).
        """
        original, fixed = text, Counter()
        result = self._lint_text(text, path, None)
        problems = list(result.problems)
        for _ in range(max_passes):
            chosen = select_fixes(text, result.diagnostics, unsafe)
            if not chosen:
                break
            text = splice(text, (e for d in chosen for e in d.fix.edits))
            fixed.update(d.code for d in chosen)
            result = self._lint_text(text, path, None)
            problems += [p for p in result.problems if p not in problems]
        converged = not select_fixes(text, result.diagnostics, unsafe)
        reported = _limited(result.diagnostics, self.config.max_findings_per_rule)
        return FixResult(original, text, replace(result, diagnostics=reported, problems=problems), fixed, converged)

    def fix_file(self, path: str | os.PathLike, display_path: str | None = None, *, unsafe: bool = False,
                 write: bool = True) -> FixResult:
        """Fix one file and, if `write` and anything changed, write it back in place.

        The file keeps its encoding, BOM, line endings and permissions; one that changed on
        disk meanwhile is not overwritten. Problems (unreadable, unwritable) are in
        `.result.problems`; when the file could not be written, the findings are those of
        the unchanged file.
        """
        name = display_path or str(path)
        try:
            data = read_bytes(path, self.config.max_file_size)
            text = decode(data, self.config.encoding)
        except InputError as exc:
            return FixResult("", "", Result(name, problems=[Problem("input", name, str(exc))]))
        outcome = self.fix_text(text, name, unsafe=unsafe)
        if write and outcome.changed:
            try:
                replace_file(path, encode_like(outcome.text, data, self.config.encoding), expected=data)
            except WriteError as exc:
                result = self.lint_text(text, name)
                result.problems.append(Problem("output", name, str(exc)))
                return FixResult(text, text, result)
        return outcome

    def lint_document(self, doc: Document) -> Result:
        return self._lint_document(doc, self.config.max_findings_per_rule)

    def _lint_document(self, doc: Document, limit: int | None) -> Result:
        result = Result(doc.path, document=doc)
        result.problems.extend(Problem("input", doc.path, message) for message in doc.problems)
        skipped = self._per_file(doc.path)
        found = suppressions(doc)
        screen = Screen(found) if found else None
        # (the first findings of a rule are taken at once, all of them but in a file full of
        # them; a limit past what any file can hold is no limit)
        batch = None if limit is None or limit >= NO_LIMIT else 2 * limit + 2
        dog = watchdog(self.config.rule_timeout, len(doc.prose))
        for rule in self.rules:
            if not (skipped and any(matches(rule, s) for s in skipped)):
                self._run_rule(rule, doc, dog, screen, result, batch, limit)
        checker = self._invalid_suppression
        if checker and not (skipped and any(matches(checker, s) for s in skipped)):
            result.diagnostics.extend(invalid_suppressions(doc, self._available, checker.severity))
        if found:
            screen.mark_used()
            if self.config.report_unused_suppressions:
                result.diagnostics.extend(unused_suppressions(doc, found))
        result.diagnostics.sort(key=_order)
        return result

    def _run_rule(self, rule: Rule, doc: Document, dog: Watchdog, screen: Screen | None, result: Result,
                  batch: int | None, limit: int | None) -> None:
        """One rule on one document: its diagnostics, or a problem naming it if it fails or
        runs past rule-timeout (what it reported before is then dropped)."""
        mark = len(result.problems)
        try:
            dog.start()
            try:
                findings = iter(rule.check(doc))
                first = list(islice(findings, batch))    # (all of them, but in a file full of them)
                diagnostics = self._reported(doc, rule, chain(first, findings), screen, result.problems, limit) \
                    if first else ()
            finally:
                dog.stop()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:            # a rule's bug, whatever it raises (SystemExit too)
            del result.problems[mark:]
            if screen:
                screen.rule_done(succeeded=False)
            what = (f"{exc} on this file (rule-timeout); stopped" if isinstance(exc, RuleTimeout)
                    else f"failed: {type(exc).__name__}: {exc}")
            result.problems.append(Problem("rule", doc.path, f"rule {rule.code} {rule.name} (plugin {rule.plugin!r}) {what}"))
            return
        if screen:
            screen.rule_done()
        if diagnostics:
            result.diagnostics.extend(diagnostics)

    def _reported(self, doc: Document, rule: Rule, findings: Iterable[Finding], screen: Screen | None,
                  problems: list[Problem], limit: int | None) -> list[Diagnostic]:
        """The diagnostics of one rule's findings that no suppression covers, at most
        `limit` of them and one more saying how many follow (see first_of)."""
        limit = NO_LIMIT if limit is None else limit
        kept, count = first_of(self._sound(doc, rule, findings, screen, problems), limit, _span)
        if count > limit:
            kept[-1] = Finding(kept[-1].start, kept[-1].end, _more(count, limit))
        return [self._diagnostic(doc, rule, f, problems) for f in kept]

    @staticmethod
    def _sound(doc: Document, rule: Rule, findings: Iterable[Finding], screen: Screen | None,
               problems: list[Problem]) -> Iterable[Finding]:
        """The findings that lie inside the prose, have a text for a message and are not
        suppressed; a problem for each of the others."""
        selectors = screen.selectors(rule.code, rule.name) if screen else None
        size = len(doc.prose)
        for f in findings:
            if not 0 <= f.start <= f.end <= size:
                problems.append(Problem("rule", doc.path, (
                    f"rule {rule.code} {rule.name} (plugin {rule.plugin!r}) reported span "
                    f"{f.start}..{f.end} outside the text (0..{size})")))
            elif not isinstance(f.message, str):
                problems.append(Problem("rule", doc.path, (
                    f"rule {rule.code} {rule.name} (plugin {rule.plugin!r}) reported a finding whose message "
                    f"is {type(f.message).__name__}, not text; finding dropped")))
            elif not selectors or screen.keeps(selectors, doc.position(doc.text_span(f.start, f.end)[0])[0]):
                yield f

    @staticmethod
    def _diagnostic(doc: Document, rule: Rule, f: Finding, problems: list[Problem]) -> Diagnostic:
        fix = f.fix
        if fix is not None and not _fix_shaped(fix):
            problems.append(Problem("rule", doc.path, (
                f"rule {rule.code} {rule.name} (plugin {rule.plugin!r}) offered a fix that is not a Fix of "
                f"Edits with an Applicability; fix dropped")))
            fix = None
        if fix is not None and not well_formed(sorted(fix.edits, key=lambda e: (e.start, e.end)), len(doc.prose)):
            problems.append(Problem("rule", doc.path, (
                f"rule {rule.code} {rule.name} (plugin {rule.plugin!r}) offered a fix whose edits "
                f"overlap or fall outside the text; fix dropped")))
            fix = None
        start, end = doc.text_span(f.start, f.end)
        line, col = doc.position(start)
        end_line, end_col = doc.position(end)
        return Diagnostic(doc.path, line, col, end_line, end_col, rule.code, rule.name, f.message,
                          rule.severity, _fix_on_text(doc, fix), start, end)


def _fix_shaped(fix) -> bool:
    """Whether a plugin's fix is made of the types reporters rely on (a plain string for its
    applicability, or None for a text, broke every format's report of every file)."""
    return isinstance(fix, Fix) and isinstance(fix.applicability, Applicability) and isinstance(fix.message, str) \
        and all(isinstance(e, Edit) and type(e.start) is int and type(e.end) is int and isinstance(e.content, str)
                for e in fix.edits)


def _span(f: Finding) -> tuple[int, int]:
    return f.start, f.end


def _more(count: int, limit: int) -> str:
    return f"{count - limit:,} more findings of this rule from here on are not shown (max-findings-per-rule is {limit:,})"


def first_of(items: Iterable[T], limit: int, position: Callable[[T], Any]) -> tuple[list[T], int]:
    """The per-rule limit, for findings as they come and for diagnostics alike: of the items
    of one rule, all of them if there are no more than `limit`, else the first `limit` + 1
    by `position` (the last to be made the one that says how many more follow), kept in
    bounded memory (a file that is one long run of a defect: a million brackets); and how
    many items there were."""
    kept: list[T] = []
    count = 0
    for item in items:
        count += 1
        kept.append(item)
        if len(kept) > 2 * limit + 1:
            kept.sort(key=position)
            del kept[limit + 1:]
    if count > limit:
        kept.sort(key=position)
        del kept[limit + 1:]
    return kept, count


def _limited(diagnostics: list[Diagnostic], limit: int) -> list[Diagnostic]:
    """Diagnostics (in order) as lint_document reports them: of a rule with more than
    `limit`, the first ones and one at the next saying how many more follow (first_of).
    (Unused suppressions are not a rule's findings: all are kept.)"""
    by_rule: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.code != UNUSED_CODE:
            by_rule.setdefault(d.code, []).append(d)
    if all(len(ds) <= limit for ds in by_rule.values()):
        return diagnostics
    out = [d for d in diagnostics if d.code == UNUSED_CODE]
    for ds in by_rule.values():
        kept, count = first_of(ds, limit, _order)
        if count > limit:
            kept[-1] = replace(kept[-1], message=_more(count, limit), fix=None)
        out += kept
    return sorted(out, key=_order)


def _order(d: Diagnostic) -> tuple:
    """The order diagnostics are reported in."""
    return d.line, d.column, d.code, d.end_line, d.end_column


def per_file_matcher(config: Config):
    """A function from a path to the rule selectors `per-file-ignores` turns off for it."""
    if not config.per_file_ignores:
        return lambda path: ()
    from lintnews.discovery import Globs

    root = config.root_of("per_file_ignores")
    table = [(Globs(root, [glob]), codes) for glob, codes in config.per_file_ignores.items()]
    return lambda path: tuple(c for globs, codes in table if globs.matches(Path(path)) for c in codes)


def _fix_on_text(doc: Document, fix: Fix | None) -> Fix | None:
    """A rule's fix as edits of the file (see diagnostics); None when an edit would cut
    through markup the prose view left out (the finding is still reported)."""
    if fix is None or doc.prose_map is None:
        return fix
    edits = []
    for e in fix.edits:
        if e.start < e.end and not doc.is_verbatim(e.start, e.end):
            return None
        start, end = doc.text_span(e.start, e.end)
        edits.append(Edit(start, end, e.content))
    return Fix(tuple(edits), fix.applicability, fix.message)


_default: Linter | None = None


def default_linter() -> Linter:
    """A Linter with default settings, built once per process."""
    global _default
    if _default is None:
        _default = Linter()
    return _default


def lint_string(text: str, path: str = "<string>", *, linter: Linter | None = None) -> Result:
    """Lint `text` with the default rules (or `linter`)."""
    return (linter or default_linter()).lint_text(text, path)


def lint_file(path: str | os.PathLike, *, linter: Linter | None = None) -> Result:
    """Lint the file at `path` with the default rules (or `linter`)."""
    return (linter or default_linter()).lint_file(Path(path))


def list_rules(*, linter: Linter | None = None) -> list[type[Rule]]:
    """Every rule every plugin offers, on by default or not, in code order."""
    return (linter or default_linter()).available_rules()
