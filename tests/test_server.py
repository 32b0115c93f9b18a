"""`lintnews server` end to end: a real LSP client (pytest-lsp) talks to the server over stdio.

The findings the server publishes are compared with what `lintnews --format json` reports
for the same text: the same codes, messages and severities, at the same characters, in each
position encoding (UTF-16, UTF-8, UTF-32) on a line with emoji and combining marks.
"""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
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
async def session(root: Path, encodings=("utf-16",), options=None, applies_edits=None, configuration=True,
                  settings=None, env=None):
    """A started, initialized client (its `settings` answer workspace/configuration for the
    "lintnews" section; `env` is added to the server's environment)."""
    config = pytest_lsp.ClientServerConfig(server_command=SERVER, server_env={**os.environ, **(env or {})})
    client = await config.start()
    if settings is not None:
        client.set_configuration(settings, section="lintnews")
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
    uri = path if isinstance(path, str) else path.as_uri()
    client.diagnostics.pop(uri, None)
    waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language_id, version, text)))
    await asyncio.wait_for(waiting, TIMEOUT)
    while uri not in client.diagnostics:        # (another document's came first)
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


def offset_of(text: str, position: lsp.Position) -> int:
    """The code-point offset of a UTF-16 LSP position in a text with "\\n" line ends."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[:position.line])
    units = lines[position.line].encode("utf-16-le")[:2 * position.character]
    return before + len(units.decode("utf-16-le"))


def apply_edits(text: str, edits) -> str:
    """What an editor does with a list of TextEdits (UTF-16 positions, none overlapping)."""
    spans = sorted(((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def change(client, uri: str, version: int, edits) -> None:
    """Send the edits as an incremental didChange (each range as the text stood before it)."""
    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
        [lsp.TextDocumentContentChangePartial(e.range, e.new_text) for e in ordered]))


def position_of(text: str, needle: str) -> lsp.Position:
    """The UTF-16 position of the first `needle` in `text`."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return lsp.Position(line, len(text[start:offset].encode("utf-16-le")) // 2)


@pytest.mark.asyncio
async def test_edit_fix_hover_and_close_as_an_editor_does(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    applied = []

    def apply_edit(params: lsp.ApplyWorkspaceEditParams) -> lsp.ApplyWorkspaceEditResult:
        applied.append(params.edit)
        return lsp.ApplyWorkspaceEditResult(applied=True)

    async with session(tmp_path, applies_edits=apply_edit) as (client, _):
        # open: the CLI's findings, front matter title included
        published = await open_and_wait(client, path, text)
        assert_same_as_cli(published, cli_findings(path), text, "utf-16")
        assert published[0].range.start.line == 1 and published[0].code == "LN101"     # (the title)

        # edit: type a new defect ("a a") into the last paragraph; the new text's findings follow
        where = position_of(text, "fish market")
        edit = lsp.TextEdit(lsp.Range(where, where), "a a ")
        waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        change(client, uri, 2, [edit])
        text = apply_edits(text, [edit])
        await asyncio.wait_for(waiting, TIMEOUT)
        path.write_text(text, encoding="utf-8")
        expected = cli_findings(path)
        assert len(expected) == len(published) + 1
        assert_same_as_cli(client.diagnostics[uri], expected, text, "utf-16")

        # quick fix: the code action at the mojibake, applied as the editor applies it
        mojibake = next(d for d in client.diagnostics[uri] if d.code == "LN501")
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), mojibake.range, lsp.CodeActionContext([mojibake])))
        fixes = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix and a.is_preferred]
        assert [a.title for a in fixes] == ["LN501: write 'é'"]
        suppress = [a for a in actions if "suppress" in a.title]
        assert len(suppress) == 1
        waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        change(client, uri, 3, fixes[0].edit.changes[uri])
        text = apply_edits(text, fixes[0].edit.changes[uri])
        assert "café 🧑🏽‍🚒 on the quay" in text
        await asyncio.wait_for(waiting, TIMEOUT)
        assert "LN501" not in {d.code for d in client.diagnostics[uri]}
        path.write_text(text, encoding="utf-8")
        assert_same_as_cli(client.diagnostics[uri], cli_findings(path), text, "utf-16")

        # suppress: the comment the code action inserts silences the finding, for the CLI too
        repeat = next(d for d in client.diagnostics[uri] if d.code == "LN101" and d.range.start.line > 10)
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), repeat.range, lsp.CodeActionContext([repeat])))
        suppress = next(a for a in actions if a.title == "LN101: suppress this finding here")
        waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        change(client, uri, 4, suppress.edit.changes[uri])
        text = apply_edits(text, suppress.edit.changes[uri])
        await asyncio.wait_for(waiting, TIMEOUT)
        path.write_text(text, encoding="utf-8")
        expected = cli_findings(path)
        assert repeat.range.start.line not in {f["line"] - 1 for f in expected if f["code"] == "LN101"}
        assert_same_as_cli(client.diagnostics[uri], expected, text, "utf-16")

        # hover: the rule's page, as `lintnews --explain` prints it
        placeholder = next(d for d in client.diagnostics[uri] if d.code == "LN503")
        answer = await client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), placeholder.range.start))
        explained = run_cli("--explain", "LN503").stdout.decode()
        assert answer.contents.kind == lsp.MarkupKind.Markdown
        assert answer.contents.value == explained
        nothing = await client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(6, 0)))
        assert nothing is None

        # fix all: the command applies every safe fix through workspace/applyEdit
        assert await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
            "lintnews.fixAll", [uri])) is True
        assert len(applied) == 1
        fixed = apply_edits(text, applied[0].changes[uri])
        path.write_text(text, encoding="utf-8")
        assert run_cli("--fix", "--isolated", str(path)).returncode in (0, 1)
        assert fixed == path.read_text(encoding="utf-8")
        assert fixed != text

        # close: the diagnostics are cleared
        waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
        await asyncio.wait_for(waiting, TIMEOUT)
        assert list(client.diagnostics[uri]) == []


def test_plain_lintnews_never_imports_the_language_server(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nThe the cat sat.\n", encoding="utf-8")
    for args in (["--version"], [str(article)], ["--format", "json", str(article)]):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "lintnews", *args], capture_output=True,
                              cwd=tmp_path, timeout=120)
        imported = proc.stderr.decode()
        assert "lintnews.cli" in imported      # (the import log is there to be read)
        assert "pygls" not in imported and "lsprotocol" not in imported and "lintnews.server" not in imported


def test_server_without_the_extra_says_what_to_install(tmp_path):
    blocker = tmp_path / "site"
    blocker.mkdir()
    (blocker / "pygls").mkdir()
    (blocker / "pygls" / "__init__.py").write_text("raise ImportError('no pygls here', name='pygls')\n")
    proc = subprocess.run(SERVER, capture_output=True, cwd=tmp_path, timeout=120, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONPATH": str(blocker)})
    assert proc.returncode == 2
    assert "pip install 'lintnews[server]'" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


@pytest.mark.asyncio
async def test_incremental_edits_after_crlf_line_ends_and_unicode_line_separators(tmp_path):
    # LSP lines end at \r\n, \r and \n only: U+2028 and NEL stay inside their line, for the
    # server's copy of the text as for the CLI's line numbers
    text = ("Headline with \u2028 a separator and \x85 a NEL 🎉\r\n\r\n"
            "The mayor 👍🏽 said the the budget\u2028 was fine.\r\n\rShe left.\n")
    path = tmp_path / "story.txt"
    uri = path.as_uri()
    async with session(tmp_path) as (client, _):
        await open_and_wait(client, path, text, "plaintext")
        # type "it it " at the start of "was fine" (line 2, after the separator), in UTF-16 units
        line = text.split("\r\n")[2]
        where = lsp.Position(2, len(line[:line.index("was")].encode("utf-16-le")) // 2)
        waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=2, uri=uri),
            [lsp.TextDocumentContentChangePartial(lsp.Range(where, where), "it it ")]))
        await asyncio.wait_for(waiting, TIMEOUT)
        published = client.diagnostics[uri]
    text = text.replace("was fine", "it it was fine")
    path.write_bytes(text.encode("utf-8"))
    expected = cli_findings(path)
    assert [f["code"] for f in expected].count("LN101") == 2
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert len(published) == len(expected), (published, expected)
    for d, f in zip(published, expected):
        assert d.code == f["code"], (published, expected)
        assert (d.range.start.line, d.range.start.character) == (
            f["line"] - 1, units_before(lines[f["line"] - 1], f["column"], "utf-16"))
        assert (d.range.end.line, d.range.end.character) == (
            f["end_line"] - 1, units_before(lines[f["end_line"] - 1], f["end_column"], "utf-16"))
