"""The application answers on its two roots: the API's and the dashboard's."""


def test_api_root_names_the_version(client):
    answer = client.get("/api/v1/")
    assert answer.status_code == 200
    assert answer.json()["name"] == "tierwatch"


def test_openapi_is_published(client):
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "tierwatch"
    assert "/api/v1/countries/{name}" in schema["paths"]


def test_unknown_path_is_a_problem(client):
    answer = client.get("/api/v1/nowhere")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
