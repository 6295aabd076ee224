"""The disclosure log: an issued response put on (or taken off) the organisation's published register."""

import logging

from django.db import transaction
from django.utils import timezone

from core.logs import log_event
from foi.models import ResponseVersion

logger = logging.getLogger("cctv.foi")


def _set_published_at(*, version: ResponseVersion, published_at, user, event: str) -> ResponseVersion:
    # One field beside the frozen response, not an edit of it: ResponseVersion.save() refuses any change.
    ResponseVersion.objects.filter(pk=version.pk).update(published_at=published_at)
    version.published_at = published_at
    log_event(
        logger,
        event,
        organisation=version.request.organisation.slug,
        request=version.request.reference,
        version=version.number,
        user=getattr(user, "username", None),
    )
    return version


@transaction.atomic
def response_version_publish(*, version: ResponseVersion, user=None) -> ResponseVersion:
    """Put the issued response on the disclosure log; publishing it again keeps the first date."""
    if version.published_at is not None:
        return version
    return _set_published_at(version=version, published_at=timezone.now(), user=user, event="foi_response_published")


@transaction.atomic
def response_version_unpublish(*, version: ResponseVersion, user=None) -> ResponseVersion:
    """Take the response off the disclosure log; its frozen content stays as it was."""
    if version.published_at is None:
        return version
    return _set_published_at(version=version, published_at=None, user=user, event="foi_response_unpublished")
