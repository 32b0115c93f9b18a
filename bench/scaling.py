"""Does lintnews take time in proportion to its input, whatever the input repeats?

    .venv/bin/python bench/scaling.py              # every pattern, n and 4n times
    .venv/bin/python bench/scaling.py --n 5000     # smaller (quicker) texts
    .venv/bin/python bench/scaling.py --sweep      # every character and pair of SWEEP instead

Each pattern (a few words that a rule, the Markdown or HTML reader, a suppression, an
output format or --fix has to look at) is repeated n times and 4n times as one file, and
the CPU time of the second is set against the first's: about 4x is linear; anything over
5.5x is marked, as a pass over the whole text for each match would be (16x: a quadratic
path that ordinary articles, a few kilobytes each, never show). Needs no corpus.

`--sweep` looks where no one thought to: each character of SWEEP, and each pair of them,
repeated 3,000 and 12,000 times (then 48,000, for those over the limit, to tell a
quadratic path from noise), as plain text, Markdown and HTML; it prints only what grows
faster than its input (about 15 minutes).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (file name, pattern): each a thing some part of lintnews looks at once per occurrence
PATTERNS = [
    ("a.txt", 'He said: "We will." "No," she replied. '),
    ("a.txt", "The Smiths came. Mr Smith's car left. "),
    ("a.txt", "the the in the in the "),
    ("a.txt", "Monday 5 May 2021, Friday, 3 June 2020 today (Tuesday) "),
    ("a.txt", "Kadhimi met Kadhimy and Mohammed Mohamed. "),
    ("a.txt", "(a [b {c ) "),
    ("a.txt", "x , y . a  b  c "),
    ("a.txt", "TK XX ?? [CHECK THIS] {update} lorem "),
    ("a.txt", "We are. Our fight. I said. me my us. "),
    ("a.txt", "United intend to stay. Saudi said. "),
    ("a.txt", "The Coalition and the coalition said. The US and the U.S. agreed. "),
    ("a.txt", "organise organize realise realize "),
    ("a.txt", "John Smith, a spokesman said the. "),
    ("a.txt", "date: 2021-01-01 <b>&amp; http://x.y "),
    ("a.txt", "It ended. then it began. "),
    ("a.txt", "‘It’s’ “a” ’tis “open "),
    ("a.txt", "Short line.\n\n"),
    ("a.md", "[Biden](http://x.y) said **the** the *end*. "),
    ("a.md", "![i](x.png) ![the the https://x.y](y.png) [k][r] "),
    ("a.md", "<!-- lintnews: disable LN2 -->\n\n<!-- lintnews: disable LN101 -->\n\nthe the\n\n"
             "<!-- lintnews: enable LN101 -->\n\n"),
    ("a.md", "*a* **b** `c` > d\n- e the the\n\n"),
    ("a.html", '<p>the the &amp; <a href="http://x.y">link</a> <b>bold</b></p>\n'),
    ("a.html", "<!-- lintnews: disable LN101 --><p>the the</p>\n"),
    # found by --sweep: each was n * n
    ("a.txt", '"'),
    ("a.txt", "[[[[x]]]] [ABCD] "),
    ("a.txt", "(]"),
    ("a.md", '> "'),
    # (and "<a " or "<!--" in HTML, left open to the end: too quick now to time here; see
    # tests/test_hostile.py and --sweep)
]
# what --sweep repeats: marks, letters, figures and white space that rules and readers look at
SWEEP = list('"\'“”‘’()[]{}.,!?:;-—*_#<>&`A a1$%/\\|=…') + ["\n", "\n\n"]
# (extra arguments): the CLI's own work on thousands of findings in one line
COMMANDS = [["--format", "full"], ["--format", "sarif"], ["--format", "json"], ["--fix"],
            ["--diff"], ["--statistics"]]
LIMIT = 5.5            # a quadratic path takes 16x; memory caches and the collector alone up to ~5x
EVERY = 10**9          # max-findings-per-rule: every finding is reported, so that the work per finding shows


def cpu_seconds(linter, text: str, name: str, runs: int = 2) -> float:
    """The least CPU time of `runs` lints of text (the least is the least disturbed)."""
    spent = []
    for _ in range(runs):
        t = time.process_time()
        linter.lint_text(text, name)
        spent.append(time.process_time() - t)
    return min(spent)


def command_seconds(args: list[str], text: str, runs: int = 2) -> float:
    """The least CPU time of `runs` runs of `lintnews ARGS file` (a child process's time)."""
    spent = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        for _ in range(runs):
            path.write_text(text, encoding="utf-8")         # (again: --fix changes it)
            before = os.times()
            subprocess.run([sys.executable, "-m", "lintnews", "--isolated", "--select", "LN101",
                            "--max-findings-per-rule", str(EVERY), *args, str(path)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            after = os.times()
            spent.append(after.children_user - before.children_user + after.children_system - before.children_system)
    return min(spent)


def row(what: str, small: float, big: float) -> str:
    ratio = big / small if small > 0 else 0.0
    mark = "  <-- more than linear" if ratio > LIMIT else ""
    return f"{what:<62} {small:7.2f} s {big:7.2f} s  {ratio:5.1f}x{mark}"


def sweep(linter) -> int:
    """Each unit of SWEEP and each pair, n and 4n times (then 16n, to make sure), as text and
    Markdown; prints those that grow faster than their input, and how many it tried."""
    units = SWEEP + [a + b for a in SWEEP for b in SWEEP]
    found = 0
    for name in ("a.txt", "a.md", "a.html"):
        for unit in units:
            reps = 3_000 // len(unit)
            times = [cpu_seconds(linter, unit * reps * k + " The end.", name) for k in (1, 4)]
            if times[1] > LIMIT * max(times[0], 0.003):
                times.append(cpu_seconds(linter, unit * reps * 16 + " The end.", name))
                if times[2] > 32 * max(times[0], 0.003):      # (linear: 16x; quadratic: 256x)
                    found += 1
                    print(f"{unit!r} ({name.split('.')[1]}): " + ", ".join(f"{t:.2f} s" for t in times)
                          + " for 1, 4 and 16 times the text  <-- more than linear", flush=True)
    print(f"{3 * len(units)} texts tried; {found} grow faster than their input")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="repetitions of each pattern in the smaller text")
    ap.add_argument("--sweep", action="store_true", help="every character and pair of SWEEP instead")
    args = ap.parse_args()
    from lintnews.config import Config
    from lintnews.engine import Linter

    linter = Linter(Config(max_findings_per_rule=EVERY))
    if args.sweep:
        return sweep(linter)
    print(f"{'pattern (file type), n and 4n times':<62} {'n':>9} {'4n':>9}  ratio")
    worst = 0.0
    for name, pattern in PATTERNS:
        cpu_seconds(linter, pattern, name, 1)                   # compile what it compiles
        small = cpu_seconds(linter, pattern * args.n, name)
        big = cpu_seconds(linter, pattern * 4 * args.n, name)
        worst = max(worst, big / small if small else 0.0)
        print(row(f"{pattern[:40]!r} ({name.split('.')[1]})", small, big), flush=True)
    findings = "It was the the end. "
    start_up = command_seconds([], "x")                     # (taken off each command's time)
    for extra in COMMANDS:
        small = max(0.001, command_seconds(extra, findings * args.n) - start_up)
        big = max(0.001, command_seconds(extra, findings * 4 * args.n) - start_up)
        worst = max(worst, big / small if small else 0.0)
        print(row(f"lintnews {' '.join(extra)}: {findings.strip()!r} in one line", small, big), flush=True)
    print(f"worst ratio {worst:.1f}x (linear: about 4x; marked over {LIMIT}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
