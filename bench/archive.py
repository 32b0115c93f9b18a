"""Throughput of `lintnews archive` beside the serial CLI, on the same texts.

    .venv/bin/python bench/archive.py                 # ../shared/corpus/news, ten copies
    .venv/bin/python bench/archive.py --copies 2 --workers 1 2 --repeat 3

The news corpus (read-only, outside the project) is copied `--copies` times into one JSONL
file and one Parquet file in a temporary folder, and also written out as one file per
article. Then, on the same texts:

  CLI            `lintnews --format json --isolated --jobs N FOLDER`, every file: one process
                 (the serial CLI), then as many as each worker count
  serial engine  `Linter.lint_text` over the texts in this process (no I/O, no start-up)
  archive        `lintnews archive ... --workers N --isolated --report R`, JSONL and Parquet

Wall time includes process and cluster start-up; "sweep" is the archive's own clock, from
the cluster being ready to the last partition back. Memory is the resident high-water
mark (VmHWM): of the serial CLI process, and of the archive's client and each worker (its report).
Every run must find the same number of findings, or the script says so and exits 1.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("LINTNEWS_SHARED", REPO.parent / "shared")) / "corpus" / "news"


def build(corpus: Path, copies: int, folder: Path) -> tuple[list[tuple[str, str]], Path, Path, Path]:
    """(id, text) rows, and the JSONL file, the Parquet file and the folder of files holding them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    rows = [(f"{copy:02d}-{stem}", text) for copy in range(copies) for stem, text in texts]
    jsonl, parquet, files = folder / "news.jsonl", folder / "news.parquet", folder / "files"
    with open(jsonl, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"id": ident, "text": text}, ensure_ascii=False) + "\n" for ident, text in rows)
    pq.write_table(pa.table({"id": [r[0] for r in rows], "text": [r[1] for r in rows]}), parquet,
                   row_group_size=2000)
    files.mkdir()
    for ident, text in rows:
        (files / f"{ident}.txt").write_bytes(text.encode("utf-8"))
    return rows, jsonl, parquet, files


def timed(command: list[str]) -> tuple[float, float, int | None, bytes]:
    """Run `command`: (wall seconds, CPU seconds, memory high-water mark in bytes, stdout).

    CPU seconds are user + system time of the process and of the children it waited for
    (a local cluster's workers). The high-water mark is the last VmHWM read from /proc while
    it runs (every 0.1 s; it only grows): getrusage would also count this process's memory,
    which the child inherits at fork.
    """
    start = time.perf_counter()
    peak = None
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = _vm_hwm(proc.pid) or peak
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        stdout = out.read()
    if proc.returncode not in (0, 1):
        sys.exit(f"bench/archive.py: {' '.join(command)} failed with status {proc.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, peak, stdout


def _vm_hwm(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return next((int(line.split()[1]) * 1024 for line in fh if line.startswith("VmHWM:")), None)
    except OSError:
        return None


def cli(files: Path, jobs: int) -> dict:
    wall, cpu, peak, stdout = timed([sys.executable, "-m", "lintnews", "--format", "json", "--isolated",
                                     "--jobs", str(jobs), str(files)])
    run = "serial CLI, files" if jobs == 1 else f"CLI --jobs {jobs}, files"
    return {"run": run, "wall": wall, "cpu": cpu, "sweep": None, "findings": len(json.loads(stdout)),
            "memory": "" if jobs > 1 else f"{peak / 1e6:,.0f} MB" if peak else "n/a"}    # (not its workers')


def serial_engine(rows: list[tuple[str, str]]) -> dict:
    from lintnews.config import Config
    from lintnews.engine import Linter

    linter = Linter(Config())
    start, cpu = time.perf_counter(), time.process_time()
    findings = sum(len(linter.lint_text(text, ident + ".txt").diagnostics) for ident, text in rows)
    return {"run": "serial engine, in process", "wall": time.perf_counter() - start,
            "cpu": time.process_time() - cpu, "sweep": None, "findings": findings, "memory": ""}


def sweep(source: Path, workers: int, folder: Path) -> dict:
    out, report = folder / f"out-{source.suffix[1:]}-{workers}.parquet", folder / "report.json"
    wall, cpu, _, _ = timed([sys.executable, "-m", "lintnews", "archive", str(source), "-o", str(out), "--workers",
                             str(workers), "--isolated", "--report", str(report)])
    data = json.loads(report.read_text(encoding="utf-8"))
    peaks = dict(data["peak_rss_mb"])
    client = peaks.pop("client")
    memory = f"client {client:,.0f} MB; workers {', '.join(f'{mb:,.0f}' for mb in peaks.values())} MB"
    return {"run": f"archive {source.suffix[1:]}, {workers} worker{'s' if workers > 1 else ''}", "wall": wall,
            "cpu": cpu, "sweep": data["seconds"], "findings": data["output_rows"], "memory": memory}


def fastest(runs: int, measurements: list) -> list[dict]:
    """Each measurement's fastest run (by wall time) of `runs`, the one least disturbed by
    other load. The runs go round by round, so a burst of load hits different measurements
    in different rounds; each result notes the load average when it started."""
    results: list[list[dict]] = [[] for _ in measurements]
    for round_ in range(runs):
        for i, (measure, *args) in enumerate(measurements):
            load = os.getloadavg()[0]
            results[i].append({**measure(*args), "load": load})
            print(f"  round {round_ + 1}: {results[i][-1]['run']}: {results[i][-1]['wall']:.1f} s "
                  f"(load {load:.2f})", file=sys.stderr, flush=True)
    return [min(runs_, key=lambda r: r["wall"]) for runs_ in results]


def table(results: list[dict], articles: int, megabytes: float) -> str:
    """Rates on wall time (start-up included) and, for sweeps, on the sweep's own clock."""
    base = results[0]["wall"]
    lines = ["| run | wall s | CPU s | articles/s | MB/s | sweep s | sweep articles/s | speed-up vs serial CLI "
             "| findings | memory high-water mark | load |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for r in results:
        sweep = f"{r['sweep']:.1f} | {articles / r['sweep']:,.0f}" if r["sweep"] else " | "
        lines.append(f"| {r['run']} | {r['wall']:.1f} | {r['cpu']:.1f} | {articles / r['wall']:,.0f} | "
                     f"{megabytes / r['wall']:.2f} | {sweep} | {base / r['wall']:.2f}x | {r['findings']:,} "
                     f"| {r['memory']} | {r['load']:.2f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"folder of *.txt articles (default {CORPUS})")
    parser.add_argument("--copies", type=int, default=10, help="copies of the corpus in the archive (default 10)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every measurement; each one's fastest run is shown")
    args = parser.parse_args()
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.txt")):
        print(f"bench/archive.py: skipped: no articles at {args.corpus} (the news corpus lives outside the "
              f"project; pass --corpus or set LINTNEWS_SHARED)")
        return 0
    with tempfile.TemporaryDirectory(prefix="lintnews-bench-") as tmp:
        folder = Path(tmp)
        rows, jsonl, parquet, files = build(args.corpus, args.copies, folder)
        megabytes = sum(len(text.encode("utf-8")) for _, text in rows) / 1e6
        words = sum(len(text.split()) for _, text in rows)
        print(f"{len(rows):,} articles ({args.copies} copies of {args.corpus}), {megabytes:.1f} MB of text, "
              f"{words:,} words; JSONL {jsonl.stat().st_size / 1e6:.1f} MB, Parquet "
              f"{parquet.stat().st_size / 1e6:.1f} MB; {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.2f} at the start", flush=True)
        results = fastest(args.repeat, [(cli, files, 1)] + [(cli, files, n) for n in args.workers if n > 1] + [
            (serial_engine, rows)] + [(sweep, source, workers, folder) for source in (jsonl, parquet)
                                      for workers in args.workers])
    print(table(results, len(rows), megabytes))
    print(f"fastest of {args.repeat} round(s); load: 1-minute load average when that run started "
          f"({os.cpu_count()} CPUs); at the end: {os.getloadavg()[0]:.2f}")
    if len({r["findings"] for r in results}) != 1:
        print("bench/archive.py: the runs disagree on the number of findings", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
