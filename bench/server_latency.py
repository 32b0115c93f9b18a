"""Publish latency of `lintnews server` after an edit: a benchmark, not a test.

    python bench/server_latency.py [--edits 50] [--words 3000] [--debounce 0]

Opens a Markdown article of about --words words (made from the seed articles), then makes
--edits one-word insertions, each waiting for the diagnostics that follow it, and prints
the median and 90th percentile of edit-to-publish time (with --debounce 0 that is the
lint and protocol time; the default debounce of 300 ms adds itself to each).
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig

REPO = Path(__file__).resolve().parents[1]


def article(words: int) -> str:
    paragraphs = [p for f in sorted(REPO.glob("seeds/*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    out, count = ["---", "title: Benchmark", "---", ""], 0
    while count < words:
        for p in paragraphs:
            out += [p.strip(), ""]
            count += len(p.split())
            if count >= words:
                break
    return "\n".join(out)


async def main(edits: int, words: int, debounce: int) -> None:
    client = await ClientServerConfig([sys.executable, "-m", "lintnews", "server", "--stdio"]).start()
    folder = Path(tempfile.mkdtemp())
    uri = (folder / "bench.md").as_uri()
    await client.initialize_session(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                         initialization_options={"debounce": debounce}))
    text = article(words)
    waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, text)))
    await waiting
    times = []
    for i in range(edits):
        where = lsp.Position(5 + i % 20, 0)
        waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        started = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=i + 2, uri=uri),
            [lsp.TextDocumentContentChangePartial(lsp.Range(where, where), "Word ")]))
        await waiting
        times.append((time.perf_counter() - started) * 1000)
    await client.shutdown_session()
    await client.stop()
    times.sort()
    print(f"{len(text.split())} words, {len(text.encode()):,} bytes, {edits} edits, debounce {debounce} ms: "
          f"median {statistics.median(times):.1f} ms, p90 {times[int(0.9 * (len(times) - 1))]:.1f} ms")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--edits", type=int, default=50)
    p.add_argument("--words", type=int, default=3000)
    p.add_argument("--debounce", type=int, default=0)
    a = p.parse_args()
    asyncio.run(main(a.edits, a.words, a.debounce))
