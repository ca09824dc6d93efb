"""Every command refuses every kind of bad input with one error line, exit 2, store unchanged.

The cases are in ``matrix.py``; they run in this process (click's runner) on one seeded store,
whose bytes are compared before and after each case.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.reliability import matrix

from tierwatch.statements import open_store

_FOLDER: dict[str, Path] = {}


def _case_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if "cases" not in _FOLDER:
        _FOLDER["cases"] = tmp_path_factory.mktemp("bad-inputs")
    return _FOLDER["cases"]


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, matrix.Case]:
    found = matrix.cases(_case_folder(tmp_path_factory))
    return {case.kind: case for case in found}


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "kb.sqlite"
    open_store(str(path)).engine.dispose()
    return path


def test_the_matrix_has_every_kind_and_at_least_352_cases(
        cases: dict[str, matrix.Case]) -> None:
    assert len(cases) >= 352
    words = " ".join(cases)
    for kind in ("unknown", "empty", "huge", "binary", "utf16", "malformed", "deep",
                 "superscript", "arabic", "folder", "device", "missing"):
        assert kind in words, kind


def test_every_bad_input_is_one_error_line_and_changes_nothing(
        cases: dict[str, matrix.Case], store_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    shutil.copyfile(store_file, db)
    failures = {}
    for kind, case in cases.items():
        problem = matrix.check(case, db)
        if problem is not None:
            failures[kind] = problem
    assert not failures, "\n".join(f"{kind}: {problem}" for kind, problem in failures.items())
