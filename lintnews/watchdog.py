"""A time limit for each rule on each file (`rule-timeout`): a plugin rule that never returns
stops, is reported once as a problem, and the other rules and files go on.

The limit is `seconds` for a file of up to a megabyte of text and as much again for each
further megabyte. It is kept by a timer signal (SIGALRM) that checks once a second whether
the running rule is over its time and, if so, raises RuleTimeout inside it; that stops
Python loops and the `regex` module's matching alike. The timer is set once in a process,
at its first limited rule, and then ticks for the process's life (setting it per file cost
2% of a run). A signal is the main thread's only: elsewhere (Dask's worker threads), and
where SIGALRM is already in use when the first rule runs, there is no limit; a program
that embeds lintnews and uses SIGALRM itself sets rule-timeout = 0.
"""
from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time

MEGABYTE = 1 << 20
TICK = 1.0                  # seconds between checks


class RuleTimeout(Exception):
    """Raised inside a rule that ran past its time."""


class Watchdog:
    """The clock of one file's rules: `start()` as a rule begins, `stop()` when it is done."""

    __slots__ = ("seconds", "started")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started: float | None = None

    def start(self) -> None:
        global _running
        self.started = time.monotonic()
        _running = self

    def stop(self) -> None:
        self.started = None


_running: Watchdog | None = None        # the watchdog of the rule running now, if any
_armed: bool | None = None              # None: not tried yet; False: SIGALRM is not ours to use
_armed_in: int | None = None            # the process that set the timer (a forked child has none)


def _tick(_signum, _frame) -> None:
    """Raise RuleTimeout in the running rule once it is over its time, and again at every
    tick until it stops: a tick that lands in a finalizer (a __del__, a weakref callback)
    is swallowed there, and the rule would otherwise run on unchecked."""
    dog = _running
    started = dog.started if dog is not None else None
    if started is not None and time.monotonic() - started > dog.seconds:
        raise RuleTimeout(f"took longer than {dog.seconds:g} s")


def _unraisable(event) -> None:
    """sys.unraisablehook that drops a RuleTimeout a finalizer swallowed (the next tick
    raises it again) and hands everything else to the hook it replaced."""
    if not isinstance(event.exc_value, RuleTimeout):
        _previous_unraisable(event)


_previous_unraisable = sys.unraisablehook


def _arm() -> bool:
    """Set the ticking timer, once per process; False where it cannot be (see the module doc)."""
    global _armed, _armed_in
    if _armed and _armed_in != os.getpid():         # (a forked worker: timers are not inherited)
        signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
        _armed_in = os.getpid()
    if _armed is None:
        _armed = (hasattr(signal, "setitimer") and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
                  and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
        if _armed:
            signal.signal(signal.SIGALRM, _tick)
            _take_unraisable_hook()
            signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
            _armed_in = os.getpid()
            atexit.register(_disarm)
    return _armed


def _take_unraisable_hook() -> None:
    global _previous_unraisable
    if sys.unraisablehook is not _unraisable:
        _previous_unraisable, sys.unraisablehook = sys.unraisablehook, _unraisable


def _disarm() -> None:
    """Stop the timer at exit: once the interpreter has taken its handler down, a tick would
    end the process with SIGALRM ("Alarm clock") while it frees its memory."""
    if _armed_in == os.getpid():
        signal.setitimer(signal.ITIMER_REAL, 0)


def watchdog(seconds: float, text_length: int) -> Watchdog:
    """The Watchdog of one file of `text_length` characters; it never fires for seconds <= 0,
    off the main thread, or where the timer cannot be set."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not _arm():
        return Watchdog(float("inf"))
    return Watchdog(seconds * max(1, -(-text_length // MEGABYTE)))
