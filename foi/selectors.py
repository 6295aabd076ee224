"""Reads of FOI requests, always through the user's organisations."""

import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from foi.deadlines import DeadlineStatus, deadline_status
from foi.models import FOIRequest, Question, ResponseVersion
from registry.choices import Role
from registry.selectors import organisations_for_user, organisations_where_user_has_role, role_for_user


def foi_requests_for_user(*, user) -> QuerySet[FOIRequest]:
    return (
        FOIRequest.objects.filter(organisation__in=organisations_for_user(user=user))
        .select_related("organisation")
        .annotate(question_count=Count("questions", distinct=True), version_count=Count("versions", distinct=True))
    )


def foi_request_detail_for_user(*, user) -> QuerySet[FOIRequest]:
    """Requests with their questions and (without their workbooks) their issued versions."""
    return foi_requests_for_user(user=user).prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "id")),
        Prefetch("versions", queryset=response_versions().select_related("issued_by")),
    )


def response_versions() -> QuerySet[ResponseVersion]:
    """Versions without their .xlsx bytes, which only a download needs."""
    return ResponseVersion.objects.defer("workbook").order_by("number")


def organisations_user_manages_foi(*, user):
    return organisations_where_user_has_role(user=user, roles=Role.foi_managers())


def user_manages_foi(*, user, foi_request: FOIRequest) -> bool:
    return role_for_user(user=user, organisation=foi_request.organisation) in Role.foi_managers()


def foi_request_deadline(*, foi_request: FOIRequest, today: datetime.date | None = None) -> DeadlineStatus:
    return deadline_status(
        due=foi_request.due_date,
        still_running=foi_request.deadline_running,
        today=today or timezone.localdate(),
        jurisdiction=foi_request.organisation.jurisdiction,
    )
