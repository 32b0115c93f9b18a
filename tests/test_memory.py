"""Memory: linting a big file needs a small multiple of its size."""
from __future__ import annotations

import subprocess
import sys

from test_hostile import TIMEOUT, prose


def test_memory_stays_a_small_multiple_of_the_file_size(tmp_path):
    text = "\n\n".join(prose(120, seed) for seed in range(4000))
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    code = ("import resource, sys; from lintnews.engine import Linter; Linter().lint_file(sys.argv[1]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    base = ("import resource; from lintnews.engine import Linter; Linter(); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    peak = int(subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                              timeout=TIMEOUT, check=True).stdout)
    idle = int(subprocess.run([sys.executable, "-c", base], capture_output=True, text=True,
                              timeout=TIMEOUT, check=True).stdout)
    used = (peak - idle) * 1024                    # ru_maxrss is in KiB on Linux
    assert used < 15 * size, f"{used / size:.1f} times the file size"
