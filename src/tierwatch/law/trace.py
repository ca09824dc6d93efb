"""The tracer: which provision versions an answer read, recorded as they are read.

Why: an explanation must name the law it rests on, and a list written by hand at each call
goes stale. ``statute.provision`` reports every version it hands out to the active trace (as
OpenFisca's tracer records parameter reads); ``tracing()`` opens one. The engine's caches keep
the reads with each cached answer and replay them on a hit (``traced_cache``), so a cached
answer names the same provisions as a fresh one. The open trace is a context variable: each
thread (and each asyncio task) has its own, so concurrent evaluations never mix their reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True, eq=False)
class ProvisionRead:
    """One provision version an answer read: its id, the report years it governs, citation.

    One object per version (made once when the statute is loaded), so identity is equality
    and hashing is cheap on the engine's hot path."""

    id: str
    first: int
    last: int | None
    citation: str

    def to_dict(self) -> dict[str, Any]:
        years = f"{self.first}-" if self.last is None else f"{self.first}-{self.last}"
        return {"id": self.id, "report_years": years, "citation": self.citation}


OPEN_TRACE: ContextVar[dict[ProvisionRead, None] | None] = ContextVar("tierwatch_law_trace",
                                                               default=None)
"""The open trace: the reads of the computation under way in this thread or task, or None.
A context variable, so that an API server evaluating the law on several threads (or asyncio
tasks) at once keeps each answer's reads apart."""


def open_reads() -> dict[ProvisionRead, None] | None:
    """The reads of the trace open in this context (None when none is open)."""
    return OPEN_TRACE.get()


def record(read: ProvisionRead) -> None:
    """Note a provision read in the open trace (nothing when none is open)."""
    reads = OPEN_TRACE.get()
    if reads is not None:
        reads[read] = None


def replay(reads: Iterable[ProvisionRead]) -> None:
    """Note reads made earlier (by a cached computation) in the open trace."""
    active = OPEN_TRACE.get()
    if active is not None:
        active.update(dict.fromkeys(reads))


@contextmanager
def tracing() -> Iterator[dict[ProvisionRead, None]]:
    """Record the provision reads of the block; nested traces also report to the outer one."""
    with Tracing() as reads:
        yield reads


def sorted_reads(reads: Iterable[ProvisionRead]) -> tuple[ProvisionRead, ...]:
    """Reads in a fixed order (determinism: the same answer names them the same way)."""
    return tuple(sorted(set(reads), key=_order))


def _order(read: ProvisionRead) -> tuple[str, int]:
    return read.id, read.first


class Tracing:
    """``tracing()`` without the generator machinery, for the engine's hot path."""

    __slots__ = ("_token", "reads")

    def __enter__(self) -> dict[ProvisionRead, None]:
        self.reads: dict[ProvisionRead, None] = {}
        self._token = OPEN_TRACE.set(self.reads)
        return self.reads

    def __exit__(self, *_exc: object) -> None:
        outer = self._token.old_value
        OPEN_TRACE.reset(self._token)
        if outer is not Token.MISSING and outer is not None:
            outer.update(self.reads)


def traced_cache(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``lru_cache`` that keeps the provision reads of each answer and replays them on a hit."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @lru_cache(maxsize=maxsize)
        def computed(*args: Any, **kwargs: Any) -> tuple[R, dict[ProvisionRead, None]]:
            with Tracing() as reads:
                result = function(*args, **kwargs)
            return result, reads

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            result, reads = computed(*args, **kwargs)  # type: ignore[arg-type]
            active = OPEN_TRACE.get()
            if active is not None:
                active.update(reads)
            return result

        setattr(wrapper, "cache_clear", computed.cache_clear)  # noqa: B010 (for clear_caches)
        return wrapper

    return decorate
