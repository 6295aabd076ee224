"""Where the history of cameras and manufacturers is read (``core/history.py`` turns it into words).

Manufacturers are reference data shared by every organisation and maintained by superusers: their history is
no organisation's, so whoever may read a change log reads it too (its entries have no organisation)."""

from assets.models import Camera, Manufacturer
from core.history import RecordHistory

CAMERA_HISTORY = RecordHistory(key="camera", noun="Camera", model=Camera, organisation="organisation")
MANUFACTURER_HISTORY = RecordHistory(key="manufacturer", noun="Manufacturer", model=Manufacturer, organisation=None)
