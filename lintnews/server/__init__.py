"""`lintnews server`: a language server over standard input and output, for editors.

It needs the optional `server` extra (pygls and lsprotocol): `pip install 'lintnews[server]'`.
Plain `lintnews` never imports this package's pygls side. See docs/editors.md.
"""
from __future__ import annotations

import argparse
import logging
import sys

USAGE = "lintnews server [--stdio]"


def main(argv: list[str]) -> int:
    """Serve one client on standard input and output until it says exit or goes away."""
    parser = argparse.ArgumentParser(prog="lintnews server", usage=USAGE,
                                     description="Serve lintnews's findings to an editor over the Language "
                                                 "Server Protocol (see docs/editors.md).")
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default "
                        "and only way)")
    parser.add_argument("--log-level", default="WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR"),
                        help="what to log on standard error (default WARNING)")
    args = parser.parse_args(argv)
    try:
        from lintnews.server.app import server
    except ImportError as exc:
        print(f"lintnews: error: the language server needs the `server` extra ({exc.name or exc} is missing): "
              f"pip install 'lintnews[server]'", file=sys.stderr)
        return 2
    logging.basicConfig(stream=sys.stderr, level=args.log_level, format="lintnews server: %(message)s")
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr             # (a plugin's print() must not break the protocol's stream)
    server.start_io(stdin, stdout)
    return 0
