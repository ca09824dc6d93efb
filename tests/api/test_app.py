"""The application answers on its two roots: the API's and the dashboard's."""

from fastapi.testclient import TestClient

from tierwatch.api import create_app


def test_api_root_names_the_version(tmp_path):
    client = TestClient(create_app(str(tmp_path / "store.sqlite")))
    answer = client.get("/api/v1/")
    assert answer.status_code == 200
    assert answer.json()["name"] == "tierwatch"


def test_openapi_is_published(tmp_path):
    client = TestClient(create_app(str(tmp_path / "store.sqlite")))
    assert client.get("/openapi.json").json()["info"]["title"] == "tierwatch"
