"""The Dask cluster a sweep runs on: a local one of worker processes, or a running one.

Local workers are processes with one thread each: linting is pure-Python CPU work, which
threads in one process would take turns at. They ignore SIGINT, so that Ctrl-C in a
terminal (which signals the whole process group) reaches only the client, which then
shuts them down cleanly instead of each printing a traceback. While they start, the
client holds SIGINT blocked (the processes inherit that) and notes a Ctrl-C, acted on as
soon as the cluster can be shut down; a restarted worker ignores SIGINT once it is set up
(IgnoreInterrupts).
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from lintnews.errors import UsageError


class IgnoreInterrupts(WorkerPlugin):
    """Makes a local worker process ignore SIGINT (also when the nanny restarts it)."""

    def setup(self, worker) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def peak_rss() -> int | None:
    """This process's resident memory high-water mark in bytes (None where unknown).

    Linux's VmHWM belongs to the process's own memory map; getrusage's ru_maxrss would also
    count the parent's memory at fork time, which a freshly started process inherits.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:      # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024     # bytes on macOS, KiB elsewhere


def worker_peak_rss(client: Client) -> dict[str, int | None]:
    """Each worker's memory high-water mark, in bytes (over the worker process's life)."""
    return client.run(peak_rss)


# Dask keeps its last 1000 messages of under 1 MB each on every connection, for debugging;
# here each compute-task message carries a partition, so that log alone would grow to
# hundreds of MB. Set here, it covers the client, and the scheduler and workers of a local
# cluster (they get this process's configuration); a running cluster's scheduler needs it
# set where it starts (README).
QUIET_LOGS = {"distributed.admin.low-level-log-length": 0}


@contextmanager
def dask_client(scheduler: str | None, workers: int | None) -> Iterator[tuple[Client, int]]:
    """A Client of the cluster at `scheduler`, or of a new local cluster of `workers` processes
    (default: one per CPU), and the number of worker threads it has."""
    with dask.config.set(QUIET_LOGS):
        yield from _client(scheduler, workers)


CONNECT_SECONDS = 20      # to reach a running scheduler and hear it answer as one


def _handshake(scheduler: str, seconds: float) -> None:
    """A UsageError unless a Dask scheduler at `scheduler` answers Dask's handshake within
    `seconds`: Client's own connect timeout does not bound the handshake, so a silent TCP
    listener or an HTTP server held it for good."""
    import asyncio

    from distributed.comm import connect

    async def shake() -> None:
        comm = await connect(scheduler, timeout=seconds)
        await comm.close()

    try:
        # (connect gives up on a refused address at `seconds`; what is left is the handshake)
        asyncio.run(asyncio.wait_for(shake(), seconds * 1.25))
    except (TimeoutError, asyncio.TimeoutError):
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: it answered no Dask "
                         f"handshake within {seconds * 1.25:g} s (is it a Dask scheduler?)") from None
    except Exception as exc:      # (refused, unknown protocol, garbage in answer)
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {type(exc).__name__}: {exc}") from None


def _client(scheduler: str | None, workers: int | None) -> Iterator[tuple[Client, int]]:
    if scheduler:
        _handshake(scheduler, CONNECT_SECONDS)
        try:
            client = Client(scheduler, timeout=f"{CONNECT_SECONDS}s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            try:
                client.wait_for_workers(1, timeout=60)
            except TimeoutError:
                raise UsageError(f"the Dask cluster at {scheduler} has no workers") from None
            yield client, sum(client.nthreads().values())
        return
    n = workers or os.cpu_count() or 1
    with _interrupts_held() as interrupted:
        # Dask's own log lines stay quiet: what goes wrong is reported in the output and in one line.
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, silence_logs=logging.CRITICAL,
                               plugins=(IgnoreInterrupts(),), dashboard_address=None,
                               # no dashboard; its HTTP server on a free loopback port, not on :8787
                               scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
    with cluster:
        if interrupted:                     # Ctrl-C while it started: stop now, the cluster shut down
            raise KeyboardInterrupt
        with Client(cluster) as client:
            yield client, n


@contextmanager
def _interrupts_held() -> Iterator[list]:
    """While the local cluster starts: SIGINT blocked in this thread, so that the threads
    and processes started now inherit it blocked (a worker process that took Ctrl-C while
    starting printed a traceback), and noted, not raised, wherever it lands. The list it
    yields holds True afterwards if Ctrl-C was pressed meanwhile: the caller stops once it
    can shut the cluster down (ignoring SIGINT, as before, lost that Ctrl-C)."""
    pressed: list = []
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield pressed
        return
    handler = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield pressed
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)   # (a Ctrl-C held back arrives now: noted)
        signal.signal(signal.SIGINT, handler)
