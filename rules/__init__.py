"""The built-in rule pack, `lintnews.rules`: a plugin like any other.

The engine registers this module by name through the same call it uses for third-party
packs; rule modules are imported only when the rules are asked for.
"""
from lintnews.hookspecs import hookimpl


@hookimpl
def lintnews_rules():
    from lintnews.rules.possessive import MangledPossessive
    from lintnews.rules.quotes import UnattributedQuote, UnmarkedQuote
    from lintnews.rules.repeated_word import RepeatedWord

    return [RepeatedWord, MangledPossessive, UnattributedQuote, UnmarkedQuote]
