"""What each source covers, year by year: the rows it holds by tier and the lists it holds whole.

Read from the store (statements and source descriptions), so that ``tierwatch sources`` shows
what was imported, not what the catalogue hopes for.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from tierwatch.law.tiers import Tier
from tierwatch.statements.model import COMPLETE_KEY, REPORT_RELEASED, TIER, WAIVER, SourceInfo
from tierwatch.statements.store import StatementReader

_COUNTED = (TIER, WAIVER, REPORT_RELEASED)
_TIER_ORDER = {str(tier): index for index, tier in enumerate(Tier)}


def complete_lists(source: SourceInfo) -> dict[int, frozenset[Tier]]:
    """The tier lists ``source`` holds whole, by report year (none when it claims none)."""
    text = (source.extra or {}).get(COMPLETE_KEY)
    if not text:
        return {}
    return {int(year): frozenset(Tier(t) for t in tiers)
            for year, tiers in json.loads(text).items()}


def source_coverage(reader: StatementReader) -> list[dict[str, Any]]:
    """Per source: its description, and per report year the rows it holds by value (tiers,
    waivers, release dates) and the lists it holds complete."""
    rows: dict[str, dict[int, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for prop in _COUNTED:
        for statement in reader.statements(prop=prop):
            if statement.report_year is None:
                continue
            label = statement.value if prop == TIER else prop.replace("_", " ")
            rows[statement.source][statement.report_year][label] += 1
    found = []
    for source in reader.sources():
        complete = complete_lists(source)
        years = []
        for year in sorted(set(rows.get(source.id, {})) | set(complete)):
            counts = rows.get(source.id, {}).get(year, Counter())
            years.append({
                "report_year": year,
                "rows": sum(counts.values()),
                "by_value": {label: counts[label] for label in sorted(
                    counts, key=lambda label: (_TIER_ORDER.get(label, 99), label))},
                "complete_lists": sorted((str(t) for t in complete.get(year, ())),
                                         key=lambda label: _TIER_ORDER[label]),
            })
        found.append({**source.to_dict(), "years": years})
    return found
