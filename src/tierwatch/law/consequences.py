"""What follows a Tier 3 placement (spec section 8): the determination window, the fiscal
year, the actions the President may determine and the waivers he may grant.

TVPA §110(c)-(f), 22 U.S.C. 7107(c)-(f). The 2001 and 2002 reports carried no sanctions:
§110(c) covers reports submitted on or after 1 January 2003. Cases:
tests/law/cases/consequences.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tierwatch.law import provision_ids as ids
from tierwatch.law.calendar import report_due_date
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.statute import first_version, provision, validate_report_year


@dataclass(frozen=True, slots=True)
class Tier3Consequences:
    """The statutory consequences of a Tier 3 placement in ``report_year``.

    The window is counted from ``report_date``: the statutory due date unless the caller gives
    the actual release date.
    """

    report_year: int
    applies: bool
    report_date: date
    determination_from: date | None
    determination_to: date | None
    fiscal_year: int | None
    fiscal_year_start: date | None
    actions: list[dict[str, str]]
    waiver_kinds: list[dict[str, str]]
    explanation: list[RuleFiring] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_year": self.report_year,
            "applies": self.applies,
            "report_date": self.report_date.isoformat(),
            "determination_window": None if self.determination_from is None else [
                self.determination_from.isoformat(),
                self.determination_to.isoformat() if self.determination_to else None,
            ],
            "fiscal_year": self.fiscal_year,
            "fiscal_year_start": (None if self.fiscal_year_start is None
                                  else self.fiscal_year_start.isoformat()),
            "actions": [dict(action) for action in self.actions],
            "waiver_kinds": [dict(kind) for kind in self.waiver_kinds],
            "explanation": [firing.to_dict() for firing in self.explanation],
        }


def _as_dicts(value: Any) -> list[dict[str, str]]:
    return [{"id": item["id"], "citation": item["citation"], "text": item["text"]}
            for item in value]


RULE = ids.TIER3_DETERMINATION


def consequences_of(report_year: int, released: date | None = None) -> Tier3Consequences:
    """Consequences of Tier 3 in ``report_year`` under the law of that year (the engine's
    ``tier3_consequences`` caches this and hands out copies)."""
    validate_report_year(report_year)
    report_date = released or report_due_date(report_year)
    window = provision(RULE, report_year)
    if window is None:
        first = first_version(RULE)
        return Tier3Consequences(
            report_year=report_year, applies=False, report_date=report_date,
            determination_from=None, determination_to=None, fiscal_year=None,
            fiscal_year_start=None, actions=[], waiver_kinds=[],
            explanation=[RuleFiring(
                RULE, first.citation,
                {"report_year": report_year, "in_force_from": first.first},
                f"the {report_year} report carried no sanctions: determinations are required "
                f"only for reports submitted on or after 1 January {first.first}",
            )],
        )
    earliest, latest = window.value
    actions = provision(ids.TIER3_ACTIONS, report_year)
    waivers = provision(ids.TIER3_WAIVERS, report_year)
    fiscal = provision(ids.FISCAL_YEAR_START, report_year)
    assert actions is not None and waivers is not None and fiscal is not None
    fiscal_year = report_year + 1
    fiscal_start = date(report_year, *fiscal.value)
    determination_from = report_date + timedelta(days=int(earliest))
    determination_to = report_date + timedelta(days=int(latest))
    explanation = [
        RuleFiring(
            RULE, window.citation,
            {"report_year": report_year, "report_date": report_date.isoformat(),
             "days": [earliest, latest]},
            f"the President notifies a determination between {determination_from.isoformat()} "
            f"and {determination_to.isoformat()} ({earliest} to {latest} days after the report "
            f"of {report_date.isoformat()})",
        ),
        RuleFiring(
            "fiscal_year_start", fiscal.citation,
            {"report_year": report_year},
            f"restrictions apply to fiscal year {fiscal_year}, which begins "
            f"{fiscal_start.isoformat()}",
        ),
        RuleFiring(
            "tier3_actions", actions.citation, {"report_year": report_year},
            "the determination withholds assistance, notes existing restrictions or finds later "
            "compliance",
        ),
        RuleFiring(
            "tier3_waivers", waivers.citation, {"report_year": report_year},
            "the President may waive the restrictions in full or in part in the national "
            "interest, then or later",
        ),
    ]
    return Tier3Consequences(
        report_year=report_year, applies=True, report_date=report_date,
        determination_from=determination_from, determination_to=determination_to,
        fiscal_year=fiscal_year, fiscal_year_start=fiscal_start,
        actions=_as_dicts(actions.value), waiver_kinds=_as_dicts(waivers.value),
        explanation=explanation,
    )
