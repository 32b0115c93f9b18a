"""The `junit` output format: JUnit XML, which most CI servers show as a test report.

One testsuite "lintnews"; one testcase per finding (classname = the file, name = rule and
position) failing with its type the rule's code and its message the severity and the
message ("warning: 'the' is repeated"); one passing testcase for each file without findings;
one testcase in error for each problem (a file that could not be read, a rule that raised
on it: that file does not pass; a plugin that failed to load: classname "lintnews").
"""
from __future__ import annotations

import regex

from lintnews.patterns import lazy
from lintnews.reporting.base import Reporter

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = lazy(regex.compile, r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitReporter(Reporter):
    """JUnit XML: a failing testcase per finding, an error per problem, a passing one per clean file."""

    def __init__(self, stream):
        super().__init__(stream)
        # (classname, name, None or (element, message, type, detail)): element "failure" or "error"
        self.cases: list[tuple[str, str, tuple[str, str, str, str] | None]] = []
        self.unchecked: set[str] = set()

    def problem(self, problem, file):
        where = "lintnews" if file is None else file        # (the run as a whole: a plugin, the configuration)
        if file is not None:
            self.unchecked.add(file)
        self.cases.append((where, f"{problem.category} error",
                           ("error", problem.message, problem.category, f"{where}: error: {problem.message}")))

    def file(self, path, diagnostics, text):
        if not diagnostics and path not in self.unchecked:
            self.cases.append((path, "no findings", None))
        for d in diagnostics:
            detail = f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.code} {d.name} {d.message}"
            self.cases.append((path, f"{d.code} {d.name} at {d.line}:{d.column}",
                               ("failure", f"{d.severity}: {d.message}", d.code, detail)))

    def finish(self):
        import xml.etree.ElementTree as ET

        counts = {kind: sum(1 for *_, outcome in self.cases if outcome and outcome[0] == kind)
                  for kind in ("failure", "error")}
        suite = ET.Element("testsuite", name="lintnews", tests=str(len(self.cases)), failures=str(counts["failure"]),
                           errors=str(counts["error"]), skipped="0")
        for path, name, outcome in self.cases:
            case = ET.SubElement(suite, "testcase", classname=xml_text(path), name=xml_text(name))
            if outcome:
                element, message, kind, detail = outcome
                ET.SubElement(case, element, message=xml_text(message), type=xml_text(kind)).text = xml_text(detail)
        root = ET.Element("testsuites", name="lintnews", tests=suite.get("tests"), failures=suite.get("failures"),
                          errors=suite.get("errors"))
        root.append(suite)
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")


def xml_text(value: str) -> str:
    """`value` without the characters XML cannot carry (each becomes U+FFFD)."""
    return _NOT_XML.sub("\ufffd", value)
