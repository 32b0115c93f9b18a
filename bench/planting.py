"""What the bench/plant_*.py scripts share: positions, paragraphs, and the run that picks
articles, plants slips into copies of them and writes the evaluation kit's layout
(OUT/articles/NAME.txt, OUT/gold.jsonl, OUT/manifest.json) for `bench/quality.py --gold OUT`.
Same seed and n: the same bytes."""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

# plant(name, text, rng, k, counts): the text with up to k slips planted (counts tallied
# in place) and their gold items, each with its "file", "line" and "column"
Planter = Callable[[str, str, random.Random, int, dict], tuple[str, list[dict]]]


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of `offset`."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def paragraph_starts(text: str) -> list[int]:
    """The offset where each paragraph (lines between blank ones) starts."""
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]


def run(description: str, plant: Planter, counts: dict, summary: Callable[[dict], str], slips: str = "slips") -> None:
    """The command line: plant into --n articles of --corpus (shuffled by --seed, none
    of --exclude) and write them to --out, then print how many of each form."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, type=Path, help="folder of clean *.txt articles")
    ap.add_argument("--out", required=True, type=Path, help="output folder (replaced)")
    ap.add_argument("--n", type=int, default=300, help="number of articles to mutate")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-per-article", type=int, default=2)
    ap.add_argument("--exclude", type=Path, help="JSONL whose 'file' values are never chosen")
    args = ap.parse_args()

    excluded = set()
    if args.exclude and args.exclude.exists():
        excluded = {json.loads(line)["file"] for line in args.exclude.read_text(encoding="utf-8").splitlines()
                    if line.strip()}
    order = [p for p in sorted(args.corpus.glob("*.txt")) if p.name not in excluded]
    random.Random(args.seed).shuffle(order)
    if args.out.exists():
        shutil.rmtree(args.out)
    (args.out / "articles").mkdir(parents=True)
    gold_all, chosen = [], []
    for p in order:
        if len(chosen) >= args.n:
            break
        rng = random.Random(f"{args.seed}:{p.name}")
        new_text, gold = plant(p.name, p.read_text(encoding="utf-8"), rng, rng.randint(1, args.max_per_article),
                               counts)
        if gold:
            (args.out / "articles" / p.name).write_text(new_text, encoding="utf-8", newline="")
            gold_all.extend(gold)
            chosen.append(p.name)
    gold_all.sort(key=lambda g: (g["file"], g["line"], g["column"]))
    with open(args.out / "gold.jsonl", "w", encoding="utf-8") as fh:
        for g in gold_all:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    manifest = {"seed": args.seed, "n": len(chosen), "max_per_article": args.max_per_article,
                "corpus": str(args.corpus), "excluded": sorted(excluded), "files": sorted(chosen),
                "defects": len(gold_all), "counts": counts}
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(f"planted {len(gold_all)} {slips} into {len(chosen)} articles (seed {args.seed}): {summary(counts)}")
