"""Statements: every fact with its source, and the store that keeps them.

``Statement`` and ``SourceInfo`` are the model; ``open_store`` opens (creates, upgrades and
seeds) a store; ``open_reader`` is the fast read-only path of the look-up commands.
"""

from tierwatch.statements.model import (
    MOVE,
    PREVIOUS_TIER,
    SPEAKER_STANCE,
    TIER,
    WAIVER,
    SourceInfo,
    Statement,
)
from tierwatch.statements.store import (
    StatementReader,
    Store,
    as_url,
    default_url,
    open_reader,
    open_store,
)

__all__ = [
    "MOVE", "PREVIOUS_TIER", "SPEAKER_STANCE", "TIER", "WAIVER", "SourceInfo", "Statement",
    "StatementReader", "Store", "as_url", "default_url", "open_reader", "open_store",
]
