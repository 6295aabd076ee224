"""Where the history of registry's records is read (``core/history.py`` turns it into words)."""

from django.contrib.auth import get_user_model
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from core.history import RecordHistory
from registry.models import Membership, Organisation, Site, SurveillanceSystem


def _membership_label():
    # Not the membership's str, which reads the user and the organisation one row at a time; a subquery, not a
    # join, so that the history of a deleted user's membership is still listed.
    username = Subquery(get_user_model().objects.filter(pk=OuterRef("user_id")).values("username")[:1])
    return Concat(Coalesce(username, Value("A deleted user")), Value(" at "), F("organisation__name"))


SITE_HISTORY = RecordHistory(key="site", noun="Site", model=Site, organisation="organisation")
ORGANISATION_HISTORY = RecordHistory(key="organisation", noun="Organisation", model=Organisation, organisation="")
MEMBERSHIP_HISTORY = RecordHistory(
    key="membership", noun="Membership", model=Membership, organisation="organisation", label=_membership_label
)
SYSTEM_HISTORY = RecordHistory(
    key="system", noun="Surveillance camera system", model=SurveillanceSystem, organisation="organisation"
)
