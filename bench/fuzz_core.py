"""Fuzz the compiled core: random bytes, decoded as lintnews decodes a file it cannot read
as UTF-8 (surrogateescape: lone surrogates), analysed by both cores, which must agree (and
the rules' native helpers with their Python twins: LN101's repeats, LN601's near words and
checksum lookup).

    python bench/fuzz_core.py --seconds 600          # a long run (not part of the test suite)

Each text is made of random bytes, most of them drawn from what matters to the analysis
(ASCII punctuation, quotation marks, line ends, UTF-8 of curly quotes, marks and spaces),
some of them any byte at all. Prints the number of texts and characters tried; exits 1 at
the first difference (printing the text's repr), 0 when none. A crash is a crash.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from lintnews import text as textlib         # noqa: E402

try:
    from lintnews import _speedups
except ImportError:
    sys.exit("the compiled core is not built: nothing to fuzz")

from array import array                     # noqa: E402
from lintnews.rules import _dictionary      # noqa: E402
from test_core import analysis, repeats_both    # noqa: E402  (the same comparisons as the tests)

INTERESTING = [b".", b"!", b"?", b"\xe2\x80\xa6", b'"', b"'", b"\xe2\x80\x9c", b"\xe2\x80\x9d", b"\xe2\x80\x98",
               b"\xe2\x80\x99", b"\xe2\x80\x9e", b"\xc2\xab", b"\xc2\xbb", b" ", b"  ", b"\n", b"\r\n", b"\r", b"\n\n",
               b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xc2\xa0", b"\xcc\x81", b"-", b"(", b")", b"[", b"]", b",", b";",
               b"The", b"Mr", b"U.S", b"a", b"A", b"5", b"_", b"\x00", b"\xc2\xbd", b"\xe2\x92\xb6", b"\xe2\x80\xbf",
               b"\xc3\xa9", b"\xc3\x89", b"\xf0\x9f\x99\x82", b"\xff", b"\xed\xa0\x80", b"\xe2\x80"]


def random_text(rng: random.Random) -> str:
    size = rng.choice((8, 40, 200, 2000, 20000))
    parts = [rng.choice(INTERESTING) if rng.random() < 0.8 else bytes([rng.randrange(256)]) for _ in range(size)]
    return b"".join(parts).decode("utf-8", "surrogateescape")


def helpers_agree(text: str, rng: random.Random) -> bool:
    """Whether the rules' native helpers give what their Python twins give on this text:
    LN101's repeats over its folded tokens, LN601's near words and checksum lookup of a
    piece of it (a piece with a lone surrogate cannot be encoded: both must refuse it)."""
    pure, compiled = repeats_both(textlib.Tokens(text).folded)
    if compiled != pure:
        return False
    word, letters = text[:12], text[12:20]
    edits = _dictionary._edits(word, letters)
    held = {e for e in edits if rng.random() < 0.3} | {word}
    if _speedups.near_words(word, letters, held) != edits & held:
        return False
    codes = array("I", sorted(rng.getrandbits(32) for _ in range(rng.randrange(10))))
    answers = []
    for holds in (_dictionary._py_crc_holds, _speedups.crc_holds):
        try:
            answers.append(holds(codes, word))
        except UnicodeEncodeError:
            answers.append("refused")
    return answers[0] == answers[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng, stop, n, chars = random.Random(args.seed), time.monotonic() + args.seconds, 0, 0
    while time.monotonic() < stop:
        text = random_text(rng)
        textlib.speedups = None
        pure = analysis(text)
        textlib.speedups = _speedups
        if analysis(text) != pure or not helpers_agree(text, rng):
            print(f"the cores differ on {text!r}")
            return 1
        n, chars = n + 1, chars + len(text)
    print(f"{n} texts, {chars} characters: both cores agree on every one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
