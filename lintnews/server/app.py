"""The language server: pygls wiring between an editor's LSP client and the lintnews engine.

Documents are linted on open and save at once, and on change after a pause (`debounce`,
300 ms by default: a newer change cancels the run a former one scheduled); their findings
are published as diagnostics and cleared on close. Code actions offer each finding's fix,
a comment that suppresses it (Markdown and HTML), and every safe fix at once
(`source.fixAll.lintnews`, also the `lintnews.fixAll` command, which applies it through
workspace/applyEdit); hovering over a finding shows its rule's page.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol.language_server import LanguageServerProtocol, lsp_method

from lintnews import __version__
from lintnews.server.configs import Configurations, parse_settings
from lintnews.server.convert import FIX_ALL, Converter, hover_text
from lintnews.server.linting import Linted, article_path, lint, path_of
from lintnews.server.positions import UTF16, Lines, apply_change

log = logging.getLogger("lintnews.server")
DEBOUNCE_SECONDS = 0.3
FIX_ALL_COMMAND = "lintnews.fixAll"
PLACEHOLDER_DOCS = "https://example.org/newsroom/lintnews/blob/main/docs/rules.md"


@dataclass
class Open:
    """An open document as the client last sent it."""

    text: str
    version: int | None
    language_id: str | None


def default_docs_url() -> str:
    """docs/rules.md of this copy of lintnews where it has one (a git checkout), else the
    project's address."""
    from lintnews.docs import DOCS

    return DOCS.as_uri() if DOCS.is_file() else PLACEHOLDER_DOCS


class Protocol(LanguageServerProtocol):
    """pygls's protocol, less its own copy of each changed document: the server keeps its
    own (`Open`), with lines counted as LSP counts them. pygls's copy splits lines at U+2028
    and NEL too, and clamps the change's range in place to the line it thinks it is on,
    which moved the edit the server then applied."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None


class LintnewsServer(LanguageServer):
    """The server's state: open documents, their last lint, pending runs, configurations."""

    def __init__(self) -> None:
        super().__init__("lintnews", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=Protocol)
        self.documents: dict[str, Open] = {}
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.logged: dict[str, set[str]] = {}
        self.configs = Configurations(self.show_error)
        self.debounce = DEBOUNCE_SECONDS
        self.docs_url = default_docs_url()

    # ------------------------------------------------------------------ messages

    def show_error(self, message: str) -> None:
        log.warning("%s", message)
        self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"lintnews: {message}"))

    def log_once(self, uri: str, message: str) -> None:
        """A problem with one document, logged once while the document is open."""
        seen = self.logged.setdefault(uri, set())
        if message not in seen:
            seen.add(message)
            log.warning("%s", message)
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Warning, f"lintnews: {message}"))

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or UTF16
        return str(getattr(encoding, "value", encoding))

    # ------------------------------------------------------------------ linting

    def lint(self, uri: str) -> Linted | None:
        """The lint of the document's current version (made now, unless it is already made);
        None for a document that is not open or is no article."""
        doc = self.documents.get(uri)
        if doc is None:
            return None
        done = self.linted.get(uri)
        if done is not None and done.text is doc.text and done.version == doc.version:
            return done
        try:
            linter = self.configs.linter_for(path_of(uri) or str(Path.cwd() / "untitled"))
            path = article_path(uri, doc.language_id, linter.article_extensions())
            if path is None:
                return None
            linted = lint(linter, doc.text, path, doc.version)
        except Exception as exc:        # a bug of lintnews or of a plugin: say so, keep serving
            self.log_once(uri, f"{uri}: could not be linted: {type(exc).__name__}: {exc}")
            return None
        for problem in linted.problems:
            self.log_once(uri, problem)
        self.linted[uri] = linted
        return linted

    def publish(self, uri: str) -> None:
        linted = self.lint(uri)
        if uri not in self.documents:
            return
        diagnostics = Converter(linted, self.encoding, self.docs_url).diagnostics() if linted else []
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri, diagnostics, version=linted.version if linted else None))

    def schedule(self, uri: str, delay: float) -> None:
        """Lint and publish after `delay` seconds, replacing the run scheduled before."""
        self.cancel(uri)
        if delay <= 0:
            self.publish(uri)
            return
        self.pending[uri] = asyncio.get_running_loop().create_task(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        self.pending.pop(uri, None)
        self.publish(uri)

    def cancel(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    def relint_all(self) -> None:
        self.linted.clear()
        for uri in list(self.documents):
            self.schedule(uri, 0)

    def apply_settings(self, raw: Any) -> None:
        settings, errors = parse_settings(raw)
        for error in errors:
            self.show_error(error)
        self.configs.set_settings(settings)

    def converter(self, uri: str) -> Converter | None:
        linted = self.lint(uri)
        return Converter(linted, self.encoding, self.docs_url) if linted else None


server = LintnewsServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: LintnewsServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    settings = options.get("settings", options)
    ls.apply_settings(settings)
    debounce = options.get("debounce")
    if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
        ls.debounce = debounce / 1000
    if isinstance(options.get("docsUrl"), str):
        ls.docs_url = options["docsUrl"]


@server.feature(lsp.INITIALIZED)
async def initialized(ls: LintnewsServer, params: lsp.InitializedParams) -> None:
    caps = ls.client_capabilities.workspace
    watch = caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration
    if watch:
        watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in ("**/lintnews.toml", "**/pyproject.toml")]
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams([lsp.Registration(
                "lintnews-configuration", lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                lsp.DidChangeWatchedFilesRegistrationOptions(watchers))]))
        except Exception as exc:        # (a client that says it can and then cannot: the
            log.warning("could not watch configuration files: %s", exc)     # stamps still work)
    await pull_settings(ls)


async def pull_settings(ls: LintnewsServer) -> None:
    """The client's `lintnews` settings, where it answers workspace/configuration."""
    caps = ls.client_capabilities.workspace
    if not (caps and caps.configuration):
        return
    try:
        answer = await ls.workspace_configuration_async(lsp.ConfigurationParams([lsp.ConfigurationItem(
            section="lintnews")]))
    except Exception as exc:
        log.warning("could not read the client's settings: %s", exc)
        return
    if answer and isinstance(answer[0], dict) and answer[0]:
        ls.apply_settings(answer[0])
        ls.relint_all()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LintnewsServer, params: lsp.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    ls.documents[doc.uri] = Open(doc.text, doc.version, doc.language_id)
    ls.schedule(doc.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LintnewsServer, params: lsp.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    doc = ls.documents.get(uri)
    if doc is None:
        return
    text = doc.text
    for change in params.content_changes:
        if isinstance(change, lsp.TextDocumentContentChangePartial):
            r = change.range
            text = apply_change(text, (r.start.line, r.start.character), (r.end.line, r.end.character),
                                change.text, ls.encoding)
        else:
            text = change.text
    doc.text, doc.version = text, params.text_document.version
    ls.schedule(uri, ls.debounce)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
def did_save(ls: LintnewsServer, params: lsp.DidSaveTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    if path and ls.configs.is_configuration(path):
        ls.configs.reload()
        ls.relint_all()
    elif params.text_document.uri in ls.documents:
        ls.schedule(params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LintnewsServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel(uri)
    ls.documents.pop(uri, None)
    ls.linted.pop(uri, None)
    ls.logged.pop(uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: LintnewsServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    ls.configs.reload()
    ls.relint_all()


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: LintnewsServer, params: lsp.DidChangeConfigurationParams) -> None:
    caps = ls.client_capabilities.workspace
    if caps and caps.configuration:
        await pull_settings(ls)
        return
    ls.apply_settings(params.settings)
    ls.relint_all()


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]))
def code_action(ls: LintnewsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    uri = params.text_document.uri
    conv = ls.converter(uri)
    if conv is None:
        return None
    only = params.context.only
    actions: list[lsp.CodeAction] = []
    if not only or any(lsp.CodeActionKind.QuickFix.value.startswith(k) for k in only):
        start = conv.lines.offset(params.range.start.line, params.range.start.character, conv.encoding)
        end = conv.lines.offset(params.range.end.line, params.range.end.character, conv.encoding)
        for d in conv.at(start, end):
            actions += conv.quick_fixes(uri, d)
    if not only or any(FIX_ALL.startswith(k) for k in only):
        edits = fix_all_edits(ls, uri, conv)
        if edits:
            actions.append(lsp.CodeAction("lintnews: fix all safe findings", kind=FIX_ALL,
                                          edit=lsp.WorkspaceEdit(changes={uri: edits})))
    return actions


def fix_all_edits(ls: LintnewsServer, uri: str, conv: Converter) -> list[lsp.TextEdit]:
    """The edit that applies every safe fix to the document (none if there is none)."""
    linted = conv.linted
    if not any(d.fix is not None and d.fix.applicability.value == "safe" for d in linted.diagnostics):
        return []
    outcome = linted.linter.fix_text(linted.text, linted.path)
    return conv.whole_edit(outcome.text)


@server.command(FIX_ALL_COMMAND)
async def fix_all_command(ls: LintnewsServer, *args) -> bool:
    """Apply every safe fix to the document named by the first argument (its URI, or
    {"uri": ...}) through workspace/applyEdit; whether the client applied it."""
    first = args[0] if args else None
    if isinstance(first, list) and first:      # (clients differ in how they pass arguments)
        first = first[0]
    uri = first.get("uri") if isinstance(first, dict) else first
    conv = ls.converter(uri) if isinstance(uri, str) else None
    if conv is None:
        return False
    edits = fix_all_edits(ls, uri, conv)
    if not edits:
        return True
    answer = await ls.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(
        lsp.WorkspaceEdit(changes={uri: edits}), label="lintnews: fix all safe findings"))
    return bool(answer and answer.applied)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: LintnewsServer, params: lsp.HoverParams) -> lsp.Hover | None:
    conv = ls.converter(params.text_document.uri)
    if conv is None:
        return None
    offset = conv.lines.offset(params.position.line, params.position.character, conv.encoding)
    found = conv.at(offset, offset)
    text = hover_text(conv.linted.linter.available_rules(), [d.code for d in found])
    if not text:
        return None
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text), range=conv.range(*conv.span(found[0])))
