"""The reader's services: a document in, its claims out (nothing stored), and those claims
as one batch of statements for the import service (``statements.importing``: the reader
itself knows nothing of storage).

The answer of a reading is ``DocumentReading`` (its ``to_json()`` is one line of ``tierwatch
read --json``); a bad document raises ``InvalidInputError`` naming it (``read_document``) or
comes back as an ``Outcome`` with its message (``read_files``: the others are still read).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tierwatch.reading.batch import Outcome, read_many
from tierwatch.reading.model import DocumentReading

if TYPE_CHECKING:
    from tierwatch.statements.importing import Batch


def read_document(name: str, data: bytes) -> DocumentReading:
    """Read one document given as bytes (plain text, HTML or PDF, told apart by content,
    not by ``name``, which only labels it): placements, figures, speakers, disputes, each
    with its span and reasons. Nothing is stored."""
    from tierwatch.reading.loading import load_bytes
    from tierwatch.reading.pipeline import read_loaded

    return read_loaded(load_bytes(name, data))


def read_files(names: Sequence[str], *, scheduler: str | None = None,
               progress: bool = False) -> list[Outcome]:
    """Every file's reading or the one-line reason it was refused, in the given order
    (``-`` is standard input; many files are read on Dask, ``scheduler`` names a cluster)."""
    return read_many(names, scheduler=scheduler, progress=progress)


def readings_batch(readings: Sequence[DocumentReading]) -> Batch:
    """The claims of the readings as statements, with each document as their source."""
    from tierwatch.reading.statements import document_info, to_statements
    from tierwatch.statements.importing import Batch

    statements = tuple(s for reading in readings for s in to_statements(reading))
    sources = tuple(sorted({document_info(r).id: document_info(r) for r in readings}.values(),
                           key=lambda source: source.id))
    return Batch(f"{len(readings)} document(s)", statements, sources)
