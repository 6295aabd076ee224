"""The history of a record in words (core/history.py), through the per-record endpoints and the reason a write
gives, from the API and the web forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assets.history import CAMERA_HISTORY
from assets.services import camera_update
from core.history import history_entries, newest_first
from registry.choices import Role
from registry.services import site_update
from tests import factories
from tests.pages import form_data


def camera_entries(camera):
    rows = newest_first(CAMERA_HISTORY.annotated(CAMERA_HISTORY.history_model.objects.filter(id=camera.pk)))
    return history_entries(record_history=CAMERA_HISTORY, rows=rows)


def test_a_change_is_told_field_by_field_in_words(camera, library, council):
    car_park = factories.site(council, name="Market Car Park", category_slug="car-park")
    camera_update(
        camera=camera,
        site=car_park,
        networked=True,
        install_date=datetime.date(2021, 3, 4),
        status="faulty",
        manufacturer=factories.manufacturer("bosch"),
        reason="Moved after the refit",
    )
    latest, created = camera_entries(camera)
    assert (latest.action, latest.reason, latest.object_label, latest.organisation) == (
        "changed",
        "Moved after the refit",
        "LIB-001",
        "demo-council",
    )
    changes = {change.field: (change.old, change.new) for change in latest.changes}
    assert changes["Site"] == ("Central Library", "Market Car Park")
    assert changes["Networked"] == ("No", "Yes")
    assert changes["Install date"] == ("15 January 2020", "4 March 2021")
    assert changes["Status"] == ("Operational", "Faulty")
    assert changes["Manufacturer"] == ("Hikvision", "Bosch Security Systems")
    assert "Updated at" not in changes
    assert created.action == "created"
    assert ("Asset tag", "", "LIB-001") in [(c.field, c.old, c.new) for c in created.changes]


def test_an_unchanged_save_lists_no_change_and_a_deleted_record_is_deleted(camera):
    camera_update(camera=camera, reason="Checked")
    assert camera_entries(camera)[0].changes == []
    pk = camera.pk
    camera.delete()
    camera.pk = pk
    assert camera_entries(camera)[0].action == "deleted"


def test_a_page_of_history_costs_the_same_queries_however_long(camera, council):
    sites = [factories.site(council, name=f"Site {n}") for n in range(6)]
    camera_update(camera=camera, site=sites[0], reason="one")
    with CaptureQueriesContext(connection) as short:
        camera_entries(camera)
    for site in sites[1:]:
        camera_update(camera=camera, site=site, reason="again")
    with CaptureQueriesContext(connection) as long:
        entries = camera_entries(camera)
    assert len(entries) == 7
    assert len(long.captured_queries) == len(short.captured_queries)


@pytest.mark.parametrize(
    ("url_name", "record"),
    [("camera-history", "camera"), ("site-history", "site"), ("foi-api-request-history", "foi_request")],
)
def test_each_history_endpoint_lists_newest_first_paged(url_name, record, camera, library, council, api_client_for):
    from foi.services import foi_request_create, foi_request_update

    foi_request = foi_request_create(
        organisation=council,
        reference="FOI-1",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many?",
    )
    foi_request_update(foi_request=foi_request, subject="Library cameras", reason="Requester clarified")
    camera_update(camera=camera, model="X9", reason="Requester clarified")
    site_update(site=library, ward="Abbey", reason="Requester clarified")
    target = {"camera": camera, "site": library, "foi_request": foi_request}[record]
    client = api_client_for(factories.user_with_role(council, Role.ADMIN))
    response = client.get(reverse(url_name, args=[target.pk]))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    newest = body["results"][0]
    assert (newest["object_type"], newest["object_id"], newest["action"], newest["reason"]) == (
        record,
        target.pk,
        "changed",
        "Requester clarified",
    )
    assert newest["organisation"] == "demo-council"
    assert set(newest) == {
        "object_type",
        "object_id",
        "object_label",
        "organisation",
        "action",
        "user",
        "at",
        "reason",
        "changes",
    }
    assert body["results"][1]["action"] == "created"
    paged = client.get(reverse(url_name, args=[target.pk]), {"limit": 1, "offset": 1}).json()
    assert paged["results"][0]["action"] == "created" and paged["previous"]
    assert client.get(reverse(url_name, args=[target.pk]), {"limit": "x"}).json() == {
        "limit": ["Enter how many to list, a whole number from 1 (at most 1000 are listed), not 'x'."]
    }


def test_another_councils_record_history_is_not_found(other_camera, camera, api_client_for, officer):
    client = api_client_for(officer)
    assert client.get(reverse("camera-history", args=[other_camera.pk])).status_code == 404
    assert client.get(reverse("site-history", args=[other_camera.site_id])).status_code == 404
    assert client.get(reverse("camera-history", args=[camera.pk])).status_code == 200


def test_anyone_who_may_see_the_record_reads_its_history_but_not_anonymous(camera, viewer, api_client_for, client):
    assert api_client_for(viewer).get(reverse("camera-history", args=[camera.pk])).status_code == 200
    assert client.get(reverse("camera-history", args=[camera.pk])).status_code in {401, 403}


def test_api_writes_keep_their_change_reason(camera, library, api_client_for, officer):
    client = api_client_for(officer)
    response = client.patch(
        reverse("camera-detail", args=[camera.pk]), {"model": "X2", "change_reason": "Lens replaced"}, format="json"
    )
    assert response.status_code == 200 and "change_reason" not in response.json()
    assert camera.history.first().history_change_reason == "Lens replaced"
    assert camera.history.first().history_user == officer
    response = client.patch(
        reverse("site-detail", args=[library.pk]), {"ward": "Abbey", "change_reason": "Ward boundary"}, format="json"
    )
    assert response.status_code == 200
    assert library.history.first().history_change_reason == "Ward boundary"
    response = client.post(
        reverse("site-list"),
        {"name": "Depot", "category": "library", "change_reason": "Opened"},
        format="json",
    )
    assert response.status_code == 201
    assert library.__class__.history.filter(name="Depot").get().history_change_reason == "Opened"


def test_a_change_reason_longer_than_200_characters_is_a_400_naming_it(camera, api_client_for, officer):
    response = api_client_for(officer).patch(
        reverse("camera-detail", args=[camera.pk]), {"model": "X2", "change_reason": "x" * 201}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["change_reason"]
    camera.refresh_from_db()
    assert camera.model != "X2"


# The History section of the pages, and the reason typed in a web form.


def test_the_camera_page_shows_its_history_in_words_newest_first(officer_client, camera, council):
    camera_update(camera=camera, networked=True, reason="Connected to the new network")
    html = officer_client.get(f"/cameras/{camera.pk}/").content.decode()
    assert 'id="history"' in html
    assert "Connected to the new network" in html and "No → Yes" in html
    assert html.index("Connected to the new network") < html.index("Created")


def test_the_history_section_is_paged_at_a_fixed_cost(officer_client, camera, council):
    for index in range(3):
        camera_update(camera=camera, model=f"M{index}", reason=f"change {index}")
    with CaptureQueriesContext(connection) as few:
        officer_client.get(f"/cameras/{camera.pk}/")
    for index in range(3, 14):
        camera_update(camera=camera, model=f"M{index}", reason=f"change {index}")
    with CaptureQueriesContext(connection) as many:
        first = officer_client.get(f"/cameras/{camera.pk}/").content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "change 13" in first and "change 3<" not in first and "history_page=2" in first
    second = officer_client.get(f"/cameras/{camera.pk}/", {"history_page": 2}).content.decode()
    assert "change 3<" in second and "change 13" not in second


def test_the_site_and_request_pages_show_their_history(officer_client, library, council, client):
    from foi.services import foi_request_create

    site_update(site=library, ward="Abbey", reason="Ward boundary moved")
    assert "Ward boundary moved" in officer_client.get(f"/sites/{library.pk}/").content.decode()
    foi_request = foi_request_create(
        organisation=council,
        reference="FOI-1",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many?",
        reason="Received by post",
    )
    html = officer_client.get(f"/foi/{foi_request.pk}/").content.decode()
    assert 'id="history"' in html and "Received by post" in html and "3 June 2024" in html


def test_the_camera_edit_form_keeps_the_reason_typed(officer_client, camera):
    form = officer_client.get(f"/cameras/{camera.pk}/edit/").context["form"]
    assert form.fields["change_reason"].label == "Reason for the change (optional)"
    officer_client.post(f"/cameras/{camera.pk}/edit/", form_data(form, model="New", change_reason="Lens swapped"))
    assert camera.history.first().history_change_reason == "Lens swapped"
    form = officer_client.get(f"/cameras/{camera.pk}/edit/").context["form"]
    response = officer_client.post(f"/cameras/{camera.pk}/edit/", form_data(form, model="N2", change_reason="x" * 201))
    assert response.status_code == 200 and "change_reason" in response.context["form"].errors
    assert camera.history.count() == 2


def test_the_site_form_keeps_the_reason_typed(officer_client, library):
    form = officer_client.get(f"/sites/{library.pk}/edit/").context["form"]
    officer_client.post(f"/sites/{library.pk}/edit/", form_data(form, ward="Abbey", change_reason="Boundary review"))
    assert library.history.first().history_change_reason == "Boundary review"


def test_the_foi_forms_keep_the_reason_typed(client, council):
    from foi.models import FOIRequest

    client.force_login(factories.user_with_role(council, Role.FOI))
    client.post(
        "/foi/new/",
        {
            "organisation": council.pk,
            "reference": "FOI-9",
            "received_date_day": "3",
            "received_date_month": "6",
            "received_date_year": "2024",
            "subject": "S",
            "request_text": "R",
            "change_reason": "Forwarded by the press office",
        },
    )
    foi_request = FOIRequest.objects.get(reference="FOI-9")
    assert foi_request.history.get().history_change_reason == "Forwarded by the press office"
    client.post(f"/foi/{foi_request.pk}/questions/new/", {"text": "How many?", "change_reason": "First question"})
    question = foi_request.questions.get()
    assert question.history.get().history_change_reason == "First question"
    client.post(
        f"/foi/{foi_request.pk}/questions/{question.pk}/",
        {"text": "How many in libraries?", "change_reason": "Requester clarified"},
    )
    assert question.history.first().history_change_reason == "Requester clarified"
    assert question.history.first().text == "How many in libraries?"
