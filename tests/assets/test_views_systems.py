"""The systems' pages: the list's review and DPIA tags, a system's page, the edit form with its principles, the
compliance workbook read back cell by cell, and the dashboard's "Reviews and DPIAs due" panel."""

import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from python_calamine import CalamineWorkbook

from registry.choices import Role
from registry.models import SurveillanceSystem
from registry.services import site_update
from registry.system_services import system_create
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def date_parts(name: str, day: datetime.date | None) -> dict:
    if day is None:
        return {f"{name}_{part}": "" for part in ("day", "month", "year")}
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


@pytest.fixture
def systems(council, officer):
    overdue = system_create(
        organisation=council,
        name="Library CCTV",
        purpose="Safety in the libraries",
        responsible_officer=officer,
        last_review_date=days(-380),
        dpia_date=days(-700),
        dpia_review_due=days(20),
        principles=[
            {"principle": 1, "status": "met", "evidence": "=HYPERLINK(1)", "assessed_on": "2025-06-01"},
            {"principle": 6, "status": "not-met", "evidence": "", "assessed_on": "2025-06-01"},
        ],
    )
    in_date = system_create(
        organisation=council, name="Town centre", next_review_due=days(200), dpia_review_due=days(-3)
    )
    return overdue, in_date


def test_the_list_tags_reviews_and_dpias_due_soon_yellow_and_overdue_red(systems, viewer_client, library):
    overdue, in_date = systems
    factories.camera(library, system=overdue)
    html = viewer_client.get("/systems/").content.decode()
    assert "2 systems" in html
    row = html.split(f'href="/systems/{overdue.pk}/"')[1].split("</tr>")[0]
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in row
    assert '<strong class="govuk-tag govuk-tag--yellow">Due soon</strong>' in row
    assert ">officer<" in row and ">1</td>" in row
    other = html.split(f'href="/systems/{in_date.pk}/"')[1].split("</tr>")[0]
    assert other.count("govuk-tag--red") == 1 and "govuk-tag--yellow" not in other
    assert "Nobody yet" in other
    assert "Add a system" not in html  # a viewer
    assert 'href="/systems/compliance.xlsx"' in html


def test_the_list_filters_and_explains_a_bad_one(systems, viewer_client):
    html = viewer_client.get("/systems/?review_overdue=true").content.decode()
    assert "Library CCTV" in html and "Town centre" not in html
    assert "Filtered by: <strong>Review overdue</strong> Yes" in html
    assert 'href="/systems/compliance.xlsx?review_overdue=true"' in html
    html = viewer_client.get("/systems/?q=town").content.decode()
    assert "Town centre" in html and "Library CCTV" not in html
    response = viewer_client.get("/systems/?dpia_overdue=often")
    assert response.status_code == 200
    assert "Enter true or false, not &#x27;often&#x27;." in response.content.decode()


def test_a_systems_page_shows_its_principles_cameras_and_history(systems, officer_client, library):
    overdue, _ = systems
    camera = factories.camera(library, system=overdue, asset_tag="LIB-7")
    html = officer_client.get(f"/systems/{overdue.pk}/").content.decode()
    assert '<h1 class="govuk-heading-l">Library CCTV</h1>' in html
    assert "Safety in the libraries" in html
    assert "1. A specified purpose, a legitimate aim and a pressing need" in html
    assert '<strong class="govuk-tag govuk-tag--green">Met</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--red">Not met</strong>' in html
    assert html.count('govuk-tag--grey">Not assessed</strong>') == 10
    assert camera.asset_tag in html
    assert f'href="/cameras/?system={overdue.pk}"' in html
    assert 'id="history"' in html and "Created" in html
    assert f'href="/systems/{overdue.pk}/edit/"' in html


def test_another_organisations_system_is_not_found(systems, other_council, client):
    overdue, _ = systems
    client.force_login(factories.user_with_role(other_council, Role.ADMIN))
    for url in (f"/systems/{overdue.pk}/", f"/systems/{overdue.pk}/edit/"):
        assert client.get(url).status_code == 404
    assert "Library CCTV" not in client.get("/systems/").content.decode()
    assert client.get("/systems/compliance.xlsx").status_code == 200


def form_data(**overrides) -> dict:
    data = {
        "organisation": str(SurveillanceSystem._meta.get_field("organisation").related_model.objects.get().pk),
        "name": "Depot CCTV",
        "purpose": "Security of the vehicle depot",
        "recording": "motion",
        "signage": "partial",
        "retention_days": "31",
        **date_parts("last_review_date", datetime.date(2026, 2, 1)),
        **date_parts("next_review_due", None),
        **date_parts("dpia_date", None),
        **date_parts("dpia_review_due", None),
    }
    for number in range(1, 13):
        data[f"principle_{number}_status"] = "not-assessed"
        data[f"principle_{number}_evidence"] = ""
        data |= date_parts(f"principle_{number}_assessed_on", None)
    return data | overrides


def test_an_officer_adds_a_system_with_its_self_assessment(council, officer_client, officer):
    data = form_data(
        responsible_officer=str(officer.pk),
        principle_6_status="met",
        principle_6_evidence="Recordings overwritten after 31 days",
        change_reason="New depot scheme",
    )
    response = officer_client.post("/systems/add/", data)
    assert response.status_code == 302, response.context["form"].errors
    system = SurveillanceSystem.objects.get(name="Depot CCTV")
    assert response["Location"] == f"/systems/{system.pk}/"
    assert system.organisation == council and system.responsible_officer == officer
    assert system.next_review_due == datetime.date(2027, 2, 1)
    assert system.principles == [
        {
            "principle": 6,
            "status": "met",
            "evidence": "Recordings overwritten after 31 days",
            "assessed_on": TODAY.isoformat(),
        }
    ]
    assert system.history.get().history_change_reason == "New depot scheme"


def test_the_form_shows_a_principles_problem_at_its_box(council, officer_client):
    response = officer_client.post("/systems/add/", form_data(principle_4_status="met"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["principle_4_evidence"] == [
        "Principle entry 1 (principle 4): say what shows the principle is met (a policy, a report, a sign)."
    ]
    html = response.content.decode()
    assert 'href="#id_principle_4_evidence"' in html
    assert not SurveillanceSystem.objects.exists()


def test_the_form_names_a_missing_name_and_a_duplicate(systems, officer_client):
    response = officer_client.post("/systems/add/", form_data(name=""))
    assert response.context["form"].errors["name"] == ["Enter the system's name"]
    response = officer_client.post("/systems/add/", form_data(name="Library CCTV"))
    assert response.context["form"].errors["name"] == ["This organisation already has a system with this name."]


def test_editing_keeps_the_principles_and_a_viewer_may_not(systems, officer_client, viewer):
    overdue, _ = systems
    form = officer_client.get(f"/systems/{overdue.pk}/edit/").context["form"]
    assert form.initial["principle_1_status"] == "met"
    assert form.initial["principle_1_evidence"] == "=HYPERLINK(1)"
    assert form.initial["principle_1_assessed_on"] == datetime.date(2025, 6, 1)
    posted = form_data(
        name="Library CCTV",
        loaded_updated_at=form.initial["loaded_updated_at"],
        principle_1_status="met",
        principle_1_evidence="=HYPERLINK(1)",
        principle_6_status="not-met",
        **date_parts("principle_1_assessed_on", datetime.date(2025, 6, 1)),
        **date_parts("principle_6_assessed_on", datetime.date(2025, 6, 1)),
        **date_parts("last_review_date", TODAY),
        **date_parts("next_review_due", overdue.next_review_due),
    )
    del posted["organisation"]
    response = officer_client.post(f"/systems/{overdue.pk}/edit/", posted)
    assert response.status_code == 302, response.context["form"].errors
    overdue.refresh_from_db()
    assert overdue.last_review_date == TODAY
    assert overdue.next_review_due == TODAY.replace(year=TODAY.year + 1)
    assert [entry["principle"] for entry in overdue.principles] == [1, 6]
    other = Client()
    other.force_login(viewer)
    assert other.get(f"/systems/{overdue.pk}/edit/").status_code == 403


def test_the_compliance_workbook_has_every_system_and_principle(systems, viewer_client):
    overdue, in_date = systems
    response = viewer_client.get("/systems/compliance.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="systems-compliance-{TODAY.isoformat()}.xlsx"'
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert workbook.sheet_names == ["Systems", "Principles", "Overdue"]
    rows = workbook.get_sheet_by_name("Systems").to_python()
    assert rows[0] == [
        "System",
        "Organisation",
        "Responsible officer",
        "Last review",
        "Next review due",
        "Review",
        "DPIA done",
        "DPIA review due",
        "DPIA review",
        "Principles met (of 12)",
    ]
    assert rows[1] == [
        "Library CCTV",
        "Demo Council",
        "officer",
        days(-380),
        overdue.next_review_due,
        "Overdue",
        days(-700),
        days(20),
        "Due soon",
        1.0,
    ]
    assert rows[2] == ["Town centre", "Demo Council", "", "", days(200), "In date", "", days(-3), "Overdue", 0.0]
    principles = workbook.get_sheet_by_name("Principles").to_python()
    assert principles[0] == ["System", "Principle", "What it asks", "Status", "Evidence", "Assessed on"]
    assert len(principles) == 1 + 2 * 12
    # Text stays text: evidence starting with = is never a formula.
    assert principles[1] == [
        "Library CCTV",
        1.0,
        "A specified purpose, a legitimate aim and a pressing need",
        "Met",
        "=HYPERLINK(1)",
        datetime.date(2025, 6, 1),
    ]
    assert principles[6][3:] == ["Not met", "", datetime.date(2025, 6, 1)]
    assert principles[13][:4] == ["Town centre", 1.0, "A specified purpose, a legitimate aim and a pressing need",
                                  "Not assessed"]  # fmt: skip
    overdue_rows = workbook.get_sheet_by_name("Overdue").to_python()
    assert overdue_rows == [
        ["System", "Overdue", "Was due", "Days overdue"],
        ["Library CCTV", "Review", overdue.next_review_due, float((TODAY - overdue.next_review_due).days)],
        ["Town centre", "DPIA review", days(-3), 3.0],
    ]
    assert viewer_client.get("/systems/compliance.xlsx?review_overdue=soon").status_code == 400


def test_the_dashboard_lists_reviews_and_dpias_due(systems, viewer_client, council):
    system_create(organisation=council, name="Far off", next_review_due=days(90))
    response = viewer_client.get("/")
    entries = [(entry["system"].name, entry["what"], entry["state"]) for entry in response.context["systems_due"]]
    assert entries == [
        ("Library CCTV", "Review", "overdue"),
        ("Town centre", "DPIA review", "overdue"),
        ("Library CCTV", "DPIA review", "due-soon"),
    ]
    html = response.content.decode()
    assert "Reviews and DPIAs due" in html
    assert '<strong class="govuk-tag govuk-tag--yellow">Due soon</strong>' in html
    assert "Far off" not in html


def test_the_dashboard_panel_when_nothing_is_due(viewer_client):
    html = viewer_client.get("/").content.decode()
    assert "No system's review or DPIA review is overdue or due in the next 30 days." in html


def test_a_site_form_offers_its_organisations_systems_as_default(systems, officer_client, library, other_council):
    overdue, _ = systems
    system_create(organisation=other_council, name="Their CCTV")
    html = officer_client.get(f"/sites/{library.pk}/edit/").content.decode()
    assert "Default surveillance camera system" in html
    assert "Library CCTV" in html and "Their CCTV" not in html
    site_update(site=library, default_system=overdue)
    assert (
        f'href="/systems/{overdue.pk}/">Library CCTV</a>'
        in officer_client.get(f"/sites/{library.pk}/").content.decode()
    )


def test_the_navigation_links_the_systems(viewer_client):
    assert (
        '<a class="govuk-service-navigation__link" href="/systems/">Systems</a>'
        in viewer_client.get("/").content.decode()
    )
