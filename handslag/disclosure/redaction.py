"""Masking passages of a text (OSL 31 kap. 16 §): pure functions, no database.

Every occurrence of every passage is masked. Overlapping or touching occurrences merge
into one masked span, so the marker never splits a word in two places and nothing of a
masked passage survives between two markers. Matching is exact, on Unicode code points.
"""

from collections.abc import Iterable

MARKER = "[Maskerat enligt OSL 31 kap. 16 §]"


def occurrences(text: str, passage: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of `passage` in `text`, overlapping ones included."""
    if not passage:
        return []
    spans, start = [], text.find(passage)
    while start != -1:
        spans.append((start, start + len(passage)))
        start = text.find(passage, start + 1)
    return spans


def masked_spans(text: str, passages: Iterable[str]) -> list[tuple[int, int]]:
    """The merged spans to mask, in order."""
    spans = sorted(span for passage in passages for span in occurrences(text, passage))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def redact(text: str, passages: Iterable[str], marker: str = MARKER) -> str:
    """`text` with each masked span replaced by `marker`."""
    out, position = [], 0
    for start, end in masked_spans(text, passages):
        out.append(text[position:start])
        out.append(marker)
        position = end
    out.append(text[position:])
    return "".join(out)
