"""LN002 invalid-suppression: suppression comments that cannot work."""
from __future__ import annotations

from collections.abc import Iterator

from lintnews.diagnostics import Finding
from lintnews.document import Document
from lintnews.rules._data import measured
from lintnews.ruleset import Rule
from lintnews.suppression import INVALID_CODE, INVALID_NAME


class InvalidSuppression(Rule):
    """A suppression comment that cannot work: a misspelt directive or a rule that does not exist.

    Flags `<!-- lintnews: ignroe LN301 -->` and other directives lintnews does not know
    (`disable-next-line`, `noqa`: the forms are ignore, ignore-file, disable and enable),
    and a code or name that matches no rule (`ignore LN999`, `ignore repeted-word`), at
    the misspelt word. Only in Markdown and HTML, where suppression comments are read.

    ## Why it matters
    Such a comment suppresses nothing, silently: the finding it was written for still
    fails the commit, or a later one the writer meant to allow is reported after all, and
    the comment reads as if it worked.

    ## Example
    It was a win win. <!-- lintnews: ignroe LN101 -->

    ## Use instead
    It was a win win. <!-- lintnews: ignore LN101 -->
    """

    code, name = INVALID_CODE, INVALID_NAME
    severity, precision = measured(code)

    def check(self, doc: Document) -> Iterator[Finding]:
        # its findings lie in comments, outside the prose: the engine reports them, knowing
        # every rule (lintnews.suppression.invalid)
        return iter(())
