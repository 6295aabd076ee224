"""The FOI casework pages: the requester, channel and assignee on the request's form and page, extending the
deadline, the list's search and "assigned to me", and the dashboard's FOI deadlines panel."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from foi import services
from foi.deadlines import working_days_after
from registry.choices import Jurisdiction, Role
from tests import factories
from tests.pages import error_summary, form_data

RECEIVED = datetime.date(2025, 11, 17)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _request(organisation, reference="FOI-1", received=RECEIVED, **fields):
    return services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=received,
        subject=f"Cameras {reference}",
        request_text="How many cameras are in your libraries?",
        **fields,
    )


@pytest.fixture
def with_requester(council):
    return _request(council, requester_name="Alex Requester", requester_email="alex@example.org", channel="post")


def test_an_foi_officer_records_the_requester_and_assignee_with_the_request(council, foi_officer):
    client = _client(foi_officer)
    form = client.get("/foi/new/").context["form"]
    assert [choice[1] for choice in form.fields["assigned_to"].choices] == ["Nobody yet", "foi"]
    data = form_data(
        form,
        reference="FOI-NEW",
        received_date=(17, 11, 2025),
        subject="Cameras",
        request_text="How many?",
        channel="email",
        requester_name="Alex Requester",
        requester_email="alex@example.org",
        assigned_to=str(foi_officer.pk),
    )
    response = client.post("/foi/new/", data, follow=True)
    assert "Request FOI-NEW recorded" in response.text
    created = council.foi_requests.get(reference="FOI-NEW")
    assert (created.requester_name, created.channel, created.assigned_to) == ("Alex Requester", "email", foi_officer)
    refused = client.post("/foi/new/", data | {"reference": "FOI-BAD", "requester_email": "nope"})
    assert "email address in the right format" in error_summary(refused)


def test_the_casework_page_changes_the_requester_and_assignee(council, with_requester, foi_officer):
    client = _client(foi_officer)
    url = f"/foi/{with_requester.pk}/casework/"
    form = client.get(url).context["form"]
    assert form["requester_name"].value() == "Alex Requester"
    response = client.post(url, form_data(form, assigned_to=str(foi_officer.pk), channel="web-form"), follow=True)
    assert "requester and assignment saved" in response.text
    with_requester.refresh_from_db()
    assert (with_requester.assigned_to, with_requester.channel) == (foi_officer, "web-form")
    viewer = factories.user_with_role(council, Role.VIEWER)
    assert _client(viewer).get(url).status_code == 403


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OFFICER])
def test_the_requester_is_withheld_on_the_page_from_other_members(council, with_requester, role):
    page = _client(factories.user_with_role(council, role)).get(with_requester.get_absolute_url()).text
    assert "Withheld: personal data" in page
    assert "Alex" not in page and "alex@example.org" not in page
    assert "Change the requester" not in page


def test_an_foi_officer_sees_the_requester(council, with_requester, foi_officer):
    page = _client(foi_officer).get(with_requester.get_absolute_url()).text
    assert "Alex Requester" in page and "alex@example.org" in page and "Post" in page


class TestExtendingOnThePage:
    def test_the_deadline_moves_and_the_page_says_so(self, council, with_requester, foi_officer):
        client = _client(foi_officer)
        assert "Extend the deadline for the public interest test" in client.get(with_requester.get_absolute_url()).text
        response = client.post(
            f"/foi/{with_requester.pk}/extend/", {"working_days": "10", "reason": "Public interest test"}, follow=True
        )
        assert "now due on Monday 5 January 2026" in response.text
        assert "Extended for the public interest test from Tuesday 16 December 2025" in response.text
        assert "10 working days left to extend by" in response.text
        listed = client.get("/foi/").text
        assert "5 Jan 2026" in listed and "extended" in listed

    def test_bad_input_is_shown_at_the_field(self, council, with_requester, foi_officer):
        client = _client(foi_officer)
        response = client.post(f"/foi/{with_requester.pk}/extend/", {"working_days": "25", "reason": ""})
        summary = error_summary(response)
        assert "Extend by 20 working days at most" in summary and "Say why more time is needed" in summary
        services.foi_request_extend(foi_request=with_requester, working_days=15, reason="PIT")
        response = client.post(f"/foi/{with_requester.pk}/extend/", {"working_days": "6", "reason": "More"})
        assert "5 more at most" in error_summary(response)
        assert with_requester.extensions.count() == 1

    def test_a_scottish_request_offers_no_extension_and_refuses_one(self, db):
        highland = factories.organisation(name="Highland", slug="highland", jurisdiction=Jurisdiction.SCOTLAND)
        foi_request = _request(highland)
        client = _client(factories.user_with_role(highland, Role.FOI))
        assert "Extend the deadline" not in client.get(foi_request.get_absolute_url()).text
        response = client.post(f"/foi/{foi_request.pk}/extend/", {"working_days": "5", "reason": "PIT"})
        assert "(Scotland) Act 2002 has no extension" in error_summary(response)
        assert not foi_request.extensions.exists()

    def test_a_viewer_may_not_and_another_organisation_is_not_found(self, council, other_council, with_requester):
        url = f"/foi/{with_requester.pk}/extend/"
        body = {"working_days": "5", "reason": "PIT"}
        assert _client(factories.user_with_role(council, Role.VIEWER)).post(url, body).status_code == 403
        assert _client(factories.user_with_role(other_council, Role.ADMIN)).post(url, body).status_code == 404


class TestList:
    def test_search_and_assigned_to_me(self, council, with_requester, foi_officer):
        _request(council, "FOI-2", assigned_to=foi_officer)
        client = _client(foi_officer)
        assert [row[0].reference for row in client.get("/foi/", {"q": "alex"}).context["rows"]] == ["FOI-1"]
        assert [row[0].reference for row in client.get("/foi/", {"assigned_to": "me"}).context["rows"]] == ["FOI-2"]
        assert 'id="id_assigned_to"' in client.get("/foi/").text
        viewer = _client(factories.user_with_role(council, Role.VIEWER))
        assert viewer.get("/foi/", {"q": "alex"}).context["rows"] == []
        assert len(viewer.get("/foi/", {"q": "cameras"}).context["rows"]) == 2

    def test_a_bad_filter_is_explained(self, council, with_requester, foi_officer):
        response = _client(foi_officer).get("/foi/", {"assigned_to": "you"})
        assert response.status_code == 200
        assert "Give me, or the id" in response.text
        assert response.context["rows"] == []


class TestDashboard:
    def test_an_foi_officer_sees_requests_due_soon_and_overdue(self, council, foi_officer):
        today = timezone.localdate()
        _request(council, "OVERDUE", received=RECEIVED, assigned_to=foi_officer)
        _request(council, "RECENT", received=today)
        # Due within five working days: received 16 working days before the next working day or so.
        soon_received = today - datetime.timedelta(days=24)
        soon = _request(council, "SOON", received=soon_received)
        page = _client(foi_officer).get("/").text
        assert "FOI requests due within 5 working days or overdue" in page
        assert "OVERDUE" in page and "RECENT" not in page
        assert ("SOON" in page) == (soon.effective_due_date <= working_days_after(today, 5, council.jurisdiction))
        assert "You" in page

    def test_others_see_no_panel(self, council):
        page = _client(factories.user_with_role(council, Role.VIEWER)).get("/").text
        assert "FOI requests due within 5 working days" not in page


def test_the_list_page_takes_the_deadline_filter(council, foi_officer):
    _request(council, "LATE")
    _request(council, "FRESH", received=timezone.localdate())
    rows = _client(foi_officer).get("/foi/", {"deadline": "overdue"}).context["rows"]
    assert [row[0].reference for row in rows] == ["LATE"]
