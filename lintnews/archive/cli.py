"""`lintnews archive INPUT... --output OUT`: lint whole JSONL/Parquet archives on Dask.

Selection, configuration and plugins work as in the file CLI, and each row is linted as
the file `<id>.txt` (`.md`, `.html` by --format-column) would be. Findings below
--min-severity are left out of the output. Exit status: 0 no findings at or above
--fail-on (default: error), 1 such findings, 2 a usage, configuration, plugin or input
error (bad rows become LN000 rows in the output and the sweep still completes), 130
interrupted (no output file).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from lintnews.arguments import add_rule_arguments, discard_stdout, split_list
from lintnews.errors import InputError, LintnewsError, UsageError

INSTALL_HINT = "pip install 'lintnews[archive]'"
# (as Ctrl-C: a service manager's stop, a closed terminal; Windows has no SIGHUP)
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {value}")
    return number


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lintnews archive", description="Lint a news archive (JSONL or Parquet) on Dask; write one "
        "row per finding.", epilog="Exit status: 0 clean (or only findings below --fail-on), 1 findings at "
        "or above --fail-on, 2 usage, configuration, plugin or input errors "
        f"(bad rows are LN000 rows in the output). Needs: {INSTALL_HINT}")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".jsonl, .jsonl.gz or .parquet files, folders holding them, or glob patterns")
    p.add_argument("--output", "-o", required=True, metavar="OUT",
                   help="the findings: a .parquet or .jsonl file, written when the sweep is done")
    p.add_argument("--text-column", default="text", metavar="NAME", help="the articles' text (default: text)")
    p.add_argument("--id-column", default="id", metavar="NAME", help="the articles' ids (default: id)")
    p.add_argument("--format-column", metavar="NAME",
                   help="each row's markup: text, markdown or html (default: all text)")
    add_rule_arguments(p)
    p.add_argument("--workers", type=_positive, metavar="N",
                   help="worker processes of the local cluster (default: one per CPU)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="use this running Dask cluster instead")
    p.add_argument("--partition-rows", type=_positive, default=500, metavar="N",
                   help="articles per task (default: 500; at most 8 MB of text)")
    p.add_argument("--report", metavar="PATH", help="also write the summary as JSON or, to a .html file, as a "
                   "page with a sample of articles for each rule")
    return p


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: the sweep stops as after Ctrl-C (workers stopped, parts removed;
    a KeyboardInterrupt, so that whatever lets Ctrl-C through lets it through)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, _frame) -> None:
    raise Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = {sig: signal.signal(sig, _terminate) for sig in _STOP_SIGNALS}
    try:
        return run(args)
    except LintnewsError as exc:
        print(f"lintnews: error: {exc}", file=sys.stderr)
        return 2
    except Terminated as stop:
        print(f"lintnews: stopped by {signal.Signals(stop.signum).name}; no output written", file=sys.stderr)
        return 128 + stop.signum
    except KeyboardInterrupt:
        print("lintnews: interrupted; no output written", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, or a cluster that went away: one line, and a way to see more
        if os.environ.get("LINTNEWS_DEBUG"):
            raise
        print(f"lintnews: error: {type(exc).__name__}: {exc} (no output written; set LINTNEWS_DEBUG=1 "
              f"to see where)", file=sys.stderr)
        return 2
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def require_extra() -> None:
    """A one-line UsageError unless Dask, distributed and pyarrow can be imported."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"lintnews archive needs Dask and pyarrow ({exc.name} is missing): "
                         f"{INSTALL_HINT}") from None


def run(args: argparse.Namespace) -> int:
    if args.workers and args.scheduler:
        raise UsageError("--workers sizes the local cluster; it does not go with --scheduler")
    require_extra()
    from lintnews.archive.cluster import dask_client, peak_rss, worker_peak_rss
    from lintnews.archive.html_report import Sample, write_html_report
    from lintnews.archive.lint import ERROR_CODE
    from lintnews.archive.output import FindingsWriter, check_output
    from lintnews.archive.rows import Columns, find_inputs, partitions, survey
    from lintnews.archive.summary import Progress, Tally, summary_text
    from lintnews.archive.sweep import sweep
    from lintnews.config import Config, load_config
    from lintnews.engine import Linter

    config = Config() if args.isolated else load_config(args.config)
    config = config.merged(select=split_list(args.select), ignore=split_list(args.ignore),
                           extend_select=split_list(args.extend_select), date=args.date,
                           fail_on=args.fail_on, min_severity=args.min_severity)
    linter = Linter(config)   # checks the selection and the rule options before any work
    errors = [problem.message for problem in linter.problems]
    for message in errors:
        print(f"lintnews: error: {message}", file=sys.stderr)
    out = Path(args.output)
    check_output(out)                   # (found out now, not after the sweep)
    if args.report and not Path(args.report).parent.is_dir():     # found out now, not after the sweep
        raise UsageError(f"{args.report}: no such directory: {Path(args.report).parent}")
    inputs = find_inputs(args.inputs)
    if out.resolve() in {p.resolve() for p in inputs}:
        raise UsageError(f"{out}: the output is one of the inputs")
    columns = Columns(args.id_column, args.text_column, args.format_column)
    tally = Tally(survey(inputs, columns))
    expected_rules = tuple(rule.code for rule in linter.rules)

    sample = Sample()

    def on_result(part, result) -> None:
        writer.write_part(result.index, result.rows)
        tally.add(part, result)
        sample.add(result.rows, part.rows)
        news = [f"worker: {message}" for message in result.setup_problems]
        if result.failure:
            news.append(f"{result.articles:,} articles not linted (partition {result.index}): {result.failure}")
        elif result.rules != expected_rules:
            differ = sorted(set(result.rules) ^ set(expected_rules))
            news.append(f"a worker runs other rules than this machine ({', '.join(differ)}); "
                        f"install the same lintnews and plugins on every worker")
        for message in news:
            if message not in errors:
                errors.append(message)
                progress.close()
                print(f"lintnews: error: {message}", file=sys.stderr)
        progress.update()

    writer = FindingsWriter(out)
    progress = Progress(sys.stderr, tally)
    try:
        with dask_client(args.scheduler, args.workers) as (client, threads):
            tally.restart()
            parts = partitions(inputs, columns, per_partition=args.partition_rows,
                               max_text_bytes=config.max_file_size)
            sweep(client, parts, config, in_flight=2 * threads, on_result=on_result)
            worker_memory = worker_peak_rss(client)
        progress.update(force=True)
        progress.close()
        writer.finish()
    finally:
        progress.close()
        writer.discard()

    problems = bool(errors) or any(code == ERROR_CODE for code, _ in tally.by_rule)
    status = 2 if problems else 1 if tally.fails(config.fail_on) else 0
    report = tally.report(workers=len(worker_memory), output=str(out), output_rows=writer.rows, exit_status=status,
                          peak_rss_mb=_megabytes({"client": peak_rss(), **worker_memory}))
    try:
        print(summary_text(report), flush=True)
    except OSError as exc:    # the output is written all the same
        discard_stdout()
        if not isinstance(exc, BrokenPipeError):    # (whoever read the summary went away: ... | head)
            print(f"lintnews: error: cannot write the summary: {exc.strerror or exc} (the findings are in {out})",
                  file=sys.stderr)
            status = report["exit_status"] = 2
    if args.report:
        try:
            if args.report.lower().endswith((".html", ".htm")):
                write_html_report(Path(args.report), report, sample, linter)
            else:
                Path(args.report).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{args.report}: cannot write the report: {exc.strerror or exc} "
                             f"(the findings are in {out})") from None
    return status


def _megabytes(sizes: dict) -> dict:
    return {name: None if size is None else round(size / 1_000_000, 1) for name, size in sizes.items()}
