"""Finding quotes in captured texts (graph.textmatch): where a quote stands, and whether it does,
agree; every reading a capture can produce is found."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from graph.anchors import anchor
from graph.textmatch import find_quote, locate_quote, normalize, occurrences

TEXT = "The ﬁnal report:\nde-\nfund the police, drug-\nand alcohol-related deaths; the “surge” re-\nturned.\fthe surge"


def test_each_capture_reading_is_found_with_its_passage():
    found = {q: [TEXT[s:e] for s, e in occurrences(q, TEXT)] for q in (
        "final report", "defund the police", "de-fund the police", "drug- and alcohol-related",
        '"surge" returned', "the surge", "returned. the surge",
    )}  # fmt: skip
    assert found == {
        "final report": ["ﬁnal report"],  # NFKC: the ligature is two letters
        "defund the police": ["de-\nfund the police"],  # a word hyphenated at a line end, joined
        "de-fund the police": ["de-\nfund the police"],  # … or a compound, its hyphen kept
        "drug- and alcohol-related": ["drug-\nand alcohol-related"],  # … or as written
        '"surge" returned': ["“surge” re-\nturned"],  # typographic quotes
        "the surge": ["the surge"],
        "returned. the surge": ["re-\nturned.\fthe surge"],  # a page break is white space
    }
    assert all(find_quote(q, TEXT) for q in found)
    assert locate_quote("the police, drug", TEXT) is not None and locate_quote("the police drug", TEXT) is None
    a = anchor("returned. the surge", TEXT)
    assert a is not None and a.pages == "pp. 1–2"


_ALPHABET = st.sampled_from([*"abcdE12 ,.-\n\f'\"", "\u201c", "\u201d", "\u2019", "\u00ad", "ﬁ", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=60), st.data())
def test_a_passage_of_a_text_is_found_and_resolves_to_itself(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    assume(normalize(quote))
    spans = occurrences(quote, text)
    assert spans, (quote, text)
    assert find_quote(quote, text)
    assert locate_quote(quote, text) == spans[0]
    for s, e in spans:  # every place found reads as the quote
        assert find_quote(quote, text[s:e]), (quote, text[s:e])
