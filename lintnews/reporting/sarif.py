"""The `sarif` output format: SARIF 2.1.0, as code-scanning services read it.

One run: `tool.driver` names lintnews and lists the rules that ran (id = code, name,
descriptions and help from the rule's documentation); each result has the rule, a level,
the message, its location (columns counted in Unicode code points, as the run says with
`columnKind`) and its fix, if it has one. Problems (a file that could not be read, a rule
that raised) are the invocation's tool execution notifications, with the file they concern,
and make it unsuccessful.
"""
from __future__ import annotations

import os

from lintnews.diagnostics import Diagnostic
from lintnews.document import LineIndex
from lintnews.reporting.base import Reporter, write_json

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note", "note": "note"}


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log of every finding."""

    def __init__(self, stream):
        super().__init__(stream)
        self.results: list[dict] = []
        self.notifications: list[dict] = []

    def problem(self, problem, file):
        notification = {"level": "error", "message": {"text": problem.message}, "descriptor": {"id": problem.category}}
        if file is not None:
            notification["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file)}}}]
        self.notifications.append(notification)

    def file(self, path, diagnostics, text):
        index = LineIndex(text) if text is not None else None
        self.results.extend(self.result(d, index) for d in diagnostics)

    def finish(self):
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
            "tool": {"driver": self.driver()},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not self.notifications,
                             "toolExecutionNotifications": self.notifications}],
            "results": self.results,
        }]}
        write_json(log, self.stream)

    def driver(self) -> dict:
        rules = []
        for rule in self.run.rules:
            doc = rule.documentation()
            rules.append({
                "id": rule.code, "name": rule.name,
                "shortDescription": {"text": rule.summary() or rule.name},
                "fullDescription": {"text": _first_paragraph(doc) or rule.name},
                "help": {"text": doc or rule.name, "markdown": doc or rule.name},
                "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
                "properties": {"fixable": rule.fixable, "plugin": rule.plugin},
            })
        return {"name": "lintnews", "version": self.run.version, "informationUri": "https://pypi.org/project/lintnews/",
                "rules": rules}

    def result(self, d: Diagnostic, index: LineIndex | None) -> dict:
        uri = artifact_uri(d.path)
        out = {
            "ruleId": d.code, "level": LEVELS.get(d.severity, "warning"),
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": region(d.line, d.column, d.end_line, d.end_column),
            }}],
        }
        rule_index = next((i for i, r in enumerate(self.run.rules) if r.code == d.code), None)
        if rule_index is not None:
            out["ruleIndex"] = rule_index
        if d.fix is not None and index is not None:
            out["fixes"] = [{
                "description": {"text": d.fix.message or "apply the fix"},
                "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                    {"deletedRegion": region(*index.position(e.start), *index.position(e.end)),
                     "insertedContent": {"text": e.content}}
                    for e in d.fix.edits]}],
            }]
            out["properties"] = {"fixApplicability": d.fix.applicability.value}
        return out


def region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file: URI."""
    from urllib.parse import quote

    posix = path.replace(os.sep, "/")
    if not posix.startswith("/") and os.path.isabs(path):
        posix = "/" + posix
    # (a name's undecodable bytes, held as surrogates, are percent-encoded as the bytes they were)
    uri = quote(posix, errors="surrogateescape")
    return "file://" + uri if os.path.isabs(path) else uri


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.split("\n\n", 1)[0].split())
