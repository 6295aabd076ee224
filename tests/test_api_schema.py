import yaml
from django.core.management import call_command

from registry.choices import Role
from tests import factories


def test_the_openapi_schema_validates_without_warnings(tmp_path, db):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    counts = schema["paths"]["/api/v1/cameras/counts/"]["get"]
    parameters = {parameter["name"] for parameter in counts["parameters"]}
    camera_filters = {
        "site", "system", "site_category", "organisation", "manufacturer", "vendor", "origin_country", "networked",
        "status", "installed_after", "installed_before", "eol_before", "eol_after", "as_at", "q", "ordering",
    }  # fmt: skip
    assert camera_filters | {"group_by"} <= parameters
    list_parameters = {p["name"] for p in schema["paths"]["/api/v1/cameras/"]["get"]["parameters"]}
    assert camera_filters | {"limit", "offset"} <= list_parameters
    assert counts["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("CameraCounts")
    patch_headers = {p["name"] for p in schema["paths"]["/api/v1/cameras/{id}/"]["patch"]["parameters"]}
    assert "If-Match" in patch_headers


def test_the_schema_and_docs_are_served_to_whoever_is_signed_in(client, db):
    assert client.get("/api/schema/").status_code == 401
    assert client.get("/api/docs/").status_code in (401, 403)
    client.force_login(factories.superuser())
    assert client.get("/api/schema/").status_code == 200
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger-ui" in response.content
    assert b"cdn." not in response.content  # served locally: no internet on council networks
    # Swagger UI's start-up script is a file of its own: the page has no inline script for the CSP to refuse.
    assert b"<script>" not in response.content
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_public_api_docs_serves_the_schema_and_docs_without_sign_in(client, db, settings):
    settings.PUBLIC_API_DOCS = True
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
    # The API itself still needs credentials.
    assert client.get("/api/v1/cameras/").status_code == 401


def _schema(tmp_path) -> dict:
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(target))
    return yaml.safe_load(target.read_text())


def _body_ref(operation: dict) -> str:
    return operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def _answer_ref(operation: dict, status: str) -> str:
    return operation["responses"][status]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_nullable_fields_are_declared_nullable(tmp_path, db):
    camera = _schema(tmp_path)["components"]["schemas"]["Camera"]["properties"]
    for name in ("restriction_override_by", "vendor", "manufacturer", "install_date"):
        assert camera[name].get("nullable") is True, name


def test_the_foi_actions_declare_what_they_take_and_answer(tmp_path, db):
    schema = _schema(tmp_path)
    paths, components = schema["paths"], schema["components"]["schemas"]
    for action in ("clarification-requested", "clarification-received"):
        operation = paths[f"/api/v1/foi/requests/{{id}}/{action}/"]["post"]
        body = components[_body_ref(operation)]
        assert list(body["properties"]) == ["date"] and body["required"] == ["date"], action
        assert _answer_ref(operation, "200") == "FOIRequestDetail"
    withdraw = paths["/api/v1/foi/requests/{id}/withdraw/"]["post"]
    assert "requestBody" not in withdraw
    assert _answer_ref(withdraw, "200") == "FOIRequestDetail"
    issue = paths["/api/v1/foi/requests/{id}/issue/"]["post"]
    assert list(components[_body_ref(issue)]["properties"]) == [
        "reason",
        "outcome",
        "cost_estimate_hours",
        "advice_and_assistance",
    ]
    assert not components[_body_ref(issue)].get("required")
    assert "200" not in issue["responses"]
    assert _answer_ref(issue, "201") == "ResponseVersionDetail"
    assert _answer_ref(paths["/api/v1/foi/requests/"]["post"], "201") == "FOIRequestDetail"
    # Only the downloads answer a workbook.
    listing = paths["/api/v1/foi/requests/"]["get"]
    assert list(listing["responses"]["200"]["content"]) == ["application/json"]
    assert "format" not in {parameter["name"] for parameter in listing.get("parameters", [])}
    download = paths["/api/v1/foi/requests/{id}/response.xlsx"]["get"]["responses"]["200"]["content"]
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in download
    letter = paths["/api/v1/foi/requests/{request_pk}/versions/{number}/letter.docx"]["get"]["responses"]["200"]
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" in letter["content"]
    reviews = paths["/api/v1/foi/requests/{request_pk}/reviews/"]
    assert sorted(components[_body_ref(reviews["post"])]["required"]) == ["grounds", "requested_date"]
    assert _answer_ref(reviews["post"], "201") == "Review"
    decide = paths["/api/v1/foi/requests/{request_pk}/reviews/{id}/decide/"]["post"]
    assert sorted(components[_body_ref(decide)]["required"]) == ["decided_date", "outcome"]
    assert _answer_ref(decide, "200") == "Review"
    appeals = paths["/api/v1/foi/requests/{request_pk}/appeals/"]
    assert components[_body_ref(appeals["post"])]["required"] == ["appealed_date"]


def test_every_operation_declares_its_error_answers(tmp_path, db):
    schema = _schema(tmp_path)
    components = schema["components"]["schemas"]
    assert components["Error"]["required"] == ["detail"]
    assert components["FieldErrors"]["type"] == "object"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            label = f"{method.upper()} {path}"
            if {} in operation.get("security", []):  # the published register's open data: anyone, no credentials
                assert "401" not in responses and path.startswith("/api/v1/public/"), label
            else:
                assert _answer_ref(operation, "401") == "Error", label
                assert "WWW-Authenticate" in responses["401"]["headers"], label
            if "{" in path:
                assert _answer_ref(operation, "404") == "Error", label
            if method in {"post", "put", "patch", "delete"}:
                assert "400" in responses and _answer_ref(operation, "403") == "Error", label
            if "requestBody" in operation:
                assert _answer_ref(operation, "415") == "Error", label
            if "If-Match" in {parameter["name"] for parameter in operation.get("parameters", [])}:
                assert _answer_ref(operation, "412") == "Error", label
    assert _answer_ref(schema["paths"]["/api/v1/sites/"]["post"], "400") == "FieldErrors"
    assert _answer_ref(schema["paths"]["/api/v1/cameras/"]["get"], "400") == "FieldErrors"
    imported = schema["paths"]["/api/v1/cameras/import/"]["post"]["responses"]["400"]["content"]["application/json"]
    shapes = components[imported["schema"]["$ref"].rsplit("/", 1)[-1]]["oneOf"]
    assert [shape["$ref"].rsplit("/", 1)[-1] for shape in shapes] == ["CameraImportReport", "FieldErrors"]


def test_parameters_are_typed_as_the_api_reads_them(tmp_path, db):
    schema = _schema(tmp_path)
    counts = {p["name"]: p for p in schema["paths"]["/api/v1/cameras/counts/"]["get"]["parameters"]}
    site_id = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert counts["site"]["schema"] == {"anyOf": [site_id, {"type": "string", "maxLength": 0}]}
    assert counts["group_by"]["schema"]["type"] == "array"
    assert counts["group_by"]["explode"] is False
    assert "vendor" in counts["group_by"]["schema"]["items"]["enum"]
    assert {"GB", "CN", ""} <= set(counts["origin_country"]["schema"]["enum"])
    camera_body = schema["components"]["schemas"]["CameraRequest"]["properties"]
    assert camera_body["site"]["type"] == "integer"
    assert {"$ref": "#/components/schemas/CountryCodeEnum"} in camera_body["origin_country"]["oneOf"]
    # Bodies are documented as JSON; the import as the multipart upload it is.
    assert list(schema["paths"]["/api/v1/sites/"]["post"]["requestBody"]["content"]) == ["application/json"]
    assert list(schema["paths"]["/api/v1/cameras/import/"]["post"]["requestBody"]["content"]) == ["multipart/form-data"]


def test_every_limit_and_offset_states_the_bounds_the_api_enforces(tmp_path, db):
    """A limit below 1 or an offset below 0, or either past the database's big integer, is a 400: the schema says so
    on every operation that takes them, the replacement plan's page of cameras included."""
    schema = _schema(tmp_path)
    paged = {
        (path, name): parameter["schema"]
        for path, operations in schema["paths"].items()
        for parameter in operations.get("get", {}).get("parameters", [])
        if (name := parameter["name"]) in {"limit", "offset"}
    }
    assert ("/api/v1/replacement-plan/", "limit") in paged
    assert ("/api/v1/foi/requests/", "offset") in paged
    for (path, name), parameter_schema in paged.items():
        smallest = 1 if name == "limit" else 0
        assert parameter_schema == {"type": "integer", "minimum": smallest, "maximum": 2**63 - 1}, (path, name)


def test_a_limit_or_offset_past_the_stated_maximum_is_a_400(api_client_for, officer, db):
    client = api_client_for(officer)
    for url in ("/api/v1/cameras/", "/api/v1/replacement-plan/", "/api/v1/manufacturers/"):
        for name in ("limit", "offset"):
            assert client.get(url, {name: 2**63 - 1}).status_code == 200, (url, name)
            refused = client.get(url, {name: 2**63})
            assert refused.status_code == 400, (url, name)
            assert list(refused.json()) == [name]


def _list_query_parameters(schema: dict):
    """(path, parameter) for each query parameter of each list read (not a record's, not a workbook)."""
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or "{" in path or path.endswith(".xlsx"):
            continue
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                yield path, parameter


def test_every_filter_is_documented_as_taking_the_blank_it_accepts(tmp_path, api_client_for, council, db):
    """A blank filter means no filter (the web forms send every empty box), so the schema must not call it invalid:
    each filter parameter of each operation takes "" and is answered 200 with it. Asked by an administrator, who may
    read every list (the change log included)."""
    schema = _schema(tmp_path)
    client = api_client_for(factories.user_with_role(council, Role.ADMIN))
    checked = 0
    for path, parameter in _list_query_parameters(schema):
        name = parameter["name"]
        if name in {"limit", "offset", "format", "group_by"}:
            continue
        parameter_schema = parameter["schema"]
        listed = parameter_schema.get("enum", parameter_schema.get("items", {}).get("enum", [""]))
        blank_listed = {"type": "string", "maxLength": 0} in parameter_schema.get("anyOf", []) or "" in listed
        assert blank_listed, (path, name, parameter_schema)
        assert client.get(path, {name: ""}).status_code == 200, (path, name)
        checked += 1
    assert checked > 20


def test_a_read_refused_by_role_documents_its_403(tmp_path, db):
    """The change log is read by admins and FOI officers only: an officer's 403 is a documented answer."""
    changes = _schema(tmp_path)["paths"]["/api/v1/changes/"]["get"]
    assert _answer_ref(changes, "403") == "Error"


def test_every_free_text_filter_is_documented_as_refusing_the_nul_it_refuses(tmp_path, api_client_for, council, db):
    """Django's form fields answer a NUL character with a 400 naming the filter (PostgreSQL cannot store one), so
    the schema says a free-text filter takes anything but NUL: the fuzz found the 400 undocumented on ``q``."""
    import re

    from core.api.schema import NO_NUL

    schema = _schema(tmp_path)
    client = api_client_for(factories.user_with_role(council, Role.ADMIN))
    checked = 0
    for path, parameter in _list_query_parameters(schema):
        parts = parameter["schema"].get("anyOf", [parameter["schema"]])
        free_text = [part for part in parts if part.get("pattern") == NO_NUL]  # not a filter of its own pattern
        if not free_text:
            continue
        [text] = free_text
        assert re.fullmatch(text["pattern"], "Central Library") and not re.fullmatch(text["pattern"], "a\x00b")
        response = client.get(path, {parameter["name"]: "a\x00b"})
        assert response.status_code == 400 and parameter["name"] in response.json(), (path, parameter["name"])
        checked += 1
    assert checked >= 10


def test_the_systems_api_is_described(tmp_path, db):
    schema = _schema(tmp_path)
    paths, components = schema["paths"], schema["components"]["schemas"]
    listing = {p["name"] for p in paths["/api/v1/systems/"]["get"]["parameters"]}
    assert {"review_overdue", "dpia_overdue", "q", "organisation", "ordering", "limit", "offset"} <= listing
    assert set(paths["/api/v1/systems/{id}/"]) >= {"get", "put", "patch", "delete"}
    compliance = paths["/api/v1/systems/compliance/"]["get"]
    assert _answer_ref(compliance, "200") == "Compliance"
    assert {p["name"] for p in compliance["parameters"]} >= {"review_overdue", "dpia_overdue", "q"}
    system = components["System"]["properties"]
    assert system["principles"]["items"]["$ref"].endswith("/Principle")
    assert components["Principle"]["properties"]["status"]["$ref"].endswith("PrincipleStatusEnum")
    assert system["responsible_officer"].get("nullable") is True
    assert system["review_state"].get("readOnly") is True
    assert components["Camera"]["properties"]["system"].get("nullable") is True
    assert components["Site"]["properties"]["default_system"].get("nullable") is True
    assert "system" in components["GroupByEnum"]["enum"]
