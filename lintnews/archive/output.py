"""Writing the finding rows: a part file per partition, then one output file renamed into place.

Part files go to a hidden folder beside the output (`.NAME.XXXXXXXX.parts/`). Each is named
by its partition's index and written under a temporary name, then renamed, so a partition
that is delivered twice overwrites its part: nothing is duplicated. `finish()` joins the
parts in index order (the output follows the input's order) into a temporary file beside
the output and renames it to the output's name; until that rename nothing is written under
the name (an older file there stays as it was). `discard()` (after Ctrl-C or an error)
removes every temporary file. The client writes all of this: workers never need to see the
output's file system.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

from lintnews.archive.lint import COLUMNS
from lintnews.errors import UsageError

FORMATS = (".parquet", ".jsonl")
ROW_GROUP_ROWS = 128 * 1024


def output_format(path: Path) -> str:
    """".parquet" or ".jsonl", from the output's name; a UsageError for anything else."""
    for suffix in FORMATS:
        if path.name.lower().endswith(suffix):
            return suffix
    raise UsageError(f"{path}: the output must be a .parquet or a .jsonl file")


def check_output(path: Path) -> str:
    """The output's format, once it is known the output can be written where it is named: a
    UsageError for a name that is not .parquet or .jsonl, a folder that does not exist, or a
    name taken by something other than a file (a folder called out.jsonl)."""
    suffix = output_format(path)
    if not path.parent.is_dir():
        raise UsageError(f"{path}: no such directory: {path.parent}")
    if os.path.lexists(path) and not path.is_file():
        what = "a directory" if path.is_dir() else "not a regular file"
        raise UsageError(f"{path}: is {what}; the output must be a file")
    return suffix


def parquet_schema():
    import pyarrow as pa

    types = {"line": pa.int64(), "column": pa.int64(), "end_line": pa.int64(), "end_column": pa.int64()}
    return pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])


class FindingsWriter:
    """Part files while the sweep runs; the output file, all at once, at the end."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.format = output_format(out)
        if not out.parent.is_dir():
            raise UsageError(f"{out}: no such directory: {out.parent}")
        self.parts = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".parts", dir=out.parent))
        self.counts: dict[int, int] = {}

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def write_part(self, index: int, rows: Sequence[tuple]) -> None:
        """Write (or overwrite) the part file of partition `index`."""
        part = self.parts / f"part-{index:08d}{self.format}"
        temporary = part.with_name(part.name + ".tmp")
        if self.format == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            columns = {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}
            pq.write_table(pa.Table.from_pydict(columns, schema=parquet_schema()), temporary)
        else:
            with open(temporary, "w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(json.dumps(dict(zip(COLUMNS, row)), ensure_ascii=False) + "\n" for row in rows)
        os.replace(temporary, part)
        self.counts[index] = len(rows)

    def finish(self) -> None:
        """Join the parts, in order, into the output file; then remove the parts."""
        temporary = self.out.with_name(f".{self.out.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            with open(temporary, "xb") as fh:
                self._join(fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(temporary, self.out)
        finally:
            temporary.unlink(missing_ok=True)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.parts, ignore_errors=True)

    def _join(self, fh) -> None:
        parts = [self.parts / f"part-{i:08d}{self.format}" for i in sorted(self.counts)]
        if self.format == ".jsonl":
            for part in parts:
                with open(part, "rb") as src:
                    shutil.copyfileobj(src, fh)
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        with pq.ParquetWriter(fh, parquet_schema()) as writer:
            pending: list = []
            for part in parts:
                pending.append(pq.read_table(part, schema=parquet_schema()))
                if sum(t.num_rows for t in pending) >= ROW_GROUP_ROWS:
                    writer.write_table(pa.concat_tables(pending))
                    pending = []
            if pending:
                writer.write_table(pa.concat_tables(pending))
