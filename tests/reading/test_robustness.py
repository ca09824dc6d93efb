"""Any text is read without error, and every claim points inside the text it came from."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tierwatch.reading.pipeline import read_text

WORDS = st.sampled_from([
    "Cambodia", "Tier 2", "Tier 3", "watch list", "was", "downgraded", "to", "from", "the",
    "report", "said", "police", "arrested", "42", "more than", "1,200", "victims", "rescued",
    "in", "2012", ",", ".", "and", "Thailand", "remains", "on", "“", "”", "\n\n", "Mr", "Ms.",
    "Sokha", "Chan", "ministry", "ASEAN", "all", "other", "except", "Burma", "which", "could",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60).map(" ".join))
def test_reading_never_fails_and_spans_hold(text: str) -> None:
    if not text.strip():
        return
    reading = read_text(text)
    for claim in [*reading.placements, *reading.figures, *reading.speakers]:
        assert 0 <= claim.span.start <= claim.span.end <= len(reading.text)
        assert claim.sentence in reading.text
    assert read_text(text).to_json() == reading.to_json()


def test_reading_time_grows_linearly_with_the_text() -> None:
    """Eight times the sentences take about eight times as long (quadratic would be 64):
    no stage may test the whole text once per sentence."""
    import time

    from tierwatch.reading.pipeline import read_text

    sentence = "Cambodia is on Tier 3 in the 2023 report, the ministry said. "
    timings = []
    for count in (500, 4_000):
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            read_text(sentence * count)
            best = min(best, time.perf_counter() - start)
        timings.append(best)
    assert timings[1] / timings[0] < 24, timings
