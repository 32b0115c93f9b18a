"""Made-up news articles for the archive tests, composed from sentences written for them.

`articles(n, seed)` gives n (id, text, kind) triples: local-government and business
stories about invented people and places, some with planted defects (a doubled word, a
quotation that never closes, a mangled possessive, stray spaces and punctuation, a
placeholder, a sentence starting in lower case), some with CRLF line ends, some as
Markdown. The same seed gives the same articles.
"""
from __future__ import annotations

import random

PEOPLE = [("Marta", "Kowalczyk"), ("Tobias", "Brennan"), ("Priya", "Nandakumar"), ("Oluwaseun", "Adeyemi"),
          ("Ingrid", "Solberg"), ("Hector", "Villanueva"), ("Fiona", "McAllister"), ("Kenji", "Moriyama"),
          ("Rosa", "Delacroix"), ("Callum", "Whitlock"), ("Amara", "Osei"), ("Lukas", "Hartmann")]
PLACES = ["Eastbrook", "Port Callow", "Wrenfield", "Marston Vale", "Kilbride Cross", "Harlow Quay", "Ashby Fen"]
BODIES = ["the district council", "the harbour board", "the regional transport authority",
          "the water company", "the county health trust", "the chamber of commerce"]
ROLES = ["a spokeswoman for", "the finance director of", "a senior engineer at", "the chair of",
         "a spokesman for"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "April", "June", "September", "November"]

LEADS = [
    "{body_cap} in {place} approved a {money} million pound plan on {weekday} to rebuild the old bus depot.",
    "Plans to close the library in {place} were put on hold after a petition gathered {count} signatures.",
    "Work on the new flood wall at {place} will start in {month}, {body} said on {weekday}.",
    "Shops in the centre of {place} reported their busiest weekend since the bypass opened.",
    "A review of school transport in {place} has found that {pct}% of routes run late at least once a week.",
]
BODY = [
    "The scheme had been delayed twice since the spring because of rising costs.",
    "Residents packed the hall for the meeting, and some were turned away at the door.",
    "According to {first} {last}, {role} {body}, the budget has grown by {pct}% in two years.",
    "{last} said the figures would be checked again before the final vote in {month}.",
    "Opponents argue that the money would be better spent on repairing existing roads.",
    "The last time a project of this size was attempted in {place}, it ran over budget by a third.",
    "Traders on the high street said they had not been asked for their views.",
    "A second consultation will open next month and run for six weeks.",
    "Figures published on {weekday} show that visitor numbers fell in the winter and recovered in {month}.",
    "The council has set aside {money} million pounds for the first phase of the work.",
]
QUOTES = [
    "\u201cWe have waited a long time for this decision,\u201d said {first} {last}, {role} {body}.",
    "\u201cThe numbers simply do not add up,\u201d {last} told the meeting.",
    "{first} {last}, {role} {body}, said: \u201cOur priority is to keep the service running.\u201d",
    "\"It is the right plan at the right time,\" said {last}.",
]
CLOSERS = [
    "The council will publish its full response by the end of {month}.",
    "A decision on the second phase is expected later in the year.",
    "Further details are due to be released on {weekday}.",
]


def _fill(template: str, rng: random.Random, person: tuple[str, str], place: str, body: str) -> str:
    return template.format(
        first=person[0], last=person[1], place=place, body=body, body_cap=body[0].upper() + body[1:],
        role=rng.choice(ROLES), weekday=rng.choice(WEEKDAYS), month=rng.choice(MONTHS),
        money=rng.randint(2, 90), count=f"{rng.randint(1, 40) * 250:,}", pct=rng.randint(3, 60))


# Planted defects: (what a paragraph must contain, how to spoil it).
DEFECTS = [
    (" the ", lambda p, last: p.replace(" the ", " the the ", 1)),                   # a doubled word
    ("\u201d", lambda p, last: p.replace("\u201d", "", 1)),                          # a quote never closed
    ("", lambda p, last: p + f" {last} 's office declined to comment."),             # a mangled possessive
    ("", lambda p, last: p + f" The {last}'s's report was not published."),
    (", ", lambda p, last: p.replace(", ", ",, ", 1)),                                # doubled punctuation
    (".", lambda p, last: p[:-1] + " ."),                                            # space before a stop
    (" was ", lambda p, last: p.replace(" was ", " was  ", 1)),                      # two spaces
    ("", lambda p, last: p + " The final cost is TK."),                               # a placeholder
    ("", lambda p, last: p[0].lower() + p[1:]),                                      # lower-case start
]


def _plant(paragraphs: list[str], rng: random.Random, last_name: str) -> None:
    """Plant one defect in a paragraph that can take it (if any can)."""
    needle, spoil = rng.choice(DEFECTS)
    fit = [i for i in range(1, len(paragraphs)) if needle in paragraphs[i]]
    if fit:
        i = rng.choice(fit)
        paragraphs[i] = spoil(paragraphs[i], last_name)


def article(rng: random.Random) -> tuple[str, str]:
    """(text, kind) of one article."""
    person, place, body = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(BODIES)
    middle = rng.sample(BODY, rng.randint(3, 6)) + rng.sample(QUOTES, rng.randint(1, 2))
    rng.shuffle(middle)
    templates = [rng.choice(LEADS), *middle, rng.choice(CLOSERS)]
    paragraphs = [_fill(template, rng, person, place, body) for template in templates]
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        _plant(paragraphs, rng, person[1])
    kind = "markdown" if rng.random() < 0.2 else "text"
    if kind == "markdown":
        paragraphs.insert(0, f"# {place}: {body} decides")
    newline = "\r\n" if rng.random() < 0.15 else "\n"
    return (newline * 2).join(paragraphs) + newline, kind


def articles(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """n articles as (id, text, kind), ids in sorted order."""
    rng = random.Random(seed)
    return [(f"a-{i:04d}", *article(rng)) for i in range(n)]
