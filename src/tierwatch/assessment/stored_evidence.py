"""Stored evidence: an analyst's evidence for a country and report year, kept in the store
as recorded, so that a decision's ``evidence_digest`` names a document anyone with access
can read back and check.

The document is the evidence as validated (``parse_evidence``, the same check as
``tierwatch assess``: the country as its code, every field present) written as canonical
JSON (sorted keys, no spaces), so the same evidence gives the same digest whichever way it
was spelled. Who recorded it (a token's holder, or the CLI's ``--author``) and when (the
store's own clock) are kept beside it; the table refuses updates and deletes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from tierwatch.assessment.evidence import Evidence, parse_evidence
from tierwatch.errors import InvalidInputError, TierwatchError
from tierwatch.statements.store import Store, store_clock

metadata = sa.MetaData()
evidence_table = sa.Table(
    "evidence", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("country", sa.String(8), nullable=False),
    sa.Column("report_year", sa.Integer, nullable=False),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("recorded_by", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.String(32), nullable=False),
)
_decisions = sa.table("decisions", sa.column("id"), sa.column("evidence_digest"))


class UnknownEvidenceError(TierwatchError, LookupError):
    """No stored evidence has this id."""


def canonical_document(evidence: Evidence) -> str:
    """The evidence as canonical JSON: what is stored and what its digest is taken of."""
    return json.dumps(evidence.model_dump(mode="json"), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def document_digest(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredEvidence:
    """One stored evidence document, who recorded it and when, and the decisions that name
    its digest (``decisions``: their ids, oldest first)."""

    id: int
    country: str
    report_year: int
    document: str
    digest: str
    recorded_by: str
    recorded_at: str
    decisions: tuple[int, ...] = field(default=())
    new: bool = field(default=False, compare=False)
    """Whether ``record_evidence`` stored it just now (False: the same document was held)."""

    @property
    def intact(self) -> bool:
        """Whether the document still matches its digest."""
        return document_digest(self.document) == self.digest

    @property
    def evidence(self) -> Evidence:
        """The document as evidence again (validated as when it was recorded)."""
        return parse_evidence(json.loads(self.document), origin=f"evidence {self.id}")

    def to_dict(self, *, with_document: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "country": self.country, "report_year": self.report_year,
            "digest": self.digest, "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at, "intact": self.intact,
            "decisions": list(self.decisions), "href": f"/api/v1/evidence/{self.id}"}
        if with_document:
            data["evidence"] = json.loads(self.document)
        return data


def as_evidence(evidence: Evidence | Mapping[str, Any], origin: str = "evidence") -> Evidence:
    """Evidence validated by ``parse_evidence`` (a mapping is parsed; a bad field is named)."""
    if isinstance(evidence, Evidence):
        return parse_evidence(evidence.model_dump(mode="json"), origin=origin)
    return parse_evidence(dict(evidence) if isinstance(evidence, Mapping) else evidence,
                          origin=origin)


def record_evidence(store: Store, evidence: Evidence | Mapping[str, Any], *, recorded_by: str,
                    connection: sa.Connection | None = None) -> StoredEvidence:
    """Validate and store one evidence document; bad evidence is refused (the field named)
    and nothing is written. A document already held (the same digest) is not stored again:
    its entry is answered, with ``new`` False. Given a ``connection``, it is written in the
    caller's transaction (with a decision, or the API's audit row)."""
    parsed = as_evidence(evidence)
    if not recorded_by.strip() or not recorded_by.isprintable() or len(recorded_by) > 200:
        raise InvalidInputError(f"author {recorded_by!r}: evidence needs who records it "
                                "(a short printable name)")
    document = canonical_document(parsed)
    digest = document_digest(document)
    scope: AbstractContextManager[sa.Connection] = (
        store.transaction() if connection is None else nullcontext(connection))
    with scope as own:
        held = own.execute(sa.select(evidence_table).where(evidence_table.c.digest == digest)
                           .order_by(evidence_table.c.id).limit(1)).first()
        if held is not None and held.document == document:
            return _entries(own, [held])[0]
        at = store_clock(own)
        inserted = own.execute(evidence_table.insert().values(
            country=parsed.country, report_year=parsed.report_year, document=document,
            digest=digest, recorded_by=recorded_by, recorded_at=at)).inserted_primary_key
    assert inserted is not None
    return StoredEvidence(int(inserted[0]), parsed.country, parsed.report_year, document,
                          digest, recorded_by, at, new=True)


def _citing(connection: sa.Connection, digests: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The ids of the decisions naming each digest."""
    wanted = sorted(set(digests))
    found: dict[str, list[int]] = {}
    for start in range(0, len(wanted), 500):
        rows = connection.execute(
            sa.select(_decisions.c.id, _decisions.c.evidence_digest)
            .where(_decisions.c.evidence_digest.in_(wanted[start:start + 500]))
            .order_by(_decisions.c.id)).all()
        for row in rows:
            found.setdefault(row[1], []).append(int(row[0]))
    return {digest: tuple(ids) for digest, ids in found.items()}


def _entries(connection: sa.Connection, rows: list[Any]) -> list[StoredEvidence]:
    citing = _citing(connection, (row.digest for row in rows))
    return [StoredEvidence(int(row.id), row.country, int(row.report_year), row.document,
                           row.digest, row.recorded_by, row.recorded_at,
                           citing.get(row.digest, ())) for row in rows]


def list_evidence(store: Store, country: str | None = None,
                  report_year: int | None = None) -> list[StoredEvidence]:
    """The stored evidence (of a country, name or code, and a report year, when given),
    oldest first."""
    from tierwatch.countries import lookup
    from tierwatch.law import validate_report_year

    table = evidence_table
    query = sa.select(table)
    if country is not None:
        query = query.where(table.c.country == lookup(country).code)
    if report_year is not None:
        query = query.where(table.c.report_year == validate_report_year(report_year))
    with store.engine.connect() as connection:
        return _entries(connection, list(connection.execute(query.order_by(table.c.id)).all()))


def get_evidence(store: Store, evidence_id: int,
                 connection: sa.Connection | None = None) -> StoredEvidence:
    """The stored evidence with this id, or ``UnknownEvidenceError``."""
    if not 0 < evidence_id < 2**63:
        raise UnknownEvidenceError(f"evidence {evidence_id}: no stored evidence has this id")
    if connection is None:
        with store.engine.connect() as own:
            return get_evidence(store, evidence_id, own)
    row = connection.execute(sa.select(evidence_table)
                             .where(evidence_table.c.id == evidence_id)).first()
    if row is None:
        raise UnknownEvidenceError(f"evidence {evidence_id}: no stored evidence has this id "
                                   "(tierwatch evidence list)")
    return _entries(connection, [row])[0]
