"""Third-party rule packs, found through the `lintnews` entry-point group once installed.

Each test "installs" a distribution by putting its package and its .dist-info folder on
PYTHONPATH, which is all importlib.metadata needs: no network, no pip.
"""
from __future__ import annotations

import textwrap

from conftest import run_cli
from output_helpers import text_without_summary

PACK = '''
import lintnews
from lintnews.diagnostics import Finding
from lintnews.ruleset import Rule


class ExclamationMark(Rule):
    """An exclamation mark in news copy.

    ## Why it matters
    News copy states; it does not exclaim.
    ## Example
    Prices rose!
    ## Use instead
    Prices rose.
    """

    code = "XN101"
    name = "exclamation-mark"
    severity = "error"

    def check(self, doc):
        if "detonate" in doc.text:
            raise ValueError("the pack has a bug")
        for i, ch in enumerate(doc.text):
            if ch == "!":
                yield Finding(i, i + 1, "exclamation mark in news copy")


@lintnews.hookimpl
def lintnews_rules():
    return [ExclamationMark]
'''


def install(site, dist, module, source, entry=None):
    """Write a package and its .dist-info (with a `lintnews` entry point) into `site`."""
    (site / module).mkdir(parents=True)
    (site / module / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[lintnews]\n{entry or module} = {module}\n", encoding="utf-8")


def test_installed_pack_contributes_a_rule(tmp_path):
    site = tmp_path / "site"
    install(site, "newsdesk-extra", "newsdesk_extra", PACK, entry="newsdesk")
    article = tmp_path / "a.txt"
    article.write_text("Prices rose again!\n", encoding="utf-8")
    env = {"PYTHONPATH": str(site)}
    proc = run_cli(str(article), env=env)
    out, err = text_without_summary(proc)
    assert out == f"{article}:1:18: error: XN101 exclamation-mark exclamation mark in news copy\n"
    assert (err, proc.returncode) == ("", 1)
    listing, _ = text_without_summary(run_cli("--list-rules", env=env))
    assert "XN101  exclamation-mark" in listing and "[newsdesk]" in listing
    explained, _ = text_without_summary(run_cli("--explain", "exclamation-mark", env=env))
    assert "Plugin: newsdesk." in explained
    assert "Default severity: error. Set" in explained      # (declared by the pack; no precision measured)


def test_a_pack_that_fails_to_load_is_reported_and_the_rest_runs(tmp_path):
    site = tmp_path / "site"
    install(site, "broken-pack", "broken_pack", "import no_such_module_here\n")
    article = tmp_path / "a.txt"
    article.write_text("It was the the end.\n", encoding="utf-8")
    proc = run_cli(str(article), env={"PYTHONPATH": str(site)})
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert "LN101" in out
    assert err.splitlines() == [
        "lintnews: error: plugin 'broken_pack' [broken_pack (from broken-pack 1.0)] failed to load: "
        "ModuleNotFoundError: No module named 'no_such_module_here'"]


def test_a_rule_that_raises_names_rule_plugin_and_file(tmp_path):
    site = tmp_path / "site"
    install(site, "newsdesk-extra", "newsdesk_extra", PACK, entry="newsdesk")
    bad = tmp_path / "a.txt"
    bad.write_text("We will detonate the the myth!\n", encoding="utf-8")
    good = tmp_path / "b.txt"
    good.write_text("Prices rose!\n", encoding="utf-8")
    proc = run_cli(str(bad), str(good), env={"PYTHONPATH": str(site)})
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert out.splitlines() == [f"{bad}:1:22: error: LN101 repeated-word 'the' is repeated: delete one [*]",
                                f"{good}:1:12: error: XN101 exclamation-mark exclamation mark in news copy"]
    assert err == (f"{bad}: error: rule XN101 exclamation-mark (plugin 'newsdesk') failed: "
                   "ValueError: the pack has a bug\n")


def test_a_misspelt_hook_is_an_error(tmp_path):
    site = tmp_path / "site"
    install(site, "typo-pack", "typo_pack", '''
        import lintnews

        @lintnews.hookimpl
        def lintnews_rule():
            return []
        ''')
    proc = run_cli("--list-rules", env={"PYTHONPATH": str(site)})
    assert proc.returncode == 2
    assert "unknown hook 'lintnews_rule'" in text_without_summary(proc)[1]


def test_a_pack_can_replace_a_built_in_format(tmp_path):
    site = tmp_path / "site"
    install(site, "newsdesk-format", "newsdesk_format", '''
        import lintnews
        from lintnews.reporters import Reporter

        class Terse(Reporter):
            def file(self, path, diagnostics, text):
                for d in diagnostics:
                    self.stream.write(f"{d.line}:{d.column} {d.code}\\n")

        @lintnews.hookimpl
        def lintnews_reporters():
            return {"text": Terse}
        ''')
    article = tmp_path / "a.txt"
    article.write_text("It was the the end.\n", encoding="utf-8")
    out, err = text_without_summary(run_cli(str(article), env={"PYTHONPATH": str(site)}))
    assert (out, err) == ("1:12 LN101\n", "")


def test_a_pack_format_without_start_or_problem_still_runs_when_a_file_cannot_be_read(tmp_path):
    site = tmp_path / "site"
    install(site, "bare-format", "bare_format", '''
        import lintnews

        class Bare:                         # no Reporter base: no start(), no problem()
            def __init__(self, stream):
                self.stream = stream

            def file(self, path, diagnostics, text):
                self.stream.write(f"{path} {len(diagnostics)}\\n")

            def finish(self):
                self.stream.write("done\\n")

        @lintnews.hookimpl
        def lintnews_reporters():
            return {"bare": Bare}
        ''')
    (tmp_path / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    proc = run_cli("--format", "bare", "--jobs", "1", "a.txt", "b.txt", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    out, err = text_without_summary(proc)
    assert proc.returncode == 2
    assert out == "a.txt 1\nb.txt 0\ndone\n" and err.startswith("b.txt: error: binary file")
