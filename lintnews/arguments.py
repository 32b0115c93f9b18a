"""What the two commands, `lintnews` and `lintnews archive`, share: the options that choose
rules, configuration and severity, the splitting of listed values, and a standard output
that is given up on."""
from __future__ import annotations

import argparse
import os
import sys


def split_list(values: list[str] | None) -> tuple[str, ...] | None:
    """Values given as repeated options and/or comma-separated ("LN1,LN2"), in one tuple."""
    if values is None:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def add_rule_arguments(p: argparse.ArgumentParser) -> None:
    """The options that choose rules, configuration and severity thresholds, shared by `lintnews`
    and `lintnews archive`."""
    p.add_argument("--select", action="append", metavar="RULES",
                   help="only these rules: codes, code prefixes or names, comma-separated")
    p.add_argument("--ignore", action="append", metavar="RULES", help="leave out these rules")
    p.add_argument("--extend-select", action="append", metavar="RULES",
                   help="add rules (opt-in ones too) to the selection")
    p.add_argument("--config", metavar="FILE", help="use this lintnews.toml or pyproject.toml")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the articles' publication date")
    add_severity_arguments(p)


def add_severity_arguments(p: argparse.ArgumentParser) -> None:
    """--fail-on and --min-severity (configuration: fail-on, min-severity)."""
    from lintnews.severity import SEVERITIES

    levels = SEVERITIES[::-1]
    p.add_argument("--fail-on", choices=levels, help="exit 1 only for a shown finding of this severity "
                   "or above (default: error)")
    p.add_argument("--min-severity", choices=levels, help="hide findings below this severity (default: "
                   "info, all shown)")


def _date(value: str) -> str:
    from lintnews.config import check_date

    try:
        return check_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def discard_stdout() -> None:
    """Send what is left for standard output, which cannot take it (a reader gone, a full
    disk), nowhere: so that Python does not try to write it again at exit, and fail aloud."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
