"""The one import service: batches of statements (with their sources) added to a store in one
transaction, so that a refused batch stores nothing of any.

Every writer goes through it: ``tierwatch import`` (public data files, a folder, another
store's export), ``tierwatch build-data`` (the shipped dataset, from a scratch store) and
``tierwatch read --store`` (claims read from documents), and the REST API's imports. Reading
the files is the callers' part (``tierwatch.sources.read_paths`` for data files; the reader
for documents): this layer knows statements, not file formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from tierwatch.statements.model import SourceInfo, Statement

if TYPE_CHECKING:
    from tierwatch.statements.store import Store


class StatementBatch(Protocol):
    """What one import adds: a name for people (a file's name), its statements, and the
    descriptions of the sources they come from (``sources.ImportBatch`` is one)."""

    @property
    def name(self) -> str: ...

    @property
    def statements(self) -> Sequence[Statement]: ...

    @property
    def sources(self) -> Sequence[SourceInfo]: ...


@dataclass(frozen=True)
class Batch:
    """A batch made in memory (claims read from documents, a test's statements)."""

    name: str
    statements: tuple[Statement, ...]
    sources: tuple[SourceInfo, ...]


@dataclass(frozen=True)
class BatchResult:
    """What one batch added: its statements, how many were new, its sources' ids."""

    name: str
    statements: int
    new: int
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "statements": self.statements, "new": self.new,
                "sources": list(self.sources)}


@dataclass(frozen=True)
class ImportResult:
    """An import: each batch's counts, the files left alone (not known data files), the
    store's URL (password hidden) and the total of new statements."""

    batches: tuple[BatchResult, ...]
    skipped: tuple[str, ...]
    store: str

    @property
    def new(self) -> int:
        return sum(batch.new for batch in self.batches)

    @property
    def statements(self) -> int:
        return sum(batch.statements for batch in self.batches)

    def to_dict(self) -> dict[str, Any]:
        return {"batches": [batch.to_dict() for batch in self.batches],
                "skipped": list(self.skipped), "new": self.new, "store": self.store}


def import_batches(store: Store, batches: Sequence[StatementBatch],
                   skipped: Sequence[str] = ()) -> ImportResult:
    """Add every batch in one transaction (all or nothing; re-importing the same statements
    adds nothing: ids come from content). ``skipped`` names inputs the caller left alone, to
    be reported with the result. Another process adding the same rows at the same moment
    makes the transaction retry (twice), as ``Store.add`` does."""
    from sqlalchemy.exc import IntegrityError

    for attempt in range(3):
        try:
            with store.transaction() as connection:
                added = [store.add(batch.statements, batch.sources, connection=connection)
                         for batch in batches]
            break
        except IntegrityError:
            if attempt == 2:
                raise
    return ImportResult(
        tuple(BatchResult(batch.name, len(batch.statements), new,
                          tuple(source.id for source in batch.sources))
              for batch, new in zip(batches, added, strict=True)),
        tuple(skipped), store.url)
