"""Settings for the test suite: the real settings, with a throwaway key and fast password hashing."""

import os

os.environ.setdefault("CCTV_TESTING", "1")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Live-server threads must not keep connections open past a test, or the test database cannot be dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# The test client and the live server speak plain http.
SECURE_SSL_REDIRECT = False

# Generous, so a test's many requests are never refused; the throttling tests set their own rates.
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"user": "100000/minute", "anon": "100000/minute", "public": "100000/minute"},
}

# Mail stays in django.core.mail.outbox, whatever the environment says.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
