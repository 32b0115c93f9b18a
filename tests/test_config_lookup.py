"""Configuration as ruff finds it: per file, `extend`, --config and --isolated; errors that
name the file, the key and the nearest valid name; codes in any case; --explain."""
from __future__ import annotations

import pytest

from conftest import run_cli, text_of, tree

DOUBLED = "It was the the end. Biden 's plan.\n"


def findings(proc) -> list[str]:
    """'path code' of each finding (path as printed), in order."""
    out, err = text_of(proc)
    assert proc.returncode in (0, 1), err
    return [f"{line.split(':')[0]} {line.split()[2]}" for line in out.splitlines()]


def newsroom(tmp_path):
    """A newsroom whose pyproject.toml turns LN201 off; its opinion desk extends that
    configuration and also allows "the the"; drafts are excluded by the top one."""
    return tree(tmp_path / "newsroom", {
        "pyproject.toml": '[tool.lintnews]\nignore = ["LN201"]\nexclude = ["content/drafts/**"]\n'
                          '[tool.lintnews.rules.repeated-word]\nseverity = "warning"\n',
        "content/news/a.txt": DOUBLED,
        "content/drafts/b.txt": DOUBLED,
        "content/opinion/lintnews.toml": 'extend = "../../pyproject.toml"\n'
                                         '[rules.repeated-word]\nallow = ["the the"]\n',
        "content/opinion/c.txt": DOUBLED + "It was the the start.\n",
    })


def test_each_file_takes_the_configuration_above_it_not_above_the_working_directory(tmp_path):
    root = newsroom(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = run_cli(str(root / "content" / "news" / "a.txt"), cwd=elsewhere)
    assert findings(proc) == [f"{root}/content/news/a.txt LN101"]
    assert "warning: LN101" in text_of(proc)[0]           # (the rule's severity, from the same file)


def test_files_under_two_configurations_in_one_run_each_get_their_own(tmp_path):
    root = newsroom(tmp_path)
    proc = run_cli("content", cwd=root)
    # news: LN201 off; drafts: excluded; opinion: LN201 off (extended) and "the the" allowed
    assert findings(proc) == ["content/news/a.txt LN101"]


def test_parallel_output_is_the_serial_output_across_configurations(tmp_path):
    root = newsroom(tmp_path)
    for n in range(12):
        tree(root, {f"content/news/n{n}.txt": DOUBLED, f"content/opinion/o{n}.txt": DOUBLED})
        tree(tmp_path, {f"other/x{n}.txt": DOUBLED})          # (under no configuration)
    serial = run_cli("--jobs", "1", ".", "../other", cwd=root)
    parallel = run_cli("--jobs", "2", ".", "../other", cwd=root)
    assert text_of(parallel) == text_of(serial)
    found = findings(serial)
    assert "../other/x0.txt LN201" in found and "content/news/n0.txt LN101" in found
    assert not any(f.startswith("content/opinion/") for f in found)
    assert not any(f.startswith("content/") and f.endswith("LN201") for f in found)


def test_standard_input_takes_the_configuration_above_its_stdin_filename(tmp_path):
    root = newsroom(tmp_path)
    proc = run_cli("--stdin-filename", "content/news/new.txt", "-", cwd=root, stdin=DOUBLED.encode())
    assert findings(proc) == ["content/news/new.txt LN101"]


def test_extend_overrides_key_by_key_and_rule_options_option_by_option(tmp_path):
    root = tree(tmp_path, {
        "lintnews.toml": 'ignore = ["LN201"]\nexclude = ["desk/old/**"]\n'
                         '[rules.repeated-word]\nallow = ["the the"]\nseverity = "info"\n',
        "desk/lintnews.toml": 'extend = "../lintnews.toml"\n[rules.repeated-word]\nseverity = "error"\n',
        "desk/a.txt": DOUBLED + "It was a a day.\n",
        "desk/old/b.txt": DOUBLED,
    })
    out, err = text_of(run_cli("desk", cwd=root))
    # the parent's ignore, exclude (relative to the parent's folder) and allow; the child's severity
    assert out == "desk/a.txt:2:10: error: LN101 repeated-word 'a' is repeated: delete one [*]\n", err


def test_a_cycle_of_extends_is_an_error(tmp_path):
    root = tree(tmp_path, {"lintnews.toml": 'extend = "sub/lintnews.toml"\n',
                           "sub/lintnews.toml": 'extend = "../lintnews.toml"\n', "sub/a.txt": DOUBLED})
    proc = run_cli("sub/a.txt", cwd=root)
    assert proc.returncode == 2 and "extend: a cycle" in text_of(proc)[1]


def test_config_option_wins_and_isolated_ignores_all(tmp_path):
    root = newsroom(tmp_path)
    tree(root, {"strict.toml": 'select = ["LN2"]\n'})
    assert findings(run_cli("--config", "strict.toml", "content/opinion/c.txt", cwd=root)) == [
        "content/opinion/c.txt LN201"]
    assert findings(run_cli("--isolated", "content/opinion/c.txt", cwd=root)) == [
        "content/opinion/c.txt LN101", "content/opinion/c.txt LN201", "content/opinion/c.txt LN101"]


def test_force_exclude_skips_a_named_file_its_own_configuration_excludes(tmp_path):
    root = tree(tmp_path, {"site/lintnews.toml": 'exclude = ["drafts/**"]\n',
                           "site/drafts/x.txt": DOUBLED, "site/news/y.txt": DOUBLED})
    named = ["site/drafts/x.txt", "site/news/y.txt"]
    assert findings(run_cli("--force-exclude", "--select", "LN101", *named, cwd=root)) == ["site/news/y.txt LN101"]
    assert len(findings(run_cli("--select", "LN101", *named, cwd=root))) == 2     # (named: linted)


# ----------------------------------------------------------------------------- errors

def test_an_unknown_option_names_the_file_the_rule_and_the_nearest_option(tmp_path):
    tree(tmp_path, {"newsroom/pyproject.toml": '[tool.lintnews.rules.repeated-word]\nalow = ["the the"]\n',
                    "newsroom/a.txt": DOUBLED})
    proc = run_cli("newsroom/a.txt", cwd=tmp_path)
    err = text_of(proc)[1]
    assert proc.returncode == 2
    assert err.startswith("lintnews: error: unknown option 'alow' for repeated-word in newsroom/pyproject.toml; "
                          "did you mean 'allow'? (options: allow, "), err


@pytest.mark.parametrize("toml, message", [
    ('selet = ["LN1"]\n', "newsroom/lintnews.toml: unknown key 'selet'; did you mean 'select'?"),
    ('[rules.repeted-word]\nallow = []\n',
     "newsroom/lintnews.toml: options for unknown rule 'repeted-word'; did you mean 'repeated-word'?"),
    ('select = ["LN999"]\n', "newsroom/lintnews.toml: select: 'LN999' matches no rule"),
])
def test_configuration_errors_name_the_file_and_the_nearest_name(tmp_path, toml, message):
    tree(tmp_path, {"newsroom/lintnews.toml": toml, "newsroom/a.txt": DOUBLED})
    proc = run_cli("newsroom/a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and text_of(proc)[1].startswith(f"lintnews: error: {message}"), text_of(proc)[1]


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_an_unknown_rule_on_the_command_line_is_a_usage_error(tmp_path, option):
    tree(tmp_path, {"a.txt": DOUBLED})
    proc = run_cli(option, "repeted-word", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and text_of(proc) == ("", (
        f"lintnews: error: {option}: unknown rule 'repeted-word'; did you mean 'repeated-word'? "
        f"(see lintnews --list-rules)\n"))


# ------------------------------------------------------------------- codes in any case

def test_codes_are_case_insensitive_on_the_command_line_and_in_configuration(tmp_path):
    tree(tmp_path, {"a.txt": DOUBLED})
    assert findings(run_cli("--isolated", "--select", "ln101", "a.txt", cwd=tmp_path)) == ["a.txt LN101"]
    assert findings(run_cli("--isolated", "--ignore", "ln1,Mangled-Possessive", "a.txt", cwd=tmp_path)) == []
    tree(tmp_path, {"lintnews.toml": 'select = ["ln2"]\n[rules.ln101]\nallow = ["the the"]\n'})
    assert findings(run_cli("--extend-select", "all", "a.txt", cwd=tmp_path)) == ["a.txt LN201"]


def test_explain_takes_any_case_and_lists_what_a_prefix_could_mean():
    out, _ = text_of(run_cli("--explain", "ln201"))
    assert out.startswith("# LN201 mangled-possessive")
    proc = run_cli("--explain", "ln20")
    out, err = text_of(proc)
    assert proc.returncode == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == "lintnews: error: --explain: 'ln20' is not one rule; it could mean:"
    assert [line.split()[0] for line in lines[1:]] == ["LN201", "LN202", "LN203", "LN204", "LN205", "LN206", "LN207",
                                                       "LN208", "LN209"]
