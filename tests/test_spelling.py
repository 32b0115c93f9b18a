"""LN601 misspelling and LN602 dialect-spelling beyond their case files: the house vocabulary
in files and its errors, the dictionary loaded only when the rule runs, the seed article's
names, and the index that bench/build_dictionary.py builds."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

from conftest import REPO, run_cli

from lintnews.config import Config
from lintnews.engine import Linter
from lintnews.rules._dictionary import Dictionary, dictionary

STORY = "The council could not accomodate the request, and the reseach was late.\n"


def lint(tmp_path, config: str, text: str = STORY):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text(config, encoding="utf-8")
    proc = run_cli("--format", "text", "--select", "LN601,LN602", "a.txt", cwd=tmp_path)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def test_messages_name_the_word_meant_and_the_fix_writes_it():
    result = Linter(Config(select=("LN601",))).lint_text(STORY)
    assert [d.message for d in result.diagnostics] == [
        "'accomodate' is misspelt: write 'accommodate'", "'reseach' is misspelt: write 'research'"]
    assert Linter(Config(select=("LN601",))).fix_text(STORY, unsafe=True).text == \
        "The council could not accommodate the request, and the research was late.\n"


def test_vocabulary_files_are_read_relative_to_the_configuration(tmp_path):
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "accept.txt").write_text("# house words\naccomodate\n", encoding="utf-8")
    (tmp_path / "vocab" / "reject.txt").write_text("council  # say 'authority'\n", encoding="utf-8")
    code, out, err = lint(tmp_path, '[rules.misspelling]\naccept-files = ["vocab/accept.txt"]\n'
                                     'reject-files = ["vocab/reject.txt"]\n')
    assert code == 0 and "Traceback" not in err
    assert "'accomodate'" not in out
    assert "a.txt:1:5: warning: LN601 misspelling 'council' is on the house's reject list: use another word" in out
    assert "'reseach' is misspelt" in out


def test_an_unreadable_vocabulary_file_is_a_clear_error(tmp_path):
    code, out, err = lint(tmp_path, '[rules.misspelling]\naccept-files = ["vocab/missing.txt"]\n')
    assert code == 2 and "Traceback" not in err
    assert "option 'accept-files': no vocabulary file" in err and "missing.txt" in err
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9\n")
    code, out, err = lint(tmp_path, '[rules.misspelling]\nreject-files = ["latin1.txt"]\n')
    assert code == 2 and "Traceback" not in err and "is not UTF-8 text" in err


def test_a_bad_pattern_or_dialect_is_a_clear_error(tmp_path):
    code, _, err = lint(tmp_path, '[rules.misspelling]\naccept = ["cyber(flix"]\n')
    assert code == 2 and "Traceback" not in err and "'cyber(flix' is not a regular expression" in err
    code, _, err = lint(tmp_path, '[rules.dialect-spelling]\ndialect = "en-AU"\n')
    assert code == 2 and "Traceback" not in err and 'expected "en-GB" or "en-US"' in err


def test_dialect_findings_have_their_own_code(tmp_path):
    code, out, _ = lint(tmp_path, '[rules.dialect-spelling]\ndialect = "en-US"\n',
                        "The colour of the flag was agreed.\n")
    assert out.splitlines()[0] == ("a.txt:1:5: error: LN602 dialect-spelling 'colour' is the British spelling; "
                                   "the house writes American (en-US): write 'color' [*]")


def test_the_dictionary_is_read_only_when_the_rule_runs():
    script = ("import lintnews\n"
              "from lintnews.config import Config\n"
              "from lintnews.engine import Linter\n"
              "from lintnews.rules._dictionary import dictionary\n"
              "Linter(Config(ignore=('LN601',))).lint_text('The reseach was late.')\n"
              "print(dictionary.cache_info().currsize)\n"
              "Linter().lint_text('The reseach was late.')\n"
              "print(dictionary.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "1"]


def test_the_seed_article_has_no_spelling_finding():
    result = Linter(Config(select=("LN601",))).lint_file(REPO / "seeds" / "000_c414c113dae7f080.txt")
    assert result.problems == [] and result.diagnostics == []


def _build_script():
    spec = importlib.util.spec_from_file_location("build_dictionary", REPO / "bench" / "build_dictionary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_index_built_from_word_lists_is_the_one_read(tmp_path):
    lists = {"british-english": "colour\nharbour\nharbour's\nLondon\nthe\n",
             "american-english": "color\nharbor\nthe\n",
             "british-english-large": "café\n", "american-english-large": "",
             "british-english-huge": "neurone\n", "american-english-huge": "neuron\n"}
    for name, text in lists.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    words = Dictionary(_build_script().build(tmp_path))
    assert all(w in words for w in ("colour", "color", "the", "café", "cafe", "neurone", "neuron"))
    assert "harbour's" not in words and "london" not in words and "colur" not in words
    assert words.is_common("harbour") and not words.is_common("neurone")
    assert words.british("colour") and words.american("color") and not words.british("the")
    assert words.neighbours("colur") == {"colour", "color"}


def test_a_checksum_that_collides_is_never_offered_as_a_word():
    words = dictionary()
    assert words._holds("common-crc", "mupdblood")        # shares a common word's CRC-32
    assert words.neighbours("mudblood") == set()
    assert Linter(Config(select=("LN601",))).lint_text("Slytherin mudblood Ben Jones was forced off.").diagnostics == []
