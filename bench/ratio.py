"""The speed targets of issue 23, as ratios measured in one run (so the load of the machine
falls on both sides alike):

  corpus   `lintnews --isolated --jobs 1 --format json <news corpus>` against a Python
           process that reads the same files and runs one doubled-word pattern of the
           `regex` module over each (REFERENCE below); target: at most 2.1 times its time
  article  `lintnews <seed article>` against `proselint check <seed article>`;
           target: at most 0.8 of proselint's time

Interpreter start is included on every side. Each command is timed as a child process:
CPU (user + system) and wall seconds, best of `runs`, the commands taking turns (one run
of each, then the next round) so that a busy minute slows them alike. lintnews is timed
on each of its cores (LINTNEWS_PURE=1 forces the pure-Python one; `lintnews --version`
names the core it ran, "python" where it names none).

    .venv/bin/python bench/ratio.py [--runs 5]      (bench/speed.py prints the same rows)
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "news"
ARTICLE = REPO / "seeds" / "000_c414c113dae7f080.txt"
PROSELINT = Path(tempfile.gettempdir()) / "lintnews-bench-venv" / "bin" / "proselint"   # speed.py installs it
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "LINTNEWS_PURE")}
CORPUS_TARGET, ARTICLE_TARGET = 2.1, 0.8

# The reference: read each article of a folder (as lintnews does: bytes, decoded as UTF-8)
# and find doubled words with one pattern of the regex module.
REFERENCE = """
import os, sys, regex
doubled = regex.compile(r"\\b(\\w+)\\s+\\1\\b", regex.IGNORECASE)
found = 0
for name in sorted(os.listdir(sys.argv[1])):
    if name.endswith(".txt"):
        with open(os.path.join(sys.argv[1], name), "rb") as fh:
            text = fh.read().decode("utf-8")
        found += sum(1 for _ in doubled.finditer(text))
print(found)
"""


def lintnews_command() -> list[str]:
    script = Path(sys.executable).with_name("lintnews")
    return [str(script)] if script.exists() else [sys.executable, "-m", "lintnews"]


def core_env(pure: bool) -> dict[str, str]:
    return {**ENV, "LINTNEWS_PURE": "1"} if pure else ENV


def core_name(env: dict[str, str]) -> str:
    """The core `lintnews --version` says it runs ("python" where it names none)."""
    shown = subprocess.run(lintnews_command() + ["--version"], env=env, capture_output=True, text=True).stdout
    found = re.search(r"core: (\w+)", shown)
    return found.group(1) if found else "python"


def cores() -> list[tuple[str, dict[str, str]]]:
    """Each core lintnews can run on here, by name, with the environment that picks it: the
    default first, then LINTNEWS_PURE=1 when that gives another core."""
    default, pure = core_name(core_env(False)), core_name(core_env(True))
    found = [(default, core_env(False))]
    return found + [(pure, core_env(True))] if pure != default else found


def child_seconds(cmd: list[str], env: dict[str, str], cwd: Path = REPO) -> tuple[float, float]:
    """CPU (user + system) and wall seconds of one run of cmd."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def take_turns(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, tuple[float, float]]:
    """Best CPU and best wall seconds of each command over `runs` rounds (after one round
    that warms the caches), each round running every command once, in turn."""
    best = {name: (float("inf"), float("inf")) for name in commands}
    for round_ in range(runs + 1):
        for name, (cmd, env) in commands.items():
            cpu, wall = child_seconds(cmd, env)
            if round_:
                best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
    return best


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def ratio_rows(rows: list, runs: int, proselint: Path | None = PROSELINT) -> None:
    """The table rows: MB/s and time of the reference and of lintnews on each core over the
    corpus, and each one's ratio; then one article against proselint."""
    files = sorted(CORPUS.glob("*.txt"))
    size = sum(p.stat().st_size for p in files)
    found = cores()
    corpus = {"reference": ([sys.executable, "-c", REFERENCE, str(CORPUS)], ENV)}
    corpus.update({core: (lintnews_command() + ["--isolated", "--jobs", "1", "--format", "json", str(CORPUS)], env)
                   for core, env in found})
    best = take_turns(corpus, runs)
    ref_cpu, ref_wall = best.pop("reference")
    rows.append((f"ratio (best of {runs})", 'reference: python, regex r"\\b(\\w+)\\s+\\1\\b" (i) over <corpus>',
                 f"{size / 1e6 / ref_cpu:.2f} MB/s CPU ({ref_cpu:.2f} s), wall {ref_wall:.2f} s"))
    for core, (cpu, wall) in best.items():
        rows.append(("", f"lintnews --isolated --jobs 1 --format json <corpus> (core: {core})",
                     f"{size / 1e6 / cpu:.2f} MB/s CPU ({cpu:.2f} s) = {cpu / ref_cpu:.2f} x the reference "
                     f"(target {CORPUS_TARGET}); wall {wall / ref_wall:.2f} x"))
    if proselint is None or not proselint.exists():
        rows.append(("", "proselint check <article>", f"n/a (no proselint{f' at {proselint}' if proselint else ''})"))
        return
    article = str(ARTICLE.relative_to(REPO))
    one = {"proselint": ([str(proselint), "check", article], ENV)}
    one.update({core: (lintnews_command() + [article], env) for core, env in found})
    best = take_turns(one, runs)
    pro_cpu, pro_wall = best.pop("proselint")
    rows.append(("", f"proselint check {article}", f"{1000 * pro_cpu:.0f} ms CPU, wall {1000 * pro_wall:.0f} ms"))
    for core, (cpu, wall) in best.items():
        rows.append(("", f"lintnews {article} (core: {core})",
                     f"{1000 * cpu:.0f} ms CPU = {cpu / pro_cpu:.2f} x proselint (target {ARTICLE_TARGET}); "
                     f"wall {1000 * wall:.0f} ms = {wall / pro_wall:.2f} x"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="rounds of the commands taking turns (best of)")
    ap.add_argument("--proselint", type=Path, default=PROSELINT, help="the proselint command to compare with")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: the news corpus ({CORPUS}) is not here")
        return 0
    print(f"load average {load()}", flush=True)
    rows: list[tuple[str, str, str]] = []
    ratio_rows(rows, args.runs, args.proselint)
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    for what, how, value in rows:
        print(f"{what:<{widths[0]}}  {how:<{widths[1]}}  {value}")
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
