"""Why an answer is what it is: the rules that fired, as data and as plain sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tierwatch.law.sealed import SealedDict


@dataclass(frozen=True, slots=True)
class RuleFiring:
    """One rule applied: its id, its citation, the inputs it read, and what it decided.

    ``outcome`` is a short plain-English clause; ``sentence`` makes it a sentence for people.
    """

    rule: str
    citation: str
    inputs: dict[str, Any] = field(default_factory=dict)
    outcome: str = ""

    def __post_init__(self) -> None:
        # firings are shared between cached answers: make the inputs read-only
        sealed = SealedDict(
            (key, tuple(value) if isinstance(value, list) else value)
            for key, value in self.inputs.items()
        )
        object.__setattr__(self, "inputs", sealed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, keys in a fixed order and inputs sorted by name (determinism)."""
        return {
            "rule": self.rule,
            "citation": self.citation,
            "outcome": self.outcome,
            "inputs": {key: _plain(self.inputs[key]) for key in sorted(self.inputs)},
        }

    @property
    def sentence(self) -> str:
        text = self.outcome[:1].upper() + self.outcome[1:]
        if not text.endswith("."):
            text += "."
        return f"{text} ({self.citation})"


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
