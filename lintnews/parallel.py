"""Linting many files on several processes, with the results in the order of the files.

Each worker process holds the run's Linters, one per configuration (inherited when
processes are forked, built once from the same configurations otherwise) and returns,
per file, the Result the serial run would have made with the file's Linter, less the
Document's cached analysis (its text is kept, for reporters and baselines; its prose view
too when the task asks, for a reporter that shows it). The front end reads the results in
file order, so the output of `--jobs 2` is the output of `--jobs 1`.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lintnews.config import Config
from lintnews.diagnostics import Problem
from lintnews.document import Document
from lintnews.engine import FixResult, Linter, Result

# below this many files, starting worker processes costs more than it saves
MIN_FILES_PER_JOB = 8


def default_jobs(files: int) -> int:
    """The number of processes to use for `files` files when --jobs is not given."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, files // MIN_FILES_PER_JOB))


@dataclass(frozen=True)
class Task:
    """What to do with each file: lint it, or fix it (and write it back or not)."""

    fix: bool = False
    unsafe: bool = False
    write: bool = False
    prose: bool = False     # send each Document's prose view back too (for a reporter that shows it)


_linters: Mapping[Any, Linter] = {}
_task: Task | None = None


def _start(linters: Mapping[Any, Linter] | None, configs: Mapping[Any, Config], task: Task) -> None:
    global _linters, _task
    # Ctrl-C is the front end's to handle (it stops the pool): a worker that took it too
    # printed a "Process ForkPoolWorker-1:" traceback on the way out
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _linters = linters if linters is not None else {key: Linter(c) for key, c in configs.items()}
    _task = task


def _run(item: tuple[str, Any]) -> Result | FixResult:
    path, key = item
    linter = _linters[key]
    try:
        if _task.fix:
            outcome = linter.fix_file(path, unsafe=_task.unsafe, write=_task.write)
            return replace(outcome, result=_slim(outcome.result, _task.prose))
        return _slim(linter.lint_file(path), _task.prose)
    except Exception as exc:        # lintnews's own bug: one file's error, not the run's
        return Result(path, problems=[Problem("internal", path, f"internal error: {type(exc).__name__}: {exc}")])


def _slim(result: Result, prose: bool = False) -> Result:
    """The result without the Document's analysis (cheap to send between processes); with
    `prose`, its prose view (prose, map, blocks and metadata, if that pickles) is kept."""
    doc = result.document
    if doc is None:
        return result
    if not prose:
        return replace(result, document=Document(doc.text, doc.path, kind=doc.kind))
    return replace(result, document=Document(doc.text, doc.path, prose=doc.prose, prose_map=doc.prose_map,
                                             meta=doc.meta if _pickles(doc.meta) else {}, kind=doc.kind,
                                             blocks=doc.blocks))


def _pickles(value) -> bool:
    """Whether `value` can be sent to another process (a plugin's metadata may not)."""
    import pickle

    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def run_in_order(linters: Mapping[Any, Linter], items: Sequence[tuple[str, Any]], jobs: int,
                 task: Task) -> Iterator[Result | FixResult]:
    """The outcome for each (path, key) item, in order, computed by `jobs` worker processes,
    each path linted with the Linter of its key (its configuration).

    A worker that dies (killed, out of memory) breaks the pool, which notices
    (BrokenProcessPool) instead of waiting for its files for ever: they and the files still
    to come are problems, each saying so, and the run ends with exit status 2.
    """
    import multiprocessing      # (here: a one-file run, as from pre-commit, never needs it)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    # a forked worker inherits the Linters; a spawned one builds its own from the configurations
    initargs = (dict(linters) if forking else None, {key: linter.config for key, linter in linters.items()}, task)
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=initargs)
    done = 0
    try:
        for outcome in pool.map(_run, items, chunksize=chunk):
            done += 1
            yield outcome
    except BrokenProcessPool:
        for path, _ in items[done:]:
            yield _lost(path, task)
    except BaseException:       # (Ctrl-C, or the reader stopped): nothing more is started; the
        # workers finish the chunk in hand and go (terminating them made the pool's own thread
        # print a traceback as it failed the futures it had left)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _lost(path: str, task: Task) -> Result | FixResult:
    """The outcome of a file a dead worker took with it (or that was still to come)."""
    result = Result(path, problems=[Problem("internal", path, (
        "not linted: a worker process died (killed, or out of memory) while this file was in its "
        "hands or still to come; lint it again, with --jobs 1 to find which file it was"))])
    return FixResult("", "", result) if task.fix else result
