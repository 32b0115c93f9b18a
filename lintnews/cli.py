"""The `lintnews` command: lint article files and print what is wrong with them.

Exit codes: 0 nothing found, 1 findings, 2 a usage, configuration, input or plugin error
(the other files are still linted). The CLI only calls the engine's public API.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from lintnews import __version__
from lintnews.errors import LintnewsError

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"})


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lintnews", description="Lint news articles for the defects a copy desk catches.",
        epilog="Exit status: 0 clean, 1 findings, 2 usage, configuration, input or plugin errors.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="article files, or directories to search for articles; - reads standard input")
    p.add_argument("--format", default="text", help="output format: text (default), json")
    p.add_argument("--select", action="append", metavar="RULES",
                   help="only these rules: codes, code prefixes or names, comma-separated")
    p.add_argument("--ignore", action="append", metavar="RULES", help="leave out these rules")
    p.add_argument("--extend-select", action="append", metavar="RULES",
                   help="add rules (opt-in ones too) to the selection")
    p.add_argument("--config", metavar="FILE", help="use this lintnews.toml or pyproject.toml")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--encoding", help="encoding of files without a BOM (default UTF-8)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the articles' publication date")
    p.add_argument("--max-file-size", type=int, metavar="BYTES", help="skip larger files (default 10 MB)")
    p.add_argument("--stdin-filename", metavar="PATH", help="name to report for standard input")
    p.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    p.add_argument("--explain", metavar="RULE", help="show a rule's documentation and exit")
    p.add_argument("--version", action="version", version=f"lintnews {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["archive"]:   # `lintnews archive ...`: sweeps of whole archives on Dask
        from lintnews.archive.cli import main as archive_main
        return archive_main(argv[1:])
    args = build_parser().parse_args(argv)
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
    except Exception as exc:  # a bug in lintnews itself: one line, and a way to see more
        if os.environ.get("LINTNEWS_DEBUG"):
            raise
        print(f"lintnews: internal error: {type(exc).__name__}: {exc} "
              f"(set LINTNEWS_DEBUG=1 to see where; please report it)", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    # Imported here so that --help and --version do not pay for the engine.
    from lintnews.config import Config, load_config
    from lintnews.engine import Linter
    from lintnews.errors import UsageError

    config = Config() if args.isolated else load_config(args.config)
    config = config.merged(select=_split(args.select), ignore=_split(args.ignore),
                           extend_select=_split(args.extend_select), encoding=args.encoding,
                           date=args.date, max_file_size=args.max_file_size)
    linter = Linter(config)
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

    reporters = {k: v for group in linter.plugins.hook.lintnews_reporters() for k, v in group.items()}
    if args.format not in reporters:
        raise UsageError(f"unknown format {args.format!r} (known: {', '.join(sorted(reporters))})")
    reporter = reporters[args.format](sys.stdout)

    found = False
    for target in iter_targets(args.paths, linter.article_extensions()):
        if isinstance(target, Warning):
            print(f"lintnews: warning: {target}", file=sys.stderr)
            continue
        if target == "-":
            result = lint_stdin(linter, args.stdin_filename or "-")
        else:
            result = linter.lint_file(target)
        for problem in result.problems:
            print(f"{problem.path}: error: {problem.message}", file=sys.stderr)
            status = 2
        found = found or bool(result.diagnostics)
        reporter.file(result.path, result.diagnostics, result.document.text if result.document else None)
    reporter.finish()
    sys.stdout.flush()
    return status or (1 if found else 0)


def lint_stdin(linter, name: str):
    from lintnews.diagnostics import Problem
    from lintnews.engine import Result
    from lintnews.errors import InputError
    from lintnews.reading import decode

    try:
        text = decode(sys.stdin.buffer.read(), linter.config.encoding)
    except InputError as exc:
        return Result(name, problems=[Problem("input", name, str(exc))])
    return linter.lint_text(text, name)


def iter_targets(paths: Sequence[str], extensions: tuple[str, ...]) -> Iterator[str | Warning]:
    """Files to lint, in the order given; directories searched (sorted) for articles."""
    for raw in paths:
        if raw == "-" or not os.path.isdir(raw):
            yield raw             # a missing file is reported by the engine, as an input error
            continue
        found = sorted(_walk(Path(raw), extensions))
        if not found:
            yield Warning(f"{raw}: no articles found ({', '.join('*' + e for e in extensions)})")
        yield from (str(p) for p in found)


def _walk(root: Path, extensions: tuple[str, ...]) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".")]
        for name in files:
            if name.lower().endswith(extensions):
                yield Path(folder) / name


def list_rules(linter) -> int:
    enabled = {type(r) for r in linter.rules}
    for rule in linter.available_rules():
        state = "on " if rule in enabled else "off"
        fix = "fix" if rule.fixable else "   "
        print(f"{rule.code}  {rule.name:<24} {state} {fix}  {rule.summary()}  [{rule.plugin}]")
    return 0


def explain(linter, key: str) -> int:
    from lintnews.errors import UsageError

    for rule in linter.available_rules():
        if key in (rule.code, rule.name):
            print(f"# {rule.code} {rule.name}\n")
            print(f"Plugin: {rule.plugin}. Fixable: {'yes' if rule.fixable else 'no'}. "
                  f"On by default: {'yes' if rule.default_enabled else 'no'}.\n")
            print(rule.documentation())
            return 0
    raise UsageError(f"no rule {key!r} (see lintnews --list-rules)")


if __name__ == "__main__":
    sys.exit(main())
