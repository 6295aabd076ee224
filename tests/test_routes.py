"""Every route of the root resolver, asked as each persona, answers as tests/route_table.py says; a route without
a line there fails, and so does a line for a route that no longer exists. The README's roles table is checked
against the same lines."""

import datetime
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from assets.choices import ExportJobStatus
from assets.models import ExportJob, ImportJob
from assets.services import organisation_settings_update
from assets.services.imports import import_job_start
from foi import services as foi_services
from registry.choices import Role
from registry.models import Membership
from registry.system_services import system_create
from tests import factories
from tests.route_table import (
    ADMIN_PREFIX,
    ADMIN_RULE,
    ANYONE,
    CHANGES,
    DELETE,
    EDIT,
    FOI,
    LOGIN,
    MEMBERS,
    NOBODY,
    PERSONAS,
    READ,
    ROUTES,
    SUPERUSER,
    Route,
)

README = Path(__file__).resolve().parent.parent / "README.md"
# The officer's checked upload (an ImportJob), and the viewer's finished large download (an ExportJob).
IMPORT_TOKEN = "00000000-0000-4000-8000-00000000f11e"
REFUSED = {401, 403, LOGIN}


class Pattern(NamedTuple):
    key: str  # the URL name with its namespaces; an unnamed pattern is known by its path
    path: str
    callback: object
    name: str | None


def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            path = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            key = name or f"{namespace}:<unnamed {path}>"
            yield Pattern(key, path, entry.callback, name)


PATTERNS = list(walk(get_resolver()))
APP_PATTERNS = [pattern for pattern in PATTERNS if not pattern.key.startswith(ADMIN_PREFIX)]
ADMIN_PATTERNS = [pattern for pattern in PATTERNS if pattern.key.startswith(ADMIN_PREFIX)]
TABLE = {(route.name, route.method): route for route in ROUTES}


def methods_served(callback) -> set[str] | None:
    """The methods a view answers, when it says so: a viewset's actions, a class's handlers; None for a function."""
    actions = getattr(callback, "actions", None)
    if actions:  # DRF adds "head" to them on the first GET: HEAD and OPTIONS answer as GET does, unlisted
        return {method.upper() for method in actions} - {"HEAD", "OPTIONS"}
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is None:
        return None
    names = set(view_class.http_method_names) - {"options", "head"}
    return {name.upper() for name in names if hasattr(view_class, name)}


class Register(NamedTuple):
    organisation: object
    other_organisation: object
    users: dict
    tokens: dict
    site: object
    camera: object
    system: object
    foi_request: object
    question: object
    review: object
    appeal: object


@pytest.fixture(scope="module")
def register(django_db_setup, django_db_blocker):
    """One small register for the whole walk, rolled back at the end: each request runs in its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        council = factories.organisation(name="Route Council", slug="route-council")
        other = factories.organisation(name="Other Route Council", slug="other-route-council")
        users = {
            "viewer": factories.user_with_role(council, Role.VIEWER, username="route-viewer"),
            "officer": factories.user_with_role(council, Role.OFFICER, username="route-officer"),
            "foi": factories.user_with_role(council, Role.FOI, username="route-foi"),
            "admin": factories.user_with_role(council, Role.ADMIN, username="route-admin"),
            "other": factories.user_with_role(other, Role.ADMIN, username="route-other-admin"),
        }
        system = system_create(organisation=council, name="Library CCTV")
        site = factories.site(council, name="Central Library", default_system=system)
        camera = factories.camera(site, asset_tag="LIB-1")
        factories.camera(factories.site(other, name="Their Depot"), asset_tag="THEIRS-1")
        foi_request = foi_services.foi_request_create(
            organisation=council,
            reference="FOI-1",
            received_date=datetime.date(2024, 6, 3),
            subject="Library cameras",
            request_text="How many cameras are in your libraries?",
        )
        question = foi_services.question_create(foi_request=foi_request, text="How many cameras?")
        version = foi_services.foi_request_issue(foi_request=foi_request, issued_by=users["foi"])
        # The published register and its disclosure log answer for the first organisation only.
        organisation_settings_update(organisation=council, public_register=True)
        foi_services.response_version_publish(version=version)
        today = timezone.localdate()
        decided = foi_services.review_request(foi_request=foi_request, requested_date=today, grounds="Incomplete.")
        foi_services.review_decide(review=decided, outcome="upheld", decided_date=today)
        appeal = foi_services.appeal_record(foi_request=foi_request, appealed_date=today)
        review = foi_services.review_request(foi_request=foi_request, requested_date=today, grounds="Still incomplete.")
        tokens = {persona: Token.objects.create(user=user).key for persona, user in users.items()}
        upload = ImportJob.objects.create(
            id=IMPORT_TOKEN,
            organisation=council,
            user=users["officer"],
            filename="cameras.csv",
            content=b"Asset tag,Site\nNEW-1,No Such Site\n",
        )
        import_job_start(job=upload, dry_run=True)
        ExportJob.objects.create(
            id=IMPORT_TOKEN,
            user=users["viewer"],
            builder="assets.downloads.camera_list_download",
            filename="cameras-2026-12-02.csv",
            content=b"\xef\xbb\xbfAsset tag\r\n",
            status=ExportJobStatus.SUCCEEDED,
        )
        yield Register(council, other, users, tokens, site, camera, system, foi_request, question, review, appeal)
        transaction.set_rollback(True)


def path_kwargs(pattern: Pattern, register: Register) -> dict:
    """Real records of the register for the pattern's parameters: the first organisation's, always."""
    key = pattern.key
    # Ids differ between record kinds (on PostgreSQL sequences are never reset): each pk names its own kind.
    if key == "foi-api-question-detail":
        record = register.question
    elif key == "foi-api-review-decide":
        record = register.review
    elif key == "foi-api-appeal-decide":
        record = register.appeal
    elif key.startswith("registry:member-"):
        record = Membership.objects.get(user=register.users["viewer"], organisation=register.organisation)
    elif key.startswith("foi") or "foi" in pattern.path:
        record = register.foi_request
    elif "system" in key:
        record = register.system
    elif "camera" in key:
        record = register.camera
    else:
        record = register.site
    values = {
        "pk": record.pk,
        "request_pk": register.foi_request.pk,
        "request_id": register.foi_request.pk,
        "question_pk": register.question.pk,
        "review_pk": register.review.pk,
        "appeal_pk": register.appeal.pk,
        "number": 1,
        "token": IMPORT_TOKEN,
        "job": IMPORT_TOKEN,
        "action": "withdraw",
        "uidb64": "MQ",
        "object_id": register.camera.pk,
        "content_type_id": 1,
        "id": register.users["viewer"].pk,
        "app_label": "assets",
        "url": "no-such-page/",
        "username": register.users["viewer"].username,
    }
    if (
        key.startswith(("organisation", "member-", "publication:", "public-api-"))
        or key == "assets:organisation-settings"
    ):
        values["slug"] = register.organisation.slug
    elif key == "site-category-detail":
        values["slug"] = "library"
    elif key == "manufacturer-detail":
        values["slug"] = "hikvision"
    if key == "password_reset_confirm":
        values["token"] = "set-password"
    return values


def url_of(pattern: Pattern, register: Register) -> str:
    kwargs = path_kwargs(pattern, register)
    if pattern.name:
        wanted = re.findall(r"<(?:\w+:)?(\w+)>", pattern.path) + re.findall(r"\(\?P<(\w+)>", pattern.path)
        unknown = [name for name in wanted if name not in kwargs]
        assert not unknown, f"{pattern.key}: give {unknown} a value in path_kwargs (tests/test_routes.py)"
        return reverse(pattern.name, kwargs={name: kwargs[name] for name in wanted})
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(kwargs[match[1]]), pattern.path)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda match: str(kwargs[match[1]]), path)
    return "/" + path.replace("^", "").replace("$", "")


def clients_for(register: Register) -> dict[str, Client]:
    """A signed-in browser per persona, and anonymous."""
    clients = {"anonymous": Client()}
    for persona, user in register.users.items():
        client = Client()
        client.force_login(user)
        clients[persona] = client
    return clients


def answer(client: Client, method: str, url: str, token: str | None) -> int | str:
    """The status one request gets, with an empty body, as a browser (pages) or with a token (the API)."""
    extra = {"HTTP_AUTHORIZATION": f"Token {token}"} if token and url.startswith("/api/") else {}
    if url.startswith("/api/"):
        client = Client()  # the API's clients carry a token, not a session
    with transaction.atomic():
        if method in {"GET", "DELETE"}:
            response = client.generic(method, url, **extra)
        elif url.startswith("/api/"):
            response = client.generic(method, url, "{}", content_type="application/json", **extra)
        else:
            response = client.generic(method, url, "", content_type="application/x-www-form-urlencoded", **extra)
        transaction.set_rollback(True)
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith((settings.LOGIN_URL, "/admin/login/")):
        return LOGIN
    return response.status_code


def line_for(name: str, method: str, statuses: dict) -> str:
    values = ", ".join("LOGIN" if statuses[persona] == LOGIN else repr(statuses[persona]) for persona in PERSONAS)
    return f'r("{name}", "{method}", {values}, may=...),'


def observed(register: Register, pattern: Pattern, method: str, personas=PERSONAS) -> dict:
    url = url_of(pattern, register)
    clients = clients_for(register)
    return {persona: answer(clients[persona], method, url, register.tokens.get(persona)) for persona in personas}


def methods_declared(key: str) -> set[str]:
    return {method for name, method in TABLE if name == key}


@pytest.mark.parametrize("key", sorted({pattern.key for pattern in APP_PATTERNS} | {name for name, _ in TABLE}))
def test_every_route_has_its_lines_and_every_line_a_route(db, register, key):
    patterns = [pattern for pattern in APP_PATTERNS if pattern.key == key]
    declared = methods_declared(key)
    assert patterns, f"tests/route_table.py has lines for {key!r}, which no URL pattern is named any more: remove them."
    served = methods_served(patterns[0].callback)
    missing = (served or {"GET", "POST"}) - declared if not declared else (served or declared) - declared
    if missing:
        lines = "\n".join(
            f"    {line_for(key, method, observed(register, patterns[0], method))}" for method in sorted(missing)
        )
        pytest.fail(
            f"The route {key!r} (/{patterns[0].path}) has no line in tests/route_table.py for {sorted(missing)}. "
            f"Today it answers as below (check each answer is right, then add the lines with the README column "
            f"in may=):\n{lines}"
        )
    if served is not None:
        assert declared <= served, (
            f"{key!r} answers only {sorted(served)}: remove the lines for {sorted(declared - served)} from "
            "tests/route_table.py."
        )


@pytest.mark.parametrize("route", ROUTES, ids=[f"{route.name} {route.method}" for route in ROUTES])
def test_route_answers_each_persona_as_the_table_says(db, register, route: Route):
    patterns = [pattern for pattern in APP_PATTERNS if pattern.key == route.name]
    if not patterns:
        pytest.fail(f"No URL pattern is named {route.name!r} any more: remove its lines from tests/route_table.py.")
    statuses = observed(register, patterns[0], route.method)
    expected = {persona: getattr(route, persona) for persona in PERSONAS}
    assert statuses == expected, (
        f"{route.name} {route.method} answered differently from tests/route_table.py. Today's answers:\n"
        f"    {line_for(route.name, route.method, statuses)}"
    )


def test_the_table_never_lets_another_organisation_reach_a_record_of_the_first():
    for route in ROUTES:
        pattern = next((pattern for pattern in APP_PATTERNS if pattern.key == route.name), None)
        if pattern is None:
            continue  # a line without a route fails test_every_route_has_its_lines_and_every_line_a_route
        names_a_record = re.search(r"<(?:\w+:)?(pk|request_pk|question_pk|token|job)>|\(\?P<pk>", pattern.path)
        if route.may and (names_a_record or route.name == "organisation-detail"):
            assert route.other == 404, f"{route.name} {route.method}: another organisation's member gets {route.other}"


def test_the_table_never_lets_the_anonymous_reach_the_register():
    for route in ROUTES:
        if route.may:
            assert route.anonymous in {LOGIN, 401}, f"{route.name} {route.method}: the anonymous get {route.anonymous}"


def readme_roles_table() -> dict[str, dict[str, bool]]:
    """The README's roles table as {column: {role: may}}."""
    section = README.read_text().split("## Organisations, members and roles", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header[0] == "role", "The README's roles table must start with its header row: | role | ..."
    table = {column: {} for column in header[1:]}
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        for column, cell in zip(header[1:], cells[1:], strict=True):
            assert cell in {"yes", "no"}, f"README roles table: {cells[0]} under {column!r} says {cell!r}"
            table[column][cells[0].strip("`")] = cell == "yes"
    return table


def test_readme_roles_table_says_what_the_routes_do():
    readme = readme_roles_table()
    roles = ("viewer", "officer", "foi", "admin")
    assert set(readme) == {READ, EDIT, DELETE, FOI, MEMBERS, CHANGES}
    for column, may in readme.items():
        assert set(may) == set(roles), f"README roles table, {column!r}: rows for {sorted(may)}"
        routes = [route for route in ROUTES if route.may == column]
        assert routes, f"No route in tests/route_table.py counts under the README's {column!r}"
        for route in routes:
            for role in roles:
                allowed = getattr(route, role) not in REFUSED
                assert allowed == may[role], (
                    f"The README says {role} {'may' if may[role] else 'may not'} {column}, but {route.name} "
                    f"{route.method} answers {role} {getattr(route, role)}."
                )


def test_routes_outside_the_readme_columns_are_refused_to_every_role():
    for route in ROUTES:
        known = {READ, EDIT, DELETE, FOI, MEMBERS, CHANGES, ANYONE, SUPERUSER, NOBODY}
        assert route.may in known, f"{route.name}: may={route.may!r}"
        statuses = [getattr(route, role) for role in ("viewer", "officer", "foi", "admin")]
        if route.may == SUPERUSER:
            assert set(statuses) == {403}, f"{route.name} {route.method} is for superusers only: {statuses}"
        if route.may == NOBODY:
            assert not any(isinstance(status, int) and status < 300 for status in statuses), route


@pytest.mark.parametrize("pattern", ADMIN_PATTERNS, ids=[pattern.key for pattern in ADMIN_PATTERNS])
def test_the_admin_sends_the_anonymous_to_its_sign_in_page(db, register, pattern: Pattern):
    status = observed(register, pattern, "GET", personas=["anonymous"])["anonymous"]
    assert status == ADMIN_RULE.get(pattern.key, LOGIN)


def test_every_member_reaches_the_admin_index_and_the_anonymous_do_not(db, register):
    index = next(pattern for pattern in ADMIN_PATTERNS if pattern.key == "admin:index")
    assert observed(register, index, "GET") == {"anonymous": LOGIN} | dict.fromkeys(PERSONAS[1:], 200)
