"""The `lintnews` command: lint article files and print what is wrong with them.

Exit codes: 0 nothing found at or above --fail-on (default: error), 1 such findings, 2 a
usage, configuration, input or plugin error (the other files are still linted). The CLI
only calls the engine's public API.
"""
from __future__ import annotations

import argparse
import atexit
import errno
import gc
import os
import sys
from collections.abc import Sequence

from lintnews import __version__, core
from lintnews.arguments import add_rule_arguments, discard_stdout, split_list
from lintnews.errors import LintnewsError


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds (0 for no limit), got {value!r}")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lintnews", description="Lint news articles for the defects a copy desk catches.",
        epilog="Exit status: 0 clean (or only findings below --fail-on), 1 findings at or above --fail-on, "
               "2 usage, configuration, input or plugin errors.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="article files, or directories to search for articles; - reads standard input")
    p.add_argument("--format", help="output format: full (each finding with its source line; the default "
                   "on a terminal), text (one line a finding; the default otherwise), json, sarif, github, junit, html (a page "
                   "for editors: each article with its findings marked)")
    add_rule_arguments(p)
    p.add_argument("--encoding", help="encoding of files without a BOM (default UTF-8)")
    p.add_argument("--max-file-size", type=_positive, metavar="BYTES", help="skip larger files (default 10 MB)")
    p.add_argument("--max-findings-per-rule", type=_positive, metavar="N",
                   help="in one file, report this many findings of a rule and then how many more (default 1000)")
    p.add_argument("--rule-timeout", type=_seconds, metavar="SECONDS",
                   help="stop a rule that runs longer than this on one file, per MB (default 10; 0: no limit)")
    p.add_argument("--stdin-filename", metavar="PATH", help="name to report for standard input")
    p.add_argument("--exclude", action="append", metavar="GLOBS",
                   help="leave out files and folders matching these globs when searching directories")
    p.add_argument("--force-exclude", action="store_true", default=None,
                   help="apply the excludes to files named on the command line too (for pre-commit)")
    p.add_argument("--report-unused-suppressions", action="store_true", default=None,
                   help="report lintnews suppression comments that suppress nothing")
    p.add_argument("-j", "--jobs", type=_positive, metavar="N",
                   help="lint on N processes (default: one per core when there are many files)")
    p.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    p.add_argument("--explain", metavar="RULE", help="show a rule's documentation and exit")
    p.add_argument("--version", action="version", version=f"lintnews {__version__} (core: {core.NAME})")
    add_run_arguments(p)
    return p


def add_run_arguments(p: argparse.ArgumentParser) -> None:
    """Fixing, baselines and how the results are shown."""
    g = p.add_argument_group("fixing")
    g.add_argument("--fix", action="store_true", help="apply the safe fixes, then report what remains")
    g.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: also the fixes "
                   "that may change meaning")
    g.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; change nothing")
    g = p.add_argument_group("baseline")
    g.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    g.add_argument("--write-baseline", metavar="FILE", help="record every finding in FILE and exit 0")
    g = p.add_argument_group("output")
    g.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the text output (auto: on a terminal, unless NO_COLOR is set)")
    g.add_argument("--statistics", action="store_true", help="print the count of findings per rule instead")
    g.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings "
                   "(errors still exit 2)")
    g.add_argument("-q", "--quiet", action="store_true", help="print the findings only: no summary, "
                   "no legend, no warnings")


def is_archive_command(argv: Sequence[str]) -> bool:
    """`lintnews archive ...` is the archive command, unless a newsroom's own folder or file
    called "archive" is meant (`lintnews archive`, `lintnews archive/ ...`): a path that
    exists wins, except when the archive command's own --output is given."""
    if argv[:1] != ["archive"]:
        return False
    return not os.path.exists("archive") or any(a in ("-o", "--output") or a.startswith("--output=")
                                                for a in argv[1:])


def is_server_command(argv: Sequence[str]) -> bool:
    """`lintnews server ...` is the language server, unless a folder or file called "server"
    is meant (as for `archive`); `--stdio`, which editors pass, always means the server."""
    return argv[:1] == ["server"] and (not os.path.exists("server") or "--stdio" in argv[1:])


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if sys.stdout is None:                  # (Python's answer to a closed file descriptor 1)
        print("lintnews: error: standard output is closed: nothing could be reported", file=sys.stderr)
        return 2
    _tolerant_stdout()
    if is_archive_command(argv):    # `lintnews archive ...`: sweeps of whole archives on Dask
        from lintnews.archive.cli import main as archive_main
        return archive_main(argv[1:])
    if is_server_command(argv):     # `lintnews server`: findings in an editor, over LSP
        from lintnews.server import main as server_main
        return server_main(argv[1:])
    collecting = gc.isenabled()
    _quiet_start_up()
    try:
        return _run(build_parser().parse_args(argv))
    finally:
        if collecting:
            gc.enable()
        else:
            gc.disable()


def _tolerant_stdout() -> None:
    """Output that cannot fail on a character its encoding lacks: a file name's undecodable
    bytes (held as surrogates, "bad\\udcffname.txt") under a UTF-8 locale, or text that a
    legacy code page has no character for. Where standard output would raise and lose the
    whole report, it writes a backslash escape instead, as Python's standard error does;
    a stream that already copes (surrogateescape under the C locale) is left as it is."""
    if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")


def _quiet_start_up() -> None:
    """Start-up makes many long-lived objects (modules, classes, compiled patterns) and no
    garbage: no cyclic garbage collection until the files are read (run turns it back on),
    and at exit none of the collection that would visit every one of them (gc.freeze:
    nothing of a finished run is left to collect). About 10 ms of a one-article run."""
    gc.disable()
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def _run(args: argparse.Namespace) -> int:
    try:
        return run(args)
    except LintnewsError as exc:
        print(f"lintnews: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lintnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (lintnews ... | head): nothing more to say
        sys.stderr.close()
        return 1
    except OSError as exc:
        if exc.errno not in _NO_ROOM or os.environ.get("LINTNEWS_DEBUG"):
            return _internal_error(exc)
        # (files, fixes and baselines report their own write errors: this is the report's)
        discard_stdout()
        print(f"lintnews: error: cannot write the report: {exc.strerror}", file=sys.stderr)
        return 2
    except Exception as exc:
        return _internal_error(exc)


# what writing to a full disk, a quota or a failing device raises
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _internal_error(exc: Exception) -> int:
    """A bug in lintnews itself: one line, and a way to see more."""
    if os.environ.get("LINTNEWS_DEBUG"):
        raise exc
    print(f"lintnews: internal error: {type(exc).__name__}: {exc} "
          f"(set LINTNEWS_DEBUG=1 to see where; please report it)", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    # Imported here so that --help and --version do not pay for the engine.
    from lintnews.errors import UsageError
    from lintnews.resolver import Resolver
    from lintnews.runmode import check_run_arguments, open_reporter

    resolver = Resolver(command_line_overrides(args), isolated=args.isolated, config_file=args.config)
    check_command_line_rules(args, resolver.plugins.rules())
    # the run's own configuration (for --list-rules, --explain, the reporter, the set-up's
    # problems): that of the first path's folder, else of the working directory
    first = args.stdin_filename if args.paths[:1] == ["-"] and args.stdin_filename else (args.paths or ["."])[0]
    linter = resolver.linter(resolver.key(first if os.path.isdir(first) else os.path.dirname(first) or "."))
    config = linter.config
    status = 0
    for problem in linter.problems:
        print(f"lintnews: error: {problem.message}", file=sys.stderr)
        status = 2

    if args.list_rules:
        return max(status, list_rules(linter))
    if args.explain:
        return max(status, explain(linter, args.explain))
    if not args.paths:
        raise UsageError("no paths given (try: lintnews article.txt, or lintnews --help)")

    from lintnews.discovery import iter_targets

    if args.format is None:
        args.format = default_format(sys.stdout)
    mode = check_run_arguments(args, config)
    reporter = open_reporter(linter, args, sys.stderr if mode.fixes_stdin(args.paths) else sys.stdout)
    # (third-party reporters may not have `problem`)
    report_problem = getattr(reporter, "problem", None) if mode.reports else None
    for problem in linter.problems if report_problem else ():
        report_problem(problem, None)
    gc.enable()                             # set-up done (see _quiet_start_up)
    targets = list(iter_targets(args.paths, resolver.config_of_folder, linter.article_extensions()))
    refuse_writing_over_an_input(args.write_baseline, targets)
    keys = {t: resolver.key_of_file(args.stdin_filename or "-" if t == "-" else t)
            for t in targets if isinstance(t, str)}
    wants_document = mode.reports and getattr(reporter, "wants_document", False)
    outcomes = parallel_outcomes(resolver, keys, targets, args, mode, prose=wants_document)
    for target in targets:
        if isinstance(target, Warning):
            mode.warn(str(target))
            continue
        file_linter = resolver.linter(keys[target])
        if outcomes is not None and target != "-":
            outcome = next(outcomes)
            result = mode.fixed(outcome, file_linter.config) if mode.fixing else \
                mode.linted(outcome, file_linter.config)
        else:
            result = check(file_linter, target, args, mode)
        for problem in result.problems:
            from lintnews.reporting.base import printable

            print(f"{printable(problem.path)}: error: {problem.message}", file=sys.stderr)
            status = 2
            if report_problem:
                report_problem(problem, result.path)
        if wants_document:          # (the Document as linted: a worker sends its prose view, see Task)
            reporter.file(result.path, result.diagnostics, result.document.text if result.document else None,
                          document=result.document)
        elif mode.reports:
            reporter.file(result.path, result.diagnostics, result.document.text if result.document else None)
    if mode.reports:
        reporter.finish()
    sys.stdout.flush()
    mode.finish(reporter, clean_run=status == 0)
    return mode.exit_status(status)


def refuse_writing_over_an_input(output: str | None, targets: list) -> None:
    """A UsageError when a file lintnews would write (a baseline) is one of the articles it
    reads: `lintnews a.txt --write-baseline a.txt` replaced the article with JSON."""
    from lintnews.errors import UsageError

    if output and os.path.exists(output):
        written = os.path.realpath(output)
        if any(isinstance(t, str) and t != "-" and os.path.realpath(t) == written for t in targets):
            raise UsageError(f"--write-baseline {output}: that is one of the articles to lint; name another file")


def command_line_overrides(args: argparse.Namespace):
    """A function putting the command line's settings on top of a file's configuration."""
    exclude = split_list(args.exclude)
    values = dict(select=split_list(args.select), ignore=split_list(args.ignore),
                  extend_select=split_list(args.extend_select), encoding=args.encoding,
                  date=args.date, max_file_size=args.max_file_size,
                  max_findings_per_rule=args.max_findings_per_rule, rule_timeout=args.rule_timeout,
                  force_exclude=args.force_exclude,
                  report_unused_suppressions=args.report_unused_suppressions,
                  fail_on=args.fail_on, min_severity=args.min_severity)
    return lambda config: config.merged(**values,
                                        extend_exclude=config.extend_exclude + exclude if exclude else None)


def check_command_line_rules(args: argparse.Namespace, rules) -> None:
    """A --select, --ignore or --extend-select naming no rule is a usage error."""
    from lintnews.errors import UsageError
    from lintnews.ruleset import unknown_selector

    if args.select is not None and not split_list(args.select):
        raise UsageError("--select: names no rule, so no rule would run (to turn rules off, --ignore them)")
    for option in ("select", "ignore", "extend_select"):
        unknown = unknown_selector(rules, split_list(getattr(args, option)) or ())
        if unknown:
            selector, guess = unknown
            raise UsageError(f"--{option.replace('_', '-')}: unknown rule {selector!r}{guess} "
                             f"(see lintnews --list-rules)")


def default_format(stream) -> str:
    """`full` for a person at a terminal, `text` (one line a finding) for scripts, pipes and hooks."""
    return "full" if hasattr(stream, "isatty") and stream.isatty() else "text"


def parallel_outcomes(resolver, keys: dict, targets: list, args: argparse.Namespace, mode, prose: bool = False):
    """The files' outcomes from worker processes, in order; None to work in this process
    (`prose`: with each Document's prose view)."""
    files = [t for t in targets if isinstance(t, str) and t != "-"]
    if len(files) < 2:
        return None                         # (without importing what one file never needs)
    from lintnews.parallel import Task, default_jobs, run_in_order

    jobs = min(args.jobs if args.jobs is not None else default_jobs(len(files)), len(files))
    if jobs <= 1:
        return None
    task = Task(fix=mode.fixing, unsafe=args.unsafe_fixes, write=mode.writes, prose=prose)
    linters = {key: resolver.linter(key) for key in {keys[f] for f in files}}
    return run_in_order(linters, [(f, keys[f]) for f in files], jobs, task)


def check(linter, target: str, args: argparse.Namespace, mode):
    """Lint, fix or diff one target; the Result whose findings are to be reported."""
    name = args.stdin_filename or "-"
    config = linter.config
    if not mode.fixing:
        if target == "-":
            return mode.linted(linter.lint_bytes(linter.read_input(sys.stdin.buffer), name), config)
        return mode.linted(linter.lint_file(target), config)
    if target == "-":
        from lintnews.runmode import fix_stdin

        return mode.fixed(fix_stdin(linter, name, args.unsafe_fixes, mode.writes), config)
    return mode.fixed(linter.fix_file(target, unsafe=args.unsafe_fixes, write=mode.writes), config)


def list_rules(linter) -> int:
    enabled = {type(r) for r in linter.rules}
    for rule in linter.available_rules():
        state = "on " if rule in enabled else "off"
        fix = "fix" if rule.fixable else "   "
        print(f"{rule.code}  {rule.name:<24} {state} {fix} {rule.severity:<7}  {rule.summary()}  [{rule.plugin}]")
    return 0


def explain(linter, key: str) -> int:
    from lintnews.docs import page
    from lintnews.errors import UsageError
    from lintnews.ruleset import matches

    rules = linter.available_rules()
    for rule in rules:
        if key.upper() == rule.code or key.lower() == rule.name:
            print(page(rule), end="")
            return 0
    candidates = [rule for rule in rules if matches(rule, key) and key.upper() != "ALL"]
    if candidates:              # a prefix: the rules it could mean
        print(f"lintnews: error: --explain: {key!r} is not one rule; it could mean:", file=sys.stderr)
        for rule in candidates:
            print(f"  {rule.code}  {rule.name:<24} {rule.summary()}", file=sys.stderr)
        return 2
    raise UsageError(f"no rule {key!r} (see lintnews --list-rules)")


if __name__ == "__main__":
    sys.exit(main())
