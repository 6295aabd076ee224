import datetime

import pytest
from django.utils import timezone

from core.dates import after_today


@pytest.mark.parametrize("zone", ["Europe/London", "Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns", "UTC"])
def test_after_today_agrees_with_the_local_date_in_every_time_zone(zone):
    with timezone.override(zone):
        today = timezone.localdate()
        for offset in range(-4, 5):
            day = today + datetime.timedelta(days=offset)
            assert after_today(day) == (day > today), (zone, offset)
