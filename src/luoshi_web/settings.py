"""Django settings for the luoshi web app, read from environment variables with working defaults.

Nothing needs configuring to try it: data (SQLite database, uploaded files, staged imports) go under
``LUOSHI_DATA_DIR`` (default ``./data``). Production sets ``DATABASE_URL`` (PostgreSQL or a
PostgreSQL-protocol database such as KingbaseES/openGauss), ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    value = os.getenv(name)
    return int(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.getenv("LUOSHI_DATA_DIR", "data")).resolve()


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one kept in the data directory so sessions survive restarts."""
    if os.getenv("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        pass
    key = secrets.token_urlsafe(50)
    # Tests, and mypy's django-stubs plugin (which imports these settings), leave no key file behind.
    if not TESTING and "mypy" not in sys.modules:
        try:
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(key, encoding="ascii")
            path.chmod(0o600)
        except OSError:
            pass
    return key


SECRET_KEY = _secret_key()
# The demo runs on the date its documents describe (see luoshi_web.clock); empty on a real deployment.
# ``python -m luoshi_web demo`` keeps it in the data directory, so every process on that data uses it.
DEMO_DATE_FILE = DATA_DIR / "demo_date"


def _demo_date() -> str:
    if os.getenv("LUOSHI_DEMO_DATE") is not None:
        return os.environ["LUOSHI_DEMO_DATE"].strip()
    try:
        return DEMO_DATE_FILE.read_text(encoding="ascii").strip()
    except OSError:
        return ""


LUOSHI_DEMO_DATE = "" if TESTING and not os.getenv("LUOSHI_DEMO_DATE") else _demo_date()
if LUOSHI_DEMO_DATE:
    import datetime as _dt

    try:
        _dt.date.fromisoformat(LUOSHI_DEMO_DATE)
    except ValueError:
        raise SystemExit(f"LUOSHI_DEMO_DATE 应为 YYYY-MM-DD 形式的日期，而不是“{LUOSHI_DEMO_DATE}”。") from None
DEBUG = envbool("DEBUG", "false")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "luoshi_web",
    "luoshi_web.units",
    "luoshi_web.accounts",
    "luoshi_web.audit",
    "luoshi_web.plans",
    "luoshi_web.reporting",
    "luoshi_web.review",
    "luoshi_web.supervision",
    "luoshi_web.dashboard",
    "luoshi_web.api",
    "luoshi_web.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "luoshi_web.middleware.ApiTokenMiddleware",
    "luoshi_web.middleware.SessionRefreshMiddleware",
    "luoshi_web.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luoshi_web.middleware.SecurityHeadersMiddleware",
    "luoshi_web.middleware.LoginRequiredEverywhereMiddleware",
]

ROOT_URLCONF = "luoshi_web.urls"
WSGI_APPLICATION = "luoshi_web.wsgi.application"

# The app's pages are Jinja2 templates (``<app>/jinja2/``, see luoshi_web/jinja.py); the admin keeps Django's.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "luoshi_web.jinja.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luoshi_web.context_processors.navigation",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if os.getenv("DATABASE_URL"):
    # Connections are kept and reused by each worker (checked before reuse), not opened per request.
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=envint("DB_CONN_MAX_AGE", 0 if TESTING else 600),
            conn_health_checks=True,
        )
    }
    # The server binds a query's parameters and keeps the plan of one a connection runs often (a page's
    # queries are the same on every request): a query is planned once per connection, not per request.
    # DB_PREPARED=false behind a pooler in transaction mode (PgBouncer), which cannot keep them.
    if envbool("DB_PREPARED", "true") and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=envint("DB_PREPARE_THRESHOLD", 1)
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "luoshi.sqlite3"),
            "OPTIONS": {
                # IMMEDIATE: a writer takes the lock at BEGIN, so two threads never deadlock upgrading a read lock.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# The cockpit keeps its computed figures here, keyed by the data they were computed from (so never stale);
# files in the data directory are shared by every worker process of the machine.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if TESTING
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Password policy (等保三级): a minimum length and a number of character classes, both configurable.
LUOSHI_PASSWORD_MIN_LENGTH = envint("LUOSHI_PASSWORD_MIN_LENGTH", 10)
LUOSHI_PASSWORD_CLASSES = envint("LUOSHI_PASSWORD_CLASSES", 3)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": LUOSHI_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "luoshi_web.accounts.passwords.CharacterClassesValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing cost is not under test; the default hasher makes every fixture user take ~0.5 s.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sessions: expire after a working day of inactivity and when the browser closes.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The session is written when it changes and refreshed at most every SESSION_REFRESH_SECONDS (see
# middleware.SessionRefreshMiddleware): a write on every page made every reader wait on SQLite's one writer.
SESSION_SAVE_EVERY_REQUEST = False
# Django's cached_db engine: a session is read from the cache (the files every worker of the machine shares)
# and from the database only when the cache lost it; every write and a logout go to both, so a logout ends the
# session in every worker. One query less on every logged-in request (docs/cockpit.md, lever 6). Servers on
# several machines that do not share the data directory's cache set SESSION_IN_CACHE=false (docs/deploy.md):
# a logout on one would leave the session in the others' caches.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if envbool("SESSION_IN_CACHE", "true")
    else "django.contrib.sessions.backends.db"
)
SESSION_REFRESH_SECONDS = envint("SESSION_REFRESH_SECONDS", 300)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "false")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS: sent only on responses served over HTTPS (Django's SecurityMiddleware checks the request).
SECURE_HSTS_SECONDS = envint("LUOSHI_HSTS_SECONDS", 365 * 24 * 3600)
if envbool("BEHIND_HTTPS_PROXY", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies stand in front of the app (each appends to X-Forwarded-For): the client's
# address, which the login and token throttles count, is the one the outermost of them saw. 0 (no
# proxy) ignores the header, which a client can write freely.
TRUSTED_PROXY_COUNT = envint("LUOSHI_TRUSTED_PROXIES", 1 if envbool("BEHIND_HTTPS_PROXY", "false") else 0)

# Failed logins: after this many failures for one user name (or 4x as many from one address)
# within the window, further attempts are refused until the window has passed.
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW = envint("LOGIN_FAILURE_WINDOW", 15 * 60)

# API tokens (Authorization: Bearer …): after this many refused tokens from one address within the
# window, that address is refused (429) until the window has passed; each account holds at most
# API_TOKEN_MAX_PER_USER tokens in force.
API_TOKEN_FAILURE_LIMIT = envint("API_TOKEN_FAILURE_LIMIT", 20)
API_TOKEN_FAILURE_WINDOW = envint("API_TOKEN_FAILURE_WINDOW", 15 * 60)
API_TOKEN_MAX_PER_USER = envint("API_TOKEN_MAX_PER_USER", 10)

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = os.getenv("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Assets are served from the app directories (no collectstatic step); set STATIC_ROOT only to collect them.
STATIC_ROOT = Path(os.environ["STATIC_ROOT"]) if os.getenv("STATIC_ROOT") else None
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the app directories: no collectstatic step needed to run the demo.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(DATA_DIR / "files")))
# Staged imports and uploads wait here (never in the plan tables) until a person confirms them.
STAGING_DIR = Path(os.getenv("LUOSHI_STAGING_DIR", str(DATA_DIR / "staging")))
STAGING_MAX_AGE = envint("LUOSHI_STAGING_MAX_AGE", 24 * 3600)
# An import larger than this (or a .doc/.wps/.pdf, converted first) is read by the background worker.
LUOSHI_IMPORT_INLINE_BYTES = envint("LUOSHI_IMPORT_INLINE_BYTES", 1024 * 1024)

# Uploads: what the office imports and what units send back.
UPLOAD_MAX_BYTES = envint("LUOSHI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
UPLOAD_EXTENSIONS = ("docx", "doc", "wps", "xlsx", "xlsm", "html", "htm", "txt", "pdf")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Reminders also go to a DingTalk (钉钉) or WeCom (企业微信) group robot when a URL is set.
LUOSHI_WEBHOOK_URL = os.getenv("LUOSHI_WEBHOOK_URL", "")
LUOSHI_WEBHOOK_KIND = os.getenv("LUOSHI_WEBHOOK_KIND", "dingtalk")  # dingtalk | wecom
LUOSHI_WEBHOOK_SECRET = os.getenv("LUOSHI_WEBHOOK_SECRET", "")  # DingTalk 加签 secret, optional
LUOSHI_WEBHOOK_TIMEOUT = envint("LUOSHI_WEBHOOK_TIMEOUT", 5)

# Background jobs (reminders, escalations, digests, sweeps) on a queue kept in the database: no other
# server to run. ``python -m luoshi_web worker`` takes them (several workers may share PostgreSQL).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# How often the worker's scheduler runs (``tick``); a reminder job not finished within the lease
# (a worker killed mid-job) is handed out again by the next tick.
LUOSHI_TICK_SECONDS = envint("LUOSHI_TICK_SECONDS", 60)
LUOSHI_JOB_LEASE_SECONDS = envint("LUOSHI_JOB_LEASE_SECONDS", 600)

# E-mail for reminders (Django's mail settings); nothing is sent while EMAIL_HOST is empty.
EMAIL_HOST = os.getenv("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "false")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "luoshi@localhost")
EMAIL_SUBJECT_PREFIX = "【落实】"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}
