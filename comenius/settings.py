"""The one settings module of Comenius.

Every setting comes from an environment variable read through the small typed helpers below; each is
listed with its default in `.env.example`. Two modes:

* ``demo`` (the default): the embedded setup of `make run` — SQLite in ``var/``, e-mail as ``.eml`` files,
  uploads in ``var/media/``, DEBUG on unless told otherwise.
* ``production``: refuses to start with DEBUG on, the default secret key or no allowed hosts, and turns
  on secure cookies, HSTS and HTTPS redirects.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from comenius.core.languages import settings_languages

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("COMENIUS_VAR_DIR", BASE_DIR / "var"))


# --- typed environment helpers -------------------------------------------------------------------


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from error


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from error


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


MODE = env_str("COMENIUS_MODE", "demo")
if MODE not in {"demo", "production"}:
    raise ImproperlyConfigured(f"COMENIUS_MODE must be 'demo' or 'production', not {MODE!r}")
PRODUCTION = MODE == "production"

DEFAULT_SECRET_KEY = "comenius-demo-secret-key-never-use-in-production"  # noqa: S105 - marker, refused below
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
# Off unless asked for, in the demo too: `make run` is how people evaluate the platform, and it shows the
# product's own error pages. A developer who wants Django's debug pages sets DEBUG=true.
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])

if PRODUCTION:
    problems = []
    if DEBUG:
        problems.append("DEBUG is on")
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY is the default or shorter than 50 characters")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS is empty")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems) + ".")


# --- applications -------------------------------------------------------------------------------

INSTALLED_APPS = [
    # First: daphne's runserver serves the ASGI application (HTTP and WebSocket) for `make run`.
    "daphne",
    "comenius.core.admin_site.ComeniusAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # The API (django-ninja); listed so its Swagger UI is served from our own static files.
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work (django-tasks; its database backend keeps the queue in our own database).
    "django_tasks",
    "django_tasks_db",
    "comenius.core",
    "comenius.translation",
    "comenius.notifications",
    "comenius.institutions",
    "comenius.accounts",
    "comenius.certificates",
    "comenius.moderation",
    "comenius.network",
    "comenius.ambassadors",
    "comenius.projects",
    "comenius.spaces",
    "comenius.groups",
    "comenius.events",
    "comenius.courses",
    "comenius.recognition",
    "comenius.countries",
    "comenius.site",
    "comenius.api",
    "comenius.devdata",
]

MIDDLEWARE = [
    # First: every later log line of the request carries its id, and the answer's time includes all the rest.
    "comenius.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself (make run; behind nginx in the production layout it rarely sees one).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "comenius.core.security.SecurityHeadersMiddleware",
    # A page whose database went away answers 503 (not 500); /healthz answers before anything reads the database.
    "comenius.core.resilience.DatabaseUnavailableMiddleware",
    "comenius.core.resilience.HealthCheckMiddleware",
    # Before the session is read: it decides whether this request's reads may go to a read replica.
    "comenius.core.replicas.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "comenius.accounts.middleware.UserLanguageMiddleware",
    "comenius.core.middleware.PupilBoundaryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so its early 400 answer still gets every header the middleware above adds.
    "comenius.core.security.RejectNulBytesMiddleware",
    "comenius.core.security.RejectOutOfRangeIdsMiddleware",
]

ROOT_URLCONF = "comenius.urls"
WSGI_APPLICATION = "comenius.wsgi.application"
ASGI_APPLICATION = "comenius.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "comenius.core.context_processors.platform",
                "comenius.site.context_processors.header",
            ],
        },
    },
]


# --- database and cache ---------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'comenius.sqlite3'}")
# Connections are kept for DATABASE_CONN_MAX_AGE seconds and checked before each request reuses one (a database
# that restarted costs the requests in flight, not the next ones); 0 opens one per request. Figures behind the
# default: docs/performance.md, "Connections".
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the demo server read while it writes; IMMEDIATE avoids "database is locked" on upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Pages run short queries that stop after a few rows: JIT compilation (seen: +125 ms on a 20-row search)
    # and parallel workers (seen: +40 ms start-up on a capped count) cost more than they save.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c max_parallel_workers_per_gather=0"
# A PostgreSQL streaming replica for the pages' reads (core/replicas.py: what stays on the primary, and why).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), "connect_timeout": 2}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["comenius.core.replicas.ReplicaRouter"]
# After a request that wrote, the member's requests read from the primary for this long (replication lag).
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 5)
REPLICA_CHECK_SECONDS = env_float("REPLICA_CHECK_SECONDS", 5.0)
REPLICA_RETRY_SECONDS = env_float("REPLICA_RETRY_SECONDS", 30.0)
REPLICA_MAX_LAG_SECONDS = env_float("REPLICA_MAX_LAG_SECONDS", 30.0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")


def _redis_url_for_test_worker(url: str, worker: str) -> str:
    """Parallel test workers (pytest-xdist: gw0, gw1, …) share one Redis server; each gets its own database
    number after the configured one, so that one worker's `cache.clear()` (FLUSHDB) cannot empty another's."""
    if not (url and worker.startswith("gw") and worker[2:].isdigit()):
        return url
    parts = urlparse(url)
    base = int(parts.path.strip("/") or 0)
    return parts._replace(path=f"/{base + int(worker[2:])}").geturl()


REDIS_URL = _redis_url_for_test_worker(REDIS_URL, os.environ.get("PYTEST_XDIST_WORKER", ""))
# Redis connections (cache and channel layer). redis-py's default read timeout (5 s in the locked 8.x) equals
# channels-redis' blocking pop (BZPOPMIN, 5 s), so an idle chat socket's read timed out and the socket dropped:
# the layer's reads wait longer than the pop. The cache fails fast instead: a page never waits long on a Redis
# that does not answer, it falls through to the database (comenius.core.cache).
REDIS_CONNECT_TIMEOUT = env_float("REDIS_CONNECT_TIMEOUT", 1.0)
REDIS_CACHE_TIMEOUT = env_float("REDIS_CACHE_TIMEOUT", 1.0)
REDIS_CHANNEL_TIMEOUT = env_float("REDIS_CHANNEL_TIMEOUT", 15.0)
REDIS_HEALTH_CHECK_INTERVAL = env_int("REDIS_HEALTH_CHECK_INTERVAL", 30)
# After a failure the cache stays in process memory for this many seconds before it tries Redis again.
REDIS_RETRY_SECONDS = env_float("REDIS_RETRY_SECONDS", 5.0)
CHANNEL_LAYER_BLOCKING_POP = 5  # channels_redis.core.RedisChannelLayer.brpop_timeout
if REDIS_CHANNEL_TIMEOUT <= CHANNEL_LAYER_BLOCKING_POP:
    raise ImproperlyConfigured(
        f"REDIS_CHANNEL_TIMEOUT must be longer than the channel layer's {CHANNEL_LAYER_BLOCKING_POP} s blocking pop, "
        f"or idle chat sockets drop; not {REDIS_CHANNEL_TIMEOUT}"
    )


def redis_cache(url: str) -> dict[str, Any]:
    """The cache on Redis, falling through to process memory while Redis is unreachable (core/cache.py)."""
    return {
        "BACKEND": "comenius.core.cache.ResilientRedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
            "socket_timeout": REDIS_CACHE_TIMEOUT,
            "health_check_interval": REDIS_HEALTH_CHECK_INTERVAL,
            "retry_seconds": REDIS_RETRY_SECONDS,
        },
    }


def redis_channel_layer(url: str, **config: Any) -> dict[str, Any]:
    """The Channels layer on Redis; `config` adds or overrides RedisChannelLayer's arguments (prefix, capacity …)."""
    host = {
        "address": url,
        "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
        "socket_timeout": REDIS_CHANNEL_TIMEOUT,
        "health_check_interval": REDIS_HEALTH_CHECK_INTERVAL,
        "socket_keepalive": True,
    }
    return {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [host],
            "capacity": env_int("CHANNEL_LAYER_CAPACITY", 100),
            "expiry": env_int("CHANNEL_LAYER_EXPIRY", 60),
            **config,
        },
    }


CACHES: dict[str, dict[str, Any]] = {
    "default": (
        redis_cache(REDIS_URL)
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "comenius"}
    )
}


# --- real time (Django Channels) ----------------------------------------------------------------
# Chat rooms talk over WebSockets (comenius/asgi.py). The channel layer carries a message from the process
# that received it to every process holding a connection to the room: Redis when REDIS_URL is set (several
# app servers), otherwise in memory, which is enough for the single process of the embedded default.

CHANNEL_LAYERS: dict[str, dict[str, Any]] = {
    "default": (redis_channel_layer(REDIS_URL) if REDIS_URL else {"BACKEND": "channels.layers.InMemoryChannelLayer"})
}


# --- background work (django-tasks) ---------------------------------------------------------------
# One task API for everything that should not hold up a page: e-mails, exports, periodic jobs
# (`comenius/core/tasks.py`). "database" (the default, SQLite and PostgreSQL alike) keeps the queue in the
# database and a worker runs it: `manage.py run_worker`, which `make run` starts beside the server and which
# also enqueues the periodic tasks (no cron). "immediate" runs each task at once in the process that enqueues
# it (the test suite does so; never in production, a slow task would hold up its page).

TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be 'database' or 'immediate', not {TASKS_BACKEND!r}")
TASKS: dict[str, dict[str, Any]] = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}
# Prepared downloads (a space export, a member's own data) stay this many hours, then they are deleted.
PREPARED_DOWNLOAD_HOURS = env_int("PREPARED_DOWNLOAD_HOURS", 72)


# --- accounts -----------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "comenius.spaces.auth.PupilBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "site:home"

ACCOUNT_ADAPTER = "comenius.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "comenius.accounts.forms.MemberSignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Comenius] "
# Failed log-ins are throttled by comenius/accounts/throttling.py (docs/security.md), not by allauth's lock of an
# address: allauth's "login_failed" is left only to wrong second-factor codes, which it keys per account
# ("mfa-auth-user-<id>"), never per address; "login" counts every try per address, generous for a school's NAT.
ACCOUNT_RATE_LIMITS = {
    "login": "600/m/ip",
    "login_failed": "10/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "3/3m/key",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
}
# Per key: `free` failures cost nothing, then each further one waits base_seconds × 2^n (at most cap_seconds);
# a key's count is forgotten window_seconds after its last failure. The wider keys (account, address, class) do
# not hold back a person at an address where they completed a log-in in the last LOGIN_KNOWN_ADDRESS_DAYS.
LOGIN_THROTTLE: dict[str, dict[str, int]] = {
    "pair": {"free": 5, "base_seconds": 30, "cap_seconds": 15 * 60, "window_seconds": 3600},
    "account": {"free": 10, "base_seconds": 60, "cap_seconds": 30 * 60, "window_seconds": 3600},
    "address": {"free": 300, "base_seconds": 60, "cap_seconds": 15 * 60, "window_seconds": 3600},
    "pupil": {"free": 10, "base_seconds": 30, "cap_seconds": 15 * 60, "window_seconds": 3600},
    "class": {"free": 50, "base_seconds": 60, "cap_seconds": 15 * 60, "window_seconds": 3600},
}
LOGIN_KNOWN_ADDRESS_DAYS = env_int("LOGIN_KNOWN_ADDRESS_DAYS", 90)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Comenius")
# Passkeys need HTTPS except on localhost; the demo runs on plain HTTP at 127.0.0.1.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION

# How long the head of an institution's confirmation link stays valid.
HEAD_CONFIRMATION_MAX_AGE_DAYS = env_int("HEAD_CONFIRMATION_MAX_AGE_DAYS", 14)
# Largest evidence file a member may upload for the NSO, in bytes.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)

# Recognition (quality labels, school labels, prizes). The school year starts on this day (default 1 September);
# the other numbers are each school year's defaults: an operator changes a year's numbers in the admin
# (recognition rules) without a release.
RECOGNITION_SCHOOL_YEAR_START_MONTH = env_int("RECOGNITION_SCHOOL_YEAR_START_MONTH", 9)
RECOGNITION_SCHOOL_YEAR_START_DAY = env_int("RECOGNITION_SCHOOL_YEAR_START_DAY", 1)
if not (1 <= RECOGNITION_SCHOOL_YEAR_START_MONTH <= 12 and 1 <= RECOGNITION_SCHOOL_YEAR_START_DAY <= 28):
    raise ImproperlyConfigured("RECOGNITION_SCHOOL_YEAR_START_MONTH/DAY must be a month and a day from 1 to 28.")
RECOGNITION_NQL_MAX_APPLICATIONS = env_int("RECOGNITION_NQL_MAX_APPLICATIONS", 4)
RECOGNITION_NQL_SUB_MINIMUM = env_int("RECOGNITION_NQL_SUB_MINIMUM", 3)
RECOGNITION_EQL_SHARE_PERCENT = env_int("RECOGNITION_EQL_SHARE_PERCENT", 25)
RECOGNITION_EQL_THRESHOLD = env_int("RECOGNITION_EQL_THRESHOLD", 20)
RECOGNITION_EQL_MIN_COUNTRIES = env_int("RECOGNITION_EQL_MIN_COUNTRIES", 2)
RECOGNITION_SCHOOL_MIN_TEACHERS = env_int("RECOGNITION_SCHOOL_MIN_TEACHERS", 3)
RECOGNITION_SCHOOL_MIN_YEARS = env_int("RECOGNITION_SCHOOL_MIN_YEARS", 2)
RECOGNITION_SCHOOL_NQL_YEARS = env_int("RECOGNITION_SCHOOL_NQL_YEARS", 2)
RECOGNITION_SCHOOL_VALID_YEARS = env_int("RECOGNITION_SCHOOL_VALID_YEARS", 2)


# --- the API (comenius/api) ---------------------------------------------------------------------
# Under this path errors answer in the API's JSON shape, also those of middleware and Django itself.
API_PATH_PREFIX = "/api/"
API_TOKEN_DEFAULT_DAYS = env_int("API_TOKEN_DEFAULT_DAYS", 90)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)
# A token nobody used for this long stops working (a forgotten token is a risk, not a convenience).
API_TOKEN_UNUSED_DAYS = env_int("API_TOKEN_UNUSED_DAYS", 180)
API_REQUESTS_PER_MINUTE_PER_ADDRESS = env_int("API_REQUESTS_PER_MINUTE_PER_ADDRESS", 300)
API_REQUESTS_PER_MINUTE_PER_TOKEN = env_int("API_REQUESTS_PER_MINUTE_PER_TOKEN", 600)
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 64 * 1024)
# django-ninja: the caller's address for its own helpers is the socket's (REMOTE_ADDR; set by nginx).
NINJA_NUM_PROXIES = 0


# --- languages and time -------------------------------------------------------------------------

LANGUAGE_CODE = "en"
# The shipped interface languages: each with a complete catalog (comenius/core/languages.py says which and why).
LANGUAGES = settings_languages()
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "comenius_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
# One date format per language (issue 11): the named formats of comenius/core/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["comenius.core.formats"]
USE_TZ = True


# --- static files and uploads -------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
if MEDIA_STORAGE != "local":
    raise ImproperlyConfigured("MEDIA_STORAGE supports 'local' so far.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic writes compressed (gzip, Brotli where available) copies with a content hash in their names,
    # which WhiteNoise (and nginx) serve with a year's cache (docs/operations.md). With DEBUG=true the pages use
    # the plain names, served from the source folders. The tests use the plain storage (conftest.py).
    "staticfiles": {"BACKEND": "comenius.core.staticfiles.HashedStaticFiles"},
}
# Static files found by the finders, not only those collected, while developing; hashed names are cached for a year.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600

# Private files (evidence, photos, space materials) are sent by the web server after a view checked access:
# the internal location that maps to MEDIA_ROOT, e.g. /protected-media/ (docs/operations.md). Empty: Django
# sends them itself (`core.private_files`).
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT", "").strip()
if MEDIA_ACCEL_REDIRECT:
    if not MEDIA_ACCEL_REDIRECT.startswith("/") or "//" in MEDIA_ACCEL_REDIRECT or "?" in MEDIA_ACCEL_REDIRECT:
        raise ImproperlyConfigured(
            f"MEDIA_ACCEL_REDIRECT must be an internal path like /protected-media/, not {MEDIA_ACCEL_REDIRECT!r}"
        )
    MEDIA_ACCEL_REDIRECT = MEDIA_ACCEL_REDIRECT.rstrip("/") + "/"

FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024


# --- e-mail -------------------------------------------------------------------------------------


def parse_email_url(url: str) -> dict[str, Any]:
    """Turn EMAIL_URL into Django e-mail settings: smtp://, smtps://, file://PATH, console:, locmem:."""
    parsed = urlparse(url)
    if parsed.scheme in {"smtp", "smtps"}:
        options = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 587),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": parsed.scheme == "smtps",
            "EMAIL_USE_TLS": parsed.scheme == "smtp" and options.get("tls", ["true"])[0] != "false",
        }
    if parsed.scheme == "file":
        return {"EMAIL_BACKEND": "comenius.core.mail.EmlFileBackend", "EMAIL_FILE_PATH": parsed.path}
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    raise ImproperlyConfigured(f"EMAIL_URL scheme {parsed.scheme!r} is not supported")


globals().update(parse_email_url(env_str("EMAIL_URL", f"file://{VAR_DIR / 'mail'}")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Comenius <no-reply@comenius.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# --- security -----------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers and monitoring ask the app servers directly, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Logs (core/observability.py): readable text by default, one JSON object a line with LOG_FORMAT=json (the
# production layout); the request id in every line of a request either way.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'text' or 'json', not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "comenius.core.observability.RequestIdFilter"}},
    "formatters": {
        "main": (
            {"()": "comenius.core.observability.JsonFormatter"}
            if LOG_FORMAT == "json"
            else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
        )
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
# Prometheus metrics at /metrics, only with this bearer token (empty: /metrics answers 404). With several
# processes, PROMETHEUS_MULTIPROC_DIR (environment only) lets them add up (core/observability.py).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
# Error reporting to Sentry or a Sentry-compatible server (GlitchTip): off unless set; no personal data is sent.
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
COMENIUS_RELEASE = env_str("COMENIUS_RELEASE", "")

PLATFORM_NAME = _("Comenius")
# Where the platform is reached: links in e-mails are built from it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Partner finding: limits that keep the board and inboxes free of mass-posting.
CONTACT_REQUESTS_PER_DAY = env_int("CONTACT_REQUESTS_PER_DAY", 20)
COLD_CONVERSATIONS_PER_DAY = env_int("COLD_CONVERSATIONS_PER_DAY", 10)
COLD_MESSAGES_PER_CONVERSATION = env_int("COLD_MESSAGES_PER_CONVERSATION", 3)
IDEA_POSTS_PER_DAY = env_int("IDEA_POSTS_PER_DAY", 3)
IDEA_MAX_DAYS = env_int("IDEA_MAX_DAYS", 180)
PEOPLE_PAGE_SIZE = 20

# Projects: a step that waits longer than this is reminded to whoever holds it (again after as many days);
# a closed project is archived (read-only forever) after PROJECT_ARCHIVE_AFTER_DAYS.
PROJECT_REMINDER_DAYS = env_int("PROJECT_REMINDER_DAYS", 7)
PROJECT_ARCHIVE_AFTER_DAYS = env_int("PROJECT_ARCHIVE_AFTER_DAYS", 365)

# Moderation: reports one member may send per day (a flood of reports is abuse too).
REPORTS_PER_DAY = env_int("REPORTS_PER_DAY", 20)
# Project spaces. Upload limits at least the reference system's (images 10 MB, files and video 100 MB).
SPACE_IMAGE_MAX_MB = env_int("SPACE_IMAGE_MAX_MB", 10)
SPACE_FILE_MAX_MB = env_int("SPACE_FILE_MAX_MB", 100)
# Hosts whose players or tools may be embedded in pages and materials (loaded only when a member clicks).
SPACE_EMBED_HOSTS = env_list(
    "SPACE_EMBED_HOSTS",
    ["www.youtube-nocookie.com", "player.vimeo.com", "www.dailymotion.com", "learningapps.org", "padlet.com"],
)
# Posts, comments, threads and replies one person may write in project spaces per 10 minutes.
SPACE_WRITES_PER_10_MINUTES = env_int("SPACE_WRITES_PER_10_MINUTES", 60)
# Online meetings: the Jitsi server rooms are made on (empty: meetings are off).
JITSI_URL = env_str("JITSI_URL", "")
# Machine translation of what members write (issue 19): a LibreTranslate-compatible server the operator runs
# (docs/operations.md). Empty: off — no Translate action anywhere, and no text ever leaves the platform.
TRANSLATION_URL = env_str("TRANSLATION_URL", "").rstrip("/")
if TRANSLATION_URL and not TRANSLATION_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"TRANSLATION_URL must start with http:// or https://, not {TRANSLATION_URL!r}")
TRANSLATION_API_KEY = env_str("TRANSLATION_API_KEY", "")
# Seconds to wait for the translation server before showing the original with a calm message.
TRANSLATION_TIMEOUT = env_float("TRANSLATION_TIMEOUT", 5.0)
# Translations one member may ask for per hour, and days a cached translation is kept.
TRANSLATIONS_PER_HOUR = env_int("TRANSLATIONS_PER_HOUR", 120)
TRANSLATION_CACHE_DAYS = env_int("TRANSLATION_CACHE_DAYS", 30)
# Months after a project is archived before its pupils' accounts and personal data are deleted.
PUPIL_RETENTION_MONTHS = env_int("PUPIL_RETENTION_MONTHS", 12)

# Files one member may upload per hour (evidence, photos, project-space materials).
UPLOADS_PER_HOUR = env_int("UPLOADS_PER_HOUR", 30)
