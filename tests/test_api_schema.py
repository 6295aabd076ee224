import yaml
from django.core.management import call_command

from tests import factories


def test_the_openapi_schema_validates_without_warnings(tmp_path, db):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    counts = schema["paths"]["/api/v1/cameras/counts/"]["get"]
    parameters = {parameter["name"] for parameter in counts["parameters"]}
    camera_filters = {
        "site", "site_category", "organisation", "manufacturer", "vendor", "origin_country", "networked", "status",
        "installed_after", "installed_before", "eol_before", "eol_after", "as_at", "q", "ordering",
    }  # fmt: skip
    assert camera_filters | {"group_by"} <= parameters
    list_parameters = {p["name"] for p in schema["paths"]["/api/v1/cameras/"]["get"]["parameters"]}
    assert camera_filters | {"limit", "offset"} <= list_parameters
    assert counts["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("CameraCounts")
    patch_headers = {p["name"] for p in schema["paths"]["/api/v1/cameras/{id}/"]["patch"]["parameters"]}
    assert "If-Match" in patch_headers


def test_the_schema_and_docs_are_served(client, db):
    assert client.get("/api/schema/").status_code == 200
    client.force_login(factories.superuser())
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger-ui" in response.content
    assert b"cdn." not in response.content  # served locally: no internet on council networks
