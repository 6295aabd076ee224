"""API throttling: per signed-in user (a token or a session) and per address without credentials. The rates are
read when a request comes, so ``API_THROTTLE_USER`` / ``API_THROTTLE_ANON`` (and a test's settings) apply."""

from rest_framework import throttling
from rest_framework.settings import api_settings


class RatesFromSettings:
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserRateThrottle(RatesFromSettings, throttling.UserRateThrottle):
    """Each signed-in user's requests, keyed by the user: every token and session of theirs counts together."""


class AddressRateThrottle(RatesFromSettings, throttling.AnonRateThrottle):
    """Requests without credentials, keyed by the client's address."""
