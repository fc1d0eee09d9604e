"""handslag settings: one module, driven by environment variables with safe defaults.

Every setting that differs between a laptop and production is read from the
environment here; there is no separate production settings file.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Under pytest, safe test-only defaults (pytest sets PYTEST_VERSION before settings load).
TESTING = "PYTEST_VERSION" in os.environ
if TESTING:
    for _name, _value in {
        "SECRET_KEY": "test-only-secret-key",
        "TASKS_BACKEND": "immediate",
        "SECURE_COOKIES": "0",
        "STATIC_MANIFEST": "0",
        # A fixed key-encryption key for tests only (32 bytes, urlsafe base64).
        "TENDER_KEY_ENCRYPTION_KEY": "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=",
    }.items():
        os.environ.setdefault(_name, _value)

DEBUG = env_bool("DEBUG")
# Demo mode lists the demo accounts on the sign-in page. Never on in production.
DEMO_MODE = env_bool("HANDSLAG_DEMO")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Management commands (migrations, checks) may run without a key; a server may not:
# config/wsgi.py and config/asgi.py refuse to start while SECRET_KEY_MISSING is true.
SECRET_KEY_MISSING = not SECRET_KEY and not (DEBUG or DEMO_MODE)
if not SECRET_KEY:
    SECRET_KEY = "insecure-local-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Our apps first: where a message is also in Django's own catalogues (e.g. "Summary"),
# our Swedish wins.
INSTALLED_APPS = [
    "handslag.core",
    "handslag.accounts",
    "handslag.audit",
    "handslag.needs",
    "handslag.projects",
    "handslag.market",
    "handslag.tendering",
    "handslag.evaluation",
    "handslag.partnership",
    "handslag.benefits",
    "handslag.knowledge",
    "handslag.documents",
    "handslag.dialogue",
    "handslag.disclosure",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
]

# The demo data, loaded by `manage.py load_demo` in the order of a case's life: each app's
# demo builds on the ones before it, and each is idempotent.
DEMO_MODULES = [
    "handslag.accounts.demo",
    "handslag.needs.demo",
    "handslag.projects.demo",
    "handslag.market.demo",
    "handslag.evaluation.demo",
    "handslag.partnership.demo",
    "handslag.benefits.demo",
    "handslag.knowledge.demo",
    "handslag.dialogue.demo",
    "handslag.documents.demo",
    "handslag.disclosure.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "handslag.core.api.ApiErrorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so its lockout answer still gets the headers of the middleware above.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "handslag.core.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; a busy timeout waits instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# --- Sign-in and sign-up throttling --------------------------------------------------------
# Failed sign-ins per account and address before a pause, and the pause in seconds.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "900"))
# Supplier sign-ups (page and API) per client address and window, successful or not.
SIGNUP_ATTEMPT_LIMIT = int(os.environ.get("SIGNUP_ATTEMPT_LIMIT", "10"))
SIGNUP_ATTEMPT_WINDOW = int(os.environ.get("SIGNUP_ATTEMPT_WINDOW", "3600"))
# Reverse proxies in front of the application that append to X-Forwarded-For; throttling
# needs the client's address, not the proxy's. 0: trust REMOTE_ADDR only.
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))
# django-axes counts failed sign-ins on every path that calls authenticate() (sign-in page,
# admin), in a store all server processes share: the database, or Redis when REDIS_URL is
# set. Its first backend refuses a locked account before any password hash is compared.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if os.environ.get("REDIS_URL")
    else "axes.handlers.database.AxesDatabaseHandler"
)
# Callables, so that LOGIN_FAILURE_LIMIT and LOGIN_FAILURE_WINDOW stay the settings to change.
AXES_FAILURE_LIMIT = "handslag.accounts.signin.failure_limit"
AXES_COOLOFF_TIME = "handslag.accounts.signin.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "handslag.accounts.signin.username"
AXES_CLIENT_IP_CALLABLE = "handslag.accounts.signin.client_address"
AXES_LOCKOUT_CALLABLE = "handslag.accounts.signin.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Attempts while locked are not counted, so the pause ends when the page says it does.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No log of every successful sign-in's address and browser: the audit log is the record.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage (pip install 'handslag[s3]'); credentials come from
    # the standard AWS_* variables read by django-storages.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("TASKS_BACKEND", "database") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or DEMO_MODE
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "handslag <noreply@localhost>")
# The address people reach the site at, without a trailing slash. E-mails are read outside
# any request, so every link in them is made absolute from this (handslag.core.links).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

# The key-encryption key that wraps each call's tender key. It lives outside the
# database; without it, sealed tenders cannot be opened. 32 bytes, base64 (urlsafe).
TENDER_KEY_ENCRYPTION_KEY = os.environ.get("TENDER_KEY_ENCRYPTION_KEY", "")
# The key that signs the audit log's head (its newest hash and entry count), so a log
# cut at the end or emptied is found. Kept outside the database; when unset, a key is
# derived from SECRET_KEY. After a change, the old value goes in AUDIT_KEY_FALLBACKS.
AUDIT_KEY = os.environ.get("AUDIT_KEY", "")
AUDIT_KEY_FALLBACKS = env_list("AUDIT_KEY_FALLBACKS")
# Fail at once when a transaction asks for a row lock after writing its audit entry
# (the lock order that keeps audit writers from deadlocking). On in tests and DEBUG.
AUDIT_LOCK_ORDER_CHECK = env_bool("AUDIT_LOCK_ORDER_CHECK", DEBUG or TESTING)
# Upper limit for one uploaded project document, in bytes.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(50 * 1024 * 1024)))
# Upper limit for one tender's files, in bytes.
TENDER_MAX_BYTES = int(os.environ.get("TENDER_MAX_BYTES", str(200 * 1024 * 1024)))

# Uploads being read are spooled in a directory only the application's user may enter
# (mode 0700), never the shared system temporary directory; keep it on local disk. Tender
# files are spooled there encrypted under a key held only in memory
# (handslag/tendering/upload_spool.py); other large uploads as Django's temporary files.
# What a killed worker leaves there is swept after UPLOAD_SPOOL_MAX_AGE_MINUTES
# (handslag/core/uploads.py).
UPLOAD_SPOOL_DIR = Path(os.environ.get("UPLOAD_SPOOL_DIR", MEDIA_ROOT / ".upload-spool"))
UPLOAD_SPOOL_MAX_AGE_MINUTES = int(os.environ.get("UPLOAD_SPOOL_MAX_AGE_MINUTES", "60"))
FILE_UPLOAD_TEMP_DIR = str(UPLOAD_SPOOL_DIR)
FILE_UPLOAD_HANDLERS = [
    "handslag.core.uploads.UploadSpoolGuard",
    "handslag.tendering.upload_spool.SealedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if SESSION_COOKIE_SECURE:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

NINJA_PAGINATION_PER_PAGE = 50
# Pages whose limit and offset are bounded (handslag.core.api), for every @paginate.
NINJA_PAGINATION_CLASS = "handslag.core.api.BoundedPagination"
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "tillganglighet@localhost")
