"""lintnews: a pluggable linter for news copy.

The public API (imported lazily, so that `lintnews --version` stays fast):

    lint_string(text, path="<string>") -> Result
    lint_file(path) -> Result
    list_rules() -> list of rule classes
    Linter(config) -- the same, with a chosen configuration, built once and reused

and what a rule pack needs, in one import:

    from lintnews import Rule, Finding, Fix, Edit, hookimpl

(`lintnews.testing` holds the kit to test such rules.)
"""
__version__ = "0.1.0"

__all__ = ["Linter", "Result", "lint_string", "lint_file", "list_rules", "hookimpl", "Rule", "Finding", "Fix",
           "Edit", "Applicability", "Document", "Config", "__version__"]

_LAZY = {
    "Linter": "lintnews.engine", "Result": "lintnews.engine", "lint_string": "lintnews.engine",
    "lint_file": "lintnews.engine", "list_rules": "lintnews.engine", "hookimpl": "lintnews.hookspecs",
    "Rule": "lintnews.ruleset", "Finding": "lintnews.diagnostics", "Fix": "lintnews.diagnostics",
    "Edit": "lintnews.diagnostics", "Applicability": "lintnews.diagnostics",
    "Document": "lintnews.document", "Config": "lintnews.config",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'lintnews' has no attribute {name!r}")
