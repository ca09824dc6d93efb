"""The engine alone keeps state: histories stay plain values, traces stay per thread.

Why: an API server evaluates the law on several threads at once; a trace shared between
them would give one answer the provision reads of another.
"""

from __future__ import annotations

import gc
import threading

from tierwatch.law import evaluate_year, parse_history, tracing
from tierwatch.law.engine import clear_caches, memo_count

WATCH_LIST_RUN = "2019:2 2020:2WL 2021:2WL 2022:2WL+waiver 2023:2WL 2024:3"
NEVER_LISTED = "2001:1 2002:1 2003:1"


def test_a_history_keeps_nothing_the_law_derived_from_it() -> None:
    history = parse_history(WATCH_LIST_RUN)
    before = history.to_text()
    evaluate_year(history, 2025)
    assert not hasattr(history, "derived")
    assert not hasattr(history, "__dict__")  # slots only: nothing can be hung on it
    assert history.to_text() == before


def test_the_engine_forgets_a_history_when_it_is_gone() -> None:
    clear_caches()
    history = parse_history(WATCH_LIST_RUN)
    evaluate_year(history, 2025)
    assert memo_count() == 1
    del history
    gc.collect()
    assert memo_count() == 0


def test_a_kept_answer_is_the_fresh_answer() -> None:
    clear_caches()
    history = parse_history(WATCH_LIST_RUN)
    fresh = evaluate_year(history, 2025).to_dict()
    assert evaluate_year(history, 2025).to_dict() == fresh
    clear_caches()
    assert evaluate_year(parse_history(WATCH_LIST_RUN), 2025).to_dict() == fresh


def test_traces_on_two_threads_keep_their_own_reads() -> None:
    """Each thread opens a trace and evaluates a different history many times; each trace
    must hold exactly what the same evaluation records when run alone."""
    histories = {"run": parse_history(WATCH_LIST_RUN), "never": parse_history(NEVER_LISTED)}
    years = {"run": 2024, "never": 2003}  # Tier 3 reads the consequences; Tier 1 does not
    alone: dict[str, set[tuple[str, int]]] = {}
    for name, history in histories.items():
        clear_caches()
        with tracing() as reads:
            evaluate_year(history, years[name])
        alone[name] = {(read.id, read.first) for read in reads}
    assert alone["run"] != alone["never"]  # the test can tell the two apart
    clear_caches()
    seen: dict[str, set[tuple[str, int]]] = {}
    start = threading.Barrier(2)

    def work(name: str) -> None:
        start.wait()
        with tracing() as reads:
            for _ in range(200):
                evaluate_year(histories[name], years[name])
                clear_caches()  # keep both threads on the fresh (recording) path
        seen[name] = {(read.id, read.first) for read in reads}

    threads = [threading.Thread(target=work, args=(name,)) for name in histories]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == alone
