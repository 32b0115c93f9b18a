"""The shared analysis reads the same whether a text is kept as objects (any prose) or in
arrays (a text dense with sentences or quotations): every accessor a rule uses, with the
dense representation forced on ordinary copy and compared with the objects."""
from __future__ import annotations

from collections.abc import Sequence

import pytest

import lintnews.text as textlib
from lintnews.config import Config
from lintnews.document import Document
from lintnews.engine import Linter
from lintnews.text import Block, Blocks, Quotation, Quotations

ARTICLE = '''Flood defences in the town were finished in 2009, the council said. Residents were not convinced.

"We were woken by water coming through the door," said Dr Amir Haddad. "Nobody warned us.

"It was the third time in ten years, and the 'new' wall did nothing," he added.

The council's leader, Jane Smith, said the plan had been "reviewed" and would be published. Mr O'Neill
disagreed: "They've known since the 1990s. I think they're hiding it."

She said: "When I arrived, he was the "Father of the House" and took an interest in my work.
'''
TEXT = ARTICLE * 40                     # (over 16,384 characters: mark offsets found a window at a time)


@pytest.fixture
def dense(monkeypatch):
    """Documents made while this is in use keep every analysis in arrays."""
    monkeypatch.setattr(textlib, "objects_up_to", lambda length: 0)
    monkeypatch.setattr(textlib, "_SHARE_ABOVE", 0)


@pytest.fixture
def both():
    sparse = Document(TEXT)
    mp = pytest.MonkeyPatch()
    mp.setattr(textlib, "objects_up_to", lambda length: 0)
    mp.setattr(textlib, "_SHARE_ABOVE", 0)
    try:
        dense = Document(TEXT)
        for name in ("paragraphs", "sentences", "tokens", "quotes", "punctuation"):
            getattr(dense, name)                    # (made while dense is forced)
        dense.tokens.starts, dense.tokens.folded
    finally:
        mp.undo()
    return sparse, dense


def test_the_forced_representation_is_really_dense(both):
    sparse, dense = both
    assert dense.paragraphs._objects is None and dense.sentences._objects is None
    assert dense.quotes.double._objects is None and dense.quotes.inner._objects is None
    assert sparse.paragraphs._objects is not None and sparse.quotes.double._objects is not None
    assert type(dense.tokens.starts) is not list and type(dense.punctuation) is not list


@pytest.mark.parametrize("name", ["paragraphs", "sentences"])
def test_blocks_read_the_same_every_way(both, name):
    sparse, dense = (getattr(d, name) for d in both)
    assert isinstance(dense, Blocks) and isinstance(dense, Sequence) and isinstance(sparse, Blocks)
    assert len(dense) == len(sparse) > 40
    assert list(dense) == list(sparse) and dense == sparse and dense == list(sparse)
    n = len(sparse)
    for i in (0, 1, n // 2, n - 1, -1, -n):
        assert dense[i] == sparse[i] and type(dense[i]) is Block
        assert type(dense[i].start) is int and type(dense[i].end) is int
    for cut in (slice(0, 2), slice(3, None), slice(None, -4), slice(1, 20, 3), slice(n, n + 5), slice(None, None, -1)):
        part = dense[cut]
        assert isinstance(part, Blocks) and part == sparse[cut] == list(sparse)[cut]
        assert all(type(b) is Block and type(b.start) is int for b in part)
    assert list(reversed(dense)) == list(reversed(sparse))
    assert sparse[5] in dense and dense.index(sparse[5]) == 5 and dense.count(sparse[5]) == 1
    assert list(dense.starts) == list(sparse.starts) == [b.start for b in sparse]
    with pytest.raises(IndexError):
        dense[n]
    with pytest.raises(TypeError):
        dense[0] = Block(0, 1)


def test_offset_lookups_agree(both):
    sparse, dense = both
    for offset in range(0, len(TEXT), 97):
        assert dense.paragraph_of(offset) == sparse.paragraph_of(offset)
        assert dense.sentence_of(offset) == sparse.sentence_of(offset)
    for block in [*sparse.sentences[:30], *sparse.paragraphs[:10]]:
        assert dense.first_letter(block) == sparse.first_letter(block)


@pytest.mark.parametrize("which", ["double", "inner"])
def test_quotations_read_the_same_every_way(both, which):
    sparse, dense = (getattr(d.quotes, which) for d in both)
    assert isinstance(dense, Quotations) and isinstance(dense, Sequence)
    assert len(dense) == len(sparse) >= 40
    assert list(dense) == list(sparse) and dense == sparse
    n = len(sparse)
    for i in (0, 1, n // 2, n - 1, -1):
        assert dense[i] == sparse[i] and type(dense[i]) is Quotation and type(dense[i].start) is int
    for cut in (slice(0, 1), slice(2, 9), slice(None, None, 2), slice(-3, None)):
        part = dense[cut]
        assert isinstance(part, Quotations) and part == sparse[cut] == list(sparse)[cut]
    assert list(dense.starts) == [q.start for q in sparse] and list(dense.ends) == [q.end for q in sparse]
    assert sparse[3] in dense and dense.index(sparse[3]) == 3
    assert list(dense.chains()) == list(sparse.chains())


def test_quotation_chains_join_a_quote_over_paragraphs(both):
    sparse, dense = both
    for doc in both:
        chains = [c for c in doc.quotes.double.chains() if len(c) > 1]
        # in each copy, the quote over two paragraphs; and the one left open at each copy's end
        # runs on into the next copy, whose first paragraph opens with a quotation mark
        assert len(chains) == 40 + 39
        heads = [[doc.prose[q.start:q.start + 12] for q in chain] for chain in chains[:2]]
        assert heads == [['"Nobody warn', '"It was the '], ['"When I arri', '"We were wok']]
        first = chains[0]
        assert first[0].continues and first[1].continued_from == doc.quotes.double.index(first[0])
    assert sum(len(c) for c in dense.quotes.double.chains()) == len(dense.quotes.double)


def test_the_rest_of_the_analysis_agrees(both):
    sparse, dense = both
    assert dense.quotes.all() == sparse.quotes.all()
    assert dense.quotes.stray_closers == sparse.quotes.stray_closers
    assert dense.quoted_mask == sparse.quoted_mask
    assert dense.closed_quotations == sparse.closed_quotations
    assert list(dense.punctuation) == list(sparse.punctuation)
    assert list(dense.tokens.starts) == list(sparse.tokens.starts)
    assert dense.tokens.texts == sparse.tokens.texts and dense.tokens.folded == sparse.tokens.folded
    at = [0, 5, 500, len(sparse.tokens) - 1]
    assert dense.tokens.offsets(at) == sparse.tokens.offsets(at)
    assert dense.tokens.window(10, 20) == sparse.tokens.window(10, 20)
    assert dense.tokens.word(7) == sparse.tokens.word(7)
    assert dense.words == sparse.words


def test_markup_block_kinds_read_the_same(dense):
    text = "# Floods\n\nThe wall failed, she said.\n\n> \"It was the third time.\"\n\n- one item\n" * 30
    doc = Linter().load(text, "a.md")
    kinds = doc.blocks
    assert kinds[0:2] == list(kinds)[0:2] and len(kinds[0:2]) == 2
    assert [doc.block_kind(s) for s, _ in kinds] == [k for _, k in kinds]
    assert {"heading", "blockquote"} <= set(kinds.kinds)


@pytest.mark.parametrize("path", ["a.txt", "a.md"])
def test_every_rule_finds_the_same_on_dense_analysis(monkeypatch, path):
    linter = Linter(Config(select=("ALL",)))

    def findings():
        return [(d.line, d.column, d.end_line, d.end_column, d.code, d.message)
                for d in linter.lint_text(TEXT, path).diagnostics]

    sparse = findings()
    monkeypatch.setattr(textlib, "objects_up_to", lambda length: 0)
    monkeypatch.setattr(textlib, "_SHARE_ABOVE", 0)
    assert findings() == sparse and sparse
