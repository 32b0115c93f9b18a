"""The plugin that registers the built-in output formats under their --format names."""
from __future__ import annotations

from lintnews.hookspecs import hookimpl
from lintnews.reporting.simple import GithubReporter, JsonReporter, TextReporter


@hookimpl
def lintnews_reporters():
    from lintnews.reporting.full import FullReporter
    from lintnews.reporting.html import HtmlReporter
    from lintnews.reporting.junit import JunitReporter
    from lintnews.reporting.sarif import SarifReporter

    return {"text": TextReporter, "full": FullReporter, "json": JsonReporter, "sarif": SarifReporter,
            "github": GithubReporter, "junit": JunitReporter, "html": HtmlReporter}
