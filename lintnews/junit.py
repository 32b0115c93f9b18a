"""The `junit` output format: JUnit XML, which most CI servers show as a test report.

One testsuite "lintnews"; one testcase per finding (classname = the file, name = rule and
position) failing with the message; one passing testcase for each file without findings.
"""
from __future__ import annotations

import regex

from lintnews.patterns import lazy
from lintnews.reporters import Reporter

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = lazy(regex.compile, r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitReporter(Reporter):
    """JUnit XML: a failing testcase per finding, a passing one per clean file."""

    def __init__(self, stream):
        super().__init__(stream)
        self.cases: list[tuple[str, str, tuple[str, str, str] | None]] = []

    def file(self, path, diagnostics, text):
        if not diagnostics:
            self.cases.append((path, "no findings", None))
        for d in diagnostics:
            detail = f"{d.path}:{d.line}:{d.column}: {d.code} {d.name} {d.message}"
            self.cases.append((path, f"{d.code} {d.name} at {d.line}:{d.column}", (d.message, d.code, detail)))

    def finish(self):
        import xml.etree.ElementTree as ET

        failures = sum(1 for *_, failure in self.cases if failure)
        suite = ET.Element("testsuite", name="lintnews", tests=str(len(self.cases)), failures=str(failures),
                           errors="0", skipped="0")
        for path, name, failure in self.cases:
            case = ET.SubElement(suite, "testcase", classname=xml_text(path), name=xml_text(name))
            if failure:
                message, code, detail = map(xml_text, failure)
                ET.SubElement(case, "failure", message=message, type=code).text = detail
        root = ET.Element("testsuites", name="lintnews", tests=suite.get("tests"), failures=str(failures),
                          errors="0")
        root.append(suite)
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")


def xml_text(value: str) -> str:
    """`value` without the characters XML cannot carry (each becomes U+FFFD)."""
    return _NOT_XML.sub("\ufffd", value)
