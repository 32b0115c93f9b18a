"""The plugin manager: built-in plugins and the `lintnews` entry-point group, loaded alike.

A plugin that fails to import or to register is recorded as a Problem (which plugin, what
went wrong) and the others still load; the engine reports the problems and the exit code
says so. Nothing is skipped silently.
"""
from __future__ import annotations

import importlib
import inspect
import warnings
from dataclasses import dataclass, field

import pluggy

from lintnews import hookspecs
from lintnews.diagnostics import Problem
from lintnews.entry_points import entry_points
from lintnews.errors import PluginWarning
from lintnews.ruleset import Rule

# The built-in plugins, registered through the same call as third-party ones. The plain
# text loader is registered first so that it is called last (pluggy calls LIFO).
BUILTIN_PLUGINS = (
    "lintnews.loaders",
    "lintnews.reporting.plugin",
    "lintnews.rules",
)
ENTRY_POINT_GROUP = "lintnews"


@dataclass
class Plugins:
    """A ready plugin manager, the rules it offers, and what went wrong while loading."""

    manager: pluggy.PluginManager
    problems: list[Problem] = field(default_factory=list)
    _rules: list[type[Rule]] | None = None

    @property
    def hook(self):
        return self.manager.hook

    def rules(self) -> list[type[Rule]]:
        """Every rule class of every plugin, in code order (collected once)."""
        if self._rules is None:
            self._rules = self._collect_rules()
        return self._rules

    def _collect_rules(self) -> list[type[Rule]]:
        found: dict[str, type[Rule]] = {}
        impls = self.manager.hook.lintnews_rules.get_hookimpls()
        for impl in impls:
            plugin_name = self.manager.get_name(impl.plugin) or impl.plugin_name
            try:
                classes = list(impl.function() or ())
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # a plugin's own bug, whatever it raises: report it, keep the others
                self.problems.append(Problem("plugin", plugin_name, f"plugin {plugin_name!r} failed to list "
                                             f"its rules: {type(exc).__name__}: {exc}"))
                continue
            for cls in classes:
                bad = cls.problems() if isinstance(cls, type) and issubclass(cls, Rule) else ["not a Rule subclass"]
                if bad:
                    self.problems.append(Problem("plugin", plugin_name,
                                                 f"plugin {plugin_name!r}: rule {cls!r}: {'; '.join(bad)}"))
                    continue
                clash = found.get(cls.code) or next((r for r in found.values() if r.name == cls.name), None)
                if clash is not None and clash is not cls:
                    self.problems.append(Problem("plugin", plugin_name, (
                        f"plugin {plugin_name!r}: rule {cls.code} {cls.name} clashes with "
                        f"{clash.code} {clash.name} of plugin {clash.plugin!r}; ignored")))
                    continue
                cls.plugin = plugin_name
                found[cls.code] = cls
        return sorted(found.values(), key=lambda r: r.code)


def load_plugins(*, builtins: tuple[str, ...] = BUILTIN_PLUGINS, entry_point_group: str | None = ENTRY_POINT_GROUP,
                 extra: tuple[object, ...] = ()) -> Plugins:
    """A plugin manager with the built-ins, the installed entry points and `extra` objects."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    for module_name in builtins:
        _register(plugins, module_name, lambda m=module_name: importlib.import_module(m))
    if entry_point_group:
        for ep in sorted(entry_points(group=entry_point_group), key=lambda e: e.name):
            if pm.has_plugin(ep.name) or pm.is_blocked(ep.name):
                continue
            dist = f" (from {ep.dist.name} {ep.dist.version})" if ep.dist else ""
            _register(plugins, ep.name, ep.load, source=f"{ep.value}{dist}")
    for obj in extra:
        _register(plugins, None, lambda o=obj: o)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        plugins.problems.append(Problem("plugin", str(exc.plugin), f"plugin error: {exc}"))
    return plugins


def _register(plugins: Plugins, name: str | None, load, source: str = "") -> None:
    label = name or "<object>"
    try:
        plugin = load()
        plugins.manager.register(plugin, name=name)
        for name, function in unmarked_hooks(plugin):
            code = getattr(function, "__code__", None)      # (the warning points at the function)
            warnings.warn_explicit(f"plugin {label!r}: {name}() is not marked @lintnews.hookimpl, so lintnews "
                                   f"never calls it: add the decorator", PluginWarning,
                                   code.co_filename if code else "<plugin>", code.co_firstlineno if code else 0)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:        # (SystemExit at import too: the plugin is left out, not the run)
        where = f" [{source}]" if source else ""
        plugins.problems.append(Problem("plugin", label, (
            f"plugin {label!r}{where} failed to load: {type(exc).__name__}: {exc}")))


def unmarked_hooks(plugin: object) -> list[tuple[str, object]]:
    """The plugin's `lintnews_*` functions that lack `@lintnews.hookimpl` (pluggy passes over
    them without a word), with their names."""
    marker = f"{hookspecs.PROJECT}_impl"
    found = []
    for name in dir(plugin):
        if name.startswith(f"{hookspecs.PROJECT}_"):
            value = inspect.getattr_static(plugin, name, None)
            value = getattr(value, "__func__", value)      # (a static or class method)
            if callable(value) and not hasattr(value, marker):
                found.append((name, value))
    return found
