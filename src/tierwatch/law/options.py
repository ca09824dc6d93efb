"""The points the specification leaves unsettled ([U]) that change outcomes, as named options.

Why: the engine must never settle an open legal question silently. Each field is one open
point; its default is the reading the specification recommends (or the literal text), and the
explanation of every answer names the options it read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

from tierwatch.errors import InvalidInputError
from tierwatch.law import special_watch_list
from tierwatch.law.statute import first_version

CapTransition = Literal["count_earlier_waivers", "fresh_cap_from_2019"]
PostDowngradeTrigger = Literal["any_tier3_after_full_run", "forced_only"]
PostDowngradeDuration = Literal["permanent", "first_return_only"]


@dataclass(frozen=True, slots=True)
class LawOptions:
    """One field per unsettled point (spec sections 4.1, 5.3, 5.4, 12).

    - ``waiver_cap_transition``: how a run that straddles 2018/2019 counts its waivers under the
      one-year cap. Default ``count_earlier_waivers`` (spec 5.3's recommendation: waivers
      granted before 2019 in the same run count against the cap of 1); ``fresh_cap_from_2019``
      counts only waivers granted for 2019 and later.
    - ``post_downgrade_trigger``: what makes the (F) one-year limit apply. Default
      ``any_tier3_after_full_run`` (the literal text: a run of at least two watch-list years,
      plus any waiver years, followed by Tier 3); ``forced_only`` requires that no waiver was
      left under the cap when the country went to Tier 3.
    - ``post_downgrade_counts_pre_2019``: whether a downgrade before the 2019 report (China and
      Russia 2013, Thailand 2014) triggers (F) for later years. The text does not limit it
      (spec 5.4), but the default is False because the record does: replaying every recorded
      placement (``tierwatch audit``) found eight watch-list years that only the True reading
      forbids and none that it explains (Central African Republic 2019, Democratic Republic
      of the Congo 2021-2022, Equatorial Guinea 2021-2022, Sudan 2019-2020, Algeria 2019,
      each back on the watch list after a downgrade made before 2019).
    - ``post_downgrade_duration``: ``first_return_only`` (default: the limit covers the first
      watch-list run after the downgrade) or ``permanent`` (every later run). The default
      follows the record rather than the spec's literal reading: Malaysia, downgraded in 2014,
      back on the watch list in 2015-2016, was on it again in 2018, 2019 and (with a waiver)
      2020, which ``permanent`` would call unlawful.
    - ``watch_list_first_report``: first report with a Tier 2 Watch List. Default None: the
      year in ``statute.yaml`` (2004, spec 4.1, inferred from the 2003 Act's date).
    """

    waiver_cap_transition: CapTransition = "count_earlier_waivers"
    post_downgrade_trigger: PostDowngradeTrigger = "any_tier3_after_full_run"
    post_downgrade_counts_pre_2019: bool = False
    post_downgrade_duration: PostDowngradeDuration = "first_return_only"
    watch_list_first_report: int | None = None
    hash_value: int = field(default=0, init=False, repr=False, compare=False)
    """Worked out once: the options key the engine's caches on every evaluation."""

    def __hash__(self) -> int:
        return self.hash_value

    def __post_init__(self) -> None:
        allowed: dict[str, tuple[Any, ...]] = {
            "waiver_cap_transition": ("count_earlier_waivers", "fresh_cap_from_2019"),
            "post_downgrade_trigger": ("any_tier3_after_full_run", "forced_only"),
            "post_downgrade_counts_pre_2019": (True, False),
            "post_downgrade_duration": ("permanent", "first_return_only"),
        }
        for name, values in allowed.items():
            if getattr(self, name) not in values:
                raise InvalidInputError(
                    f"law option {name}={getattr(self, name)!r}: expected one of "
                    + ", ".join(repr(v) for v in values)
                )
        first = self.watch_list_first_report
        if first is not None and not 2001 <= first <= 2009:
            raise InvalidInputError(
                f"law option watch_list_first_report={self.watch_list_first_report}: "
                "expected a year from 2001 to 2009"
            )
        object.__setattr__(self, "hash_value", hash(tuple(
            getattr(self, name) for name in _SETTINGS)))

    def watch_list_start(self) -> int:
        """The first report with a Tier 2 Watch List under these options."""
        if self.watch_list_first_report is not None:
            return self.watch_list_first_report
        return first_version(special_watch_list.RULE).first

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _SETTINGS}


_SETTINGS: tuple[str, ...] = tuple(f.name for f in fields(LawOptions) if f.init)
"""The option fields themselves (not the worked-out hash)."""


DEFAULT_OPTIONS = LawOptions()
