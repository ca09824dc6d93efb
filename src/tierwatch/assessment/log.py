"""The decision log as read: its entries, the hash chain that links them, the decisions that
stand, and the record with them laid over it.

Kept free of SQLAlchemy and pydantic so that the fast read commands (``country``, ``clock``)
can show decisions at the start-up cost of the standard library's sqlite3.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from tierwatch.law import PlacementHistory, PlacementYear, Tier

FIELDS = ("id", "country", "report_year", "tier", "waiver", "justification", "author",
          "proposed_tier", "departs_from_proposal", "evidence_digest", "recorded_at",
          "against_record", "previous_hash", "entry_hash")
"""The log's columns in a fixed order (exports and the raw SQLite read use it)."""

GENESIS = "0" * 64
"""The ``previous_hash`` of the first entry."""


@dataclass(frozen=True)
class Decision:
    country: str
    report_year: int
    tier: str
    waiver: bool
    justification: str | None
    author: str
    proposed_tier: str | None
    departs_from_proposal: bool | None
    evidence_digest: str | None
    recorded_at: str
    against_record: bool = False
    previous_hash: str | None = None
    entry_hash: str | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {name: data[name] for name in FIELDS}

    @property
    def label(self) -> str:
        return self.tier + (" with a waiver" if self.waiver else "")


def entry_hash(row: dict[str, Any], previous_hash: str) -> str:
    """The hash of one entry: its content and the hash of the entry before it."""
    content = {name: row[name] for name in FIELDS if name not in ("previous_hash", "entry_hash")}
    content["waiver"] = bool(content["waiver"])
    content["against_record"] = bool(content["against_record"])
    if content["departs_from_proposal"] is not None:
        content["departs_from_proposal"] = bool(content["departs_from_proposal"])
    text = json.dumps({"previous": previous_hash, "entry": content}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def contradicts_record(placement: PlacementYear | None, tier: Tier, waiver: bool) -> bool:
    """Whether a decision disagrees with what the published record holds for its year: a
    tier the record rules out, or a waiver the record says was (not) granted."""
    if placement is None:
        return False
    if not placement.may_be(tier):
        return True
    return (placement.tier is Tier.WATCH_LIST and tier is Tier.WATCH_LIST
            and placement.waiver is not None and placement.waiver != waiver)


def _row_decision(row: dict[str, Any]) -> Decision:
    data = dict(row)
    data["waiver"] = bool(data["waiver"])
    data["against_record"] = bool(data.get("against_record"))
    if data.get("departs_from_proposal") is not None:
        data["departs_from_proposal"] = bool(data["departs_from_proposal"])
    return Decision(**data)


def decisions(store: object, country: str | None = None) -> list[Decision]:
    """The log (of ``country``, or all), oldest first; empty where the store has none."""
    connection = getattr(store, "sqlite_connection", None)
    if isinstance(connection, sqlite3.Connection):  # the lean read path: no SQLAlchemy
        sql = f"SELECT {', '.join(FIELDS)} FROM decisions"
        params: tuple[str, ...] = ()
        if country is not None:
            sql, params = sql + " WHERE country = ?", (country,)
        try:
            rows = connection.execute(sql + " ORDER BY id", params).fetchall()
        except sqlite3.OperationalError:  # a store from before the log
            return []
        return [_row_decision(dict(zip(FIELDS, row, strict=True))) for row in rows]
    engine = getattr(store, "engine", None)
    if engine is None:
        return []
    import sqlalchemy as sa

    query = f"SELECT {', '.join(FIELDS)} FROM decisions"
    named: dict[str, str] = {}
    if country is not None:
        query, named = query + " WHERE country = :country", {"country": country}
    with engine.connect() as conn:
        rows = conn.execute(sa.text(query + " ORDER BY id"), named).mappings().all()
    return [_row_decision(dict(row)) for row in rows]


@dataclass(frozen=True)
class ChainCheck:
    """What ``verify_chain`` found: the number of entries checked, the first broken link."""

    entries: int
    head: str
    broken_at: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    def to_dict(self) -> dict[str, Any]:
        return {"entries": self.entries, "head": self.head, "intact": self.intact,
                "broken_at": self.broken_at, "problem": self.problem}


def verify_chain(log: Iterable[Decision]) -> ChainCheck:
    """Walk the whole log in order and name the first entry whose link does not hold: its
    hash does not match its content, or it does not point at the entry before it. (A log
    cut at its end leaves an intact chain: keep the head hash to catch that.)"""
    previous, previous_id, count = GENESIS, 0, 0
    for count, decision in enumerate(log, start=1):
        row = decision.to_dict()
        if decision.id != previous_id + 1:
            return ChainCheck(count - 1, previous, decision.id,
                              f"decision {decision.id} follows decision {previous_id}: an "
                              "entry is missing or out of place")
        if decision.previous_hash != previous:
            return ChainCheck(count - 1, previous, decision.id,
                              f"decision {decision.id} does not point at the entry before it "
                              "(an entry was removed, inserted or changed)")
        if decision.entry_hash != entry_hash(row, previous):
            return ChainCheck(count - 1, previous, decision.id,
                              f"decision {decision.id}: its content does not match its hash "
                              "(changed after it was recorded)")
        previous, previous_id = decision.entry_hash, decision.id
    return ChainCheck(count, previous)


def in_force(log: Iterable[Decision]) -> dict[tuple[str, int], Decision]:
    """The decision that stands for each country and year: the latest one recorded."""
    latest: dict[tuple[str, int], Decision] = {}
    for decision in log:
        latest[(decision.country, decision.report_year)] = decision
    return latest


def decided_history(history: PlacementHistory, log: Iterable[Decision]
                    ) -> tuple[PlacementHistory, list[Decision]]:
    """The record with the standing decisions laid over the years it leaves open (a future
    report year, or a year the sources do not settle); a published placement is never
    replaced (a decision against the record stays beside it). Returns the decisions used."""
    used = []
    changed = history
    for (_country, year), decision in sorted(in_force(log).items()):
        placement = history.get(year)
        if decision.against_record or (placement is not None
                                       and placement.settled_tier() is not None):
            continue
        tier = Tier(decision.tier)
        if placement is not None and not placement.may_be(tier):
            continue
        changed = changed.with_year(PlacementYear(year, tier, decision.waiver))
        used.append(decision)
    return changed, used


def decision_line(decision: Decision) -> str:
    """One decision for people, with its author, justification and standing; control
    characters in the free text are shown escaped, never sent raw to a terminal."""
    flag = "; AGAINST THE PUBLISHED RECORD" if decision.against_record else ""
    return (f"decision {decision.id}: {decision.report_year} {decision.label} by "
            f"{safe_text(decision.author)} at {decision.recorded_at}{flag}; proposed "
            f"{decision.proposed_tier or '-'}; justification: "
            f"{safe_text(decision.justification or '-')}")


def safe_text(text: str) -> str:
    """Free text fit for one line of a terminal: control characters (escape codes,
    newlines) written as escapes."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)
