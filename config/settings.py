"""DIA Portal settings: one module, every value from the environment.

Development defaults need nothing installed (SQLite, local-memory cache, tasks run
immediately). ``DJANGO_ENV=production`` refuses to start with an insecure value.
"""

import ipaddress
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO as _LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str, weak_secret

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENVIRONMENTS = ("development", "test", "production")
DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in DJANGO_ENVIRONMENTS:
    # A misspelt "prod" must not quietly run as development (DEBUG on, the public development key).
    raise ImproperlyConfigured(
        f"Refusing to start: DJANGO_ENV is {DJANGO_ENV!r}; use one of {', '.join(DJANGO_ENVIRONMENTS)}"
    )
PRODUCTION = DJANGO_ENV == "production"
INSECURE_DEV_KEY = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"

DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = env_str("SECRET_KEY", INSECURE_DEV_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

if PRODUCTION:
    problems = []
    if DEBUG:
        problems.append("DEBUG must be false")
    if SECRET_KEY == INSECURE_DEV_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a random value of at least 50 characters")
    elif weak_secret(SECRET_KEY):
        problems.append("SECRET_KEY has too little variety to be random (generate one, for example with secrets)")
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must list the portal's host names")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "portal.core",
    "portal.accounts",
    "portal.associations",
    "portal.enterprises",
    "portal.providers",
    "portal.notifications",
    "portal.desk",
    "portal.pooling",
    "portal.catalogue",
    "portal.updates",
    "portal.research",
    "portal.community",
    "portal.events",
    "portal.learning",
    "portal.business",
    "portal.scheme",
    "portal.plans",
    "portal.services",
    "portal.support",
    "portal.finances",
    "portal.insights",
    "portal.privacy",
    "portal.home",
    "portal.demo",
    "portal.ops",
]

MIDDLEWARE = [
    # First, so its request id, duration and query count cover everything below it.
    "portal.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed with brotli or gzip (WhiteNoise already serves static files pre-compressed).
    "portal.ops.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.core.middleware.CleanInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.middleware.StaffSessionTimeoutMiddleware",
    "portal.core.ratelimits.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.RequireStaffTwoFactorMiddleware",
    "portal.privacy.middleware.SessionTrackingMiddleware",
    "portal.privacy.middleware.PermissionRefusalMiddleware",
    "portal.core.exports.ExportAuditMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.home.context_processors.portal",
                "portal.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections in production (a new PostgreSQL connection costs ~16 ms); checked for
        # health before each request reuses one, so a restarted database server costs no failed request.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets the dev server read while the seed command or a task writes.
    # IMMEDIATE: a transaction that will write takes the lock when it starts, so concurrent writers wait
    # (up to the timeout) instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    # Tests use a file, not shared-cache memory: only a file honours the timeout, which the tests of
    # concurrent registrations, payments and releases rely on.
    # One file per test process (parallel runs must not share it), in the temporary directory.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"dia-test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast when Redis is away (readiness reports it) rather than hang a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions read from the cache (Redis when REDIS_URL is set) and written through to the database, so
# a Redis restart logs nobody out and the "your sessions" list can still read them from the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Background work goes through django.tasks. "immediate" runs it in the request (development);
# "database" queues it for `manage.py db_worker` (production, any number of app servers).
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    # django-tasks-db's backend, also storing the enqueuing request's id for the worker's log lines.
    "database": "portal.ops.taskbackend.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: email log-in, mandatory verification, throttled failures, TOTP for staff.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "portal.accounts.adapter.PortalAccountAdapter"
# Sign-up asks for consent per purpose of the privacy notice (portal/privacy/notice.py).
ACCOUNT_SIGNUP_FORM_CLASS = "portal.privacy.forms.SignupConsentForm"
ACCOUNT_RATE_LIMITS = {
    # After 5 wrong passwords for one account within 30 minutes, that account is locked for the rest of the
    # window (Zulip: 10); an address guessing across accounts is cut off at 20 a minute. Addresses are the real
    # client's (TRUSTED_PROXY_COUNT), so the proxy's own address never locks everyone out.
    "login_failed": "20/m/ip,5/30m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    # Two reset emails an hour for one address (Zulip: 2 an hour).
    "reset_password": "20/m/ip,2/h/key",
}
# Every other limit (anonymous and signed-in traffic, posting, searching, exporting...): portal/core/ratelimits.py.
# RATE_LIMIT_SCALE multiplies them all (tests raise it; 0 turns the middleware off).
RATE_LIMIT_SCALE = env_int("RATE_LIMIT_SCALE", 1)
# How many reverse proxies we run in front of the portal: the client's address is the one this many entries from
# the right of X-Forwarded-For (0: REMOTE_ADDR, no proxy). docs/security.md, "Rate limits".
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[DIA Portal] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "DIA Portal (SIDBI)"
MFA_TOTP_TOLERANCE = 1

# Email (Django 6.1 mailers): console in development; SMTP when EMAIL_BACKEND says so.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
_MAILER_OPTIONS = {}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _MAILER_OPTIONS = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _MAILER_OPTIONS}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "DIA Portal <no-reply@dia.sidbi.example>")

LANGUAGE_CODE = "en"
# The twelve languages (issue #12). Names here are English, translated for lists; the switcher shows each
# language in its own script (portal.core.i18n.NATIVE_NAMES).
LANGUAGES = [
    ("en", _("English")),
    ("hi", _("Hindi")),
    ("as", _("Assamese")),
    ("bn", _("Bengali")),
    ("gu", _("Gujarati")),
    ("kn", _("Kannada")),
    ("ml", _("Malayalam")),
    ("mr", _("Marathi")),
    ("or", _("Odia")),
    ("pa", _("Punjabi")),
    ("ta", _("Tamil")),
    ("te", _("Telugu")),
]
# Django ships no locale data for Assamese, Gujarati and Odia: describe them so get_language_info() works.
EXTRA_LANG_INFO = {
    "as": {"bidi": False, "code": "as", "name": "Assamese", "name_local": "অসমীয়া"},
    "gu": {"bidi": False, "code": "gu", "name": "Gujarati", "name_local": "ગુજરાતી"},
    "or": {"bidi": False, "code": "or", "name": "Odia", "name_local": "ଓଡ଼ିଆ"},
}
_LANG_INFO.update(EXTRA_LANG_INFO)
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# locale/: the portal's catalogues. locale_dates/: month and weekday names for the languages Django ships no
# catalogue for (Assamese, Gujarati, Odia) and the few Django leaves untranslated (Tamil), so dates read in the
# reader's language everywhere.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_dates"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
_FILE_STORAGE = env_str("DEFAULT_FILE_STORAGE", "django.core.files.storage.FileSystemStorage")
_FILE_STORAGE_OPTIONS = {}
if _FILE_STORAGE == "storages.backends.s3.S3Storage":
    # S3-compatible object storage (django-storages[s3], installed separately): a private bucket; every
    # download still streams through the portal's permission-checking views. Credentials come from the
    # standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (or the instance's role).
    _FILE_STORAGE_OPTIONS = {
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
STORAGES = {
    "default": {"BACKEND": _FILE_STORAGE, "OPTIONS": _FILE_STORAGE_OPTIONS},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Request caps: a form body (files aside) of at most 2 MB and 1000 fields; files above 2.5 MB go to a temporary
# file, never memory; the proxy caps the whole body (client_max_body_size, docs/deployment.md).
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2621440)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 20)
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)

# Strict CSP: every asset is served by the portal, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# SIDBI staff and platform admins (everyone who must use TOTP) are logged out after 30 idle minutes and 12 hours
# in all (portal.accounts.middleware.StaffSessionTimeoutMiddleware); everyone else keeps Django's two weeks.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 12 * 60 * 60)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Load balancers and Prometheus call these over plain HTTP inside the data centre.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# Logs: one JSON object per line on standard error (LOG_FORMAT=text for a human at a terminal). Every request
# and every task run writes one line with its request id; see docs/operations.md for the fields.
LOG_FORMAT = env_str("LOG_FORMAT", "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "portal.ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Log-in failures, lockouts, refusals, token use, exports: kept at their own level so they can be
        # raised or routed separately from the per-request lines.
        "portal.security": {"level": env_str("SECURITY_LOG_LEVEL", "INFO")},
        # Our own per-task line replaces django.tasks' "Task id=... state=..." lines.
        "django.tasks": {"level": "WARNING"},
    },
}

# Readiness: /readyz fails when the oldest queued task has waited longer than this (no worker running).
READINESS_MAX_TASK_AGE_SECONDS = env_int("READINESS_MAX_TASK_AGE_SECONDS", 600)
# /metrics answers direct connections from these addresses or networks, or a request with
# "Authorization: Bearer <METRICS_TOKEN>" (from anywhere) when a token is set.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])
try:
    METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network(item, strict=False) for item in METRICS_ALLOWED_IPS]
except ValueError as exc:
    raise ImproperlyConfigured(f"METRICS_ALLOWED_IPS: {exc}") from exc
METRICS_TOKEN = env_str("METRICS_TOKEN")
# Backups (manage.py backup): where they go and how many to keep (the oldest beyond that are deleted).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)

# How many members an association may import in one file.
MEMBER_IMPORT_MAX_ROWS = env_int("MEMBER_IMPORT_MAX_ROWS", 5000)

# Requirements desk: a resolved requirement can be reopened for this many days, then it closes.
DESK_REOPEN_DAYS = env_int("DESK_REOPEN_DAYS", 30)
# Default service levels when an admin has not set one for a kind.
DESK_DEFAULT_FIRST_RESPONSE_HOURS = env_int("DESK_DEFAULT_FIRST_RESPONSE_HOURS", 48)
DESK_DEFAULT_RESOLUTION_DAYS = env_int("DESK_DEFAULT_RESOLUTION_DAYS", 30)
# How long the national dashboard's figures are cached; the page shows when they were computed.
INSIGHTS_CACHE_SECONDS = env_int("INSIGHTS_CACHE_SECONDS", 900)

# Notification centre: the SMS/WhatsApp channel (a dotted path; the console channel only logs), the weekday
# weekly digests go out (0 = Monday) and how long an unsubscribe link in an email keeps working.
NOTIFICATION_SMS_CHANNEL = env_str("NOTIFICATION_SMS_CHANNEL", "portal.notifications.channels.ConsoleChannel")
NOTIFICATION_WEEKLY_DIGEST_WEEKDAY = env_int("NOTIFICATION_WEEKLY_DIGEST_WEEKDAY", 0)
NOTIFICATION_UNSUBSCRIBE_MAX_AGE_DAYS = env_int("NOTIFICATION_UNSUBSCRIBE_MAX_AGE_DAYS", 365)

# Personal data (DPDP Act 2023): the grievance officer named on /privacy/, the answer target, retention periods
# (docs/security.md, portal/privacy/notice.py) enforced by `manage.py apply_retention`.
GRIEVANCE_OFFICER_NAME = env_str("GRIEVANCE_OFFICER_NAME", "Grievance Officer (demo), DIA Portal, SIDBI")
GRIEVANCE_OFFICER_EMAIL = env_str("GRIEVANCE_OFFICER_EMAIL", "grievance@dia.sidbi.example")
GRIEVANCE_OFFICER_PHONE = env_str("GRIEVANCE_OFFICER_PHONE", "+91 22 0000 0000")
GRIEVANCE_ANSWER_HOURS = env_int("GRIEVANCE_ANSWER_HOURS", 24)
PRIVACY_EXPORT_KEEP_DAYS = env_int("PRIVACY_EXPORT_KEEP_DAYS", 7)
PRIVACY_NOTIFICATION_KEEP_DAYS = env_int("PRIVACY_NOTIFICATION_KEEP_DAYS", 365)
PRIVACY_SESSION_KEEP_DAYS = env_int("PRIVACY_SESSION_KEEP_DAYS", 30)
PRIVACY_GRIEVANCE_KEEP_DAYS = env_int("PRIVACY_GRIEVANCE_KEEP_DAYS", 3 * 365)
PRIVACY_AUDIT_MIN_DAYS = 180  # CERT-In (April 2022 directions): logs kept at least 180 days; the portal keeps them.
