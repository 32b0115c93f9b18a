"""The `lintnews` command: output formats, exit codes, configuration and bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, run_cli
from output_helpers import text_without_summary

DEFECTIVE = "Officials said it was the the end.\n"
CLEAN = "Officials said it was the end.\n"


def write(folder, name, content, mode="w"):
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_text_output_and_exit_codes(tmp_path):
    bad = write(tmp_path, "bad.txt", DEFECTIVE)
    good = write(tmp_path, "good.txt", CLEAN)
    proc = run_cli(str(bad), str(good))
    out, err = text_without_summary(proc)
    assert out == f"{bad}:1:27: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
    assert (err, proc.returncode) == ("", 1)        # (an error: at the default fail-on)
    house = write(tmp_path, "house.toml", '[rules.repeated-word]\nseverity = "warning"\n')
    proc = run_cli("--config", str(house), str(bad), str(good))     # a warning: below the default fail-on
    assert (text_without_summary(proc)[0], proc.returncode) == (out.replace("error: LN101", "warning: LN101"), 0)
    proc = run_cli(str(good))
    assert text_without_summary(proc) == ("", "") and proc.returncode == 0


def test_json_output(tmp_path):
    bad = write(tmp_path, "bad.txt", DEFECTIVE)
    proc = run_cli("--format", "json", str(bad))
    [item] = json.loads(proc.stdout)
    assert set(item) == {"path", "line", "column", "end_line", "end_column", "code", "name", "message",
                         "severity", "fix"}
    assert (item["line"], item["column"], item["end_line"], item["end_column"]) == (1, 27, 1, 30)
    assert item["fix"]["applicability"] == "safe"
    assert item["fix"]["edits"] == [{"start": 25, "end": 29, "content": ""}]


def test_directories_are_searched_for_articles(tmp_path):
    write(tmp_path, "a.txt", DEFECTIVE)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.md", DEFECTIVE)
    write(tmp_path, "notes.csv", DEFECTIVE)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "c.txt", DEFECTIVE)
    out, _ = text_without_summary(run_cli(str(tmp_path)))
    assert [line.split(":")[0] for line in out.splitlines()] == [str(tmp_path / "a.txt"),
                                                                 str(tmp_path / "sub" / "b.md")]


def test_directory_without_articles_is_a_warning(tmp_path):
    proc = run_cli(str(tmp_path))
    out, err = text_without_summary(proc)
    assert out == "" and proc.returncode == 0
    assert err.startswith("lintnews: warning:") and "no articles found" in err and err.count("\n") == 1


def test_bad_input_gets_one_line_errors_and_the_rest_is_linted(tmp_path):
    missing = tmp_path / "missing.txt"
    binary = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin1 = write(tmp_path, "latin1.txt", "Caf\u00e9 society met.".encode("latin-1"))
    bad = write(tmp_path, "bad.txt", DEFECTIVE)
    proc = run_cli(str(missing), str(binary), str(latin1), str(bad))
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert "LN101" in out
    lines = err.splitlines()
    assert lines == [
        f"{missing}: error: no such file",
        f"{binary}: error: binary file (contains NUL bytes); not an article",
        f"{latin1}: error: not valid UTF-8: byte offset 3 (e9 20 73 6f); convert the file or pass --encoding",
    ]
    assert "Traceback" not in err


def test_encoding_option(tmp_path):
    latin1 = write(tmp_path, "latin1.txt", "Caf\u00e9 the the end.".encode("latin-1"))
    out, err = text_without_summary(run_cli("--encoding", "latin-1", str(latin1)))
    assert err == "" and ":1:10: error: LN101" in out


def test_bom_and_utf16(tmp_path):
    utf8 = write(tmp_path, "bom.txt", "\ufeffIt was the the end.".encode("utf-8"))
    utf16 = write(tmp_path, "u16.txt", "It was the the end.".encode("utf-16"))
    out, err = text_without_summary(run_cli(str(utf8), str(utf16)))
    assert err == ""
    assert out.splitlines() == [f"{utf8}:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]",
                                f"{utf16}:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]"]


def test_files_over_the_size_limit_are_skipped(tmp_path):
    big = write(tmp_path, "big.txt", DEFECTIVE * 10)
    proc = run_cli("--max-file-size", "100", str(big))
    out, err = text_without_summary(proc)
    assert out == "" and proc.returncode == 2
    assert err == f"{big}: error: file is 350 bytes, over the limit of 100 (set max-file-size to lint it)\n"
    proc = run_cli("--max-file-size", "-5", str(big))     # (it was taken, and every file was "over" it)
    assert proc.returncode == 2 and text_without_summary(proc)[1].endswith(
        "lintnews: error: argument --max-file-size: expected a whole number of at least 1, got '-5'\n")


def test_standard_input():
    proc = run_cli("-", stdin=DEFECTIVE.encode())
    assert text_without_summary(proc)[0] == "-:1:27: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
    proc = run_cli("--stdin-filename", "story.txt", "-", stdin=DEFECTIVE.encode())
    assert text_without_summary(proc)[0].startswith("story.txt:1:27:")


def test_select_ignore_on_the_command_line(tmp_path):
    both = write(tmp_path, "both.txt", "It was the the end. Biden 's plan.")
    assert "LN201" not in text_without_summary(run_cli("--select", "LN1", str(both)))[0]
    assert "LN101" not in text_without_summary(run_cli("--ignore", "repeated-word", str(both)))[0]
    proc = run_cli("--select", "LN9", str(both))
    assert proc.returncode == 2
    assert text_without_summary(proc)[1] == "lintnews: error: --select: unknown rule 'LN9' (see lintnews --list-rules)\n"


def test_configuration_file(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.lintnews]\nignore = ["LN201"]\n\n'
                                      '[tool.lintnews.rules.repeated-word]\nallow = ["the the"]\n')
    write(tmp_path, "both.txt", "It was the the end. Biden 's plan.")
    proc = run_cli("both.txt", cwd=tmp_path)
    assert text_without_summary(proc) == ("", "") and proc.returncode == 0


def test_lintnews_toml_and_unknown_key(tmp_path):
    write(tmp_path, "lintnews.toml", 'select = ["LN1"]\ncolour = true\n')
    write(tmp_path, "a.txt", DEFECTIVE)
    proc = run_cli("a.txt", cwd=tmp_path)
    out, err = text_without_summary(proc)
    assert proc.returncode == 2 and out == ""
    assert err.startswith("lintnews: error:") and "unknown key 'colour'" in err and err.count("\n") == 1


def test_a_date_that_is_not_one_is_a_usage_error():
    proc = run_cli("--date", "2021-13-45", "-", stdin=b"It was fine.\n")
    out, err = text_without_summary(proc)
    assert proc.returncode == 2 and out == ""
    assert err.splitlines()[-1] == "lintnews: error: argument --date: expected a date as YYYY-MM-DD, got '2021-13-45'"


def test_list_rules_and_explain():
    out, _ = text_without_summary(run_cli("--list-rules"))
    assert "LN101  repeated-word" in out and "LN302  unmarked-quote" in out
    out, _ = text_without_summary(run_cli("--explain", "LN201"))
    assert out.startswith("# LN201 mangled-possessive") and "## Why it matters" in out
    proc = run_cli("--explain", "LN999")
    assert proc.returncode == 2 and "no rule 'LN999'" in text_without_summary(proc)[1]


def test_version_and_usage():
    proc = run_cli("--version")
    from lintnews import core
    assert text_without_summary(proc)[0] == f"lintnews 0.1.0 (core: {core.NAME})\n"
    proc = run_cli()
    assert proc.returncode == 2 and "no paths given" in text_without_summary(proc)[1]
    proc = run_cli("--format", "xml", "x.txt")
    assert proc.returncode == 2 and "unknown format 'xml'" in text_without_summary(proc)[1]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (a device that is always full)")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_report_that_cannot_be_written_is_one_error_not_an_internal_one(fmt):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "lintnews", "--isolated", "--format", fmt, "seeds"], cwd=REPO,
                              stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert (proc.returncode, proc.stderr) == (2, b"lintnews: error: cannot write the report: No space left on device\n")


@pytest.mark.skipif(sys.platform == "win32", reason="closes file descriptor 1 in the child (POSIX)")
def test_a_closed_standard_output_is_one_error():
    proc = subprocess.run([sys.executable, "-m", "lintnews", "--isolated", "seeds"], cwd=REPO,
                          stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), timeout=120)
    assert (proc.returncode, proc.stderr) == (2, b"lintnews: error: standard output is closed: nothing could be "
                                                 b"reported\n")
