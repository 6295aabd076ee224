"""The two rendering shortcuts taken for speed give exactly what they replace: the API's JSON is DRF's
JSONRenderer's byte for byte, and a select list is Django's select template's."""

import dataclasses
import datetime
import decimal
import uuid

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from assets.choices import CameraStatus
from assets.demo import load_demo
from assets.filtersets import CameraFilterSet
from assets.selectors import cameras_for_user
from core.api.renderers import FastJSONRenderer
from core.govuk import GovukFormRenderer
from registry.models import Membership


@dataclasses.dataclass
class Point:
    x: int
    y: int


TEXT = "".join(chr(code) for code in range(0x3000)) + "\u2028\u2029 café 🎥 </script>"
PAYLOADS = [
    None,
    {},
    [],
    {"total": 53, "group_by": ["vendor"], "groups": [{"vendor": None, "vendor_label": "Unknown", "count": 3}]},
    {"text": TEXT, "nested": [[1, 2.5, -0.0, True, False, None], {"a": {"b": [TEXT]}}]},
    {"aware": datetime.datetime(2026, 12, 2, 16, 20, 5, 123456, tzinfo=datetime.UTC)},
    {"offset": datetime.datetime(2026, 6, 2, 16, 20, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))},
    {"naive": datetime.datetime(2026, 12, 2, 16, 20, 5, 120000), "day": datetime.date(2024, 2, 29)},
    {"time": datetime.time(9, 30, 15, 500), "duration": datetime.timedelta(days=1, seconds=5)},
    {"price": decimal.Decimal("1234.50"), "whole": decimal.Decimal("3")},
    {"id": uuid.UUID("12345678-1234-5678-1234-567812345678")},
    {"lazy": gettext_lazy("Operational"), "safe": mark_safe("<b>x</b>"), "status": CameraStatus.OPERATIONAL},
    {1: "integer key", "set": (1, 2, 3), "bytes": b"raw"},
    {"big": 2**70, "small": -(2**63)},
    {"point": Point(1, 2)},
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_fast_json_is_drf_json_byte_for_byte(payload):
    if isinstance(payload, dict) and "point" in payload:
        with pytest.raises(TypeError):  # DRF refuses a dataclass; so does the fast renderer, the same way
            JSONRenderer().render(payload)
        with pytest.raises(TypeError):
            FastJSONRenderer().render(payload)
        return
    assert FastJSONRenderer().render(payload) == JSONRenderer().render(payload)


def test_an_indented_answer_is_drf_s_own():
    payload = {"a": [1, {"b": "c"}]}
    media_type = "application/json; indent=4"
    assert FastJSONRenderer().render(payload, media_type) == JSONRenderer().render(payload, media_type)


@pytest.mark.django_db
def test_every_api_answer_of_the_demo_register_is_drf_json(api_client_for, settings):
    """Cameras, counts, sites, organisations and FOI answers, rendered both ways."""
    organisation = load_demo()
    officer = Membership.objects.get(organisation=organisation, user__username="demo-admin").user
    client = api_client_for(officer)
    camera = organisation.cameras.order_by("pk").first()
    addresses = [
        "/api/v1/cameras/?limit=100",
        f"/api/v1/cameras/{camera.pk}/",
        f"/api/v1/cameras/{camera.pk}/history/",
        "/api/v1/cameras/counts/?group_by=vendor,networked,install_year",
        "/api/v1/cameras/counts/?group_by=nonsense",
        "/api/v1/sites/",
        "/api/v1/organisations/",
        "/api/v1/manufacturers/",
        "/api/v1/replacement-plan/",
        "/api/v1/cameras/99999999/",
    ]
    for address in addresses:
        settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
            "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
        }
        expected = client.get(address).content
        settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
            "DEFAULT_RENDERER_CLASSES": ["core.api.renderers.FastJSONRenderer"]
        }
        answer = client.get(address)
        assert answer.content == expected, address
        assert answer["Content-Type"] == "application/json", address


class EveryKindOfSelect(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Any"), ("a&b", "A & B <tag>"), ("q\"'", mark_safe("<i>safe</i>"))])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("Other", [("x", gettext_lazy("Faulty"))])],
        initial="pear",
    )
    numbers = forms.TypedChoiceField(choices=[(1, 2024), (2, 2025)], coerce=int, initial=2, required=False)
    many = forms.MultipleChoiceField(choices=CameraStatus.choices, initial=["operational", "faulty"])
    flagged = forms.ChoiceField(
        choices=[("y", "Yes")],
        widget=forms.Select(attrs={"class": "govuk-select wide", "disabled": True, "data-x": False, "aria-label": "F"}),
    )


def rendered_both_ways(form_class, **arguments) -> tuple[str, str]:
    django_form = form_class(renderer=DjangoTemplates(), **arguments)
    govuk_form = form_class(renderer=GovukFormRenderer(), **arguments)
    return (
        "".join(str(field.as_widget()) for field in govuk_form),
        "".join(
            str(GovukFormRenderer.bound_field_class(django_form, field.field, field.name).as_widget())
            for field in django_form
        ),
    )


def test_a_select_renders_as_django_s_template_would():
    for arguments in ({}, {"data": {"plain": "a&b", "grouped": "x", "numbers": "1", "many": ["planned"]}}):
        fast, template = rendered_both_ways(EveryKindOfSelect, **arguments)
        assert fast == template
        assert "<optgroup" in fast and "selected" in fast and "&lt;tag&gt;" in fast and "<i>safe</i>" in fast


@pytest.mark.django_db
def test_the_camera_filters_render_as_django_s_templates_would(rf: RequestFactory):
    organisation = load_demo()
    officer = Membership.objects.get(organisation=organisation, user__username="demo-officer").user
    request = rf.get("/cameras/", {"origin_country": "CN", "manufacturer": "hikvision", "status": "faulty"})
    request.user = officer
    forms_by_renderer = []
    for renderer in (DjangoTemplates(), GovukFormRenderer()):
        form = CameraFilterSet(request.GET, queryset=cameras_for_user(user=officer), request=request).form
        form.renderer = renderer
        forms_by_renderer.append(
            "".join(
                str(GovukFormRenderer.bound_field_class(form, field.field, field.name).as_widget()) for field in form
            )
        )
    assert forms_by_renderer[0] == forms_by_renderer[1]
    assert 'value="CN" selected' in forms_by_renderer[1]
