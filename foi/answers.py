"""A question's answer computed from the register: its cameras, counts, listing and generated wording.

The answer is plain JSON so the same structure is previewed, frozen into a ResponseVersion and written to
the .xlsx."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from assets.filtersets import CameraFilterSet
from assets.models import Camera
from assets.selectors import camera_counts, cameras_for_listing, parse_group_by
from assets.vocabulary import CAMERA_COLUMNS, dimension_heading
from core.filtersets import filter_errors, unknown_parameters
from foi.choices import DisclosableColumn, Exemption
from foi.models import Question
from foi.wording import answer_sentence, ncnd_sentence, withheld_sentence
from registry.models import Organisation

# Filters a question cannot use: its cameras are always its request's organisation's, and as_at has its own field.
QUESTION_FILTERS_REFUSED = {
    "organisation": "A question always counts its own organisation's cameras.",
    "ordering": "Ordering does not change a count.",
    "as_at": "Use the question's as_at date instead.",
}


def question_filter_names() -> list[str]:
    return [name for name in CameraFilterSet.base_filters if name not in QUESTION_FILTERS_REFUSED]


def filter_data(filters: dict[str, Any]) -> dict[str, str]:
    """JSON filter values as the query parameters the FilterSet reads: lists comma-joined, booleans as words."""
    data = {}
    for name, value in filters.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, bool):
            data[name] = "true" if value else "false"
        elif isinstance(value, list | tuple):
            data[name] = ",".join(str(item) for item in value)
        else:
            data[name] = str(value)
    return data


def check_question_query(*, filters: Any, group_by: Any, organisation_id: int | None = None) -> list[str]:
    """Raise a ValidationError naming ``filters`` or ``group_by`` (and the filter at fault) unless the register
    knows them (a ``site`` must be one of ``organisation_id``'s); answer the dimensions as a clean list."""
    errors: dict[str, list[str]] = {}
    if not isinstance(filters, dict):
        errors["filters"] = ["Give the filters as an object of filter names and values."]
    else:
        refused = [name for name in filters if name in QUESTION_FILTERS_REFUSED]
        unknown = unknown_parameters(
            [name for name in filters if name not in refused], accepted=question_filter_names()
        )
        for name in refused:
            errors.setdefault("filters", []).append(f"{name}: {QUESTION_FILTERS_REFUSED[name]}")
        for name in unknown:  # worded as v1 always has
            errors.setdefault("filters", []).append(
                f"Unknown filter {name!r}; choose from {', '.join(question_filter_names())}."
            )
        if "filters" not in errors:
            filterset = question_filterset(filter_data(filters), Camera.objects.none(), organisation_id)
            for name, messages in filter_errors(filterset).items():
                errors.setdefault("filters", []).extend(f"{name}: {message}" for message in messages)
    dimensions: list[str] = []
    if not isinstance(group_by, list) or not all(isinstance(name, str) for name in group_by):
        errors["group_by"] = ["Give the dimensions as a list of names."]
    else:
        try:
            dimensions = parse_group_by(group_by)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return dimensions


def question_filterset(data: dict[str, str], cameras: QuerySet[Camera], organisation_id: int | None) -> CameraFilterSet:
    """The register's one FilterSet for a question: a ``site`` filter may name only its organisation's sites."""
    return CameraFilterSet(data=data, queryset=cameras, organisations=Organisation.objects.filter(pk=organisation_id))


def question_cameras(question: Question) -> QuerySet[Camera]:
    """The cameras a question counts: its organisation's, through the register's one FilterSet."""
    organisation_id = question.request.organisation_id
    data = filter_data(question.filters)
    if question.as_at:
        data["as_at"] = question.as_at.isoformat()
    filterset = question_filterset(data, Camera.objects.filter(organisation_id=organisation_id), organisation_id)
    errors = filter_errors(filterset)
    if errors:
        raise ValidationError({"filters": [f"{name}: {' '.join(messages)}" for name, messages in errors.items()]})
    return filterset.qs


def _listing_value(camera: Camera, column: str) -> Any:
    value = CAMERA_COLUMNS[column].read(camera)
    return value.isoformat() if isinstance(value, datetime.date) else value


def withheld_entries(question: Question) -> list[dict[str, str]]:
    """The columns a question withholds, each ``{"column", "exemption", "reasoning"}``: those it names, then the
    sensitive columns a listing leaves out (not disclosed, with no exemption unless one is given)."""
    if question.neither_confirm_nor_deny:
        return []
    entries = [
        {
            "column": entry["column"],
            "exemption": entry.get("exemption") or "",
            "reasoning": entry.get("reasoning") or "",
        }
        for entry in question.withheld or []
        if isinstance(entry, dict) and entry.get("column") in DisclosableColumn.values
    ]
    if question.disclosed_columns:
        named = {entry["column"] for entry in entries} | set(question.disclosed_columns)
        entries += [
            {"column": column, "exemption": "", "reasoning": ""}
            for column in DisclosableColumn.values
            if column in DisclosableColumn.sensitive() and column not in named
        ]
    return sorted(entries, key=lambda entry: DisclosableColumn.values.index(entry["column"]))


def _withheld_answer(entry: dict[str, str]) -> dict[str, str]:
    exemption = entry["exemption"]
    return {
        "column": entry["column"],
        "column_label": DisclosableColumn(entry["column"]).label,
        "exemption": exemption,
        "exemption_label": Exemption(exemption).label if exemption else "",
        "exemption_citation": Exemption.citation(exemption) if exemption else "",
        "reasoning": entry["reasoning"],
        "wording": withheld_sentence(column=entry["column"], exemption=exemption),
    }


def question_answer(question: Question) -> dict[str, Any]:
    """The answer to ``question`` from the register as it stands. A "neither confirm nor deny" answer carries
    no figures at all, so nothing frozen or downloaded can give them away."""
    exemption = question.exemption
    answer: dict[str, Any] = {
        "order": question.order,
        "question": question.text,
        "filters": question.filters,
        "as_at": question.as_at.isoformat() if question.as_at else None,
        "exemption": exemption,
        "exemption_label": Exemption(exemption).label if exemption else "",
        "exemption_citation": Exemption.citation(exemption) if exemption else "",
        "public_interest_reasoning": question.public_interest_reasoning,
        "neither_confirm_nor_deny": question.neither_confirm_nor_deny,
        "group_by": [],
        "dimension_headings": [],
        "total": None,
        "groups": [],
        "listing": None,
        "withheld_columns": [],
        "withheld": [],
    }
    if question.neither_confirm_nor_deny:
        answer["generated_wording"] = ncnd_sentence(exemption)
    else:
        dimensions = check_question_query(
            filters=question.filters, group_by=question.group_by, organisation_id=question.request.organisation_id
        )
        cameras = question_cameras(question)
        counts = camera_counts(cameras=cameras, group_by=dimensions)
        answer.update(
            group_by=dimensions,
            dimension_headings=[dimension_heading(name) for name in dimensions],
            total=counts["total"],
            groups=[_plain_group(group, dimensions) for group in counts["groups"]],
        )
        if question.disclosed_columns:
            columns = list(question.disclosed_columns)
            rows = [
                [_listing_value(camera, column) for column in columns]
                for camera in cameras_for_listing(cameras=cameras).order_by("site__name", "asset_tag")
            ]
            answer["listing"] = {
                "columns": columns,
                "headings": [DisclosableColumn(column).label for column in columns],
                "rows": rows,
            }
        answer["withheld"] = [_withheld_answer(entry) for entry in withheld_entries(question)]
        answer["withheld_columns"] = [entry["column"] for entry in answer["withheld"]]
        answer["generated_wording"] = answer_sentence(
            total=counts["total"],
            filters=question.filters,
            as_at=question.as_at,
            groups=answer["groups"],
            group_by=dimensions,
            organisation_id=question.request.organisation_id,
        )
    answer["wording"] = question.answer_wording.strip() or answer["generated_wording"]
    return answer


def _plain_group(group: dict[str, Any], dimensions: list[str]) -> dict[str, Any]:
    """A counts group reduced to JSON: each dimension's value and label, and the count."""
    plain: dict[str, Any] = {"count": group["count"], "labels": [group[f"{name}_label"] for name in dimensions]}
    plain["values"] = [group[name] for name in dimensions]
    return plain
