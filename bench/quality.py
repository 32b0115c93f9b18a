"""Score lintnews per rule family: on planted defects (precision, recall) and on clean copy.

    # plant defects into copies of real articles, then score
    python3 ../shared/eval/inject.py --corpus ../shared/corpus/news --out /tmp/inj \\
        --n 300 --seed 7 --exclude ../shared/eval/known_defects.jsonl
    python bench/quality.py --gold /tmp/inj
    # false alarms on the clean corpus (known genuine slips count as right)
    python bench/quality.py --clean ../shared/corpus/news --known ../shared/eval/known_defects.jsonl
    # print every finding with its context, to read them by eye
    python bench/quality.py --clean ../shared/corpus/news --show LN302

Matching follows the injection kit's README: a finding matches a gold item when it is in
the same file and family and its range overlaps the gold range or starts on the same line
within 3 columns; one finding per gold item.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from lintnews.config import load_config
from lintnews.engine import Linter

FAMILIES = {
    "repeat": ("repeated-word",),
    "possessive": ("mangled-possessive",),
    "quote-unattributed": ("unattributed-quote",),
    "quote-unmarked": ("unmarked-quote",),
    "confusable-word": ("confusable-word",),    # bench/plant_words.py
    "agreement": ("agreement",),
    "indefinite-article": ("indefinite-article",),          # bench/plant_spacing.py plants these three
    "space-inside-quotes": ("space-inside-quotes",),
    "missing-space-after-stop": ("missing-space-after-stop",),
    "misspelling": ("misspelling",),                        # bench/plant_typos.py
}
FAMILY_OF = {name: fam for fam, names in FAMILIES.items() for name in names}


def lint_folder(folder: Path, linter: Linter) -> tuple[dict[str, list], int]:
    """Diagnostics per file name, and the total number of words (white-space separated)."""
    out, words = {}, 0
    for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md")):
        result = linter.lint_file(path)
        for p in result.problems:
            print(f"problem: {p}", file=sys.stderr)
        out[path.name] = result.diagnostics
        words += len(path.read_text(encoding="utf-8").split())
    return out, words


def overlaps(d, g: dict) -> bool:
    start, end = (d.line, d.column), (d.end_line, d.end_column)
    g_start, g_end = (g["line"], g["column"]), (g["end_line"], g["end_column"])
    if start < g_end and g_start < end:
        return True
    return d.line == g["line"] and abs(d.column - g["column"]) <= 3


def match(diags: dict[str, list], gold: list[dict]) -> tuple[set, set]:
    """(matched gold indexes, matched diagnostic ids), one diagnostic per gold item."""
    used, hit = set(), set()
    for gi, g in enumerate(gold):
        for d in diags.get(g["file"], []):
            if id(d) in used or FAMILY_OF.get(d.name) != g["category"]:
                continue
            if overlaps(d, g):
                used.add(id(d))
                hit.add(gi)
                break
    return hit, used


def score_gold(folder: Path, linter: Linter) -> None:
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    diags, words = lint_folder(folder / "articles", linter)
    hit, used = match(diags, gold)
    print(f"{folder}: {len(diags)} articles, {words:,} words, {len(gold)} planted defects")
    print(f"{'family':<20}{'planted':>8}{'found':>7}{'recall':>8}{'findings':>10}{'wrong':>7}{'precision':>11}")
    for fam, names in FAMILIES.items():
        planted = [i for i, g in enumerate(gold) if g["category"] == fam]
        found = sum(1 for i in planted if i in hit)
        mine = [d for ds in diags.values() for d in ds if d.name in names]
        wrong = [d for d in mine if id(d) not in used]
        recall = found / len(planted) if planted else float("nan")
        precision = (len(mine) - len(wrong)) / len(mine) if mine else float("nan")
        print(f"{fam:<20}{len(planted):>8}{found:>7}{recall:>8.3f}{len(mine):>10}{len(wrong):>7}{precision:>11.3f}")
    missed = [g for i, g in enumerate(gold) if i not in hit]
    if missed:
        print("\nmissed:")
        for g in missed:
            print(f"  {g['file']}:{g['line']}:{g['column']} {g['category']}/{g['form']}: {g['text']!r}")
    print("\nfindings matching nothing planted:")
    for name, ds in sorted(diags.items()):
        for d in ds:
            if id(d) not in used and d.name in FAMILY_OF:
                print(f"  {name}:{d.line}:{d.column} {d.code} {d.name} {d.message}")


def score_clean(folder: Path, linter: Linter, known_file: Path | None, show: str | None) -> None:
    known = defaultdict(list)
    if known_file and known_file.exists():
        for line in known_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                k = json.loads(line)
                known[k["file"]].append(k)
    diags, words = lint_folder(folder, linter)
    per_rule, right, arguable = Counter(), Counter(), Counter()
    for name, ds in diags.items():
        for d in ds:
            per_rule[d.code, d.name] += 1
            spot = next((k for k in known.get(name, []) if FAMILY_OF.get(d.name) == k["category"]
                         and overlaps(d, k)), None)
            if spot and spot["status"] == "defect":
                right[d.code, d.name] += 1
            elif spot:
                arguable[d.code, d.name] += 1
            if show and show in (d.code, d.name, "all"):
                _show(folder / name, d, spot)
    print(f"{folder}: {len(diags)} articles, {words:,} words")
    print(f"{'rule':<30}{'findings':>9}{'per 10k':>9}{'known slips':>13}{'arguable':>10}{'other':>7}{'other/10k':>11}")
    for key in sorted(per_rule):
        n = per_rule[key]
        other = n - right[key] - arguable[key]
        print(f"{key[0] + ' ' + key[1]:<30}{n:>9}{n / words * 1e4:>9.2f}{right[key]:>13}{arguable[key]:>10}"
              f"{other:>7}{other / words * 1e4:>11.2f}")


def _show(path: Path, d, spot) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines[d.line - 1]
    a, b = max(0, d.column - 120), d.column + 160
    tag = f" [known {spot['status']}]" if spot else ""
    print(f"--- {path.name}:{d.line}:{d.column} {d.code} {d.message}{tag}")
    print(f"    {line[a:d.column - 1]}>>>{line[d.column - 1:b]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, help="an output folder of inject.py (articles/ and gold.jsonl)")
    ap.add_argument("--clean", type=Path, help="a folder of clean articles")
    ap.add_argument("--known", type=Path, help="known genuine slips of the clean folder (JSONL)")
    ap.add_argument("--show", help="print the findings of this rule (code, name or 'all') in context")
    ap.add_argument("--config", type=Path, help="a lintnews.toml to lint with (default: built-in defaults)")
    args = ap.parse_args()
    linter = Linter(load_config(args.config) if args.config else None)
    if args.gold:
        score_gold(args.gold, linter)
    if args.clean:
        score_clean(args.clean, linter, args.known, args.show)
    if not (args.gold or args.clean):
        ap.error("give --gold and/or --clean")


if __name__ == "__main__":
    main()
