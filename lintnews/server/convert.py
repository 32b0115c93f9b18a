"""lintnews's findings, fixes and rule pages as Language Server Protocol objects."""
from __future__ import annotations

import re

from lsprotocol import types as lsp

from lintnews.server.linting import Linted
from lintnews.server.positions import Lines

SOURCE = "lintnews"
FIX_ALL = "source.fixAll.lintnews"
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*$", re.M | re.S)


def anchor(code: str, name: str) -> str:
    """The heading anchor of a rule in docs/rules.md: "ln101-repeated-word"."""
    return f"{code}-{name}".lower()


class Converter:
    """Turns one linted version of a document into LSP objects, in the agreed position encoding."""

    def __init__(self, linted: Linted, encoding: str, docs_url: str) -> None:
        self.linted = linted
        self.encoding = encoding
        self.docs_url = docs_url
        self.lines = Lines(linted.text)

    def position(self, offset: int) -> lsp.Position:
        line, character = self.lines.position(offset, self.encoding)
        return lsp.Position(line, character)

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(self.position(start), self.position(end))

    def span(self, d) -> tuple[int, int]:
        """The code-point offsets of a lintnews Diagnostic, from its line and column."""
        return self.lines.offset_of(d.line, d.column), self.lines.offset_of(d.end_line, d.end_column)

    def diagnostic(self, d) -> lsp.Diagnostic:
        return lsp.Diagnostic(
            range=self.range(*self.span(d)), message=d.message,
            severity=SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning), code=d.code,
            code_description=lsp.CodeDescription(href=f"{self.docs_url}#{anchor(d.code, d.name)}"),
            source=SOURCE, data={"name": d.name})

    def diagnostics(self) -> list[lsp.Diagnostic]:
        return [self.diagnostic(d) for d in self.linted.diagnostics]

    def at(self, start: int, end: int) -> list:
        """The lintnews Diagnostics that touch the offsets start..end."""
        out = []
        for d in self.linted.diagnostics:
            a, b = self.span(d)
            if a <= end and start <= b:
                out.append(d)
        return out

    def text_edits(self, edits) -> list[lsp.TextEdit]:
        return [lsp.TextEdit(self.range(e.start, e.end), e.content) for e in edits]

    def quick_fixes(self, uri: str, d) -> list[lsp.CodeAction]:
        """The code actions of one finding: its fix, and a comment that suppresses it."""
        actions = []
        shown = [self.diagnostic(d)]
        if d.fix is not None:
            safe = d.fix.applicability.value == "safe"
            title = f"{d.code}: {d.fix.message or 'apply the fix'}" + ("" if safe else " (unsafe: may change meaning)")
            actions.append(lsp.CodeAction(title, kind=lsp.CodeActionKind.QuickFix, diagnostics=shown,
                                          is_preferred=safe,
                                          edit=lsp.WorkspaceEdit(changes={uri: self.text_edits(d.fix.edits)})))
        suppress = self.suppression(d)
        if suppress is not None:
            actions.append(lsp.CodeAction(f"{d.code}: suppress this finding here", kind=lsp.CodeActionKind.QuickFix,
                                          diagnostics=shown,
                                          edit=lsp.WorkspaceEdit(changes={uri: [suppress]})))
        return actions

    def suppression(self, d) -> lsp.TextEdit | None:
        """The comment `<!-- lintnews: ignore LN101 -->` at the end of the finding's first line,
        in Markdown and HTML (plain text has no comments; in front matter it would become part
        of a field's value)."""
        if self.linted.kind not in ("markdown", "html"):
            return None
        line_start = self.lines.starts[d.line - 1]
        front = _FRONT_MATTER.match(self.linted.text) if self.linted.kind == "markdown" else None
        if front and line_start < front.end():
            return None
        end = line_start + len(self.lines.line_text(d.line - 1))
        return lsp.TextEdit(self.range(end, end), f" <!-- lintnews: ignore {d.code} -->")

    def whole_edit(self, new: str) -> list[lsp.TextEdit]:
        """One edit that turns the text into `new`: the part between their common start and end."""
        old = self.linted.text
        if old == new:
            return []
        head = 0
        limit = min(len(old), len(new))
        while head < limit and old[head] == new[head]:
            head += 1
        if 0 < head < len(old) and old[head - 1] == "\r" and old[head] == "\n":
            head -= 1                       # (never between the two characters of a line end)
        tail = 0
        while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        if 0 < tail < len(old) and old[-tail] == "\n" and old[-tail - 1] == "\r":
            tail -= 1
        return [lsp.TextEdit(self.range(head, len(old) - tail), new[head:len(new) - tail])]


def hover_text(rules, codes: list[str]) -> str:
    """The rule pages (`lintnews --explain`) of the codes, one after another."""
    from lintnews.docs import page

    by_code = {rule.code: rule for rule in rules}
    pages = [page(by_code[code]) for code in dict.fromkeys(codes) if code in by_code]
    return "\n---\n\n".join(pages)
