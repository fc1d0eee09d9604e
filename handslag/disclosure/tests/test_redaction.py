"""The masking of passages: overlaps, repeats, Unicode, and properties over any text."""

from hypothesis import given
from hypothesis import strategies as st

from handslag.disclosure.redaction import MARKER, masked_spans, occurrences, redact


def test_single_passage():
    assert redact("Pris 950 kr per timme.", ["950 kr"]) == f"Pris {MARKER} per timme."


def test_passage_occurring_several_times_is_masked_everywhere():
    text = "Kod ABC, igen ABC och ABC."
    assert redact(text, ["ABC"]) == f"Kod {MARKER}, igen {MARKER} och {MARKER}."


def test_overlapping_passages_merge_into_one_mask():
    text = "ett två tre fyra fem"
    assert redact(text, ["två tre", "tre fyra"]) == f"ett {MARKER} fem"


def test_touching_passages_merge():
    assert redact("abcdef", ["abc", "def"]) == MARKER


def test_nested_passage():
    assert redact("x hemlig kod y", ["hemlig kod", "kod"]) == f"x {MARKER} y"


def test_self_overlapping_passage():
    assert occurrences("aaaa", "aa") == [(0, 2), (1, 3), (2, 4)]
    assert redact("baaaab", ["aa"]) == f"b{MARKER}b"


def test_unicode_passages():
    text = "Åkessons Elektronik 🚀 levererar ünïcödé-delar; e\u0301 är inte é."
    assert redact(text, ["Åkessons Elektronik 🚀"]).startswith(MARKER + " levererar")
    assert redact(text, ["ünïcödé"]) == text.replace("ünïcödé", MARKER)
    # Exact code points: the decomposed é does not match the composed one.
    assert redact(text, ["é"]) == text.replace("é", MARKER)
    assert "e\u0301" in redact(text, ["é"])


def test_no_passage_no_change_and_empty_passage_ignored():
    assert redact("text", []) == "text"
    assert redact("text", [""]) == "text"
    assert redact("text", ["saknas"]) == "text"


@given(st.text(max_size=60), st.lists(st.text(min_size=1, max_size=5), max_size=4))
def test_no_masked_occurrence_survives(text, passages):
    result = redact(text, passages)
    spans = masked_spans(text, passages)
    # Spans are sorted, disjoint and not touching.
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))
    # Everything outside the spans is kept in order; each span becomes one marker.
    kept = len(text) - sum(end - start for start, end in spans)
    assert len(result) == kept + len(spans) * len(MARKER)
    for passage in passages:
        for start, end in occurrences(text, passage):
            assert any(s <= start and end <= e for s, e in spans)


@given(st.text(max_size=40), st.text(min_size=1, max_size=5))
def test_masking_a_passage_of_the_text_removes_it(prefix, passage):
    text = prefix + passage + prefix
    result = redact(text, [passage])
    assert MARKER in result
