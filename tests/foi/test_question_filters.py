"""Issue 10: a question's filters go through the camera FilterSet, so a site must be one of its organisation's."""

import pytest
from django.core.exceptions import ValidationError

from foi.models import FOIRequest
from foi.services import question_create
from tests import factories

REQUEST = {
    "reference": "FOI-2024-0001",
    "received_date": "2024-06-03",
    "subject": "Cameras",
    "request_text": "How many cameras do you have?",
}


@pytest.fixture
def foi_request(foi_client):
    response = foi_client.post("/api/v1/foi/requests/", REQUEST, format="json")
    assert response.status_code == 201, response.data
    return response.data


def questions_url(foi_request) -> str:
    return f"/api/v1/foi/requests/{foi_request['id']}/questions/"


def ask(client, foi_request, filters):
    payload = {"text": "How many cameras?", "filters": filters, "group_by": []}
    return client.post(questions_url(foi_request), payload, format="json")


def test_a_site_of_the_requests_organisation_is_counted(foi_client, foi_request, library):
    factories.camera(library)
    factories.camera(factories.site(library.organisation, name="Depot"))
    response = ask(foi_client, foi_request, {"site": library.pk})
    assert response.status_code == 201, response.data
    assert response.data["answer"]["total"] == 1


def test_a_site_that_does_not_exist_is_a_400_naming_it(foi_client, foi_request):
    response = ask(foi_client, foi_request, {"site": 999})
    assert response.status_code == 400
    assert response.data == {"filters": ["site: No site with id 999 in your organisations."]}


def test_another_organisations_site_is_the_same_400(foi_client, foi_request, other_council):
    theirs = factories.site(other_council, name="Their Library")
    factories.camera(theirs)
    response = ask(foi_client, foi_request, {"site": theirs.pk})
    assert response.status_code == 400
    assert response.data == {"filters": [f"site: No site with id {theirs.pk} in your organisations."]}


def test_a_patch_naming_another_organisations_site_is_refused(foi_client, foi_request, library, other_council):
    created = ask(foi_client, foi_request, {"site": library.pk}).data
    theirs = factories.site(other_council, name="Their Library")
    response = foi_client.patch(
        f"{questions_url(foi_request)}{created['id']}/", {"filters": {"site": theirs.pk}}, format="json"
    )
    assert response.status_code == 400
    assert response.data == {"filters": [f"site: No site with id {theirs.pk} in your organisations."]}


def test_the_service_refuses_it_too(foi_request, other_council):
    theirs = factories.site(other_council, name="Their Library")
    with pytest.raises(ValidationError) as refused:
        question_create(
            foi_request=FOIRequest.objects.get(pk=foi_request["id"]), text="How many?", filters={"site": theirs.pk}
        )
    assert refused.value.message_dict == {"filters": [f"site: No site with id {theirs.pk} in your organisations."]}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"origin_country": "%"}, "origin_country: '%' is not an ISO 3166-1 alpha-2 country code (such as GB or CN)."),
        ({"networked": "%(value)s"}, "networked: Enter true or false, not '%(value)s'."),
        ({"site_category": "100%"}, "site_category: No site category has the slug '100%'."),
        ({"site": "%"}, "site: Enter a whole number."),
    ],
)
def test_a_percent_in_a_question_filter_is_a_400_quoting_it(foi_client, foi_request, filters, message):
    response = ask(foi_client, foi_request, filters)
    assert response.status_code == 400
    assert response.data == {"filters": [message]}


def test_a_misspelt_filter_is_still_named(foi_client, foi_request):
    response = ask(foi_client, foi_request, {"site_catgory": "library"})
    assert response.status_code == 400
    assert response.data["filters"][0].startswith("Unknown filter 'site_catgory'; choose from site, site_category, ")
