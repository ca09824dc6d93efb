"""Why an answer is what it is: the rules that fired, as data and as plain sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from tierwatch.law.trace import ProvisionRead


@dataclass(frozen=True, slots=True)
class RuleFiring:
    """One rule applied: its id, its citation, the inputs it read, and what it decided. The
    one explanation step of the law and of the assessment alike.

    ``outcome`` is a short plain-English clause; ``sentence`` makes it a sentence for people.
    """

    rule: str
    citation: str
    inputs: dict[str, Any] = field(default_factory=dict)
    outcome: str = ""
    applied: bool = True
    """False for a rule that could not be applied for want of evidence (an assessment's
    proposal says so; ``outcome`` then says what is lacking and which answers stay open)."""

    def __post_init__(self) -> None:
        # a firing is a fact once made: its inputs are a read-only view, lists become tuples
        inputs = self.inputs
        if any(type(value) is list for value in inputs.values()):
            inputs = {key: tuple(value) if isinstance(value, list) else value
                      for key, value in inputs.items()}
        else:
            inputs = dict(inputs)  # a copy: the caller's dict may change after
        object.__setattr__(self, "inputs", MappingProxyType(inputs))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, keys in a fixed order and inputs sorted by name (determinism)."""
        return {
            "rule": self.rule,
            "citation": self.citation,
            "outcome": self.outcome,
            "inputs": {key: _plain(self.inputs[key]) for key in sorted(self.inputs)},
            "applied": self.applied,
        }

    def qualified(self, condition: str) -> RuleFiring:
        """The same firing, said to hold only ``condition`` ("if 2025 had a waiver")."""
        return RuleFiring(self.rule, self.citation, dict(self.inputs),
                          f"{self.outcome.rstrip('.')}, {condition}", self.applied)

    @property
    def sentence(self) -> str:
        text = self.outcome[:1].upper() + self.outcome[1:]
        if not text.endswith("."):
            text += "."
        return f"{text} ({self.citation})"


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why an answer is what it is, for the law and the assessment alike: the rules that
    fired, in order, and the provision versions read (recorded by the tracer as they were
    read, see ``trace.tracing``)."""

    firings: tuple[RuleFiring, ...]
    provisions: tuple[ProvisionRead, ...] = ()

    def sentences(self) -> list[str]:
        return [firing.sentence for firing in self.firings]

    def to_dict(self) -> dict[str, Any]:
        return {"firings": [firing.to_dict() for firing in self.firings],
                "provisions": [read.to_dict() for read in self.provisions]}


def _plain(value: Any) -> Any:
    """Tiers, tuples and sets in the inputs become JSON values, sets sorted."""
    if isinstance(value, str | int | float | bool) or value is None:
        return str(value) if isinstance(value, str) else value
    if isinstance(value, dict):
        return {str(k): _plain(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, set | frozenset):
        return sorted((_plain(item) for item in value), key=str)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)
