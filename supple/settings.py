"""supple settings, driven by environment variables.

Defaults give a private single-machine install: SQLite in the data folder, served on
localhost. Set DATABASE_URL for PostgreSQL. Every variable is read through a helper
that refuses a malformed value at start-up rather than guessing.
"""

import base64
import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from supple.domain.drawing import STYLE as FIGURE_STYLE

BASE_DIR = Path(__file__).resolve().parent


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in ("true", "1", "yes")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(envstr("SUPPLE_DATA_DIR", str(Path.cwd() / "data"))).resolve()
# Health data lives here: the folder, when supple makes it, and the files it makes in it
# (database, secret key) are for the owner only, whatever the umask.
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def _create_private(path: Path, text: str) -> None:
    """Write a new file that only its owner can read; if another process made it first, theirs stays.

    The text is written to a file of its own first and linked into place whole, so that a
    process starting at the same moment never reads a half-written file.
    """
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    with os.fdopen(os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(text)
    try:
        os.link(scratch, path)
    except FileExistsError:
        pass
    finally:
        scratch.unlink()


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one made once and kept in the data folder."""
    if "SECRET_KEY" in os.environ:
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        _create_private(path, secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = envbool("DEBUG", "false")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_ROOT = envstr("SITE_ROOT", "http://127.0.0.1:8000")

# A clinic's own exercises, merged with the built-in library (see README).
SUPPLE_EXTRA_LIBRARY = envstr("SUPPLE_EXTRA_LIBRARY", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "supple.accounts",
    "supple.library",
    "supple.plans",
    "supple.sessions",
    "supple.progress",
    "supple.reminders",
    "supple.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "supple.accounts.middleware.PersonTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "supple.urls"
WSGI_APPLICATION = "supple.wsgi.application"

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
            ],
        },
    },
]

# Each of the server's threads keeps its database connection for a minute rather than
# opening one per request (checked before reuse): opening one costs more than a simple page.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'supple.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
# SQLite shared by waitress's threads and `supple sendreminders`: write-ahead logging lets
# readers go on while one writes; every transaction takes the write lock when it begins
# (a deferred one that read first fails at once with "database is locked" when it then
# writes); and a writer waits up to 20 s for the lock instead of 5.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def _sqlite_database(db: dict) -> None:
    """Give a SQLite database supple's options, and create its file for the owner only.

    SQLite makes its -wal and -shm files with the database file's permissions.
    """
    db["OPTIONS"] = {**SQLITE_OPTIONS, **db.get("OPTIONS", {})}
    name = str(db["NAME"])
    path = None if name in ("", ":memory:") or name.startswith("file:") else Path(name)
    if path is not None and path.parent.is_dir():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # an empty file is an empty database


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _sqlite_database(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
# Without a collected manifest (tests, development) serve files straight from the apps.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", "false")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Per process and bounded: only derived data that any process can make again (the calendar
# feeds, see supple.reminders.feed), never anything shared between processes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "supple",
        "OPTIONS": {"MAX_ENTRIES": 300},
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SITE_ROOT.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Security: sessions, Content-Security-Policy, HTTPS ---------------------------------
# Database sessions that carry their person's id, so that deleting an account ends its
# sessions on every device (supple/accounts/browser_sessions.py).
SESSION_ENGINE = "supple.accounts.browser_sessions"


def _style_hash(element: str) -> str:
    """The CSP source that allows exactly this inline <style> element."""
    text = element.removeprefix("<style>").removesuffix("</style>")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# Every script and style sheet is a file supple serves: no inline script, no event handler
# attributes, no style attributes. The one inline style is the <style> inside each exercise
# figure (it shows the still figure instead of the animation under reduced motion), allowed
# by its hash alone, in the SVG files the exercise pages and the session player show.
# django-csp writes the header; Django 6 has its own (SECURE_CSP) with the same directives.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", _style_hash(FIGURE_STYLE)],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Served over HTTPS (an https SITE_ROOT): browsers are told to keep to HTTPS for a year
# (HSTS), and plain-HTTP requests are redirected. Subdomains and the browsers' preload list
# are left out unless asked for: supple often runs on a subdomain of a clinic's domain,
# whose other hosts it must not force onto HTTPS. Behind a proxy that ends TLS, set
# TRUSTED_PROXY (below) for `supple serve`, or SECURE_PROXY_SSL_HEADER to the header the
# proxy sends for another WSGI server; or turn SECURE_SSL_REDIRECT off and let the proxy
# redirect.
https_site = SITE_ROOT.startswith("https://")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(https_site))
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(365 * 24 * 3600) if https_site else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "false")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")


def _proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """ "X-Forwarded-Proto" (meaning "X-Forwarded-Proto: https") or "Header: value" as Django's META pair."""
    header, _, value = os.environ.get(name, "").partition(":")
    if not header.strip():
        return None
    if not all(c.isalnum() or c == "-" for c in header.strip()):
        raise ImproperlyConfigured(f"{name} must be a header name such as X-Forwarded-Proto, not {header!r}")
    return "HTTP_" + header.strip().upper().replace("-", "_"), value.strip() or "https"


SECURE_PROXY_SSL_HEADER = _proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
# The monitoring endpoint answers over plain HTTP too (a load balancer's health check).
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# The address of a reverse proxy in front of `supple serve`: its X-Forwarded-For and
# X-Forwarded-Proto headers are then believed, so each client keeps its own address (the
# login limits count per address) and HTTPS at the proxy counts as HTTPS.
TRUSTED_PROXY = envstr("TRUSTED_PROXY", "")
# Left off on purpose (see above), so `supple check --deploy` need not warn about them.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
# --- end of the security block ---------------------------------------------------------

# Email (password reset, reminders). Without EMAIL_HOST, messages are printed to the log.
EMAIL_HOST = envstr("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_TIMEOUT = 20
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "supple <supple@localhost>")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:today"
LOGOUT_REDIRECT_URL = "web:home"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
