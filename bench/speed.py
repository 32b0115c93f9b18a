"""How fast lintnews is: start-up, throughput, each rule's cost, a peer, and linearity.

    .venv/bin/python bench/speed.py                  # everything (the peers installed on first use)
    .venv/bin/python bench/speed.py --no-peer --runs 9

Prints one table. lintnews is run on each of its cores side by side (the compiled one where
it is built, and the pure-Python one that LINTNEWS_PURE=1 forces), each row naming the core
`lintnews --version` reports ("python" where it names none):
  start-up     median wall time of `lintnews <article>` (the seed article, from the repo
               root, as an editor's pre-commit hook runs it), beside `python -c pass` and
               `python -c "import regex, pluggy"` on the same machine
  throughput   `lintnews --isolated` over ../shared/corpus/news: MB/s and articles/s, wall
               time of one process; then with --jobs 2 where lintnews has that option
  ratio        the targets of issue 23, measured in one run (bench/ratio.py): the corpus
               against a Python process running one doubled-word regex over the same files,
               and one article against proselint
  per rule     CPU seconds of each rule over the corpus, in one process (the shared analysis
               -- paragraphs, sentences, word tokens, quotations -- on rows of its own), on
               the core this process runs
  peers        proselint, installed from PyPI into its own venv (--peer-venv), and retext
               (unified + retext-english on Node.js, installed from npm into a directory of
               its own, --retext-dir; skipped where node or npm is missing; see
               bench/retext_peer.mjs): one article, then the corpus, retext with no rule,
               with its repeated-words rule alone, and with the four plugins nearest
               lintnews's rule families; beside lintnews with its repeated-word rule alone
  linearity    one article repeated 10 (and 100) times as one text: lint time against once;
               every 10th article of the corpus as one text against all of them as one (new
               words all the way); and hostile copy ('"Yes" ' 5,000 and 50,000 times: all
               quotation marks and repeats)

Skips (exit 0) where ../shared/corpus/news is absent. Wall times depend on what else the
machine runs: the load average is printed before and after.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ratio import ARTICLE, CORPUS, ENV, REPO, core_name, cores, lintnews_command, ratio_rows


def wall(cmd: list[str], runs: int, cwd: Path = REPO, env: dict[str, str] = ENV) -> float:
    """Median wall seconds of `runs` runs of cmd (after one run that warms the caches)."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def rate(size: int, count: int, seconds: float) -> str:
    """A throughput: `size` bytes of `count` articles in `seconds`."""
    return f"{size / 1e6 / seconds:.2f} MB/s, {count / seconds:.0f} articles/s ({seconds:.2f} s)"


def load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def start_up(runs: int, rows: list, found: list) -> None:
    rows.append(("start-up", "python -c pass", f"{1000 * wall([sys.executable, '-c', 'pass'], runs):.0f} ms"))
    rows.append(("", 'python -c "import regex, pluggy"',
                 f"{1000 * wall([sys.executable, '-c', 'import regex, pluggy'], runs):.0f} ms"))
    for core, env in found:
        rows.append(("", f"lintnews {ARTICLE.relative_to(REPO)} (core: {core})",
                     f"{1000 * wall(lintnews_command() + [str(ARTICLE.relative_to(REPO))], runs, env=env):.0f} ms"))


def throughput(rows: list, size: int, count: int, found: list) -> None:
    base = lintnews_command() + ["--isolated"]
    helps = subprocess.run(base + ["--help"], env=ENV, capture_output=True, text=True).stdout
    jobs = "--jobs" in helps                    # (then the default may be one process per core)
    for i, (core, env) in enumerate(found):
        seconds = wall(base + (["--jobs", "1"] if jobs else []) + [str(CORPUS)], 3, env=env)
        rows.append(("" if i else "throughput",
                     f"lintnews --isolated {'--jobs 1 ' if jobs else ''}<corpus> (core: {core})",
                     rate(size, count, seconds)))
    for core, env in found:
        value = rate(size, count, wall(base + ["--jobs", "2", str(CORPUS)], 3, env=env)) if jobs else "n/a (no --jobs)"
        rows.append(("", f"lintnews --isolated --jobs 2 <corpus> (core: {core})", value))


def per_rule(rows: list) -> None:
    """CPU seconds of the shared analysis and of each rule over the corpus, in this process."""
    from lintnews.config import Config
    from lintnews.engine import Linter

    linter = Linter(Config())
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    spent: dict[str, float] = {}
    clock = time.process_time
    for path, text in texts:
        t = clock()
        doc = linter.load(text, path)
        spent["(load)"] = spent.get("(load)", 0.0) + clock() - t
        for part in ("paragraphs", "sentences", "tokens", "quotes"):
            t = clock()
            getattr(doc, part)
            spent[f"({part})"] = spent.get(f"({part})", 0.0) + clock() - t
        for rule in linter.rules:
            t = clock()
            list(rule.check(doc))
            key = f"{rule.code} {rule.name}"
            spent[key] = spent.get(key, 0.0) + clock() - t
    t = clock()
    for path, text in texts:
        linter.lint_text(text, path)
    whole = clock() - t
    first = f"per rule (CPU, core: {core_name(os.environ)})"
    for key, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        rows.append((first, key, f"{seconds:.3f} s"))
        first = ""
    rows.append(("", "all of it: Linter.lint_text over the corpus", f"{whole:.3f} s CPU"))


def install_proselint(venv: Path, rows: list) -> Path | None:
    """The proselint command in `venv`, installed there from PyPI when missing (None, and a
    row saying so, where it cannot be)."""
    proselint = venv / "bin" / "proselint"
    if not proselint.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
        installed = made.returncode == 0 and subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "proselint"], capture_output=True).returncode == 0
        if not installed or not proselint.exists():
            rows.append(("proselint", "pip install proselint", f"n/a (could not install into {venv})"))
            return None
    return proselint


def peer(rows: list, proselint: Path, runs: int, size: int, count: int) -> None:
    version = subprocess.run([str(proselint), "version"], capture_output=True, text=True).stdout.strip()
    rows.append(("proselint", f"{version or 'proselint'}: proselint check {ARTICLE.relative_to(REPO)}",
                 f"{1000 * wall([str(proselint), 'check', str(ARTICLE)], runs):.0f} ms"))
    seconds = wall([str(proselint), "check", str(CORPUS)], 1)
    rows.append(("", "proselint check <corpus>, 1 process", rate(size, count, seconds)))


RETEXT_PACKAGES = ["unified@11.0.5", "retext-english@5.0.0", "retext-stringify@4.0.0", "retext-repeated-words@5.0.0",
                   "retext-contractions@6.0.0", "retext-quotes@6.0.2", "retext-sentence-spacing@6.0.0"]
RETEXT_SCRIPT = REPO / "bench" / "retext_peer.mjs"


def retext(rows: list, where: Path, runs: int, size: int, count: int, found: list) -> None:
    """retext on Node.js: start-up on one article, throughput over the corpus with no rule,
    one rule and four; lintnews with its one rule in common, for the same comparison."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        rows.append(("retext", "node and npm", "n/a (not on this machine)"))
        return
    script = where / RETEXT_SCRIPT.name
    if not (where / "node_modules" / "retext-english").is_dir():
        where.mkdir(parents=True, exist_ok=True)
        made = subprocess.run([npm, "install", "--prefix", str(where), "--no-audit", "--no-fund", "--silent",
                               *RETEXT_PACKAGES], capture_output=True)
        if made.returncode != 0:
            rows.append(("retext", "npm install " + " ".join(RETEXT_PACKAGES[:2]) + " ...",
                         f"n/a (could not install into {where})"))
            return
    shutil.copyfile(RETEXT_SCRIPT, script)
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    rows.append(("retext", f"retext, 4 rules (node {version}): {ARTICLE.relative_to(REPO)}",
                 f"{1000 * wall([node, str(script), 'rules', str(ARTICLE)], runs):.0f} ms"))
    for mode, what in (("parse", "parsing alone"), ("repeated", "retext-repeated-words alone"),
                       ("rules", "4 rules (repeats, contractions, quotes, spacing)")):
        seconds = wall([node, str(script), mode, str(CORPUS)], 1)
        rows.append(("", f"<corpus>, {what}", rate(size, count, seconds)))
    for core, env in found:
        seconds = wall(lintnews_command() + ["--isolated", "--jobs", "1", "--select", "LN101", str(CORPUS)], 3, env=env)
        rows.append(("", f"lintnews --isolated --jobs 1 --select LN101 <corpus> (core: {core})",
                     rate(size, count, seconds)))


def cpu(linter, text: str) -> float:
    """CPU seconds of linting text once."""
    t = time.process_time()
    linter.lint_text(text, "a.txt")
    return time.process_time() - t


def linearity(rows: list) -> None:
    """Lint time (CPU, in this process) of longer and longer texts: one article repeated,
    different articles together, hostile copy."""
    from lintnews.config import Config
    from lintnews.engine import Linter

    linter = Linter(Config())
    article = (CORPUS / "0001.txt").read_text(encoding="utf-8").strip()
    linter.lint_text(article, "a.txt")              # compile what the rules compile

    def seconds(times: int, runs: int) -> float:
        text = "\n\n".join([article] * times) + "\n"
        return statistics.median(cpu(linter, text) for _ in range(runs))

    once = seconds(1, 51)
    rows.append(("linearity", f"article 0001.txt once ({len(article):,} chars)", f"{1000 * once:.2f} ms"))
    for times, runs in ((10, 11), (100, 3)):
        spent = seconds(times, runs)
        rows.append(("", f"the same {times} times as one text", f"{1000 * spent:.1f} ms = {spent / once:.1f} x"))
    # different articles as one text (an archive pasted into one file): new names, quotes
    # and spellings all the way, so that no per-word pass can hide in a small vocabulary
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(CORPUS.glob("*.txt"))]
    tenth, whole = "\n\n".join(texts[::10]), "\n\n".join(texts)
    part, spent = cpu(linter, tenth), cpu(linter, whole)
    rows.append(("", f"every 10th article of the corpus as one text ({len(tenth) / 1e6:.2f} MB)", f"{1000 * part:.0f} ms"))
    rows.append(("", f"all of them as one text ({len(whole) / 1e6:.2f} MB = {len(whole) / len(tenth):.1f} x)",
                 f"{1000 * spent:.0f} ms = {spent / part:.1f} x"))
    # hostile copy: every word a repeat and every other character a quotation mark
    small, big = ('"Yes" ' * 5_000, '"Yes" ' * 50_000)
    linter.lint_text(small, "q.txt")
    first, spent = cpu(linter, small), cpu(linter, big)
    rows.append(("", '\'"Yes" \' 5,000 times (10,000 quotation marks, 5,000 repeats)', f"{1000 * first:.1f} ms"))
    rows.append(("", "the same 50,000 times", f"{1000 * spent:.1f} ms = {spent / first:.1f} x"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="runs of each start-up command (median)")
    ap.add_argument("--peer-venv", type=Path, default=Path(tempfile.gettempdir()) / "lintnews-bench-venv",
                    help="the venv proselint is installed into (made when missing)")
    ap.add_argument("--retext-dir", type=Path, default=Path(tempfile.gettempdir()) / "lintnews-bench-retext",
                    help="the directory retext is installed into with npm (when missing)")
    ap.add_argument("--no-peer", action="store_true", help="leave the peers (proselint, retext) out")
    ap.add_argument("--ratio-runs", type=int, default=5, help="rounds of the ratio's commands taking turns (best of)")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: the news corpus ({CORPUS}) is not here")
        return 0
    files = sorted(CORPUS.glob("*.txt"))
    size, count = sum(p.stat().st_size for p in files), len(files)
    print(f"{count} articles, {size / 1e6:.2f} MB; {os.cpu_count()} CPUs; load average {load()}", flush=True)
    rows: list[tuple[str, str, str]] = []
    found = cores()
    start_up(args.runs, rows, found)
    throughput(rows, size, count, found)
    proselint = None if args.no_peer else install_proselint(args.peer_venv, rows)
    ratio_rows(rows, args.ratio_runs, proselint)
    per_rule(rows)
    if proselint is not None:
        peer(rows, proselint, args.runs, size, count)
    if not args.no_peer:
        retext(rows, args.retext_dir, args.runs, size, count, found)
    linearity(rows)
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    for what, how, value in rows:
        print(f"{what:<{widths[0]}}  {how:<{widths[1]}}  {value}")
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
