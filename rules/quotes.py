"""LN301 unattributed-quote and LN302 unmarked-quote: quotations gone wrong."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, partial
from itertools import compress, product

import re

import regex

from lintnews.diagnostics import Finding
from lintnews.document import Document
from lintnews.patterns import lazy
from lintnews.rules._data import measured
from lintnews.ruleset import Rule
from lintnews.rules._data import word_set
from lintnews.rules._attribution import (cue_pattern, has_cue, named_speakers, names_any, narration, refers_to,
                                         subject_people)
from lintnews.spans import inside, merged
from lintnews.text import Block, Quotation

_WORD = lazy(regex.compile, r"\w+(?:[-'’]\w+)*")
_ALNUM = lazy(re.compile, r"[^\W_]")
_SPEECH_PUNCTUATION = ".,!?…:;—–-"
_SPEECH_END = lazy(regex.compile, r"[.,!?…:;—–-]\s*$")
# '"Q," smiles one broker.' -- a short clause after a quote that ends in , ? ! or a dash.
_ATTRIBUTION_TAIL = lazy(regex.compile,
                         r"[,?!—–-][\"”]\s+(?:[\w'’.-]+\s+){0,9}[\w'’.-]+(?:[.!?]?\s*$|[,:]\s)")
_LEAD_IN = lazy(regex.compile, r":\s*$")
# a credit line: '"Q" - Jane Smith', '"Q" – quote from a backbencher'
_CREDIT = lazy(regex.compile, r"[\"”][^\S\r\n]*[—–-]+[^\S\r\n]*(?:\p{Lu}|(?:a\s+)?quote\s+(?:from|by)\b)")
# '"What about Israel," is a line ...': the quotation is the subject of its sentence's verb
_QUOTE_AS_SUBJECT = lazy(regex.compile, r"[^\S\r\n]+(?:is|was|are|were|has\s+been|had\s+been|remains|became)\b")
# "These are the questions Connors will be asking": a sentence that points back at a quotation
_POINTS_BACK = lazy(regex.compile, r"\W*(?:These|Those|This|That|Such)\s+(?:are|were|is|was)\b")
# "I ask her one last question: how does she feel about the future?": the quotation answers
_ASKED = lazy(regex.compile, r"(?<![\w'’-])ask(?:s|ed)?\b[^?]*\?\s*$", regex.I)
_TAIL_CLOSES_SENTENCE = lazy(regex.compile, r"[\s.,!?…:;)\]\"'”’—–-]*")
# where a sentence is attributed: _SPEECH where it holds a speaker's attributed words,
# _EMBEDDED where only quoted words in narration ("the so-called "x"")
_SPEECH, _EMBEDDED = b"\x02", b"\x01"
_BRIDGE_SENTENCES = 2       # narration between two quotations of one speaker
_AFTER_SENTENCES = 3        # how far after a quotation its speaker may be named again


class UnattributedQuote(Rule):
    """A quotation that no one is said to have said: "..." with no "said", "told", "according to".

    Flags a direct quotation that stands as a sentence (or a paragraph) of its own when
    neither its sentence, nor the sentence before or after it, names a speaker with a
    speech verb ("said", "told", "added", "wrote", "according to" ...) or a colon
    lead-in ("He told the BBC:"). Across a paragraph break only a plain attribution
    ("said", "told", "added" ...) counts; within the quotation's paragraph a looser one
    does too ("The suit claims ...", "Kerr applauded the goal."), and so does a sentence
    that voices someone's view just before it ("Greene believes he lost the race."),
    the way news copy introduces a speaker. A quotation that carries on an attributed one (the next
    quotation of the same speaker, or the newspaper convention of a quote running over
    several paragraphs) is attributed by it, and so is one that comes back to a speaker's
    words after a sentence or two of narration about no one else.

    A reader also finds the speaker in the person the sentence before is about: "he" or
    "she" in the quotation's paragraph, someone the article quotes elsewhere, or a name
    that comes back in the sentences after the quotation ("Mr Tansley had to argue his
    case. "..." Mr Tansley's invention ..."). A real orphan has no such person, or only
    one that the quotation itself names, and so cannot be speaking ("Simon Taylor looks
    certain to go. "Simon Taylor is outstanding.""). Quoted words inside a sentence ("the
    so-called "peace dividend"", titles, scare quotes, '"What about Israel," is a line
    ...'), quotations credited after a dash ('"..." - quote from a backbencher'), a quote
    headline (a front matter field, whose speaker the copy names), the answer to a
    question asked just before, and quotations of fewer than `min-words` words stay quiet.

    ## Why it matters
    A quotation without a speaker cannot be checked, cannot be trusted and may be taken
    for the paper's own voice. It usually means an attribution was cut in editing.

    ## Example
    The talks ended without agreement.

    "We will not accept these terms."

    ## Use instead
    "We will not accept these terms," the union's leader, Jane Smith, said.

    ## Options
    - `min-words`: shorter quotations are not checked (default 3).
    - `profile-quotes`: an article with this many unattributed quotations or more is
      taken for a profile or interview, whose subject speaks throughout, and is not
      reported (default 2).
    - `speech-verbs`: more words that attribute speech, besides the built-in list.
    """

    code = "LN301"
    name = "unattributed-quote"
    severity, precision = measured(code)

    @dataclass(frozen=True)
    class Options:
        min_words: int = 3
        profile_quotes: int = 2
        speech_verbs: tuple[str, ...] = ()

    def check(self, doc: Document) -> Iterator[Finding]:
        quotes = doc.quotes.double
        if not quotes:
            return
        cue = cue_pattern(tuple(v.lower() for v in self.options.speech_verbs))
        attributed_sentences = bytearray(len(doc.sentences))
        unattributed = []
        speakers = _once(partial(named_speakers, doc))      # (asked for only when a quotation is in doubt)
        for chain in quotes.chains():
            head = chain[0]
            speech = self._stands_alone(doc, head)
            if not speech or any(self._attributed(doc, q, cue, attributed_sentences, speakers) for q in chain):
                mark = _SPEECH if speech or _ends_as_speech(doc.prose, head) else _EMBEDDED
                for q in chain:
                    first, last = doc.sentence_of(q.start), doc.sentence_of(max(q.start, q.end - 1))
                    attributed_sentences[first:last + 1] = mark * (last + 1 - first)
                continue
            unattributed.append(head)
            if len(unattributed) >= self.options.profile_quotes:
                return                          # a profile or interview: its subject speaks throughout
        for head in unattributed:
            yield Finding(head.start, head.end if head.closed else head.start + 1,
                          "quotation has no speaker: no 'said', 'told' or 'according to' in or next to it; "
                          "say who said it")

    def _stands_alone(self, doc: Document, q: Quotation) -> bool:
        """Whether q opens its sentence and reads as speech (not a quoted term or title,
        nor a pull quote: a block quote that repeats a line of the article). (The tests
        that look beyond q itself come after the ones that reject most quotations on q's
        own text, and each looks only from where its block's first letter is known.)"""
        if doc.block_kind(q.start) == "headline":
            return False                      # a quote headline: its speaker is named in the copy
        s = doc.sentences[doc.sentence_of(q.start)]
        if doc.first_letter(s) < q.start:
            return False                      # embedded in narration: 'the so-called "x"'
        inner = doc.prose[q.inner_start:q.inner_end]
        if len(inner.split(None, self.options.min_words)) < self.options.min_words \
                and len(_WORD.findall(inner)) < self.options.min_words:
            return False
        if doc.block_kind(q.start) == "blockquote" and _fills_paragraph(doc, q):
            return False
        if q.closed and _QUOTE_AS_SUBJECT.match(doc.prose, q.end):
            return False                      # '"What about Israel," is a line they hear'
        if not q.closed or _SPEECH_END.search(inner):
            return True
        # "Q" with no punctuation of its own must end its sentence to be speech
        end = doc.sentences[doc.sentence_of(q.end - 1)].end
        return _TAIL_CLOSES_SENTENCE.fullmatch(doc.prose, q.end, end) is not None

    @staticmethod
    def _attributed(doc: Document, q: Quotation, cue: regex.Pattern, attributed_sentences: bytearray,
                    speakers) -> bool:
        sentences = doc.sentences
        near = cue_pattern(lists=("attribution_verbs",))
        first = doc.sentence_of(q.start)
        last = doc.sentence_of(max(q.start, q.end - 1))
        if has_cue(doc, sentences[first].start, sentences[last].end, cue):
            return True
        if _LEAD_IN.search(doc.prose, max(0, q.start - 3), q.start):
            return True                         # a colon lead-in: 'Name: "Q"'
        if q.closed and _ATTRIBUTION_TAIL.match(doc.prose, q.end - 2, sentences[last].end):
            return True                         # a short clause after it: '"Q," smiles one broker.' 
        if q.closed and _CREDIT.match(doc.prose, q.end - 1):
            return True                         # a credit line: '"Q" - Jane Smith'
        inverted = q.closed and doc.prose[q.end - 2] in "?!"
        for back in (1, 2):                     # two back when the one before is a fragment ("POW!")
            if first - back < 0:
                break
            prev = sentences[first - back]
            # in the quotation's own paragraph any speech verb introduces it; across a
            # paragraph break only a plain attribution ("said", "told") does
            same_paragraph = doc.paragraph_of(prev.start) == q.paragraph
            if prev.end <= q.start and (attributed_sentences[first - back]
                                       or has_cue(doc, prev.start, prev.end, cue if same_paragraph else near)
                                       or doc.prose[prev.start:prev.end].rstrip().endswith(":")
                                       or _asked(doc, prev)):
                return True
            if len(doc.prose[prev.start:prev.end].split()) > 3:
                break
        if last + 1 < len(sentences):
            # '"Don't interrupt me!" Cruz snapped.': after a quotation ending in "?" or "!"
            # the next sentence may be its own attribution, with any speech verb
            after = sentences[last + 1]
            loose = inverted and after.start - q.end <= 1 and doc.paragraph_of(after.start) == q.paragraph \
                or _POINTS_BACK.match(doc.prose, after.start, after.end) is not None
            if has_cue(doc, after.start, after.end, cue if loose else near):
                return True
        return _after_stance(doc, first) or _speaker_in_view(doc, q, first, last, speakers) \
            or _speech_resumes(doc, q, first, attributed_sentences, speakers)




def _speech_resumes(doc: Document, q: Quotation, first: int, attributed_sentences: bytearray, speakers) -> bool:
    """Whether q carries on an attributed quotation after a sentence or two of narration of
    q's paragraph about no other speaker ('"Q1," said Mr Ash. Many firms offer it. "Q2."'):
    narration that attributes nothing and whose subject is none of the article's quoted
    speakers, no role noun ("the coach"), no one q names and no name of two words or more
    ("Simon Taylor"; "Sonaptic", "Real" are likelier firms or teams). The attributed
    quotation may close the paragraph before."""
    near = cue_pattern(lists=("attribution_verbs",))
    for back in range(2, _BRIDGE_SENTENCES + 2):
        i = first - back
        if i < 0 or doc.paragraph_of(doc.sentences[i + 1].start) != q.paragraph:
            return False
        bridge = doc.sentences[i + 1]
        if has_cue(doc, bridge.start, bridge.end, near):
            return False                # another speaker: '"Q1," said Mr Ash. The ONS said ... "Q2."'
        about = subject_people(doc, bridge.start, bridge.end)
        if about and (len(about - {"he", "she"}) >= 2 or about & speakers()
                      or not about.isdisjoint(word_set("role_nouns"))
                      or names_any(doc.prose[q.inner_start:q.inner_end], about)):
            return False                # someone else is about: '... Ms Lee disagrees. "Q2."'
        if attributed_sentences[i] == _SPEECH[0]:
            return True
    return False




def _speaker_in_view(doc: Document, q: Quotation, first: int, last: int, speakers) -> bool:
    """Whether the person the sentence before q is about is one a reader takes for q's
    speaker: "he" or "she" in q's paragraph, someone the article quotes elsewhere ("Mr
    Tansley had to argue his case. "Q.""), or a person named again in the sentences after
    q ("... "Q." Mr Tansley's invention ..."). Not a person that q itself names: "Simon
    Taylor looks certain to go. "Simon Taylor is an outstanding player."" is not Taylor's."""
    if first == 0:
        return False
    sentences = doc.sentences
    prev = sentences[first - 1]
    people = subject_people(doc, prev.start, prev.end)
    if not people or names_any(doc.prose[q.inner_start:q.inner_end], people):
        return False
    opens_paragraph = doc.paragraph_of(prev.start) != q.paragraph
    if not opens_paragraph and (people & {"he", "she"} or people & speakers()):
        return True
    people -= {"he", "she"}
    for i in range(last + 1, min(last + 1 + _AFTER_SENTENCES, len(sentences))):
        s = sentences[i]
        if doc.paragraph_of(s.start) != q.paragraph and (opens_paragraph or i > last + 1):
            break                       # (a quote closing its paragraph: the next one's first sentence)
        if people and refers_to(doc, s.start, s.end, people, pronoun=i == last + 1):
            return True
    return False


def _asked(doc: Document, sentence: Block) -> bool:
    """Whether the sentence asks someone a question ("I ask her: how does she feel?")."""
    return doc.prose[sentence.start:sentence.end].rstrip().endswith("?") \
        and _ASKED.search(narration(doc, sentence.start, sentence.end)) is not None


def _ends_as_speech(prose: str, q: Quotation) -> bool:
    """Whether q's words end in punctuation, as speech does (a quoted term or title does not)."""
    tail = prose[max(q.inner_start, q.inner_end - 16):q.inner_end].rstrip()
    return tail != "" and tail[-1] in _SPEECH_PUNCTUATION


def _once(compute):
    """compute, called the first time its value is asked for and not again."""
    value = []

    def get():
        if not value:
            value.append(compute())
        return value[0]
    return get


def _fills_paragraph(doc: Document, q: Quotation) -> bool:
    """Whether q is all there is of its paragraph (punctuation aside)."""
    p = doc.paragraphs[q.paragraph]
    return doc.first_letter(p) >= q.start and not _ALNUM.search(doc.prose, q.end, p.end)


def _after_stance(doc: Document, first: int) -> bool:
    """Whether the sentence before sentence `first`, in its paragraph, voices someone's view
    ("McIlroy is keen to ...", "Greene believes ..."): it introduces the speaker."""
    if first == 0:
        return False
    prev = doc.sentences[first - 1]
    if doc.paragraph_of(prev.start) != doc.paragraph_of(doc.sentences[first].start):
        return False
    return has_cue(doc, prev.start, prev.end, cue_pattern(lists=("stance_words",)))


# ---------------------------------------------------------------------------- LN302

# First-person words; case is checked in code (see _first_person).
_FIRST_PERSON = lazy(regex.compile,
    r"(?<![\w'’-])(?:I(?:['’](?:m|ve|d|ll))?|me|my|myself|we(?:['’](?:re|ve|d|ll))?|us|our|ours|ourselves"
    r"|let['’]s)(?![\w'’-])", regex.I)
# the same words for a first, cheap pass (the stdlib engine is faster at this)
_FIRST_PERSON_ANY_CASE = lazy(re.compile, _FIRST_PERSON.pattern, re.I)
# Each of its matches is a whole word token, one of these in some mix of cases (where no
# "İ", "ı" or "ſ" is about: stdlib ignore-case matches those with "i" and "s")
_FIRST_PERSON_TOKENS = frozenset(
    "".join(spelling) for w in ("i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "we", "we're", "we've",
                                "we'd", "we'll", "us", "our", "ours", "ourselves", "let's")
    for a in "'’" for spelling in product(*({c, c.upper()} for c in w.replace("'", a))))
_CAPITALISED_NEXT = lazy(regex.compile, r" \p{Lu}")
_WORD_BEFORE = lazy(regex.compile, r"([\w'’-]+)\W*$")
# "our correspondent": the paper's own people, not a speaker's words
_HOUSE_NOUNS = lazy(regex.compile, r"\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:correspondents?|reporters?|editors?|"
                    r"analysts?|commentators?|sources?)\b", regex.I)
_OBJECT_PRONOUNS = {"us", "me"}
# the last break before a closing attribution: '..., he said', '...? he asked', '... - he said'
_CLAUSE_BREAK = lazy(regex.compile, r"(?r)[,?!]\s|\s[—–-]\s")
_TAIL_LEAD_WORDS = 10      # ", the club's chief executive said": the verb comes early in it
_RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", "that", "when", "where", "as", "if", "because",
                             "while", "although", "though", "and", "but", "so"})
_SUBJECT_REACH = 4          # "I spoke to said", "we have always said": subject near its verb
_PASSIVE = lazy(regex.compile, r"\b(?:been|be|being)\s+$")
_LOOK_BACK = 80       # how far back a word or an auxiliary before a match is looked for
_TOLD_PASSIVE = lazy(regex.compile, r"\b(?:was|were|is|are)\s+$")     # "if you were told that ..."
# "continued to push", "continues with": a verb of going on, not of speaking
_NOT_SPEECH_AFTER = lazy(regex.compile, r"\s+(?:to|with|in|on|at|for|into|until|its|his|her|their|the|a|an)\b", regex.I)
_QUESTION_VERBS = frozenset({"asked", "asks"})   # "asked for them to be returned" opens no speech
_REQUEST_AFTER = lazy(regex.compile, r"\s+(?:for|to|about|after)\b", regex.I)   # "he asked to meet us"
_OPENING_WORDS = 3         # a sentence that speaks in the first person does so within its first words
# a later clause of a report, between its speech verb and a first-person word: "predicts that it
# will be common before we see", "remarks as we walk"
_SUBORDINATORS = frozenset({"as", "when", "while", "whilst", "before", "after", "because", "since", "until",
                            "if", "how", "which", "who", "whom", "where", "though", "although", "once"})
_AS_CLAUSE = lazy(regex.compile, r"\W*As\s")
_LISTENER_WORDS = 3        # "told the news agency": words after a speech verb before its speech
_DOUBLE_MARK = lazy(re.compile, r'["“”]')
_LEAD_WORDS = 16           # an attribution that opens a sentence does so within this many words
_TAIL_WORDS = 20           # one that closes it is at most this long
# "told the BBC I", "said on Monday I": "I" after a speech verb and a few words of its own
_SPOKEN_TO_BEFORE = lazy(regex.compile, r"\b(?:said|says|told|tells|added|asked)(?:\s+[\w'’-]+){1,7}\s+$")
# what follows the pronoun "I" (and not the numeral of "World War I veterans")
_PRONOUN_I_NEXT = lazy(regex.compile, r"\s+(?:am|was|have|had|will|would|can|could|should|shall|may|might|must|do|"
                       r"did|(?:don|didn|can|won|wouldn|couldn|haven|wasn)['’]t|think|thought|believe|believed|"
                       r"know|knew|feel|felt|want|wanted|hope|hoped|expect|see|saw|say|said|told|just|really|"
                       r"never|also|still|always|only|personally|certainly)\b")
_CUE_AT_END = lazy(regex.compile, r"(?:\b(?:said|says|added|told \w+|asked)|:)\s+$")


class UnmarkedQuote(Rule):
    """Speech left in the narration without quotation marks: first-person words outside quotes.

    Flags a sentence of narration (outside every quotation) that speaks in the first person
    ("I", "we", "our", "us" ...) inside an attribution, as when the marks of "We will
    win," he said are lost ("We will win, he said.", "He said we will win."), together with
    the first-person sentences that run on from it in the same paragraph; and a sentence
    opening in the first person right after a quotation closed by its attribution
    ('"We tried," he said. I am calmer now.'). Speech opens in the first person, at the
    start of a sentence or right after its verb: where no sentence of the run does, a
    "we", "our" or "us" deep in a report is the writer's or everyone's, and stays quiet in
    a later clause ("Mr Ash predicts it will be common before we see ..."), after
    "according to" ("one of our favourite pastimes, according to a panel"), in paraphrase
    that quotes some of its words itself ('"few surprises" are left by the time it is upon
    us, he said'), and before an attribution in the next sentence. "As he remarks as we
    walk ...", "he asked for", "he asked to" and "was continued" open no speech. Reported once
    per run. Third-person paraphrase closed by an attribution ("Pension costs posed the
    greatest risk, he said.") is normal news style and stays quiet, as do headlines, "I" as
    a numeral ("World War I") or in a title ("I'm a Celebrity"), the paper's own "our
    correspondent", a reporter's "he told us", and articles written in the first person
    throughout (columns, readers' letters).

    ## Why it matters
    Without its marks, a speaker's words read as the reporter's own: the paper appears to
    say "our joint fight against ISIS", and the reader cannot tell quote from report.

    ## Example
    Biden said that even with the shift they were committed to our security cooperation.
    Our joint fight against ISIS is essential to the stability of the region.

    ## Use instead
    Biden said that even with the shift, "we are committed to our security cooperation.
    Our joint fight against ISIS is essential to the stability of the region."

    ## Options
    - `column-share`: when at least this share of an article's narration sentences (and
      at least three of them) speak in the first person, the article is taken for a
      first-person piece and not checked (default 0.25). An article whose narration
      speaks in the first person away from any attribution twice or more is taken for
      one too.
    - `speech-verbs`: more words that attribute speech, besides the built-in list.
    """

    code = "LN302"
    name = "unmarked-quote"
    severity, precision = measured(code)

    @dataclass(frozen=True)
    class Options:
        column_share: float = 0.25
        speech_verbs: tuple[str, ...] = ()

    def check(self, doc: Document) -> Iterator[Finding]:
        cue = cue_pattern(tuple(v.lower() for v in self.options.speech_verbs), ("attribution_verbs",))
        hits = {doc.sentence_of(offset) for offset in _first_person_anywhere(doc)}
        if not hits:
            return
        sentences = doc.sentences
        headline = cache(partial(_headline_like, doc))     # paragraph index -> bool, as asked
        found: dict[int, list[tuple[int, str]]] = {}
        unopened = _unopened_spans(doc)
        column = None                           # this many such sentences make a column (found at 3)
        for si in sorted(hits):
            s = sentences[si]
            if headline(doc.paragraph_of(s.start)):
                continue
            words = [(o, w) for o, w in _first_person(doc, s.start, s.end) if not inside(unopened, o)]
            if words:
                found[si] = words
                if len(found) == 3:
                    column = self.options.column_share * sum(
                        1 for s in sentences if not headline(doc.paragraph_of(s.start)))
                if column is not None and len(found) >= column:
                    return                      # a column or readers' letters: first person is the voice
        if not found:
            return
        runs = list(_runs(doc, sorted(found)))
        attributed = [self._attributed(doc, run, found, cue) for run in runs]
        if attributed.count(False) >= 2:
            return                              # the writer's own first person, more than once
        for run, speech in zip(runs, attributed):
            if not speech:
                continue
            words = ", ".join(dict.fromkeys(w for i in run for _, w in found[i]))
            yield Finding(sentences[run[0]].start, sentences[run[-1]].end,
                          f"first-person words ({words}) outside quotation marks: if someone is speaking, "
                          f"put the words in quotation marks")


    @staticmethod
    def _attributed(doc: Document, run: list[int], found, cue: regex.Pattern) -> bool:
        """Whether a run of first-person sentences stands where a speaker's words would.
        Where no sentence of the run opens in the first person (as "We will win" and "Our
        fight goes on" do), a "we", "our" or "us" deep in a sentence of report is often the
        writer's or everyone's ("Mr Ash predicts it will be common before we see ...",
        "one of our favourite pastimes, according to a panel")."""
        sentences = doc.sentences
        led = any(_opens_in_first_person(doc, sentences[i], found[i]) for i in run)
        if any(_closes_on_attribution(doc, sentences[i], found[i], cue, led) for i in run):
            return True
        if any(_narrator_speaks(doc, sentences[i], found[i], cue) for i in run):
            return False
        return any(_opens_with_attribution(doc, sentences[i], found[i], cue, led) for i in run) \
            or (_attribution_carries_on(doc, run, cue, led) and (led or not any(
                _DOUBLE_MARK.search(doc.prose, sentences[i].start, sentences[i].end) for i in run))) \
            or _speech_goes_on(doc, run, found, cue)


def _opens_in_first_person(doc: Document, sentence, words: list[tuple[int, str]]) -> bool:
    """Whether a first-person word is among the first words of the sentence ("But we ...")."""
    return any(len(_WORD.findall(narration(doc, sentence.start, o))) < _OPENING_WORDS for o, _ in words)


def _closes_on_attribution(doc: Document, sentence, words: list[tuple[int, str]], cue: regex.Pattern,
                           led: bool) -> bool:
    """First-person words before a closing attribution: "We will win, he said." When the
    run does not open in the first person (`led`), not in paraphrase: a sentence that
    quotes some of its words itself ('means "few surprises" are left by the time it is
    upon us, he said') or that closes on "according to"."""
    text = narration(doc, sentence.start, sentence.end)
    tail = _closing_attribution(text, cue)
    if tail is None or not any(o - sentence.start < tail for o, _ in words):
        return False
    paraphrase = _paraphrase_cue(text[tail:], cue) or _DOUBLE_MARK.search(doc.prose, sentence.start, sentence.end)
    return led or not paraphrase


def _paraphrase_cue(text: str, cue: regex.Pattern) -> bool:
    """Whether the first speech cue of text is "according to", which reports content, not words."""
    cues = _cues(text, cue)
    return bool(cues) and cues[0].group().lower() == "according to"


def _opens_with_attribution(doc: Document, sentence, words: list[tuple[int, str]], cue: regex.Pattern,
                            led: bool) -> bool:
    """First-person words after an opening attribution: "He said we will win." -- not when
    the pronoun is the speech verb's object ("he told us"), nor in a later clause of the
    report ("Mr Ash predicts it will be common before we see ..."), nor after "according
    to" when the run does not open in the first person (`led`): "According to one theory,
    it shapes our choices."."""
    text = narration(doc, sentence.start, sentence.end)
    lead = _opening_attribution(text, cue)
    offsets = [o - sentence.start for o, _ in words]
    if lead is None or any(o < lead for o in offsets):
        return False
    first = min(words)[1]
    if first.lower() in _OBJECT_PRONOUNS and not text[lead:offsets[0]].strip():
        return False
    # "said if we go ...", "told the news agency if they default, we ...": a clause may open
    # the speech; one after a few words of report ("predicts it will be common before we") ends it
    between = [w for w in _WORD.findall(text, lead, min(offsets)) if w.islower()]
    ended = any(w in _SUBORDINATORS for w in between[_LISTENER_WORDS + 1:])
    return not ended and (led or not _paraphrase_cue(text, cue))


def _cues(text: str, cue: regex.Pattern, exclude: frozenset[str] = frozenset()) -> list:
    """Speech cues in text, leaving out passives ("have been added to") and `exclude`."""
    return [m for m in cue.finditer(text) if m.group().lower() not in exclude
            and not _PASSIVE.search(text, max(0, m.start() - _LOOK_BACK), m.start())
            and not (m.group().lower() in ("told", "asked", "continued")
                     and _TOLD_PASSIVE.search(text, max(0, m.start() - _LOOK_BACK), m.start()))
            and not (m.group().lower().startswith("continue") and _NOT_SPEECH_AFTER.match(text, m.end()))
            and not (m.group().lower() in _QUESTION_VERBS and _REQUEST_AFTER.match(text, m.end()))]


def _closing_attribution(text: str, cue: regex.Pattern) -> int | None:
    """Where a closing attribution (", he said.", "? he asked") starts in a sentence, if any.

    The clause after the last break must be short, start near its speech verb and not be
    a relative clause (", which they claimed would ...").
    """
    cues = _cues(text, cue)
    if not cues:
        return None
    last = cues[-1]
    m = _CLAUSE_BREAK.search(text, 0, last.start())
    if m is None or len(text[m.start():].split()) > _TAIL_WORDS:
        return None
    lead = text[m.end():last.start()].split()
    if len(lead) > _TAIL_LEAD_WORDS or (lead and lead[0].lower() in _RELATIVE_WORDS):
        return None
    return m.start()


def _opening_attribution(text: str, cue: regex.Pattern, exclude: frozenset[str] = frozenset()) -> int | None:
    """Where the words after an opening attribution ("He said (that) ...") start, if any:
    not after a verb in an "as" clause ("As Mr Prior remarks as we walk by: ...")."""
    cues = _cues(text, cue, exclude)
    if cues and len(text[:cues[0].start()].split()) < _LEAD_WORDS \
            and not _AS_CLAUSE.match(text, 0, cues[0].start()):
        return cues[0].end()
    return None


def _narrator_speaks(doc: Document, sentence, words: list[tuple[int, str]], cue: regex.Pattern) -> bool:
    """Whether a first-person word is the subject of a speech verb a few words on, with no
    clause break between ("Every activist I spoke to said ..."): the writer reporting."""
    text = narration(doc, sentence.start, sentence.end)
    for m in _cues(text, cue):
        for o, _ in words:
            o -= sentence.start
            if o < m.start() and len(text[o:m.start()].split()) <= _SUBJECT_REACH \
                    and not _CLAUSE_BREAK.search(text, o, m.start()):
                return True
    return False


def _attribution_carries_on(doc: Document, run: list[int], cue: regex.Pattern, led: bool) -> bool:
    """Whether a neighbouring sentence of the paragraph attributes the run's speech.

    The sentence after it may close the speech ("We shall see. It was terrible, he said.")
    when the run opens in the first person (`led`), and the one before it may open it
    ("Collins said it is a challenge. I will listen.").
    """
    sentences = doc.sentences
    paragraph = doc.paragraph_of(sentences[run[0]].start)
    after, before = run[-1] + 1, run[0] - 1
    if led and after < len(sentences) and doc.paragraph_of(sentences[after].start) == paragraph:
        s = sentences[after]
        if not any(doc.quoted_mask[s.start:s.end]) and _closing_attribution(narration(doc, s.start, s.end), cue):
            return True
    if before >= 0 and doc.paragraph_of(sentences[before].start) == paragraph:
        s = sentences[before]
        if not any(doc.quoted_mask[s.start:s.end]) and \
                _opening_attribution(narration(doc, s.start, s.end), cue, _QUESTION_VERBS):
            return True
    return False


def _speech_goes_on(doc: Document, run: list[int], found, cue: regex.Pattern) -> bool:
    """Whether the run opens in the first person right after a sentence of the paragraph that
    is a quotation and then only its attribution ('"We tried," he said. I am calmer now.'):
    it goes on with the speaker's words."""
    sentences = doc.sentences
    first, before = sentences[run[0]], run[0] - 1
    opening = doc.first_letter(first)
    if before < 0 or opening == first.end or opening != min(found[run[0]])[0]:
        return False
    s = sentences[before]
    if doc.paragraph_of(s.start) != doc.paragraph_of(first.start) or not doc.quoted_mask[s.start]:
        return False
    text = narration(doc, s.start, s.end)
    return 0 < len(text.split()) <= _TAIL_LEAD_WORDS and bool(_cues(text, cue))


def _first_person(doc: Document, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, word) of the first-person pronouns in the narration of doc.prose[start:end]."""
    text = narration(doc, start, end)
    first_alnum = _ALNUM.search(text)
    out = []
    for m in _FIRST_PERSON.finditer(text):
        word = m.group()
        at_start = first_alnum is None or first_alnum.start() >= m.start()
        if word[0] == "i":
            continue                            # lower-case "i" is not the pronoun
        if word[0] == "I":
            if _numeral_or_title(text, m, first_alnum):
                continue                        # "World War I", "I Gough", "I'm a Celebrity"
        elif word.isupper() and len(word) > 1:
            continue                            # "US", "ME", "OUR" are not pronouns
        elif word[0].isupper() and (not (at_start or _after_cue(text, m.start())) or word in ("Us", "Me")):
            continue                            # a title ("Kiss Me Kate"), "Us magazine"
        if word.lower() == "our" and _HOUSE_NOUNS.match(text, m.end()):
            continue                            # "our correspondent"
        out.append((start + m.start(), word))
    return out


def _numeral_or_title(text: str, m, first_alnum) -> bool:
    """Whether the "I" (or "I'm" ...) matched by m is not the pronoun but a numeral or part of
    a title: "World War I", "I Gough", "I'm a Celebrity"."""
    if _CAPITALISED_NEXT.match(text, m.end()):
        return True
    if len(m.group()) > 1 or first_alnum is None or first_alnum.start() >= m.start():
        return False
    prev = _WORD_BEFORE.search(text, max(0, m.start() - _LOOK_BACK), m.start())
    if not prev or not prev.group(1)[0].isupper():
        return False
    # a capital word before it says nothing when the sentence opens with it ("Will I have
    # ...?") or when a speech verb comes before it ("told the BBC I believe"), and a verb after
    if _PRONOUN_I_NEXT.match(text, m.end()) and (
            prev.start(1) == first_alnum.start()
            or _SPOKEN_TO_BEFORE.search(text, max(0, m.start() - _LOOK_BACK), m.start())):
        return False
    return True


def _first_person_anywhere(doc: Document) -> Iterator[int]:
    """Where _FIRST_PERSON_ANY_CASE matches doc.prose outside every quotation, in any order:
    the places where _first_person can find a word in the narration (a quotation never ends
    just before a word nor opens just after one, so blanking it out makes no match there).
    It is tried only at the tokens that can be its matches, picked out of the word tokens in C."""
    text = doc.prose
    if not text.isascii() and any(c in text for c in "\u0130\u0131\u017f"):
        # (every match, quoted or not: the two engines may not fold these letters alike)
        yield from (m.start() for m in _FIRST_PERSON_ANY_CASE.finditer(text))
        return
    if _FIRST_PERSON_TOKENS.isdisjoint(doc.tokens.distinct):
        return
    texts = doc.tokens.texts
    at = compress(range(len(texts)), map(_FIRST_PERSON_TOKENS.__contains__, texts))
    quoted = doc.quoted_mask
    for offset in doc.tokens.offsets(at):
        if not quoted[offset] and _FIRST_PERSON_ANY_CASE.match(text, offset):
            yield offset


def _after_cue(text: str, offset: int) -> bool:
    """Whether a speech verb (or a colon) stands just before offset: 'said We're sure'."""
    return bool(_CUE_AT_END.search(text[max(0, offset - 20):offset]))


def _unopened_spans(doc: Document) -> list[tuple[int, int]]:
    """Text before a closing mark that has no opening one: quoted, though its opener is lost.
    The spans are merged (see lintnews.spans)."""
    ends = sorted(q.end for q in doc.quotes.double)
    spans = []
    for closer in doc.quotes.stray_closers:
        p = doc.paragraphs[doc.paragraph_of(closer)]
        k = bisect_right(ends, closer)              # the last quotation ending before the closer
        spans.append((max(ends[k - 1], p.start) if k else p.start, closer + 1))
    return merged(spans)


def _headline_like(doc: Document, paragraph: int) -> bool:
    """A short paragraph with no closing punctuation: headline, subhead, byline, caption."""
    p = doc.paragraphs[paragraph]
    body = doc.prose[p.start:p.end].rstrip()
    return not body.endswith((".", "!", "?", "…", '"', "”", "’", "'", ":")) and len(body.split()) <= 20


def _runs(doc: Document, indexes: list[int]) -> Iterator[list[int]]:
    """Consecutive sentence indexes in the same paragraph, grouped."""
    run: list[int] = []
    for i in indexes:
        if run and (i != run[-1] + 1 or doc.paragraph_of(doc.sentences[i].start)
                    != doc.paragraph_of(doc.sentences[run[-1]].start)):
            yield run
            run = []
        run.append(i)
    if run:
        yield run
