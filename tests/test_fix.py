"""Fixing: the engine's fix loop, writing files back without losing anything, --fix and --diff."""
from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
import time

import pytest

from conftest import run_cli

import lintnews
from lintnews.config import Config
from lintnews.diagnostics import Finding, Fix
from lintnews.engine import Linter
from lintnews.errors import WriteError
from lintnews.plugins import load_plugins
from lintnews.ruleset import Rule
from lintnews.writing import replace_file

DEFECTIVE = "The mayor said it was the the end,, of the affair .\nHe left left early.\n"
FIXED = "The mayor said it was the end, of the affair.\nHe left early.\n"


def linter(**config) -> Linter:
    return Linter(Config(**config))


def linter_with(rule: type[Rule]) -> Linter:
    """A Linter running only `rule`, contributed by a plugin object."""
    class Plugin:
        @lintnews.hookimpl
        def lintnews_rules(self):
            return [rule]
    return Linter(Config(select=(rule.code,)), plugins=load_plugins(extra=(Plugin(),)))


# ------------------------------------------------------------------------- the fix loop

def test_fix_text_applies_every_safe_fix_and_counts_them_by_rule():
    outcome = linter().fix_text(DEFECTIVE, "a.txt")
    assert outcome.text == FIXED
    assert outcome.fixed == {"LN101": 2, "LN202": 1, "LN203": 1}
    assert outcome.count == 4 and outcome.changed and outcome.converged
    assert outcome.result.diagnostics == [] and outcome.result.path == "a.txt"


def test_remaining_findings_are_positioned_in_the_fixed_text():
    outcome = linter().fix_text("It was the the end. Her plan TK was bold.\n")
    [d] = outcome.result.diagnostics
    assert outcome.text == "It was the end. Her plan TK was bold.\n"
    assert (d.code, d.line, d.column) == ("LN503", 1, 26)


def test_unsafe_fixes_only_when_asked():
    text = "The talks ended,. Nobody spoke.\n"
    assert linter().fix_text(text).text == text
    assert linter().fix_text(text, unsafe=True).text == "The talks ended. Nobody spoke.\n"


class _Grows(Rule):
    """A rule whose fix never stops applying: it always wants one more '!' at the start.

    ## Why it matters
    ## Example
    ## Use instead
    """
    code = "XT901"
    name = "never-satisfied"
    fixable = True

    def check(self, doc):
        yield Finding(0, 0, "wants more", Fix.replace(0, 0, "!"))


def test_a_fix_loop_that_does_not_converge_stops_and_says_so():
    lin = linter_with(_Grows)
    outcome = lin.fix_text("News.", max_passes=3)
    assert outcome.text == "!!!News."
    assert outcome.fixed == {"XT901": 3} and not outcome.converged


class _BadFix(Rule):
    """A rule whose fix has two edits over the same characters.

    ## Why it matters
    ## Example
    ## Use instead
    """
    code = "XT902"
    name = "bad-fix"
    fixable = True

    def check(self, doc):
        from lintnews.diagnostics import Edit
        yield Finding(0, 4, "bad", Fix((Edit(0, 4, "A"), Edit(2, 6, "B"))))


def test_a_fix_with_overlapping_edits_is_dropped_and_reported():
    lin = linter_with(_BadFix)
    result = lin.lint_text("abcdefgh")
    [d] = result.diagnostics
    assert d.fix is None
    assert "offered a fix whose edits overlap" in result.problems[0].message
    assert lin.fix_text("abcdefgh").text == "abcdefgh"


# -------------------------------------------------------------------- writing files back

@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                           ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_fix_file_keeps_encoding_bom_and_line_endings(tmp_path, newline, encoding, bom):
    path = tmp_path / "story.txt"
    path.write_bytes(bom + DEFECTIVE.replace("\n", newline).encode(encoding))
    outcome = linter().fix_file(path)
    assert outcome.count == 4
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)


@pytest.mark.parametrize("encoding, python_codec", [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
                                                    ("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le")])
def test_an_encoding_given_reads_text_without_a_bom_and_writes_it_back_without_one(tmp_path, encoding, python_codec):
    path = tmp_path / "story.txt"
    path.write_bytes(DEFECTIVE.encode(python_codec))
    outcome = linter(encoding=encoding).fix_file(path)
    assert (outcome.count, outcome.result.problems) == (4, [])
    assert path.read_bytes() == FIXED.encode(python_codec)          # no BOM that was not there


def test_an_encoding_given_still_refuses_binary_data(tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"PK\x03\x04\x00\x00 not an article")
    [problem] = linter(encoding="latin-1").lint_file(path).problems
    assert "binary file" in problem.message


def test_fix_file_keeps_a_legacy_encoding_and_refuses_what_it_cannot_encode(tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le café the the end.\n".encode("latin-1"))
    linter(encoding="latin-1").fix_file(latin1)
    assert latin1.read_bytes() == "Le café the end.\n".encode("latin-1")

    garbled = tmp_path / "garbled.txt"       # the repair writes ł, which Windows-1252 does not have
    original = "The poet MiÅ‚osz spoke.\n".encode("cp1252")
    garbled.write_bytes(original)
    outcome = linter(encoding="cp1252").fix_file(garbled)
    assert garbled.read_bytes() == original
    [problem] = outcome.result.problems
    assert problem.message == "the fixed text has 'ł', which CP1252 cannot encode; file left unchanged"
    assert [(d.code, d.column) for d in outcome.result.diagnostics] == [("LN501", 12)]   # the unchanged file's
    assert not outcome.changed


def test_fix_file_keeps_permissions_and_symlinks_and_leaves_no_temporary_file(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(DEFECTIVE, encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    linter().fix_file(link)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_a_clean_file_is_not_rewritten(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(FIXED, encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    outcome = linter().fix_file(path)
    assert not outcome.changed and path.stat().st_mtime == 1_000_000


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_text(DEFECTIVE, encoding="utf-8")
    lin = linter()
    fix_text = lin.fix_text

    def fix_while_someone_edits(text, name, **kw):
        outcome = fix_text(text, name, **kw)
        path.write_text("The editor's new version.\n", encoding="utf-8")
        return outcome

    monkeypatch.setattr(lin, "fix_text", fix_while_someone_edits)
    outcome = lin.fix_file(path)
    assert path.read_text(encoding="utf-8") == "The editor's new version.\n"
    assert [p.message for p in outcome.result.problems] == [
        "the file changed on disk while it was being fixed; not overwritten"]


def test_replace_file_refuses_when_the_content_is_not_the_expected_one(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"new")
    with pytest.raises(WriteError, match="changed on disk"):
        replace_file(path, b"fixed", expected=b"old")
    assert path.read_bytes() == b"new"


def test_a_read_only_file_is_not_fixed(tmp_path):          # (by its mode: root too)
    path = tmp_path / "a.txt"
    path.write_text(DEFECTIVE, encoding="utf-8")
    os.chmod(path, 0o444)
    outcome = linter().fix_file(path)
    assert path.read_text(encoding="utf-8") == DEFECTIVE
    assert "read-only" in outcome.result.problems[0].message


def test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(tmp_path):
    outcome = linter().fix_file(tmp_path / "missing.txt")
    assert [p.message for p in outcome.result.problems] == ["no such file"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_a_fixed_file_keeps_its_owner_group_and_mode(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DEFECTIVE, encoding="utf-8")
    os.chown(path, 65534, 65534)            # nobody:nogroup
    os.chmod(path, 0o640)
    assert linter().fix_file(path).count == 4
    st = os.stat(path)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_fixed_file_keeps_its_extended_attributes(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DEFECTIVE, encoding="utf-8")
    try:
        os.setxattr(path, "user.newsroom", b"desk=politics")
    except (AttributeError, OSError) as exc:
        pytest.skip(f"no user extended attributes here: {exc}")
    linter().fix_file(path)
    assert os.getxattr(path, "user.newsroom") == b"desk=politics"


def test_temporary_files_a_killed_run_left_are_removed_by_a_later_fix(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DEFECTIVE, encoding="utf-8")
    stale, fresh = tmp_path / ".story.txt.k1ll3d.lintnews-tmp", tmp_path / ".other.txt.w0rk1ng.lintnews-tmp"
    stale.write_bytes(b"half an arti")
    fresh.write_bytes(b"being written")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    proc = run_cli("--isolated", "--fix", "story.txt", cwd=tmp_path)    # (a process of its own: once per folder)
    assert proc.returncode == 0 and path.read_text(encoding="utf-8") == FIXED
    assert not stale.exists() and fresh.exists()       # (a young one may be another run's, at work)


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks are POSIX's")
def test_a_second_fix_of_the_same_file_waits_and_then_finds_it_changed(tmp_path):
    import fcntl

    path = tmp_path / "story.txt"
    path.write_text(DEFECTIVE, encoding="utf-8")
    with open(path, "rb") as held:             # as a first lintnews holds it while it writes
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        second = subprocess.Popen([sys.executable, "-m", "lintnews", "--isolated", "--fix", "story.txt"],
                                  cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.5)
        assert second.poll() is None           # waiting for the lock, nothing written
        first_fix = tmp_path / ".story.txt.first.lintnews-tmp"
        first_fix.write_text(FIXED.replace("end", "finish"), encoding="utf-8")
        os.replace(first_fix, path)            # the first run's fixed file replaces the old one
    out, err = second.communicate(timeout=60)
    assert second.returncode == 2
    assert "the file changed on disk while it was being fixed; not overwritten" in err.decode()
    assert path.read_text(encoding="utf-8") == FIXED.replace("end", "finish")
