"""The response letter: frozen with each version, read back with python-docx, never holding requester data, and
the same paragraphs previewed on the request page before issuing."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from docx import Document

from foi import services
from foi.choices import Outcome
from foi.letters import DOCX_CONTENT_TYPE
from foi.models import FOIRequest, ResponseVersion
from registry.choices import Jurisdiction, Role
from tests import factories
from tests.foi.conftest import client_for

REQUESTER = {
    "requester_name": "Jane Requester",
    "requester_email": "jane@example.org",
    "requester_address": "1 Private Lane, Anytown AB1 2CD",
}


def paragraphs(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs]


def _request(organisation, reference="FOI-9", subject="Library cameras", **question):
    foi_request = services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=datetime.date(2024, 6, 3),
        subject=subject,
        request_text="Where are your library cameras and who made them?",
    )
    # Personal data the letter must never carry (the requester's fields are written by their own work).
    FOIRequest.objects.filter(pk=foi_request.pk).update(**REQUESTER)
    services.question_create(foi_request=foi_request, text="How many cameras in libraries, by vendor?", **question)
    return FOIRequest.objects.get(pk=foi_request.pk)


WITHHELD = [
    {"column": "location_description", "exemption": "foia-s31", "reasoning": "Would show where the blind spots are."},
    {"column": "serial_number", "exemption": "foia-s40", "reasoning": "Serials identify a named contractor."},
]


@pytest.fixture
def foia_request(council, library_register):
    return _request(
        council,
        filters={"site_category": "library"},
        group_by=["vendor"],
        disclosed_columns=["asset_tag", "manufacturer"],
        withheld=WITHHELD,
    )


def test_the_letter_holds_the_answer_each_exemption_and_the_rights(foia_request):
    version = services.foi_request_issue(foi_request=foia_request, outcome=Outcome.PARTLY_GRANTED)
    text = paragraphs(bytes(version.letter))
    assert text[0] == "Demo Council"
    assert "Our reference: FOI-9" in text and "Request received: 3 June 2024" in text
    assert "Response due by: 1 July 2024" in text
    assert f"Date of this letter: {datetime.date.today():%-d %B %Y}" in text
    assert "Dear requester," in text
    assert "Our decision: Partly granted" in text
    assert "How many cameras in libraries, by vendor?" in text
    assert any(line.startswith("Answer: There are 3 CCTV cameras in the council's libraries.") for line in text)
    assert (
        "Exemption: s.31 Law enforcement (FOIA), section 31 of the Freedom of Information Act 2000. "
        "Why it applies: Would show where the blind spots are." in text
    )
    # s.31 is qualified: the public interest test follows it; s.40 for third parties' data is absolute.
    s31 = text.index(next(line for line in text if line.startswith("Exemption: s.31")))
    assert text[s31 + 1].startswith("Public interest test: this exemption is qualified")
    s40 = text.index(next(line for line in text if line.startswith("Exemption: s.40")))
    assert text[s40 + 1].startswith("This exemption is absolute")
    whole = "\n".join(text)
    assert "internal review" in whole and "within 40 working days of the date of this letter" in whole
    assert "section 50 of the Freedom of Information Act 2000" in whole
    assert (
        "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF. "
        "Website: ico.org.uk." in text
    )
    assert "Kinburn Castle" not in whole
    for value in REQUESTER.values():
        assert value not in whole
    assert "Jane" not in whole


def test_a_scottish_letter_names_the_scottish_commissioner(db):
    fife = factories.organisation(name="Fife Council", slug="fife", jurisdiction=Jurisdiction.SCOTLAND)
    foi_request = _request(fife)
    text = "\n".join(paragraphs(bytes(services.foi_request_issue(foi_request=foi_request).letter)))
    assert "Freedom of Information (Scotland) Act 2002" in text and "section 20" in text and "section 21" in text
    assert "section 47" in text and "within six months" in text
    assert "Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, St Andrews, Fife KY16 9DS" in text
    assert "itspublicknowledge.info" in text
    assert "Wycliffe House" not in text


def test_a_cost_refusal_letter_gives_the_estimate_the_limit_and_the_advice(council, library_register):
    foi_request = _request(council, filters={"site_category": "library"})
    version = services.foi_request_issue(
        foi_request=foi_request,
        outcome=Outcome.REFUSED_COST,
        cost_estimate_hours=Decimal("22.5"),
        advice_and_assistance="Narrow it to the Central Library.",
    )
    text = paragraphs(bytes(version.letter))
    whole = "\n".join(text)
    assert "Our decision: Refused: cost limit" in text
    assert (
        "would take 22.5 hours of staff time" in whole
        and "£450, with staff time counted at £25 an hour: 18 hours" in whole
    )
    assert "Advice and assistance (s.16)" in text and "Narrow it to the Central Library." in text
    # A refusal gives no answer: the letter lists what was asked.
    assert "Question 1: How many cameras in libraries, by vendor?" in text
    assert not any(line.startswith("Answer:") for line in text)


def test_a_vexatious_refusal_says_so(council):
    version = services.foi_request_issue(foi_request=_request(council), outcome=Outcome.REFUSED_VEXATIOUS)
    whole = "\n".join(paragraphs(bytes(version.letter)))
    assert "section 14 of the Freedom of Information Act 2000" in whole and "vexatious" in whole


def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_frozen_letter_never_changes_with_the_register(foia_request, library, foi_client):
    version = services.foi_request_issue(foi_request=foia_request, outcome=Outcome.PARTLY_GRANTED)
    url = f"/api/v1/foi/requests/{foia_request.pk}/versions/1/letter.docx"
    first = foi_client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == DOCX_CONTENT_TYPE
    assert first["Content-Disposition"] == 'attachment; filename="FOI-9-letter-v1.docx"'
    assert first.content == bytes(version.letter)
    factories.camera(library, asset_tag="LIB-NEW")
    services.question_update(question=foia_request.questions.get(), answer_wording="Changed wording.")
    assert foi_client.get(url).content == first.content
    officer = factories.user_with_role(foia_request.organisation, Role.VIEWER)
    page = page_client(officer).get(f"/foi/{foia_request.pk}/versions/1/letter.docx")
    assert page.status_code == 200 and page.content == first.content
    assert "Answer: Changed wording." not in paragraphs(first.content)
    detail = foi_client.get(f"/api/v1/foi/requests/{foia_request.pk}/").data
    assert detail["outcome"] == Outcome.PARTLY_GRANTED
    assert detail["versions"][0]["letter"].endswith(f"/api/v1/foi/requests/{foia_request.pk}/versions/1/letter.docx")
    assert detail["versions"][0]["outcome_label"] == "Partly granted"


def test_a_version_issued_before_letters_has_none(council, foi_client):
    foi_request = _request(council)
    services.foi_request_issue(foi_request=foi_request)
    ResponseVersion.objects.filter(request=foi_request).update(letter=b"")
    response = foi_client.get(f"/api/v1/foi/requests/{foi_request.pk}/versions/1/letter.docx")
    assert response.status_code == 404
    assert (
        response.json()["detail"] == "This version was issued before response letters were kept, so it has no letter."
    )
    assert foi_client.get(f"/api/v1/foi/requests/{foi_request.pk}/").data["versions"][0]["letter"] is None
    page = page_client(factories.user_with_role(council, Role.FOI)).get(f"/foi/{foi_request.pk}/versions/1/letter.docx")
    assert page.status_code == 404 and "issued before response letters were kept" in page.content.decode()
    assert foi_client.get(f"/api/v1/foi/requests/{foi_request.pk}/versions/2/letter.docx").status_code == 404


def test_another_council_never_reaches_the_letter(council, other_council):
    foi_request = _request(council)
    services.foi_request_issue(foi_request=foi_request)
    admin = factories.user_with_role(other_council, Role.ADMIN)
    assert client_for(admin).get(f"/api/v1/foi/requests/{foi_request.pk}/versions/1/letter.docx").status_code == 404
    assert page_client(admin).get(f"/foi/{foi_request.pk}/versions/1/letter.docx").status_code == 404


def test_the_page_previews_the_letter_as_text(council, client):
    foi_request = _request(council, subject="<script>alert(1)</script> cameras")
    officer = factories.user_with_role(council, Role.FOI)
    client.force_login(officer)
    page = client.get(foi_request.get_absolute_url()).content.decode()
    assert "Preview of the response letter" in page
    assert "Dear requester," in page and "Wycliffe House" in page and "Our decision: Granted in full" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; cameras" in page
    assert "Jane Requester" not in page.split("Preview of the response letter", 1)[1].split("</section>", 1)[0]
    # The issued letter carries the subject as text, exactly.
    version = services.foi_request_issue(foi_request=foi_request)
    assert "Thank you for your request about “<script>alert(1)</script> cameras”" in "\n".join(
        paragraphs(bytes(version.letter))
    )


def test_viewers_see_no_preview(council, client):
    foi_request = _request(council)
    client.force_login(factories.user_with_role(council, Role.VIEWER))
    assert "Preview of the response letter" not in client.get(foi_request.get_absolute_url()).content.decode()


def test_the_page_previews_the_letter_with_the_outcome_chosen(council, client):
    foi_request = _request(council)
    client.force_login(factories.user_with_role(council, Role.FOI))
    url = f"/foi/{foi_request.pk}/letter-preview/"
    under = client.post(url, {"outcome": "refused-cost", "cost_estimate_hours": "18", "advice_and_assistance": "x"})
    assert under.status_code == 200 and "18 hours is not over the cost limit" in under.content.decode()
    over = client.post(
        url, {"outcome": "refused-cost", "cost_estimate_hours": "18.5", "advice_and_assistance": "Ask about one site."}
    )
    page = over.content.decode()
    assert "With the outcome chosen below (refused: cost limit)." in page
    assert "would take 18.5 hours of staff time" in page and "Ask about one site." in page
    assert 'value="18.5"' in page
    assert not foi_request.versions.exists()
    viewer = Client()
    viewer.force_login(factories.user_with_role(council, Role.VIEWER))
    assert viewer.post(url, {}).status_code == 403


def test_a_scottish_letter_weighs_the_public_interest_for_s35_but_not_s38(db):
    fife = factories.organisation(name="Fife Council", slug="fife", jurisdiction=Jurisdiction.SCOTLAND)
    factories.camera(factories.site(fife, name="Fife Library"), asset_tag="FIFE-1")
    foi_request = _request(
        fife,
        disclosed_columns=["asset_tag"],
        withheld=[
            {"column": "location_description", "exemption": "foisa-s35", "reasoning": "Crime prevention."},
            {"column": "serial_number", "exemption": "foisa-s38", "reasoning": "Personal information."},
        ],
    )
    text = paragraphs(bytes(services.foi_request_issue(foi_request=foi_request).letter))
    s35 = text.index(next(line for line in text if line.startswith("Exemption: s.35 Law enforcement (FOISA)")))
    assert "section 35 of the Freedom of Information (Scotland) Act 2002" in text[s35]
    assert text[s35 + 1].startswith("Public interest test")
    s38 = text.index(next(line for line in text if line.startswith("Exemption: s.38 Personal information (FOISA)")))
    assert text[s38 + 1].startswith("This exemption is absolute")
    assert "Our decision: Partly granted" in text
