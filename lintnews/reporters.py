"""The reporter classes under the name plugins import them by (`lintnews.reporters.Reporter`);
they live in `lintnews.reporting`."""
from lintnews.reporting.base import Reporter, Run, json_text, paint, printable, safely_fixable, wants_color, write_json
from lintnews.reporting.simple import GithubReporter, JsonReporter, StatisticsReporter, TextReporter

__all__ = ["Reporter", "Run", "json_text", "paint", "printable", "safely_fixable", "wants_color", "write_json",
           "GithubReporter", "JsonReporter", "StatisticsReporter", "TextReporter"]
