"""The document model: line index, paragraphs, sentences, words and quotations."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from lintnews.document import Document, LineIndex
from lintnews.text import Block, Blocks, Quotation


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_index_positions(newline):
    text = newline.join(["first line", "", "the third line"])
    index = LineIndex(text)
    third = text.index("the third")
    assert index.position(0) == (1, 1)
    assert index.position(third) == (3, 1)
    assert index.position(third + 4) == (3, 5)
    assert index.position(len(text)) == (3, len("the third line") + 1)


def test_columns_count_code_points_and_only_real_newlines_break_lines():
    text = "Al-Kadhimi’s visit\u2028and 🙂 then\x0cmore\nnext"
    index = LineIndex(text)
    assert index.position(text.index("and")) == (1, 20)       # U+2028 is not a line break
    assert index.position(text.index("then")) == (1, 26)       # the emoji is one column
    assert index.position(text.index("next")) == (2, 1)


@given(st.text(alphabet=st.sampled_from(list("ab \n\r’🙂\u2028")), max_size=60))
def test_line_index_round_trips_every_offset(text):
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line, column = index.position(offset)
        if offset < len(text) and text[offset] == "\n" and offset > 0 and text[offset - 1] == "\r":
            continue          # the middle of a CRLF is not a position of its own line
        assert index.offset(line, column) == offset


def test_position_outside_text_is_an_error():
    with pytest.raises(ValueError):
        LineIndex("abc").position(4)


def sentences_of(text):
    doc = Document(text)
    return [text[s.start:s.end] for s in doc.sentences]


def test_sentences_keep_news_abbreviations_together():
    text = ("Army Lt. Col. Thomas Campbell spoke. Mr. Smith and Gen. Jones met at 9 a.m. on Jan. 5 in the "
            "U.S. capital. The U.S. The talks went on.")
    assert sentences_of(text) == [
        "Army Lt. Col. Thomas Campbell spoke.",
        "Mr. Smith and Gen. Jones met at 9 a.m. on Jan. 5 in the U.S. capital.",
        "The U.S.",
        "The talks went on.",
    ]


def test_sentences_end_inside_quotes_and_never_cross_paragraphs():
    text = '"We won. We are happy," he said. "Yes."\n\nNext paragraph. J. K. Rowling wrote it.'
    assert sentences_of(text) == ['"We won.', 'We are happy," he said.', '"Yes."', "Next paragraph.",
                                  "J. K. Rowling wrote it."]


def test_paragraphs_blank_lines_and_crlf():
    text = "Headline\r\n\r\nFirst para\r\ncontinues.\r\n\r\n\r\nSecond."
    doc = Document(text)
    assert [text[p.start:p.end] for p in doc.paragraphs] == ["Headline", "First para\r\ncontinues.", "Second."]


def test_one_paragraph_a_line_when_lines_are_long_and_never_blank():
    long_line = "word " * 40
    text = f"{long_line}\n{long_line}"
    assert len(Document(text).paragraphs) == 2
    assert len(Document("short wrapped\nlines of text").paragraphs) == 1


def test_words_keep_apostrophes_and_hyphens():
    doc = Document("Al-Kadhimi’s visit, don't stop")
    assert [w.text for w in doc.words] == ["Al-Kadhimi’s", "visit", "don't", "stop"]


def test_a_long_text_has_the_same_tokens_and_offsets_as_a_short_one():
    # a long text's tokens are made a piece at a time, their offsets with them
    import random

    from lintnews.text import WORD, Tokens, _SHARE_ABOVE

    rng = random.Random(3)
    pieces = ["Al-Kadhimi’s", "don't", "the", "U.S.", "£5", " ", "  ", "\n", "\r\n", ", ", "—", "'"]
    text = "".join(rng.choice(pieces) for _ in range(100_000)) + " " + "x" * 70_000 + " the end"
    assert len(text) > _SHARE_ABOVE
    tokens = Tokens(text)
    matches = list(WORD.finditer(text))
    assert tokens.texts == [m.group() for m in matches]
    assert list(tokens.starts) == [m.start() for m in matches]
    assert tokens.offsets([5, 2, len(matches) - 1]) == [matches[i].start() for i in (5, 2, len(matches) - 1)]
    # cut at any white space, not only at spaces: a text of lines was once split whole
    lines = "\n".join(rng.choice(["don't", "Al-Kadhimi’s", "a", "", "\t"]) for _ in range(150_000))
    assert len(lines) > _SHARE_ABOVE and " " not in lines
    tokens = Tokens(lines)
    assert tokens.texts == WORD.findall(lines)
    assert list(tokens.starts) == [m.start() for m in WORD.finditer(lines)]


def quotes_of(text):
    doc = Document(text)
    return [(text[q.start:q.end], q.closed, q.continues, q.continued_from) for q in doc.quotes.double]


def test_straight_and_curly_double_quotes():
    assert quotes_of('He said "yes" and “no”.') == [('"yes"', True, False, None), ("“no”", True, False, None)]


def test_multi_paragraph_quote_convention():
    text = '"First part of it.\n\n"Second part.\n\n"Last part," he said.'
    assert quotes_of(text) == [('"First part of it.', False, True, None), ('"Second part.', False, True, 0),
                               ('"Last part,"', True, False, 1)]


def test_quote_left_open_at_paragraph_end_without_continuation():
    assert quotes_of('"Open and never closed.\n\nNarration.') == [('"Open and never closed.', False, False, None)]


def test_lost_paragraph_break_inside_a_quote():
    text = '"We won. "Then we celebrated," he said.'
    assert quotes_of(text) == [('"We won.', False, True, None), ('"Then we celebrated,"', True, False, 0)]


def test_a_long_list_of_dense_quotations_reads_back_from_its_arrays():
    # more than one quotation in 16 characters, and over 4,096: no list of objects is kept,
    # each is made from the arrays when asked for
    n = 5_000
    text = '"Won," I said. ' * n + '"Then we celebrated.\n\n"Late."'
    doc = Document(text)
    quotes = doc.quotes.double
    assert len(quotes) == n + 2 and quotes._objects is None
    expected = [Quotation(15 * i, 15 * i + 6, 0) for i in range(n)]
    last = 15 * n
    expected += [Quotation(last, last + 20, 0, closed=False, continues=True),
                 Quotation(last + 22, len(text), 1, continued_from=n)]
    assert list(quotes) == expected and quotes == expected
    assert [quotes[i] for i in (0, 4000, n + 1)] == [expected[0], expected[4000], expected[-1]]
    assert doc.quotes.all() == expected
    sparse = Document(text.replace(" I said.", " I said, and so on for a good while." * 2)).quotes.double
    assert len(sparse) == n + 2 and sparse._objects is not None      # (as in any prose: kept)


def test_paragraphs_and_sentences_dense_with_them_read_the_same_from_arrays():
    n = 5_000
    doc = Document("Go. Up.\n\n" * n)
    assert isinstance(doc.paragraphs, Blocks) and isinstance(doc.sentences, Blocks)
    assert list(doc.paragraphs) == [Block(9 * i, 9 * i + 7) for i in range(n)] == doc.paragraphs
    assert list(doc.sentences) == [Block(9 * i + j, 9 * i + j + 3) for i in range(n) for j in (0, 4)]
    assert doc.sentences[2 * n - 1] == Block(9 * n - 5, 9 * n - 2)
    assert doc.sentence_of(9 * 4_000 + 5) == 8_001 and doc.paragraph_of(9 * 4_000 + 5) == 4_000
    sparse = Document("A sentence of a few words. Then another one like it.\n\n" * n)
    assert isinstance(sparse.paragraphs, Blocks) and isinstance(sparse.sentences, Blocks)
    assert sparse.paragraphs._objects is not None and sparse.sentences._objects is not None   # (objects kept)


def test_stray_closing_mark():
    doc = Document('prime minister and I wanted a fight," says Mr Major.')
    assert doc.quotes.double == [] and doc.quotes.stray_closers == [36]


def test_single_quotes_nested_and_apostrophes():
    text = "He said: \"The fans shout 'scrum' in rock ’n’ roll style, since the ’90s, at the Joneses’ house.\""
    doc = Document(text)
    assert [text[q.start:q.end] for q in doc.quotes.inner] == ["'scrum'"]


def test_prose_view_must_keep_length():
    with pytest.raises(ValueError):
        Document("abc", prose="ab")


def test_double_quote_nested_in_an_open_one():
    text = 'He said: "When I arrived, he was the "Father of the House" and took an interest in my work.'
    doc = Document(text)
    assert [(text[q.start:q.end], q.closed) for q in doc.quotes.double] == [(text[9:], False)]
    assert [text[q.start:q.end] for q in doc.quotes.inner] == ['"Father of the House"']


def test_nested_double_quote_closed_by_a_later_mark():
    text = 'She said: "He called it "a farce" and left," and walked out.'
    doc = Document(text)
    assert [text[q.start:q.end] for q in doc.quotes.double] == ['"He called it "a farce" and left,"']
    assert doc.quotes.stray_closers == []


def test_inch_mark_is_not_a_quotation_mark():
    doc = Document('He is about 5\' 10" tall, police said. "He ran," a witness said.')
    assert [doc.text[q.start:q.end] for q in doc.quotes.double] == ['"He ran,"']
    assert doc.quotes.stray_closers == []
