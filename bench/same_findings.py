"""Check that lintnews still reports exactly the same findings as a recorded baseline.

    python bench/same_findings.py --record     # once, before optimising: write the baseline
    python bench/same_findings.py              # after each change: compare, print differences

Runs `lintnews --isolated --format json` over the news corpus, the Markdown corpus, the
seed articles, three folders of planted defects (made here by the evaluation kit's
inject.py, seeds 1, 5 and 11) and the news corpus once more with the AP house style, and
compares standard output, standard error and exit status byte for byte. The baseline is
kept outside the repository (it quotes the corpus), in --dir. Exits 0 when everything is
identical, 1 when anything differs; skips (exit 0) where ../shared is absent.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared").resolve()      # (resolved: the same paths from any copy)
NEWS = SHARED / "corpus" / "news"
INJECT = SHARED / "eval" / "inject.py"
KNOWN = SHARED / "eval" / "known_defects.jsonl"
INJECT_SEEDS = (1, 5, 11)


def planted(work: Path, seed: int) -> Path:
    """The articles with defects planted by inject.py (same seed: same bytes), made once."""
    out = work / f"inj{seed}"
    if not (out / "articles").is_dir():
        subprocess.run([sys.executable, str(INJECT), "--corpus", str(NEWS), "--out", str(out), "--n", "300",
                        "--seed", str(seed), "--exclude", str(KNOWN)], check=True, stdout=subprocess.DEVNULL)
    return out / "articles"


def cases(work: Path) -> dict[str, list[str]]:
    """Name -> the lintnews arguments of each compared run."""
    ap = work / "ap.toml"
    ap.write_text('[rules.style-consistency]\npreset = "ap"\n', encoding="utf-8")
    runs = {
        "news": ["--isolated", str(NEWS)],
        "markdown": ["--isolated", str(SHARED / "corpus" / "markdown" / "articles")],
        "seeds": ["--isolated", "seeds"],                   # (relative: the same paths from any copy)
        "news-ap": ["--config", str(ap), str(NEWS)],
    }
    for seed in INJECT_SEEDS:
        runs[f"inj{seed}"] = ["--isolated", str(planted(work, seed))]
    return runs


def run(args: list[str]) -> str:
    """stdout, stderr and exit status of one lintnews run, as one text."""
    p = subprocess.run([sys.executable, "-m", "lintnews", "--format", "json", *args], cwd=REPO,
                       capture_output=True, text=True, encoding="utf-8")
    return f"{p.stdout}\n--- stderr\n{p.stderr}--- exit {p.returncode}\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--record", action="store_true", help="write the baseline instead of comparing")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/lintnews-same-findings"),
                    help="where the baseline and the planted-defect folders are kept")
    ap.add_argument("--only", action="append", help="compare only these runs (news, markdown, seeds, ...)")
    args = ap.parse_args()
    if not NEWS.is_dir() or not INJECT.is_file():
        print(f"skipped: {SHARED} (the corpus and the evaluation kit) is not here")
        return 0
    args.dir.mkdir(parents=True, exist_ok=True)
    differ = False
    for name, cli in cases(args.dir).items():
        if args.only and name not in args.only:
            continue
        out = run(cli)
        digest = hashlib.sha256(out.encode()).hexdigest()[:16]
        stored = args.dir / f"{name}.out"
        count = len(json.loads(out.split("\n--- stderr\n")[0] or "[]"))
        if args.record:
            stored.write_text(out, encoding="utf-8")
            print(f"{name:10} recorded  {count:6} findings  sha256 {digest}")
            continue
        if not stored.is_file():
            print(f"{name:10} no baseline (run with --record first)")
            differ = True
            continue
        before = stored.read_text(encoding="utf-8")
        if before == out:
            print(f"{name:10} identical {count:6} findings  sha256 {digest}")
            continue
        differ = True
        print(f"{name:10} DIFFERENT (sha256 {digest})")
        diff = difflib.unified_diff(before.splitlines(), out.splitlines(), "baseline", "now", lineterm="", n=2)
        for i, line in enumerate(diff):
            if i == 60:
                print("    ... (more differences)")
                break
            print("    " + line)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
