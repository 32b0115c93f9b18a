"""The built-in rule pack, `lintnews.rules`: a plugin like any other.

The engine registers this module by name through the same call it uses for third-party
packs; rule modules are imported only when the rules are asked for.
"""
from lintnews.hookspecs import hookimpl


@hookimpl
def lintnews_rules():
    from lintnews.rules.agreement import Agreement
    from lintnews.rules.appositive import UnclosedAppositive
    from lintnews.rules.balance import UnbalancedBracket, UnbalancedQuote
    from lintnews.rules.confusables import ConfusableWord
    from lintnews.rules.dates import WeekdayDate
    from lintnews.rules.house_style import StyleConsistency
    from lintnews.rules.indefinite_article import IndefiniteArticle
    from lintnews.rules.leftovers import Placeholder, StrayMetadata
    from lintnews.rules.mojibake import Mojibake
    from lintnews.rules.names import NameVariant, TruncatedName
    from lintnews.rules.possessive import MangledPossessive
    from lintnews.rules.punctuation import (DoubledPunctuation, DoubleSpace, LowercaseSentenceStart,
                                            SpaceBeforePunctuation)
    from lintnews.rules.quotes import UnattributedQuote, UnmarkedQuote
    from lintnews.rules.repeated_word import RepeatedWord
    from lintnews.rules.spelling import DialectSpelling, Misspelling
    from lintnews.rules.suppressions import InvalidSuppression
    from lintnews.rules.spacing import MissingSpaceAfterStop, SpaceInsideQuotes

    return [InvalidSuppression, RepeatedWord, IndefiniteArticle, MangledPossessive, DoubledPunctuation,
            SpaceBeforePunctuation, DoubleSpace, LowercaseSentenceStart, UnattributedQuote, UnmarkedQuote, Mojibake,
            StrayMetadata, Placeholder, UnbalancedQuote, UnbalancedBracket, UnclosedAppositive, WeekdayDate,
            StyleConsistency, NameVariant, TruncatedName, ConfusableWord, Agreement, SpaceInsideQuotes,
            MissingSpaceAfterStop, Misspelling, DialectSpelling]
