"""Where the history of registry's records is read (``core/history.py`` turns it into words)."""

from django.db.models import F, Value
from django.db.models.functions import Concat

from core.history import RecordHistory
from registry.models import Membership, Organisation, Site

SITE_HISTORY = RecordHistory(key="site", noun="Site", model=Site, organisation="organisation")
ORGANISATION_HISTORY = RecordHistory(key="organisation", noun="Organisation", model=Organisation, organisation="")
MEMBERSHIP_HISTORY = RecordHistory(
    key="membership",
    noun="Membership",
    model=Membership,
    organisation="organisation",
    # Not the membership's str, which reads the user and the organisation one row at a time.
    label=lambda: Concat(F("user__username"), Value(" at "), F("organisation__name")),
)
