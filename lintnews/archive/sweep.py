"""The sweep: partitions out to Dask workers, finding rows back, a bounded number at a time.

The client reads the archive and writes the output; workers only lint. A partition travels
inside its task (it is not scattered to a worker first), so when a worker dies the
scheduler still holds everything needed to run the partition again on another worker:
Dask reschedules the tasks of a dead worker, and `retries` reruns a task that raised. At
most `in_flight` partitions are out at a time and the next one is read only when one comes
back, so the memory of the client and of the scheduler follows the partition size, not the
size of the archive.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from lintnews.archive.lint import PartitionResult, failed_partition, lint_partition
from lintnews.archive.rows import Partition
from lintnews.config import Config


def sweep(client, partitions: Iterable[Partition], config: Config, *, in_flight: int,
          on_result: Callable[[Partition, PartitionResult], None], retries: int = 2) -> None:
    """Lint every partition on the cluster behind `client`; `on_result` gets each as it is done.

    A partition the cluster cannot lint at all (its task kept killing workers, say) comes
    back as LN000 rows for each of its articles; the sweep goes on.
    """
    from distributed import as_completed

    run = uuid.uuid4().hex[:12]
    source = iter(partitions)
    pending = {}
    done = as_completed()

    def submit_next() -> None:
        part = next(source, None)
        if part is not None:
            future = client.submit(lint_partition, config, part, key=f"lintnews-{run}-{part.index}",
                                   retries=retries, pure=False)
            pending[future] = part
            done.add(future)

    try:
        for _ in range(max(in_flight, 1)):
            submit_next()
        for future in done:
            part = pending.pop(future)
            if future.status == "finished":
                result = future.result()
            else:
                result = failed_partition(part, _failure(future))
            future.release()
            on_result(part, result)
            submit_next()
    finally:
        if pending:
            client.cancel(list(pending))


def _failure(future) -> str:
    """Why a task failed, in one line (Dask's KilledWorker message runs to a paragraph)."""
    if future.status == "error":
        exc = future.exception()
        first = str(exc).strip().splitlines()[0].split(". ")[0] if str(exc).strip() else ""
        return f"{type(exc).__name__}: {first}"
    return f"the task was {future.status}"
