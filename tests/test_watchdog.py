"""rule-timeout's watchdog (lintnews/watchdog.py), in a process of its own: its timer and
its unraisable hook stay out of the test runner's."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

signal = pytest.importorskip("signal")

# A rule's time spent in a finalizer when the first tick past its limit comes (ticks are a
# second apart from the first watchdog made): that tick is swallowed by the finalizer.
FINALIZER_FIRST = textwrap.dedent('''
    import time
    from lintnews.watchdog import watchdog, RuleTimeout

    def busy(seconds):
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            pass

    class Slow:
        def __del__(self):
            busy(1.5)          # from 0 s to 1.5 s: the tick at 1 s lands here

    dog = watchdog(0.5, 10)
    dog.start()
    started = time.monotonic()
    try:
        Slow()
        busy(5)
        print("not stopped")
    except RuleTimeout:
        print(f"stopped after {time.monotonic() - started:.0f} s")
    finally:
        dog.stop()
''')


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer on this system")
def test_a_timeout_swallowed_by_a_finalizer_is_raised_again_at_the_next_tick_and_not_printed():
    proc = subprocess.run([sys.executable, "-c", FINALIZER_FIRST], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "stopped after 2 s"
    assert proc.stderr == ""            # (before: "Exception ignored in ... Traceback ... RuleTimeout")
