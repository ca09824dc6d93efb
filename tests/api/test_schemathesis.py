"""Property-based run of schemathesis over the published OpenAPI document: every operation,
a fixed small number of generated requests each (deterministic: derandomized), no 5xx, and
every answer conforming to its declared status, content type and schema. The analyst's
operations (evidence, decisions) run once more with an analyst token, on a private store,
so that the requests reach past the token check."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES_PER_OPERATION = 8
# The whole-store exports are large and have no parameters: one call each is tested in
# test_records; here they would only repeat the same request.
SKIPPED = r"^/api/v1/export/"


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
ANALYST_OPERATIONS = r"^/api/v1/(evidence|decisions)"


@pytest.fixture(scope="module")
def api_schema(seeded_store):
    from tierwatch.api import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(str(seeded_store)))


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(scope="module")
def analyst(seeded_store, tmp_path_factory):
    """A private copy of the seeded store with an analyst token, and its application."""
    from tierwatch.access import create_token
    from tierwatch.api import create_app
    from tierwatch.statements import open_store

    path = tmp_path_factory.mktemp("schemathesis-analyst") / "store.sqlite"
    shutil.copyfile(seeded_store, path)
    store = open_store(str(path))
    _, secret = create_token(store, "Schemathesis", "analyst", "test")
    store.engine.dispose()
    return create_app(str(path)), {"Authorization": f"Bearer {secret}"}


@pytest.fixture(scope="module")
def analyst_schema(analyst):
    return schemathesis.openapi.from_asgi("/openapi.json", analyst[0])


analyst_operations = schemathesis.pytest.from_fixture("analyst_schema")


@schema.exclude(path_regex=SKIPPED).parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None,
          database=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms(case):
    case.call_and_validate(checks=CHECKS)


@analyst_operations.include(path_regex=ANALYST_OPERATIONS).parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None,
          database=None, suppress_health_check=list(HealthCheck))
def test_the_analysts_operations_conform_with_a_token(case, analyst):
    case.call_and_validate(headers=analyst[1], checks=CHECKS)
