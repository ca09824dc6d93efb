"""Provision ids are declared once (law/provision_ids.py) and referenced everywhere else.

Why: an id spelt out as a string in a caller goes stale silently (a mistyped id reads as a
provision not in force); declared once, it fails at import or here.
"""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import yaml

import tierwatch
from tierwatch.law import provision_ids as ids

SOURCE = Path(tierwatch.__file__).parent
LOOKUPS = {"provision", "first_version", "statute_cited", "assessment_provision", "cited",
           "_first", "_items", "_governing"}
"""The functions that take a provision id as their first argument."""
CHECKED = [*sorted((SOURCE / "law").glob("*.py")), SOURCE / "assessment" / "proposal.py",
           SOURCE / "assessment" / "recording.py"]


def _keys(name: str) -> list[str]:
    text = resources.files("tierwatch.law").joinpath(name).read_text(encoding="utf-8")
    return list(yaml.safe_load(text))


def test_the_declared_ids_are_exactly_the_files_keys() -> None:
    assert list(ids.STATUTE) == _keys("statute.yaml")
    assert list(ids.ASSESSMENT) == _keys("assessment.yaml")


def test_no_lookup_spells_out_a_provision_id() -> None:
    every = set(ids.STATUTE) | set(ids.ASSESSMENT)
    found = []
    for path in CHECKED:
        if path.name == "provision_ids.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                first = node.args[0]
                if name in LOOKUPS and isinstance(first, ast.Constant) and first.value in every:
                    found.append(f"{path.name}:{node.lineno} {name}({first.value!r})")
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and node.value.value in every
                    and any(getattr(t, "id", "") == "RULE" for t in node.targets)):
                found.append(f"{path.name}:{node.lineno} RULE = {node.value.value!r}")
    assert found == []


def test_each_rule_module_takes_its_id_from_the_declarations() -> None:
    from tierwatch.law import (
        automatic_downgrade,
        downgrade_waiver,
        policy_or_pattern,
        post_downgrade_limit,
        special_watch_list,
        tier_lists,
    )

    assert tier_lists.RULE is ids.TIER_LISTS
    assert special_watch_list.RULE is ids.SPECIAL_WATCH_LIST
    assert automatic_downgrade.RULE is ids.AUTOMATIC_DOWNGRADE
    assert downgrade_waiver.RULE is ids.DOWNGRADE_WAIVER
    assert post_downgrade_limit.RULE is ids.POST_DOWNGRADE_LIMIT
    assert policy_or_pattern.RULE is ids.POLICY_OR_PATTERN
