"""The whole plugin contract of lintnews: every hook a plugin may implement.

A plugin is any module (or object) with functions named after these hooks and marked with
`lintnews.hookimpl`. The built-in rule pack, the loaders and the reporters are plugins of
exactly this kind; a third-party pack is a distribution that declares

    [project.entry-points.lintnews]
    mypack = "mypack.plugin"

and is found when installed. Misspelled hook names are an error (`check_pending`); a
`lintnews_*` function without `@hookimpl` is never called, and a PluginWarning says so.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from lintnews.document import Document
    from lintnews.reporting.base import Reporter
    from lintnews.ruleset import Rule

PROJECT = "lintnews"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def lintnews_rules() -> Sequence[type[Rule]]:
    """Return the rule classes this plugin contributes.

    Called once, when the plugin manager is first asked for rules (the CLI does this at
    start-up, a Dask worker once per process). Import heavy rule modules inside the body,
    not at the top of the plugin module, so that `--version` stays fast.
    """


@hookspec
def lintnews_reporters() -> Mapping[str, type[Reporter]]:
    """Return output formats keyed by their `--format` name.

    Called once when the CLI resolves `--format`. A later plugin may replace a format of
    an earlier one by returning the same key. A reporter class is called with the output
    stream; then, if it has one, its `start(run)` method is called once with a
    `lintnews.reporters.Run` (the rules that ran, whether to colour); then `file(path,
    diagnostics, text)` for each file and `finish()` at the end; if it has one, its
    `problem(problem, file)` method is told of each `lintnews.diagnostics.Problem` (a
    file that could not be read, a rule that raised ...; `file` is None for the run as a
    whole). Subclass `lintnews.reporters.Reporter` to get all of them.
    """


@hookspec(firstresult=True)
def lintnews_load_document(path: str, text: str, options: Mapping[str, Any]) -> Document | None:
    """Build the Document for one decoded file, or return None to leave it to others.

    Called once per file (and per archive row) after decoding. `path` is the name used in
    reports; `options` holds the run's loader settings (for instance `date` from
    `--date`). The first non-None result wins; the built-in plain-text loader answers last,
    so a plugin can take over any kind of file by its name or content.
    """


@hookspec
def lintnews_article_extensions() -> Sequence[str]:
    """Return file-name extensions (with the dot: ".txt") this plugin can load.

    Called when a directory is searched for articles: files with one of the extensions
    that all plugins return are linted.
    """
