"""Spojka's only settings module: everything that differs between machines comes from the environment.

Development (`make run`) sets DEBUG=true and may use the built-in secret key; production
(DEBUG unset or false) refuses to start without a real SECRET_KEY. See `.env.example`.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import xstatic.pkg.leaflet as _xstatic_leaflet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from spojka.core.env import env_bool, env_int, env_list, env_str
from spojka.core.logging import logging_config

PROJECT_DIR = Path(__file__).resolve().parents[2]
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("DATA_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
TESTING = env_bool("SPOJKA_TESTING", default=False)

# A key anyone can read in this file: good enough to sign a developer's own sessions, never more.
_DEVELOPMENT_SECRET_KEY = "development-only-insecure-key-spojka-do-not-use-in-production"  # noqa: S105  # refused in production
SECRET_KEY = env_str("SECRET_KEY", _DEVELOPMENT_SECRET_KEY)
if (
    not DEBUG
    and not TESTING
    and (
        SECRET_KEY == _DEVELOPMENT_SECRET_KEY
        or len(SECRET_KEY) < 50
        or SECRET_KEY.startswith("django-insecure")
        or len(set(SECRET_KEY)) < 5
    )
):
    raise ImproperlyConfigured(
        "Refusing to start in production mode (DEBUG is off) with an insecure SECRET_KEY. "
        "Set SECRET_KEY to a random string of at least 50 characters, or DEBUG=true for development."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "phonenumber_field",
    "spojka.core",
    "spojka.accounts",
    "spojka.network",
    "spojka.geo",
    "spojka.demo",
    "spojka.directory",
    "spojka.api",
    "spojka.desk",
    "spojka.audit",
    "spojka.clients",
    "spojka.cases",
    "spojka.referrals",
    "spojka.linkage",
    "spojka.coordination",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "spojka.core.middleware.UnknownLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "spojka.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "spojka.network.middleware.ActiveMembershipMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "spojka.urls"
WSGI_APPLICATION = "spojka.wsgi.application"

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
                "spojka.network.context_processors.workspace",
            ],
        },
    },
]

# Databases: the embedded SQLite file unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'spojka.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the
        # start of a transaction, so concurrent writers queue instead of failing mid-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks: in the database by default (`python -m spojka db_worker`), in Redis when
# REDIS_URL is set (`python -m spojka rqworker default --job-class django_tasks_rq.Job`), run at once in tests.
TASKS: dict[str, dict[str, object]]
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Accounts and login.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "spojka.accounts.backends.PasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:workspace"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # an invitation link stays valid for three days

# Roles (network.enums.Role values) that may use the workspace only with two-factor sign-in
# turned on. Empty by default so that the demo works; see `.env.example` for production.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", default=[])
# Operators in the technical administration see devices, never their secrets or backup codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Wrong codes are throttled per user like passwords (accounts/throttle.py: AXES_FAILURE_LIMIT, then
# a cool-off). django-otp's own per-device delay would instead refuse a right code typed within a
# second of a wrong one, and tell the person it was wrong.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Directory: changes are recorded with their author (django-auditlog), never with the address
# they came from; phone numbers without a country code are read as the region's.
AUDITLOG_DISABLE_REMOTE_ADDR = True
PHONENUMBER_DEFAULT_REGION = env_str("PHONE_REGION", default="CZ")

# Sessions end after this many minutes without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling: after AXES_FAILURE_LIMIT failures for one e-mail from one address the
# login is locked for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# Languages: the URL carries the language; Czech is the default and the fallback.
LANGUAGE_CODE = "cs"
LANGUAGES = [
    ("cs", _("Czech")),
    ("uk", _("Ukrainian")),
    ("en", _("English")),
    ("ro", _("Romanian")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "spojka_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Prague")

# Static files: collected into STATIC_ROOT and served by WhiteNoise with hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
# Leaflet's files come from the xstatic-leaflet package (served as /static/leaflet/leaflet.js, …).
STATICFILES_DIRS = [PACKAGE_DIR / "static", ("leaflet", _xstatic_leaflet.BASE_DIR)]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
if DEBUG or TESTING:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing folder

# E-mail: printed to the console in development, sent over SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Spojka <noreply@spojka.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. A strict Content-Security-Policy: no inline script or style anywhere.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not (DEBUG or TESTING))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", default=False) else None
# The public portal's map: a tile server's URL template ({s}, {z}, {x}, {y}) and its credit line.
# Empty: no map, the results are a list only.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
_map_tiles = urlsplit(MAP_TILE_URL.replace("{s}", "*"))
_MAP_TILE_SOURCES = [f"{_map_tiles.scheme}://{_map_tiles.netloc}"] if _map_tiles.scheme in {"http", "https"} else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_MAP_TILE_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Logging: one JSON object a line, with the request id; never personal data.
LOGGING = logging_config(
    level=env_str("LOG_LEVEL", "WARNING" if TESTING else "INFO"),
    quiet_requests=TESTING or DEBUG,
    as_json=env_bool("LOG_JSON", default=not DEBUG),
)
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False

# Spojka's own settings.
SPOJKA_DEMO_PASSWORD = env_str("SPOJKA_DEMO_PASSWORD", "spojka-demo-2026")
SPOJKA_COUNTRY_PACK = env_str("SPOJKA_COUNTRY_PACK", "cz-liberec")
