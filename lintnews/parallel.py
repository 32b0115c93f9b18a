"""Linting many files on several processes, with the results in the order of the files.

Each worker process holds one Linter (inherited when processes are forked, built once
from the same configuration otherwise) and returns, per file, the Result the serial run
would have made, less the Document's cached analysis (its text is kept, for reporters
and baselines). The front end reads the results in file order, so the output of
`--jobs 2` is the output of `--jobs 1`.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

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


_linter: Linter | None = None
_task: Task | None = None


def _start(linter: Linter | None, config, task: Task) -> None:
    global _linter, _task
    # Ctrl-C is the front end's to handle (it stops the pool): a worker that took it too
    # printed a "Process ForkPoolWorker-1:" traceback on the way out
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _linter = linter if linter is not None else Linter(config)
    _task = task


def _run(path: str) -> Result | FixResult:
    try:
        if _task.fix:
            outcome = _linter.fix_file(path, unsafe=_task.unsafe, write=_task.write)
            return replace(outcome, result=_slim(outcome.result))
        return _slim(_linter.lint_file(path))
    except Exception as exc:        # lintnews's own bug: one file's error, not the run's
        return Result(path, problems=[Problem("internal", path, f"internal error: {type(exc).__name__}: {exc}")])


def _slim(result: Result) -> Result:
    """The result without the Document's analysis (cheap to send between processes)."""
    doc = result.document
    if doc is None:
        return result
    return replace(result, document=Document(doc.text, doc.path, kind=doc.kind))


def run_in_order(linter: Linter, paths: Sequence[str], jobs: int, task: Task) -> Iterator[Result | FixResult]:
    """The outcome for each path, in order, computed by `jobs` worker processes."""
    import multiprocessing      # (here: a one-file run, as from pre-commit, never needs it)

    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    # a forked worker inherits the Linter; a spawned one builds its own from the configuration
    initargs = (linter if forking else None, linter.config, task)
    chunk = max(1, min(16, len(paths) // (jobs * 8)))
    with context.Pool(jobs, initializer=_start, initargs=initargs) as pool:
        yield from pool.imap(_run, paths, chunksize=chunk)
