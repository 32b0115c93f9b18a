"""Hostile input: whatever a CMS export throws at lintnews gets correct findings or a clear
one-line error, in bounded time (each command here has a generous timeout, not a speed
target: speed is measured by bench/speed.py)."""
from __future__ import annotations

import os
import random

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from output_helpers import text_without_summary

TIMEOUT = 60                   # seconds: far beyond what any of these takes (a few s at most)


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([sys.executable, "-m", "lintnews", "--isolated", *args], cwd=cwd or REPO,
                           capture_output=True, env=env, timeout=TIMEOUT)


# for the tests that measure the work done per finding, at tens of thousands of them: every
# finding reported (by default a file shows the first 1,000 of a rule and how many more)
EVERY_FINDING = ("--max-findings-per-rule", "1000000")


def prose(words: int, seed: int = 1) -> str:
    """Clean sentences of our own (no repeated words, no quotes)."""
    rng = random.Random(seed)
    subjects = ["The council", "Our reporter", "The mayor", "A spokesman", "The committee"]
    verbs = ["approved", "discussed", "rejected", "reviewed", "postponed"]
    objects = ["the budget", "a new road", "the school plan", "two grants", "the harbour scheme"]
    out, count = [], 0
    while count < words:
        sentence = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} on Tuesday."
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


def lines_of(proc) -> list[str]:
    return text_without_summary(proc)[0].splitlines()


def test_a_file_over_the_size_limit_is_one_error(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)          # 50 MB (sparse: the limit is checked before reading)
    proc = run(str(big))
    assert proc.returncode == 2
    assert text_without_summary(proc) == ("", f"{big}: error: file is 52,428,800 bytes, over the limit of 10,485,760 "
                                 f"(set max-file-size to lint it)\n")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero for an endless stream")
def test_an_endless_standard_input_is_one_error_not_all_of_memory():
    with open("/dev/zero", "rb") as endless:
        proc = subprocess.run([sys.executable, "-m", "lintnews", "--isolated", "-"], stdin=endless,
                              capture_output=True, timeout=TIMEOUT)
    assert proc.returncode == 2
    assert text_without_summary(proc) == ("", "-: error: standard input is over the limit of 10,485,760 bytes "
                                 "(set max-file-size to lint it)\n")


def test_standard_input_over_the_limit_is_linted_no_further_and_fixed_text_loses_nothing():
    text = ("It was the the end. " * 50).encode()                         # 1,000 bytes
    lint = subprocess.run([sys.executable, "-m", "lintnews", "--isolated", "--max-file-size", "999", "-"],
                          input=text, capture_output=True, timeout=TIMEOUT)
    assert (lint.returncode, lint.stdout) == (2, b"") and b"over the limit of 999 bytes" in lint.stderr
    at_limit = subprocess.run([sys.executable, "-m", "lintnews", "--isolated", "--fail-on", "warning",
                               "--max-file-size", "1000", "-"],
                              input=text, capture_output=True, timeout=TIMEOUT)
    assert at_limit.returncode == 1 and at_limit.stdout.count(b"LN101") == 50
    # --fix as an editor's filter: what cannot be fixed comes back as it went in, all of it
    fix = subprocess.run([sys.executable, "-m", "lintnews", "--isolated", "--fix", "--max-file-size", "100", "-"],
                         input=text, capture_output=True, timeout=TIMEOUT)
    assert (fix.returncode, fix.stdout) == (2, text)


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs a /proc file (its size says 0)")
def test_a_file_whose_size_says_less_than_it_holds_is_read_no_further_than_the_limit():
    # (it was read whole, as a file growing while it is read would be: the limit never held)
    proc = run("--max-file-size", "10", "/proc/self/status")
    assert (proc.returncode, text_without_summary(proc)) == (2, ("", "/proc/self/status: error: file is over the limit of "
                                                        "10 bytes, though its size said 0 "
                                                        "(set max-file-size to lint it)\n"))


@pytest.mark.skipif(not os.path.exists("/proc/self/cmdline"), reason="needs a /proc file (its size says 0)")
def test_a_file_whose_size_says_0_is_read_whole_under_the_limit():
    # (a file is read with one read of its size and one byte more: here that byte is not the end)
    from lintnews.reading import read_bytes

    with open("/proc/self/cmdline", "rb") as fh:
        whole = fh.read()
    assert os.stat("/proc/self/cmdline").st_size == 0 and len(whole) > 20
    assert read_bytes("/proc/self/cmdline", 1_000_000) == whole


def test_a_file_that_grows_between_its_size_and_its_read(tmp_path, monkeypatch):
    import lintnews.reading as reading
    from lintnews.errors import InputError

    path = tmp_path / "growing.txt"
    real_fstat = os.fstat

    def fstat_then_grow(fd):
        size = real_fstat(fd)
        with open(path, "ab") as fh:                   # more is written after the size is taken
            fh.write(b"b" * 3000)
        return size

    monkeypatch.setattr(reading.os, "fstat", fstat_then_grow)
    path.write_bytes(b"a" * 1000)
    assert reading.read_bytes(path, 10_000) == b"a" * 1000 + b"b" * 3000       # read to its end
    path.write_bytes(b"a" * 1000)
    assert reading.read_bytes(path, 4_000) == b"a" * 1000 + b"b" * 3000        # to the limit itself
    path.write_bytes(b"a" * 1000)
    with pytest.raises(InputError, match="over the limit of 3,999 bytes, though its size said 1,000"):
        reading.read_bytes(path, 3_999)


def test_a_pipe_is_read_to_its_end_in_chunks_and_no_further_than_the_limit():
    import threading

    from lintnews.reading import read_stream

    data = bytes(range(256)) * (3 * 4096 + 7)              # over 3 MB: several chunks of 1 MB
    for limit, expected in ((None, (data, True)), (len(data), (data, True)),
                            (len(data) - 1, (data, False)), (1000, (data[:1001], False))):
        read_end, write_end = os.pipe()

        def write(fd=write_end):
            with open(fd, "wb") as out:
                try:
                    out.write(data)
                except BrokenPipeError:                 # the reader stopped at its limit
                    pass

        writer = threading.Thread(target=write)
        writer.start()
        with open(read_end, "rb") as stream:
            assert read_stream(stream, limit) == expected, limit
        writer.join()


def test_a_one_megabyte_paragraph_with_no_line_break(tmp_path):
    text = prose(170_000) + " It was the the end."
    assert len(text) > 1_000_000 and "\n" not in text
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    proc = run(str(path))
    assert lines_of(proc) == [f"{path}:1:{len(text) - 7}: error: LN101 repeated-word 'the' is repeated: delete one [*]"]


def test_a_hundred_thousand_quotation_marks(tmp_path):
    path = tmp_path / "quotes.txt"
    path.write_text('"Yes" ' * 50_000 + "\n", encoding="utf-8")
    proc = run(str(path))
    assert proc.returncode in (0, 1) and text_without_summary(proc)[1] == ""


@pytest.mark.parametrize("unit", ['"', '"\n\n', "“"])
def test_a_run_of_150_thousand_quotation_marks(tmp_path, unit):
    # unattributed-quote searched each quotation's sentence from its start for a letter:
    # a sentence of n quotation marks cost n * n / 2 steps (over the timeout)
    path = tmp_path / "marks.txt"
    path.write_text(unit * 150_000 + "It was the the end.\n", encoding="utf-8")
    proc = run("--fail-on", "warning", str(path))
    out, err = text_without_summary(proc)
    assert (proc.returncode, err) == (1, "") and "LN101 repeated-word 'the' is repeated: delete one" in out


def test_a_markdown_block_quote_of_100_thousand_quotations(tmp_path):
    # ... and in a block quote, each quotation's paragraph was searched from its start too
    path = tmp_path / "pull.md"
    path.write_text('> "' * 100_000 + "\n\nIt was the the end.\n", encoding="utf-8")
    proc = run("--fail-on", "warning", str(path))
    out, err = text_without_summary(proc)
    assert (proc.returncode, err) == (1, "")
    assert out.endswith(f"{path}:3:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n")


def test_runs_of_brackets_that_never_close_in_order(tmp_path):
    # placeholder's test for a note in capitals ran on through "[[[[" from each bracket, and
    # unbalanced-bracket looked through all the open ones for each "]" after "(": both n * n
    path = tmp_path / "brackets.txt"
    path.write_text("[" * 200_000 + "x" + "]" * 200_000 + " [ABCD] [CHECK THIS]\n\n" + "(]" * 60_000 + "\n",
                    encoding="utf-8")
    proc = run(*EVERY_FINDING, str(path))
    out, err = text_without_summary(proc)
    assert (proc.returncode, err) == (1, "")
    lines = out.splitlines()
    assert sum("LN503 placeholder '[CHECK THIS]'" in line for line in lines) == 1
    assert sum("'(' is never closed: close it or delete it" in line for line in lines) == 60_000
    assert sum("']' closes nothing: add its '[' or delete it" in line for line in lines) == 60_000


@pytest.mark.parametrize("unit", ["<a ", "<!--", "<a href='", "<meta "])
def test_html_with_thousands_of_constructs_never_closed(tmp_path, unit):
    # Python's HTML parser (before 3.11.13, 3.12.11, 3.13.4) read what was left unclosed at
    # the end of the file once for each "<" in it, to the end: n * n (over the timeout)
    path = tmp_path / "page.html"
    path.write_text("<p>It was the the end.</p>" + unit * (480_000 // len(unit)) + " The end.", encoding="utf-8")
    proc = run(str(path))
    assert text_without_summary(proc) == (f"{path}:1:15: error: LN101 repeated-word 'the' is repeated: delete one [*]\n", "")


def test_long_runs_of_full_stops_and_question_marks(tmp_path):
    # each mark of a run was once tried as the start of a sentence end (n * n / 2 steps)
    path = tmp_path / "stops.txt"
    path.write_text("It ended" + "." * 200_000 + " Really" + "?!" * 100_000 + " The end.\n", encoding="utf-8")
    proc = run(str(path))
    assert proc.returncode in (0, 1) and text_without_summary(proc)[1] == ""


def test_an_unclosed_quote_on_line_one_of_a_long_article(tmp_path):
    body = "\n\n".join(prose(40, seed) for seed in range(2000))
    path = tmp_path / "story.txt"
    path.write_text('The mayor said: "We will win this vote.\n\n' + body + "\n", encoding="utf-8")
    proc = run(str(path))
    assert lines_of(proc) == [f"{path}:1:17: error: LN303 unbalanced-quote quotation mark opened here is never closed: close the quotation or delete the mark"]


def test_thousands_of_names_each_spelt_two_ways_in_one_file(tmp_path):
    # a whole archive pasted into one file: name-variant once scanned every word of the text
    # for each name it compared (minutes for this file, whose time must grow with its length)
    rng = random.Random(7)
    consonants = "bdfgklmnprstvz"
    skeletons = set()
    while len(skeletons) < 8000:
        a, b, c, d = (rng.choice(consonants) for _ in range(4))
        if a != b != c != d:
            skeletons.add(a.upper() + b + c + d)
    sentences = []
    for s in sorted(skeletons):
        first, rest = s[0], s[1:]
        sentences.append(f"The council met {first}a{rest[0]}{rest[1]}e{rest[2]} on the quay.")
        sentences.append(f"The mayor thanked {first}o{rest[0]}{rest[1]}e{rest[2]} for the work.")
    path = tmp_path / "names.txt"
    path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    proc = run(*EVERY_FINDING, "--select", "LN401", str(path))
    found = lines_of(proc)
    assert len(found) == 8000 and text_without_summary(proc)[1] == ""
    assert all(" LN401 name-variant " in line for line in found)


def test_thousands_of_sentences_opened_by_a_name_cut_short(tmp_path):
    # truncated-name once compared each such sentence with every other (minutes here)
    path = tmp_path / "united.txt"
    path.write_text("United intend to stay. " * 20_000 + "\n", encoding="utf-8")
    proc = run(*EVERY_FINDING, "--select", "LN404", str(path))
    found = lines_of(proc)
    assert len(found) == 20_000 and text_without_summary(proc)[1] == ""
    assert found[1] == f"{path}:1:24: error: LN404 truncated-name 'United intend': 'United' is only part of a name " \
                       f"('United ...'): write the whole name"


def test_thousands_of_possessives_beside_a_name_ending_in_s(tmp_path):
    # mangled-possessive once looked at every "Smiths" for each "Mr Smith's" (minutes here)
    path = tmp_path / "smiths.txt"
    path.write_text("The Smiths came. Mr Smith's car left. " * 20_000 + "\n", encoding="utf-8")
    proc = run("--select", "LN201", str(path))
    assert proc.returncode == 0 and text_without_summary(proc) == ("", "")


@pytest.mark.parametrize("item", [
    "[Biden](https://example.org/biden) said **the** the *end*. ",     # a piece kept looked at every URL
    "![A photo](photo.png) It was the the end. ",                      # each alt text looked for URLs again
])
def test_a_markdown_paragraph_of_thousands_of_links_or_images(tmp_path, item):
    # the Markdown reader once went over the whole paragraph for each link or image in it
    path = tmp_path / "many.md"
    path.write_text(item * 25_000 + "\n", encoding="utf-8")
    proc = run(*EVERY_FINDING, "--select", "LN101", str(path))
    found = lines_of(proc)
    second = item.index("the ", item.index("the") + 1)     # the repeat: the second "the"
    assert len(found) == 25_000 and text_without_summary(proc)[1] == ""
    assert found[-1] == f"{path}:1:{len(item) * 24_999 + second + 1}: error: LN101 repeated-word 'the' is repeated: delete one [*]"


def test_the_full_format_on_thousands_of_findings_in_one_line(tmp_path):
    # the full format once laid out the whole line again for each finding in it (hours here)
    path = tmp_path / "line.txt"
    path.write_text("It was the the end. " * 20_000 + "\n", encoding="utf-8")
    proc = run(*EVERY_FINDING, "--select", "LN101", "--format", "full", str(path))
    out = text_without_summary(proc)[0].split("\n\n")
    assert len(out) == 20_001 and out[-1] == "" and out[0].startswith(f"{path}:\n1:12: error: LN101")
    last = 20 * 19_999 + len("It was the ")        # the last repeat, in a window of the line's last 100 cells
    assert out[-2].splitlines() == [
        f"1:{last + 1}: error: LN101 repeated-word 'the' is repeated: delete one [*]",
        "  |",
        "1 | …" + "It was the the end. " * 4 + "It was the the end.",
        "  | " + " " * (len("…") + last - (20 * 20_000 - 100)) + "^^^",
        "  = fix: remove the repeat"]


def test_fixing_thousands_of_findings_in_one_file(tmp_path):
    # each fix was once checked against every edit taken before it (minutes here)
    path = tmp_path / "fixme.txt"
    path.write_text("It was the the end. " * 50_000 + "\n", encoding="utf-8")
    proc = run("--select", "LN101", "--fix", str(path))      # (--fix sees every finding)
    assert proc.returncode == 0
    assert text_without_summary(proc)[1] == "lintnews: fixed 50000 findings in 1 file (LN101 50000); 0 findings remain\n"
    assert path.read_text(encoding="utf-8") == "It was the end. " * 50_000 + "\n"


def test_thousands_of_suppression_comments(tmp_path):
    # suppressions were once matched pair by pair with findings, and every enable looked at
    # every region still open (minutes here)
    block = ("<!-- lintnews: disable LN2 -->\n\n<!-- lintnews: disable LN101 -->\n\n"
             "It was the the end.\n\n<!-- lintnews: enable LN101 -->\n\n")
    path = tmp_path / "quiet.md"
    path.write_text(block * 12_000 + "It was the the end.\n", encoding="utf-8")
    proc = run("--select", "LN101", str(path))
    assert lines_of(proc) == [f"{path}:{8 * 12_000 + 1}:12: error: LN101 repeated-word 'the' is repeated: delete one [*]"]


def test_every_unicode_space_between_repeated_words(tmp_path):
    spaces = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"]
    dashes = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Pd"]
    paragraphs = [f"It was the{space}the end." for space in spaces]
    paragraphs += [f"The well{dash}known mayor spoke{dash}briefly." for dash in dashes]
    path = tmp_path / "spaces.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    proc = run("--select", "LN1,LN2", str(path))
    found = [line.split(": ", 1)[1] for line in lines_of(proc)]
    assert found == ["error: LN101 repeated-word 'the' is repeated: delete one [*]"] * len(spaces)
    assert text_without_summary(proc)[1] == ""


def test_zero_width_and_direction_characters_inside_words(tmp_path):
    text = ("The mayor met Al\u200dKadhimi on Tuesday. It was \u2066the\u2069 the end of Al-Kadhimi\u200b’s visit.\n\n"
            "News\u00adpaper sales fell.\n")
    path = tmp_path / "invisible.txt"
    path.write_text(text, encoding="utf-8")
    proc = run(str(path))
    column = text.index("the\u2069 the") + 6
    assert lines_of(proc) == [f"{path}:1:{column}: error: LN101 repeated-word 'the' is repeated: delete one [*]"]
    fixed = run("--fix", str(path))
    assert fixed.returncode == 0
    assert path.read_text(encoding="utf-8") == text.replace("\u2069 the", "\u2069")


def test_nul_bytes_and_invalid_utf8_in_the_middle(tmp_path):
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"It was the end.\x00\x00 More copy.\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(prose(200).encode() + b" caf\xe9 " + prose(200, 2).encode())
    good = tmp_path / "good.txt"
    good.write_text("It was the the end.\n", encoding="utf-8")
    proc = run(str(nul), str(bad), str(good))
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert out == f"{good}:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
    offset = len(prose(200).encode()) + 4
    assert err.splitlines() == [
        f"{nul}: error: binary file (contains NUL bytes); not an article",
        f"{bad}: error: not valid UTF-8: byte offset {offset} (e9 20 {prose(200, 2).encode()[:2].hex(' ')}); "
        f"convert the file or pass --encoding"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_links_loops_pipes_and_unreadable_files_in_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)     # a symlink loop
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")          # a dangling link
    os.mkfifo(tmp_path / "pipe.txt")                                       # would block a reader
    locked = tmp_path / "locked.txt"
    locked.write_text("Fine.\n", encoding="utf-8")
    locked.chmod(0)
    proc = run(str(tmp_path))
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert out == f"{tmp_path / 'a.txt'}:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
    errors = sorted(err.splitlines())
    expected = [f"{tmp_path / 'gone.txt'}: error: no such file",
                f"{tmp_path / 'pipe.txt'}: error: not a regular file (a pipe, socket or device)"]
    if os.geteuid() != 0:                          # root reads files whatever their mode
        expected.insert(1, f"{locked}: error: permission denied")
    assert errors == expected


def test_a_tree_of_folders_deeper_than_the_recursion_limit(tmp_path):
    depth = sys.getrecursionlimit() + 200                  # (os.walk of Python 3.11 recursed a level a call)
    levels = [tmp_path.joinpath(*["d"] * level) for level in range(1, depth + 1)]
    try:
        for folder in levels:                              # (one mkdir a level: makedirs recurses too)
            folder.mkdir()
        (levels[-1] / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
        (tmp_path / "b.txt").write_text("Fine copy.\n", encoding="utf-8")
        proc = run("--fail-on", "warning", ".", cwd=tmp_path)
    finally:                                               # (pytest's clean-up, shutil.rmtree, recurses too)
        (levels[-1] / "a.txt").unlink(missing_ok=True)
        for folder in reversed(levels):
            if folder.exists():
                folder.rmdir()
    out, err = text_without_summary(proc)
    assert (proc.returncode, err) == (1, "")
    assert out == f"{Path(*['d'] * depth, 'a.txt')}:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"


def test_data_nested_deeper_than_the_recursion_limit_is_a_one_line_error(tmp_path):
    # the YAML, TOML and JSON parsers recurse a level a call; RecursionError ended the run
    deep = "[" * 5_000 + "]" * 5_000
    (tmp_path / "yaml.md").write_text(f"---\ntitle: {deep}\n---\nIt was the the end.\n", encoding="utf-8")
    (tmp_path / "toml.md").write_text(f"+++\ntitle = {deep}\n+++\nIt was the the end.\n", encoding="utf-8")
    proc = run("yaml.md", "toml.md", "--jobs", "1", cwd=tmp_path)
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert err == ("yaml.md: error: front matter is YAML nested too deeply to read\n"
                   "toml.md: error: front matter is TOML nested too deeply to read\n")
    assert out == ("yaml.md:4:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"       # the body is still linted
                   "toml.md:4:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n")
    (tmp_path / "baseline.json").write_text(deep * 20, encoding="utf-8")
    proc = run("--baseline", "baseline.json", "yaml.md", cwd=tmp_path)
    assert (proc.returncode, text_without_summary(proc)[1]) == (
        2, "lintnews: error: baseline baseline.json: cannot read it: JSON nested too deeply\n")
    (tmp_path / "lintnews.toml").write_text(f"select = {deep}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lintnews", "yaml.md"], cwd=tmp_path, capture_output=True,
                          timeout=TIMEOUT)
    assert (proc.returncode, text_without_summary(proc)[1]) == (
        2, "lintnews: error: lintnews.toml: TOML nested too deeply to read\n")    # (relative, as found)


def test_an_empty_file_and_one_with_no_final_newline(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    last = tmp_path / "last.txt"
    last.write_text("The end.\n\nIt was the the end.", encoding="utf-8")
    proc = run(str(empty), str(last))
    assert lines_of(proc) == [f"{last}:3:12: error: LN101 repeated-word 'the' is repeated: delete one [*]"]
    assert text_without_summary(proc)[1] == ""


# ------------------------------------------- configuration and baseline files that are not files

@pytest.mark.parametrize("content, message", [
    (b"tool = 5\n", "pyproject.toml: 'tool' is int, not a table"),
    (b"[tool]\nlintnews = 5\n", "pyproject.toml: 'tool.lintnews' is int, not a table ([tool.lintnews])"),
])
def test_a_pyproject_whose_tool_is_not_a_table_is_a_one_line_error(tmp_path, content, message):
    (tmp_path / "pyproject.toml").write_bytes(content)
    (tmp_path / "a.txt").write_text("It was the end.\n", encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert (proc.returncode, text_without_summary(proc)) == (2, ("", f"lintnews: error: {tmp_path / message}\n"))


def test_a_configuration_that_is_not_utf_8_is_a_one_line_error(tmp_path):
    (tmp_path / "lintnews.toml").write_bytes(b'select = ["LN1"]\n\xff\xfe\n')
    (tmp_path / "a.txt").write_text("It was the end.\n", encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert (proc.returncode, text_without_summary(proc)) == (
        2, ("", "lintnews: error: lintnews.toml: not valid UTF-8 (byte offset 17); TOML files are UTF-8\n"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("option", ["--config", "--baseline"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_fifo_or_a_device_as_configuration_or_baseline_is_refused_not_read(tmp_path, option, special):
    if special == "fifo":
        special = str(tmp_path / "fifo")
        os.mkfifo(special)
    elif not os.path.exists(special):
        pytest.skip(f"no {special} here")
    (tmp_path / "a.txt").write_text("It was the end.\n", encoding="utf-8")
    proc = run_cli(option, special, "a.txt", cwd=tmp_path)      # (run_cli gives up after 300 s)
    out, err = text_without_summary(proc)
    assert (proc.returncode, out) == (2, "") and err.count("\n") == 1
    assert "not a regular file (a pipe, socket or device)" in err


def test_select_naming_nothing_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    for value in ("", " , "):
        proc = run_cli("--select", value, "a.txt", cwd=tmp_path)
        assert (proc.returncode, text_without_summary(proc)) == (2, ("", (
            "lintnews: error: --select: names no rule, so no rule would run (to turn rules off, --ignore them)\n")))


@pytest.mark.skipif(sys.platform == "win32", reason="such names are POSIX's")
@pytest.mark.parametrize("fmt", ["text", "full"])
def test_newlines_and_escape_characters_in_a_file_name_are_printed_as_escapes(tmp_path, fmt):
    name = "evil\nb.txt:9:9: error: LN999 forged\x1b[31m.txt"
    (tmp_path / name).write_text("It was the the end.\n", encoding="utf-8")
    (tmp_path / "bad\x07.txt").write_bytes(b"PK\x03\x04\x00 binary")
    proc = run("--format", fmt, ".", cwd=tmp_path)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert "\x1b" not in out + err and "\x07" not in out + err
    shown = "evil\\nb.txt:9:9: error: LN999 forged\\x1b[31m.txt"
    assert (f"{shown}:1:12: error: LN101" in out) if fmt == "text" else (f"{shown}:\n" in out)
    assert not any(line.startswith("b.txt:9:9") for line in out.splitlines())     # no forged line
    assert "bad\\x07.txt: error: binary file" in err
