"""`lintnews server` under trouble and with configuration: the nearest configuration file
(reloaded when it changes), the client's settings, a wrong configuration, a rule that raises,
binary and oversized documents, a document closed while it is linted, a client that goes."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import pytest

pytest.importorskip("pygls", reason="the language server needs the `server` extra (pygls)")
pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")
from lsprotocol import types as lsp  # noqa: E402

from tests.conftest import run_cli  # noqa: E402
from tests.test_server import ARTICLE, SERVER, TIMEOUT, assert_same_as_cli, cli_findings, open_and_wait, session  # noqa: E402

PROBE = '''
import time

import lintnews
from lintnews import Rule


class Probe(Rule):
    """A rule that misbehaves on cue, for the server's tests.

    ## Why it matters
    It does not.
    ## Example
    detonate
    ## Use instead
    anything else
    """

    code = "XN901"
    name = "server-probe"

    def check(self, doc):
        if "detonate" in doc.text:
            raise ValueError("the probe went off")
        if "linger" in doc.text:
            time.sleep(1.5)
        return ()


@lintnews.hookimpl
def lintnews_rules():
    return [Probe]
'''


@pytest.fixture
def probe_site(tmp_path):
    """A folder for PYTHONPATH holding a plugin pack with the probe rule."""
    site = tmp_path / "site"
    (site / "server_probe").mkdir(parents=True)
    (site / "server_probe" / "__init__.py").write_text(PROBE, encoding="utf-8")
    info = site / "server_probe-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: server-probe\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[lintnews]\nserver-probe = server_probe\n", encoding="utf-8")
    return site


def codes(diagnostics) -> set[str]:
    return {d.code for d in diagnostics}


async def touch(client, uri: str, version: int):
    """An edit that changes nothing (an empty insertion), and the diagnostics that follow it."""
    waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    here = lsp.Position(0, 0)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
        [lsp.TextDocumentContentChangePartial(lsp.Range(here, here), "")]))
    await asyncio.wait_for(waiting, TIMEOUT)
    return client.diagnostics[uri]


@pytest.mark.asyncio
async def test_nearest_configuration_is_used_and_reloaded_and_a_wrong_one_falls_back(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    (tmp_path / "desk").mkdir()
    path = tmp_path / "desk" / "article.md"
    path.write_text(text, encoding="utf-8")
    config = tmp_path / "lintnews.toml"
    config.write_text('ignore = ["LN501"]\n', encoding="utf-8")
    uri = path.as_uri()
    async with session(tmp_path) as (client, _):
        published = await open_and_wait(client, path, text)
        assert "LN501" not in codes(published) and "LN101" in codes(published)
        assert_same_as_cli(published, cli_findings(path), text, "utf-16")

        # the client says the file changed
        config.write_text('ignore = ["LN101"]\n', encoding="utf-8")
        waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Changed)]))
        await asyncio.wait_for(waiting, TIMEOUT)
        assert "LN101" not in codes(client.diagnostics[uri]) and "LN501" in codes(client.diagnostics[uri])
        assert_same_as_cli(client.diagnostics[uri], cli_findings(path), text, "utf-16")

        # ... or does not: the next lint sees the change on disk all the same
        config.write_text('ignore = ["LN202", "LN209"]\n', encoding="utf-8")
        published = await touch(client, uri, 2)
        assert not codes(published) & {"LN202", "LN209"} and "LN101" in codes(published)
        assert_same_as_cli(published, cli_findings(path), text, "utf-16")

        # a wrong configuration: one error message, and the defaults meanwhile
        config.write_text('ignore = ["LN202"\n', encoding="utf-8")
        published = await touch(client, uri, 3)
        errors = [m for m in client.messages if m.type == lsp.MessageType.Error]
        assert len(errors) == 1 and "lintnews.toml" in errors[0].message and "invalid TOML" in errors[0].message
        assert_same_as_cli(published, cli_findings(path, "--isolated"), text, "utf-16")
        await touch(client, uri, 4)
        assert len([m for m in client.messages if m.type == lsp.MessageType.Error]) == 1     # (said once)

        # put right, it is used again
        config.write_text('ignore = ["LN503"]\n', encoding="utf-8")
        published = await touch(client, uri, 5)
        assert "LN503" not in codes(published)
        assert_same_as_cli(published, cli_findings(path), text, "utf-16")


@pytest.mark.asyncio
async def test_client_settings_go_on_top_of_the_configuration(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    # given at initialize
    async with session(tmp_path, options={"settings": {"ignore": ["LN101"]}}, configuration=False) as (client, _):
        published = await open_and_wait(client, path, text)
    assert "LN101" not in codes(published)
    assert_same_as_cli(published, cli_findings(path, "--ignore", "LN101"), text, "utf-16")

    # asked for with workspace/configuration, and again when the client says they changed
    async with session(tmp_path, settings={"select": ["LN5"]}) as (client, _):
        await asyncio.sleep(0.5)            # (the server asks for them once initialized)
        published = await open_and_wait(client, path, text)
        assert codes(published) == {"LN501", "LN503"}
        assert_same_as_cli(published, cli_findings(path, "--select", "LN5"), text, "utf-16")
        client.set_configuration({"select": ["LN2"], "extend-select": ["LN503"]}, section="lintnews")
        waiting = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
        await asyncio.wait_for(waiting, TIMEOUT)
        assert codes(client.diagnostics[uri]) == {"LN202", "LN209", "LN503"}
        assert_same_as_cli(client.diagnostics[uri], cli_findings(path, "--select", "LN2", "--extend-select", "LN503"),
                           text, "utf-16")

    # a setting naming no rule: an error message, and the configuration without the settings
    async with session(tmp_path, options={"settings": {"select": ["LN9999"]}}, configuration=False) as (client, _):
        published = await open_and_wait(client, path, text)
        assert any("LN9999" in m.message for m in client.messages if m.type == lsp.MessageType.Error)
    assert_same_as_cli(published, cli_findings(path), text, "utf-16")


@pytest.mark.asyncio
async def test_a_rule_that_raises_is_logged_once_and_the_others_still_report(tmp_path, probe_site):
    text = ARTICLE.read_text(encoding="utf-8") + "\nThe charge did not detonate.\n"
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    env = {"PYTHONPATH": str(probe_site)}
    async with session(tmp_path, env=env) as (client, _):
        published = await open_and_wait(client, path, text)
        await touch(client, path.as_uri(), 2)
    failures = [m.message for m in client.log_messages if "XN901" in m.message]
    assert len(failures) == 1 and "the probe went off" in failures[0]
    proc = run_cli("--format", "json", str(path), cwd=tmp_path, env=env)
    assert proc.returncode == 2 and "XN901" in proc.stderr.decode()     # (the CLI reports it too)
    expected = json.loads(proc.stdout)
    assert expected and "LN101" in codes(published)
    assert_same_as_cli(published, expected, text, "utf-16")


@pytest.mark.asyncio
async def test_binary_and_oversized_documents_are_not_linted_and_the_server_goes_on(tmp_path):
    (tmp_path / "lintnews.toml").write_text("max-file-size = 2000\n", encoding="utf-8")
    text = ARTICLE.read_text(encoding="utf-8")
    assert len(text.encode()) < 2000 < len(text.encode()) * 5
    async with session(tmp_path) as (client, _):
        binary = await open_and_wait(client, tmp_path / "binary.txt", "The the\x00\x01 cat")
        huge = await open_and_wait(client, tmp_path / "huge.md", text * 5)
        normal = await open_and_wait(client, tmp_path / "article.md", text)
    assert list(binary) == [] and list(huge) == []
    (tmp_path / "huge.md").write_text(text * 5, encoding="utf-8")
    assert "over the limit of 2,000" in run_cli(str(tmp_path / "huge.md"), cwd=tmp_path).stderr.decode()
    logged = " ".join(m.message for m in client.log_messages)
    assert "binary" in logged and "max-file-size" in logged
    assert "LN101" in codes(normal)


@pytest.mark.asyncio
async def test_a_document_closed_while_it_is_linted_ends_with_no_diagnostics(tmp_path, probe_site):
    text = "Residents said they would linger linger by the quay.\n"
    path = tmp_path / "slow.txt"
    uri = path.as_uri()
    async with session(tmp_path, env={"PYTHONPATH": str(probe_site)}) as (client, _):
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "plaintext", 1, text)))
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
        other = await open_and_wait(client, tmp_path / "other.txt", "The the cat sat.\n", "plaintext")
        assert codes(other) == {"LN101"}
        assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_documents_by_extension_and_by_language_id(tmp_path):
    async with session(tmp_path) as (client, _):
        plain = await open_and_wait(client, tmp_path / "story.txt", "The the cat sat.\n", "plaintext")
        untitled = "untitled:Untitled-1"
        notes = await open_and_wait(client, untitled, "# Notes\n\nThe the cat sat.\n")
        code = await open_and_wait(client, tmp_path / "tool.py", "x = 'the the'\n", "python")
    assert codes(plain) == {"LN101"} and codes(notes) == {"LN101"}
    assert list(code) == []


def test_a_client_that_goes_away_ends_the_server_cleanly(tmp_path):
    proc = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=tmp_path)
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": None, "rootUri": None, "capabilities": {}}}).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    proc.stdin.flush()
    header = proc.stdout.readline()
    assert header.startswith(b"Content-Length:")
    proc.stdin.write(b"Content-Length: 500\r\n\r\n{\"jsonrpc\"")     # (and it goes mid-message)
    proc.stdin.close()
    started = time.monotonic()
    try:
        proc.wait(timeout=30)
    finally:
        proc.kill()
    stderr = proc.stderr.read().decode()
    assert time.monotonic() - started < 30
    assert "Traceback" not in stderr, stderr
    assert len(stderr.splitlines()) <= 2, stderr
