"""Settings for the CCTV Register, configured from the environment (see README, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("CCTV_TESTING"):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if host]
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Sign-in throttling: failed sign-ins per username and address (README, "Sign-in and API protection").
    "axes",
    "csp",
    # Object permissions: loads registry/rules.py, which answers has_perm from the policy in registry/policy.py.
    "rules.apps.AutodiscoverRulesConfig",
    "core",
    "registry",
    "assets",
    "foi",
    # The published register and disclosure log, read by anyone without signing in (README).
    "publication",
]

MIDDLEWARE = [
    # A view that cannot reach the database answers 503 (a middleware that cannot: core/api/exceptions.py server_error).
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Access-Control-Allow-Origin: * on the published register's open data (/api/v1/public/), and nowhere else.
    "publication.middleware.PublicCorsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the sign-in page saying so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.register",
            ],
        },
    },
]

# Every form renders with the GOV.UK Design System's classes and error states.
FORM_RENDERER = "core.govuk.GovukFormRenderer"

WSGI_APPLICATION = "config.wsgi.application"

# SQLite by default so `make run` needs nothing installed; PostgreSQL in production and CI via DATABASE_URL.
DATABASES = {
    # Kept open a minute between requests, and checked before a request reuses it: a connection the database dropped
    # (a restart) is replaced, never handed to a view (README, "When the database cannot be reached").
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    ),
}

# The policy's object permissions first; the model backend still signs people in with their password.
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Only the published register's pages are offered in Welsh (publication/language.py); the rest stays in English.
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or env_bool("CCTV_TESTING")
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Mail (README, "Configuration"): new members' and password reset links. The console under `make run`.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cctv-register@localhost")
# Where the register is served, for links in emails (FOI deadline reminders).
CCTV_SITE_URL = os.environ.get("CCTV_SITE_URL", "http://localhost:8000")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.LimitOffsetPagination",
    "EXCEPTION_HANDLER": "core.api.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.RegisterAutoSchema",
    # JSON only: every /api/ answer is JSON (no browsable HTML pages), written by orjson (core/api/renderers.py).
    "DEFAULT_RENDERER_CLASSES": ["core.api.renderers.FastJSONRenderer"],
    # Per signed-in user (token or session) and per address without credentials; a 429 says when to retry.
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.UserRateThrottle", "core.api.throttling.AddressRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_THROTTLE_USER", "1200/minute"),
        "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
        # The published register's open data, per address: its own allowance, so it never eats the API's.
        "public": os.environ.get("API_THROTTLE_PUBLIC", "120/minute"),
    },
}

PUBLIC_API_DOCS = env_bool("PUBLIC_API_DOCS")

SPECTACULAR_SETTINGS = {
    "TITLE": "CCTV Register API",
    "DESCRIPTION": "A council's register of its CCTV cameras: sites, cameras, manufacturers and counts. "
    "Authenticate with `Authorization: Token <key>` or a browser session.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs page need sign-in unless PUBLIC_API_DOCS is set.
    "SERVE_PERMISSIONS": ["core.api.permissions.ApiDocsAccess"],
    # Served from the package: the docs page must work without a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Request bodies get their own components, so a field that is read-only or may not be blank says so.
    "COMPONENT_SPLIT_REQUEST": True,
    # The API still reads form posts, but documents JSON bodies (the import declares its multipart upload itself).
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "ENUM_NAME_OVERRIDES": {
        "CameraStatusEnum": "assets.choices.CameraStatus",
        "FOIRequestStatusEnum": "foi.choices.FOIRequestStatus",
        "OutcomeEnum": "foi.choices.Outcome",
        "ExemptionEnum": "foi.choices.Exemption",
        "ReviewOutcomeEnum": "foi.choices.ReviewOutcome",
        "CountryCodeEnum": "core.api.schema.country_codes",
        "PrincipleStatusEnum": "registry.choices.PrincipleStatus",
        "DueStateEnum": "registry.choices.DueState",
        "GroupByEnum": "assets.vocabulary.COUNT_DIMENSION_NAMES",
        "PublicGroupByEnum": "publication.selectors.PUBLIC_DIMENSION_NAMES",
    },
}

# A session ends this many seconds after sign-in (README, "Production").
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 60 * 60))

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # Browsers remember for a year to use HTTPS only, here and on subdomains (off with SECURE_COOKIES=false too).
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if SESSION_COOKIE_SECURE else 0))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Says the domain may be put on browsers' built-in HTTPS list; it is only put there when someone submits it.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=SESSION_COOKIE_SECURE)
    # Behind a proxy that ends TLS: it must set X-Forwarded-Proto, so a request it received over HTTPS is secure.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

X_FRAME_OPTIONS = "DENY"

# No inline script or style: the one inline script (base.html) and Swagger UI's inline style carry the nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Sign-in throttling (django-axes): a username is locked from one address after AXES_FAILURE_LIMIT failures, for
# AXES_COOLOFF minutes counted from the failure that locked it (further tries during the lock do not extend it).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.signin.lockout_response"
AXES_VERBOSE = False  # our own JSON lines (core/logs.py) say who signed in, failed or was locked out

# Cached camera counts (assets/selectors.py, keyed on the register's version so never stale) and the API's throttling:
# in each process's memory, which is all `make run` needs, or shared by every app server in Redis when CACHE_URL is
# set (redis://host:6379/1).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
}

# JSON lines on stdout: one object per event, with its fields (core/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Camera import (README, "Importing cameras"): the largest upload, the most rows, and when it runs in the background.
CCTV_IMPORT_MAX_BYTES = int(os.environ.get("CCTV_IMPORT_MAX_BYTES", 10 * 1024 * 1024))
CCTV_IMPORT_MAX_ROWS = int(os.environ.get("CCTV_IMPORT_MAX_ROWS", 100_000))
# A sheet's cells must lie within the rows above (plus the header) and this many columns, and span at most
# this many cells from A1: the .xlsx reader builds one grid of every cell up to the furthest one.
CCTV_IMPORT_MAX_COLUMNS = int(os.environ.get("CCTV_IMPORT_MAX_COLUMNS", 200))
CCTV_IMPORT_MAX_CELLS = int(os.environ.get("CCTV_IMPORT_MAX_CELLS", 4_000_000))
# An .xlsx is a zip: refuse one that would unpack to more than this (a zip bomb) before parsing it.
CCTV_IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("CCTV_IMPORT_MAX_UNPACKED_BYTES", 30 * CCTV_IMPORT_MAX_BYTES))
# An upload waits in the database (assets.ImportJob) between its preview and the confirmation, so any app server
# can take either step. A file of more rows than this is checked and written by a Celery worker, with a progress bar.
CCTV_IMPORT_BACKGROUND_ROWS = int(os.environ.get("CCTV_IMPORT_BACKGROUND_ROWS", 2_000))
# The camera list's, the replacement plan's and the change log's downloads of more rows than this are written by a
# Celery worker (assets.ExportJob), with a progress bar, rather than streamed in the request.
CCTV_EXPORT_BACKGROUND_ROWS = int(os.environ.get("CCTV_EXPORT_BACKGROUND_ROWS", 20_000))
# A running import or export that has given no sign of life for this long lost its worker, and is marked failed.
CCTV_IMPORT_STALE_SECONDS = int(os.environ.get("CCTV_IMPORT_STALE_SECONDS", 5 * 60))

# Background work (README, "Production"): Celery with Redis as its broker. Without CELERY_BROKER_URL, tasks run at
# once in the process that asks (`make run` needs no Redis); the import page and the API answer the same way.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "cctv")
# A task is acknowledged when it ends, so a job a dead worker held is offered again (it then finds itself failed).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The job's row says how it went: no result backend.
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Celery beat: the jobs that run on a clock.
CELERY_BEAT_SCHEDULE = {
    "import-jobs-fail-stale": {"task": "assets.import_jobs_fail_stale", "schedule": 60.0},
    "import-jobs-forget": {"task": "assets.import_jobs_forget", "schedule": crontab(hour=3, minute=15)},
    "foi-reminders-send": {"task": "foi.reminders_send", "schedule": crontab(hour=7, minute=30)},
    "foi-requesters-anonymise": {"task": "foi.requesters_anonymise", "schedule": crontab(hour=2, minute=45)},
}
