"""Helpers for tests of lintnews's output: a run as a person at a terminal sees it (both
outputs on a pseudo-terminal), and a run's output less the summary after the findings."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, text_of


def run_on_terminal(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[str, int]:
    """`python -m lintnews ARGS` with both outputs on one pseudo-terminal: what it shows, as
    text with "\\n" line ends, and its exit status. No colour unless asked (NO_COLOR)."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "lintnews", *args], cwd=cwd or REPO, stdin=subprocess.DEVNULL,
                            stdout=follower, stderr=follower, env={**os.environ, "NO_COLOR": "1", **(env or {})})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:                     # (EIO: the terminal's other side is closed)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    status = proc.wait(timeout=300)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n"), status


_SUMMARY = re.compile(r"(?:Found \d+ findings? in \d+ files?(?: \([^\n]*\))?\.\n"
                      r"(?:\[\*\] marks a finding `--fix` can fix safely\.\n)?"
                      r"|All clean: no findings in \d+ files?\.\n)\Z")


def text_without_summary(proc: subprocess.CompletedProcess) -> tuple[str, str]:
    """Standard output and error as text, less the summary that ends standard error after
    the findings (tests/test_output.py checks it): for the tests about something else."""
    out, err = text_of(proc)
    return out, _SUMMARY.sub("", err)
