"""`lintnews server` end to end: a real LSP client (pytest-lsp) talks to the server over stdio.

The findings the server publishes are compared with what `lintnews --format json` reports
for the same text: the same codes, messages and severities, at the same characters, in each
position encoding (UTF-16, UTF-8, UTF-32) on a line with emoji and combining marks.
"""
from __future__ import annotations

import asyncio
import json
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the `server` extra (pygls)")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")
from lsprotocol import types as lsp  # noqa: E402

from tests.conftest import REPO, run_cli  # noqa: E402

ARTICLE = REPO / "tests" / "server" / "article.md"
SERVER = [sys.executable, "-m", "lintnews", "server", "--stdio"]
TIMEOUT = 60


def cli_findings(path: Path, *args: str) -> list[dict]:
    """What `lintnews --format json` reports for the file."""
    proc = run_cli("--format", "json", *args, str(path), cwd=path.parent)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return json.loads(proc.stdout)


def units_before(line_text: str, column: int, encoding: str) -> int:
    """The LSP character of a 1-based code-point column, counted here by encoding the text."""
    before = line_text[:column - 1]
    if encoding == "utf-8":
        return len(before.encode("utf-8"))
    if encoding == "utf-16":
        return len(before.encode("utf-16-le")) // 2
    return len(before)


@asynccontextmanager
async def session(root: Path, encodings=("utf-16",), options=None, applies_edits=None, configuration=True):
    """A started, initialized client whose server runs in `root`."""
    config = pytest_lsp.ClientServerConfig(server_command=SERVER)
    client = await config.start()
    if applies_edits is not None:
        client.feature(lsp.WORKSPACE_APPLY_EDIT)(applies_edits)
    capabilities = lsp.ClientCapabilities(
        general=lsp.GeneralClientCapabilities(position_encodings=list(encodings) if encodings else None),
        workspace=lsp.WorkspaceClientCapabilities(configuration=configuration, apply_edit=True),
        text_document=lsp.TextDocumentClientCapabilities(
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True),
            hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.Markdown])))
    try:
        result = await client.initialize_session(lsp.InitializeParams(
            capabilities=capabilities, root_uri=root.as_uri(), initialization_options=options))
        yield client, result
    finally:
        await client.shutdown_session()
        await client.stop()


async def open_and_wait(client, path: Path, text: str, language_id: str = "markdown", version: int = 1):
    """Open the document; the diagnostics the server then publishes for it."""
    uri = path.as_uri()
    waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language_id, version, text)))
    await asyncio.wait_for(waiting, TIMEOUT)
    return client.diagnostics[uri]


async def next_diagnostics(client, uri: str):
    await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), TIMEOUT)
    return client.diagnostics[uri]


def assert_same_as_cli(published, expected: list[dict], text: str, encoding: str) -> None:
    """The published diagnostics are the CLI's findings, one for one, at the same characters."""
    lines = text.splitlines()        # (the article has only \n line ends and no U+2028)
    assert len(published) == len(expected)
    for d, f in zip(published, expected):
        assert (d.code, d.message, d.source) == (f["code"], f["message"], "lintnews")
        assert d.severity == {"error": 1, "warning": 2, "info": 3}[f["severity"]]
        start = (f["line"] - 1, units_before(lines[f["line"] - 1], f["column"], encoding))
        end = (f["end_line"] - 1, units_before(lines[f["end_line"] - 1], f["end_column"], encoding))
        assert (d.range.start.line, d.range.start.character) == start, f
        assert (d.range.end.line, d.range.end.character) == end, f
        assert d.code_description.href.endswith(f"#{f['code'].lower()}-{f['name']}")


@pytest.mark.asyncio
@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
async def test_diagnostics_land_where_the_cli_reports_in_each_encoding(tmp_path, encoding):
    text = ARTICLE.read_text(encoding="utf-8")
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    expected = cli_findings(path)
    # the article is built so that positions differ between encodings: findings after emoji
    # (two UTF-16 units, four UTF-8 bytes) and after combining marks
    lines = text.splitlines()
    after_astral = [f for f in expected if any(ord(c) > 0xFFFF for c in lines[f["line"] - 1][:f["column"] - 1])]
    after_combining = [f for f in expected if "\u0302" in lines[f["line"] - 1][:f["column"] - 1]]
    assert len(after_astral) >= 3 and after_combining and {"LN101", "LN202", "LN501"} <= {f["code"] for f in expected}
    async with session(tmp_path, encodings=[encoding]) as (client, result):
        assert result.capabilities.position_encoding == encoding
        published = await open_and_wait(client, path, text)
    assert_same_as_cli(published, expected, text, encoding)


@pytest.mark.asyncio
async def test_utf16_is_the_default_when_the_client_offers_no_encoding(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    async with session(tmp_path, encodings=None) as (client, result):
        assert result.capabilities.position_encoding in (None, "utf-16")
        published = await open_and_wait(client, path, text)
    assert_same_as_cli(published, cli_findings(path), text, "utf-16")
