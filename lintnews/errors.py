"""Exceptions that end in a one-line message and exit code 2, never in a traceback."""


class LintnewsError(Exception):
    """Base class: its message is shown to the user as it is."""


class ConfigError(LintnewsError):
    """A configuration file or option is wrong (unknown key, wrong type, unknown rule)."""


class UsageError(LintnewsError):
    """The command line asks for something that cannot be done."""


class InputError(LintnewsError):
    """A file cannot be read as text: missing, unreadable, binary, badly encoded, too big."""


class WriteError(LintnewsError):
    """A fixed file cannot be written back safely (changed on disk, read-only, unencodable)."""


class PluginWarning(UserWarning):
    """A plugin that loads but looks wrong (a `lintnews_*` function without @hookimpl)."""
