#!/usr/bin/env python3
"""Build rules/data/spelling.idx, the word index of LN601 misspelling, from SCOWL.

SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson; a permissive licence that asks
only that its notice travel with the lists: see rules/data/spelling.LICENSE) comes as
Debian's packages, which give plain word lists at three sizes:

    apt-get download wamerican wbritish wamerican-large wbritish-large \\
        wamerican-huge wbritish-huge
    for f in *.deb; do dpkg-deb -x "$f" dict; done
    python3 bench/build_dictionary.py --dict-dir dict/usr/share/dict

(or `--dict-dir /usr/share/dict` where the packages are installed). Only lower-case
entries are kept (the rule never checks a capitalised word), without possessives (the
rule strips "'s"), and each accented word also without its accents ("cafe" beside
"café"). Sections, in this order (see rules/_dictionary.py, which reads them):

    common      words of the default lists (SCOWL size 50), both spellings, as UTF-8
                text, one word a line: made into a set of strings once many words have
                been looked up (most words are found there; a slip is reported only as
                a slip of one of these)
    common-crc  the same words           } sorted CRC-32s of the words, 4 bytes each,
    rare        words the large and huge } little-endian: a lookup is a binary search,
                lists add (70 and 80)    } and loading costs no parsing
    british     words of the British lists only ("colour")  }
    american    words of the American lists only ("color")  }
    trigrams    the runs of three letters that two or more common words hold ("^th",
                "ing", "ed$"), as text: a short word with a run no common word has
                ("fliht", "healh") looks like a slip, not slang ("rapey", "hobbo")
(SCOWL's largest lists, size 95, are left out: they hold common misspellings such as
"accomodate" beside their rare words.)
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
import unicodedata
import zlib
from array import array
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "rules" / "data" / "spelling.idx"
MAGIC = b"lintnews-spelling 1\n"


def read(folder: Path, name: str) -> set[str]:
    words = (folder / name).read_text(encoding="utf-8").split("\n")
    words = {unicodedata.normalize("NFC", w) for w in words if w and w[0].islower() and not w.endswith("'s")}
    return words | {plain(w) for w in words}


def plain(word: str) -> str:
    """The word without its accents ("café" -> "cafe"), as English copy often writes it."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def sections(folder: Path) -> dict[str, set[str]]:
    common_gb, common_us = read(folder, "british-english"), read(folder, "american-english")
    gb = common_gb | read(folder, "british-english-large") | read(folder, "british-english-huge")
    us = common_us | read(folder, "american-english-large") | read(folder, "american-english-huge")
    common = common_gb | common_us
    return {"common": common, "common-crc": common, "rare": (gb | us) - common, "british": gb - us,
            "american": us - gb, "trigrams": trigrams(common)}


def trigrams(words: set[str], least: int = 2) -> set[str]:
    """The runs of three letters ("^" and "$" mark a word's start and end) that at least
    `least` of the words hold: what English spelling looks like."""
    counts: Counter[str] = Counter()
    for word in words:
        if word.isascii() and word.isalpha():
            marked = f"^{word}$"
            counts.update({marked[i:i + 3] for i in range(len(marked) - 2)})
    return {t for t, n in counts.items() if n >= least}


def crc_array(words: set[str]) -> bytes:
    codes = array("I", sorted({zlib.crc32(w.encode("utf-8")) for w in words}))
    if sys.byteorder != "little":
        codes.byteswap()
    return codes.tobytes()


def build(folder: Path) -> bytes:
    """The index: MAGIC, a header line "name:kind:bytes ...", then each section's bytes."""
    blocks = []
    for name, words in sections(folder).items():
        text = name in ("common", "trigrams")
        data = "\n".join(sorted(words)).encode("utf-8") if text else crc_array(words)
        blocks.append((name, "text" if text else "crc32", data))
    header = " ".join(f"{name}:{kind}:{len(data)}" for name, kind, data in blocks) + "\n"
    return MAGIC + header.encode("ascii") + b"".join(data for _, _, data in blocks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dict-dir", type=Path, default=Path("/usr/share/dict"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.dict_dir)
    args.out.write_bytes(data)
    header = data.split(b"\n")[1].decode()
    print(f"wrote {args.out} ({len(data) / 1e6:.2f} MB): {header}")


if __name__ == "__main__":
    main()
