"""Memory: linting a big file needs a small multiple of its size."""
from __future__ import annotations

import random
from functools import cache
import os
import subprocess
import sys

import pytest

from test_hostile import TIMEOUT, prose


def varied_prose(paragraphs: int, seed: int = 1) -> str:
    """Sentences of made-up words and names, new ones all the way (as in a news archive,
    unlike `prose`), with possessives and quotations."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ven", "dra", "tor", "sel", "qui", "ba", "ne", "ru", "stan", "fel", "op", "ish", "ter"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))

    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = [word() for _ in range(rng.randint(6, 18))]
            words[rng.randrange(len(words))] = word().capitalize() + rng.choice(["", "", "'s"])
            sentence = " ".join(words).capitalize() + rng.choice([".", ".", ",", "?"])
            if rng.random() < 0.2:
                sentence = f'"{sentence}" {word().capitalize()} {word().capitalize()} said.'
            sentences.append(sentence)
        out.append(" ".join(sentences))
    return "\n\n".join(out)


@pytest.mark.parametrize("kind", ["few words", "new words all the way", "one word throughout"])
def test_memory_stays_a_small_multiple_of_the_file_size(tmp_path, kind):
    if kind == "few words":
        text = "\n\n".join(prose(120, seed) for seed in range(4000))
    elif kind == "new words all the way":
        text = varied_prose(12_000)
    else:                       # (repeated-word held a set and a list of every place: 85x)
        text = "the " * 250_000
    assert times_the_file_size(tmp_path, text) < 15


@pytest.mark.parametrize("name, unit, limit, was", [
    ("a.txt", '"Yes" ', 25, "70x: an object per quotation"),
    ("a.txt", '"', 25, "185x"),
    ("a.txt", '"Yes." ', 25, "55x: an object per sentence"),
    ("a.txt", "Biden 's ", 25, "89x: an object per finding"),
    ("a.txt", "(", 25, "434x"),
    ("a.txt", "a\n\n", 35, "81x: an object per paragraph"),
    ("a.md", "\n", 25, "169x: markdown-it's line tables"),
    ("a.md", "a\n\n", 75, "693x: markdown-it's tokens of the whole file"),
    ("a.md", "# a\n", 75, "535x"),
    ("a.md", "- a\n", 75, "656x"),
    ("a.html", "<p>a</p>", 40, "89x"),
    ("a.html", "\n", 25, "49x"),
])
def test_memory_on_dense_hostile_input_stays_a_small_multiple_too(tmp_path, name, unit, limit, was):
    # a quotation, a sentence, a block or a finding every few characters: 0.4 MB of it
    assert times_the_file_size(tmp_path, unit * (400_000 // len(unit)), name) < limit, f"(it was {was})"


def times_the_file_size(tmp_path, text: str, name: str = "big.txt") -> float:
    """The peak memory of linting text as a file, over an idle Linter's, as a multiple of its size."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    used = peak_kib(f"from lintnews.engine import Linter; Linter().lint_file({str(path)!r})") - idle_kib()
    if UNDER_ADDRESS_SANITIZER:     # (.ci/sanitize: the file was linted without a fault, which is what it checks)
        pytest.skip("linted without a fault; peak memory under AddressSanitizer (shadow memory, red zones) "
                    "is not lintnews's own: it is measured in the normal runs")
    return used * 1024 / size


# .ci/sanitize runs these tests with the compiled core built with AddressSanitizer
UNDER_ADDRESS_SANITIZER = "libasan" in os.environ.get("LD_PRELOAD", "")


@cache
def idle_kib() -> int:
    return peak_kib("from lintnews.engine import Linter; Linter()")


# The peak resident size of this process's own memory (VmHWM): not ru_maxrss, which a child
# started by exec inherits from its parent (here pytest, whose size would hide the child's)
_PEAK = """
import os, re, resource
if os.path.exists("/proc/self/status"):
    with open("/proc/self/status") as fh:
        print(re.search(r"VmHWM:\\s*(\\d+)", fh.read()).group(1))
else:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_kib(code: str) -> int:
    """The peak memory (KiB) of a new Python process running code."""
    return int(subprocess.run([sys.executable, "-c", f"{code}\n{_PEAK}"], capture_output=True, text=True,
                              timeout=TIMEOUT, check=True).stdout)


def _address_space_cap(limit_bytes: int):
    def apply() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    return apply


def test_a_file_too_dense_for_memory_is_one_clear_problem_and_the_others_are_still_linted(tmp_path):
    """Under a memory cap, a Markdown file of megabytes of emphasis cannot be read as an article;
    that file gets one problem line, the next file is linted, and nothing aborts (before the
    reserve, Python died with 'Fatal Python error' or printed pages of 'MemoryError')."""
    pytest.importorskip("resource")
    cap = 450 * 1024 * 1024
    small = tmp_path / "ok.txt"
    small.write_text("The the cat sat on the mat.\n", encoding="utf-8")
    command = [sys.executable, "-m", "lintnews", "--format", "json"]
    alone = subprocess.run(command + [str(small)], capture_output=True, text=True,
                           timeout=TIMEOUT, preexec_fn=_address_space_cap(cap))
    if alone.returncode != 1 or '"LN101"' not in alone.stdout:
        pytest.skip(f"lintnews does not start under a {cap >> 20} MB address-space cap here: "
                    f"rc {alone.returncode}, {alone.stderr[-200:]!r}")
    rng = random.Random(7)
    pieces = ["*a*", "**b**", "_c_", "x", "y*", "*z"]
    dense = tmp_path / "dense.md"
    dense.write_text(" ".join(rng.choice(pieces) for _ in range(500_000)), encoding="utf-8")
    run = subprocess.run(command + [str(dense), str(small)], capture_output=True, text=True,
                         timeout=TIMEOUT, preexec_fn=_address_space_cap(cap))
    assert run.returncode == 2, run.stderr[-2000:]
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr[-2000:]
    assert "dense.md" in lines[0] and "not enough memory" in lines[0]
    assert '"LN101"' in run.stdout and "ok.txt" in run.stdout
