"""`lintnews server`: a language server over standard input and output, for editors.

It needs the optional `server` extra (pygls and lsprotocol): `pip install 'lintnews[server]'`.
Plain `lintnews` never imports this package's pygls side. See docs/editors.md.
"""
from __future__ import annotations

import argparse
import logging
import sys

USAGE = "lintnews server [--stdio]"


class OneLine(logging.Formatter):
    """Each record on one line: an exception as its type and message, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            message = f"{message}: {type(exc).__name__}: {exc}"
        return self._fmt % {"message": " ".join(message.split())}


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
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine("lintnews server: %(message)s"))
    logging.basicConfig(level=args.log_level, handlers=[handler])
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr             # (a plugin's print() must not break the protocol's stream)
    server.start_io(stdin, stdout)
    return 0
