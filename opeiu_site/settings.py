"""Settings for the OPEIU site, read from the environment through django-environ.

DEBUG is off unless DEBUG=True is set (`make dev`); with DEBUG off the site refuses to start
unless SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL are set explicitly (`make run` sets demo
values). With DEBUG=True the defaults work on SQLite with no services.

Sections, in order: Production (everything that differs when DEBUG is off, together), the
database, apps and middleware (each list declared once, in its real order), then the rest.
"""

import datetime as _dt
from ipaddress import ip_network as _ip_network
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP as _CSP

from opeiu_site.media_storage import image_origins as _image_origins
from opeiu_site.media_storage import storage_from_environment as _media_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file beside manage.py is optional; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Off unless asked: a deploy that forgets a variable must not be an open debug site.
DEBUG = env.bool("DEBUG", default=False)


# ==============================================================================================
# Production: what differs when DEBUG is off (README "Production"). Required variables, HTTPS,
# security headers, how static and media files are served. Nothing below reads DEBUG again.
# ==============================================================================================


def _required_in_production(name):
    """Return the variable, or refuse to start when DEBUG is off and it is missing."""
    value = env.str(name, default="")
    if not value and not DEBUG:
        raise ImproperlyConfigured(
            f"{name} must be set when DEBUG is off (see README.md, 'Configuration')."
        )
    return value


SECRET_KEY = _required_in_production("SECRET_KEY") or "django-insecure-development-only"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must be set when DEBUG is off (see README.md, 'Configuration')."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# No SQLite file by accident: production names its database (the Database section reads it).
_required_in_production("DATABASE_URL")

# Media are served by Django only when asked (development, the `make run` demo), and then
# never documents: those go through Wagtail's document view (privacy, download headers).
# Behind a proxy, let the proxy or the storage serve images.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Static files (STORAGES below): collectstatic's hashed, compressed copies in production.
_STATIC_FILES_BACKEND = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

# HTTPS behind a proxy that terminates TLS and sets X-Forwarded-Proto. HTTPS=False serves plain
# HTTP (local gunicorn runs, the benchmark); each part can also be set on its own. The CSP's
# upgrade-insecure-requests follows HTTPS too (Content-Security-Policy section).
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
# Load balancers and Docker's HEALTHCHECK probe over plain HTTP (opeiu_site/ops/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63_072_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=HTTPS)
# Security headers, the same with DEBUG on (so development shows what production sends).
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # the admin's preview frames opt into SAMEORIGIN themselves

# ==============================================================================================
# Database: SQLite by default; PostgreSQL (psycopg 3) through DATABASE_URL in production.
# Persistent connections with health checks: sync gunicorn workers reuse one connection each,
# which is where most of the throughput gain of pooling comes from.
# ==============================================================================================
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if _POSTGRESQL:
    # No JIT compilation: the planner's estimates for a page query that joins every page type
    # (search results with their specific rows) pass jit_above_cost, and compiling took 6 s on
    # two cores for a query that runs in 16 ms (docs/testing.md, "The slow search"). The site's
    # queries are short web requests, where JIT never pays.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    if "jit=" not in _options.get("options", ""):
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the demo loader or an editor writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ==============================================================================================
# Apps and middleware, each in its real order.
# ==============================================================================================
INSTALLED_APPS = [
    # The site's own apps first: their templates and static files win over the ones below.
    "opeiu_site.core",
    "opeiu_site.home",
    "news",
    "locals",
    "events",
    "benefits",
    "actions",
    "contracts",
    # Above locals and the content apps: the rosters, member sign-in and "My union".
    "members",
    # Email alerts (lists, subscriptions, notices and their sending): above members and the
    # content apps, imported by nobody but the site's urls.
    "alerts",
    # Sign-ups for events and meeting dates (issue 26); imports core, locals, events.
    "registrations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # After the wagtail apps: ops connects its cache purges to every registered snippet (apps.py).
    "opeiu_site.ops",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # On PostgreSQL only: its lookups and full-text search for Wagtail's database search backend.
    *(["django.contrib.postgres"] if _POSTGRESQL else []),
    "axes",  # the login lockout (see Limits)
    # Sign-in (members/adapter.py, docs/members-signin.md): members by emailed code, staff by
    # password and a second factor (TOTP, WebAuthn passkeys, recovery codes).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # allauth's list of a user's security keys loads the humanize tags ("added 3 days ago").
    "django.contrib.humanize",
    "django_tasks_db",  # the task queue's table (see Tasks)
]
# The demo content (`manage.py load_demo`) lives in demo/, which the production image leaves
# out: an app only where the folder is (a checkout: `make run`, `make dev`, the tests).
if (BASE_DIR / "demo" / "__init__.py").is_file():
    INSTALLED_APPS.append("demo")

# Outermost first: each wraps everything below it.
MIDDLEWARE = [
    # Headers (security, CSP) wrap every response, cached or not.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Inside Django's CSP middleware, which honours the `_csp_config` this one sets on responses.
    "opeiu_site.ops.security.AdminContentSecurityPolicyMiddleware",
    # Static files are answered next, before sessions and the page cache.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # GET/HEAD /healthz answered here, whatever the Host: Docker's HEALTHCHECK sends 127.0.0.1,
    # which ALLOWED_HOSTS refuses further in (page cache, CommonMiddleware, CSRF).
    "opeiu_site.ops.health.HealthCheckMiddleware",
    # The page cache must see the cookies and Vary headers that the inner middleware add.
    "opeiu_site.ops.page_cache.PageCacheMiddleware",
    # Inside the page cache: a miss is retried while the database comes back; a hit needs none.
    "opeiu_site.ops.resilience.DatabaseRetryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # django-allauth's sign-in stages, then the admin's door: a staff session that has not
    # passed a second factor is sent to set one up (or to enter it) before any admin page.
    "allauth.account.middleware.AccountMiddleware",
    "members.mfa.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opeiu_site.urls"
WSGI_APPLICATION = "opeiu_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Several sites (or test runs) can share one Redis: each keeps to its own prefix.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, reusing one Redis client per pool (see the module).
    CACHES["default"]["BACKEND"] = "opeiu_site.ops.redis_cache.RedisCache"
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="opeiu")

# Email: console in development; smtp+tls://user:password@host:587 in production.
# Django 6.1's MAILERS replaces the EMAIL_* settings; django-environ still speaks EMAIL_*.
_email = env.email_url("EMAIL_URL", default="consolemail://")
_mailer_options = {}
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    _mailer_options = {
        "host": _email.get("EMAIL_HOST") or "localhost",
        "port": _email.get("EMAIL_PORT") or 25,
        "username": _email.get("EMAIL_HOST_USER") or "",
        "password": _email.get("EMAIL_HOST_PASSWORD") or "",
        "use_tls": bool(_email.get("EMAIL_USE_TLS")),
        "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
        "timeout": env.int("EMAIL_TIMEOUT", default=10),
    }
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _mailer_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OPEIU website <webmaster@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Uploaded images, renditions and documents: local disk (MEDIA_ROOT) unless MEDIA_STORAGE_URL or
# AWS_STORAGE_BUCKET_NAME names an S3-compatible bucket (opeiu_site/media_storage.py).
STORAGES = {
    "default": _media_storage(env),
    "staticfiles": {"BACKEND": _STATIC_FILES_BACKEND},  # see Production
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "OPEIU"


def _site_address(hosts, https):
    """The site's address from ALLOWED_HOSTS: its first real name (not "*" nor ".domain")."""
    names = [host for host in hosts if host != "*" and not host.startswith(".")]
    return f"{'https' if https else 'http'}://{names[0] if names else 'localhost'}"


# The admin's address in emails (approval requests, form submissions): WAGTAILADMIN_BASE_URL
# when set (`make run` and `make dev` set their own), else the site's first allowed host.
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="") or _site_address(
    ALLOWED_HOSTS, HTTPS
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Workflow emails go to the task's group (a local's moderators), not every superuser; text + HTML.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]

# Uploads: documents are always downloads except PDFs, served by Django with nosniff and a
# `default-src 'none'` CSP; HTML and SVG are not accepted at all (WAGTAILDOCS_EXTENSIONS).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# ==============================================================================================
# Tasks (docs/configuration.md "The task worker"): slow work (a PDF's text, later email) is
# enqueued by the web request into the database and run by `manage.py db_worker`, which
# `make run` and compose start beside gunicorn. Our tasks use the "worker" alias
# (opeiu_site/core/tasks.py). Wagtail's own tasks (search and reference index updates, cache
# purges) use "default" through the django-tasks backport and stay immediate: an editor sees
# the result of a save at once. TASKS_WORKER=False runs the worker's tasks at once in the
# caller too (the test suite, scripts without a worker).
# ==============================================================================================
TASKS_WORKER = env.bool("TASKS_WORKER", default=True)
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "worker": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_WORKER
            else "django.tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    },
}

# ==============================================================================================
# Email alerts (alerts/, docs/alerts.md): sent by the task worker through a MAILERS alias.
# ALERTS_EMAIL_BACKEND names a django-anymail backend (e.g.
# "anymail.backends.postmark.EmailBackend", its keys in ANYMAIL, a JSON object) for alerts
# only; without it they go through the "default" mailer (EMAIL_URL: SMTP, or the console).
# ==============================================================================================
_alerts_backend = env.str("ALERTS_EMAIL_BACKEND", default="")
if _alerts_backend:
    MAILERS["alerts"] = {"BACKEND": _alerts_backend, "OPTIONS": {}}
ANYMAIL = env.json("ANYMAIL", default={})
ALERTS_MAILER = "alerts" if _alerts_backend else "default"
ALERTS_FROM_EMAIL = env.str("ALERTS_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
# The mailbox of List-Unsubscribe's mailto (default unsubscribe@<the From domain>).
ALERTS_UNSUBSCRIBE_MAILTO = env.str("ALERTS_UNSUBSCRIBE_MAILTO", default="")
# The address links in alerts start with (the site's; the worker has no request to ask).
ALERTS_BASE_URL = env.str("ALERTS_BASE_URL", default="") or WAGTAILADMIN_BASE_URL
ALERTS_RATE_PER_SECOND = env.float("ALERTS_RATE_PER_SECOND", default=10.0)
ALERTS_BATCH_SIZE = env.int("ALERTS_BATCH_SIZE", default=100)
# A claimed batch must be sent within this lease, else another run takes it over (after a crash).
ALERTS_CLAIM_SECONDS = env.float("ALERTS_CLAIM_SECONDS", default=300.0)
# Temporary failures: first retry after ALERTS_RETRY_SECONDS, doubling, at most the maximum.
ALERTS_RETRY_SECONDS = env.float("ALERTS_RETRY_SECONDS", default=60.0)
ALERTS_RETRY_MAX_SECONDS = env.float("ALERTS_RETRY_MAX_SECONDS", default=3600.0)
ALERTS_MAX_ATTEMPTS = env.int("ALERTS_MAX_ATTEMPTS", default=8)
# Subscribe forms accepted per client address and window (s).
ALERTS_SUBSCRIBE_RATE_LIMIT = (env.int("ALERTS_SUBSCRIBE_RATE_LIMIT_COUNT", default=10), 600)

# Calendar import (docs/calendar-import.md): fetch .ics files from https URLs, not only uploads.
EVENTS_IMPORT_ALLOW_URLS = env.bool("EVENTS_IMPORT_ALLOW_URLS", default=False)
# An admin import runs in the task worker; one that has reported no progress for this long
# has stopped (its worker was killed: nothing of it was saved) and may be started again. On
# SQLite a run cannot report while it saves, so keep this above the longest import (2,000 events).
EVENTS_IMPORT_STALLED_SECONDS = env.int("EVENTS_IMPORT_STALLED_SECONDS", default=120)
# The domain of the calendar feeds' event UIDs ("series-42@opeiu.org"). Calendar apps match
# updates to what they imported by UID: never change it on a running site.
EVENTS_UID_DOMAIN = env.str("EVENTS_UID_DOMAIN", default="opeiu.org")

# How long a request waits for the database to come back (restart, failover) before a 503.
DATABASE_RETRY_SECONDS = env.float("DATABASE_RETRY_SECONDS", default=8.0)

# ==============================================================================================
# The anonymous page cache (opeiu_site/ops/page_cache.py, docs/caching.md). Invalidation is by
# cache tags and immediate; the timeout only bounds how long time-dependent content ("next
# meeting", an offer that closes) can lag.
# ==============================================================================================
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=300)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env.int("PAGE_CACHE_STALE_WHILE_REVALIDATE", default=300)
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/healthz"]
# Cached fragments of pages ({% cachefragment %}, docs/caching.md): the expensive sections of
# the home and local pages, invalidated by the same tags. On by default with a shared cache
# (Redis): with the per-process local-memory cache, a purge would reach one worker only.
FRAGMENT_CACHE_ENABLED = env.bool(
    "FRAGMENT_CACHE_ENABLED",
    default=not CACHES["default"]["BACKEND"].endswith((".LocMemCache", ".DummyCache")),
)
FRAGMENT_CACHE_TIMEOUT = env.int("FRAGMENT_CACHE_TIMEOUT", default=PAGE_CACHE_TIMEOUT)
PAGE_CACHE_PRIVATE_PATHS = ["/admin/"]
PAGE_CACHE_BYPASS_COOKIES = []
# Prefix of the page cache's keys inside the cache (tests give each run its own).
PAGE_CACHE_NAMESPACE = "pagecache"
# Varnish in front (deploy/varnish/default.vcl): content changes purge their cache tags there
# too, through Wagtail's frontend-cache backends. Several Varnish nodes: comma-separated URLs.
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {
        "BACKEND": "opeiu_site.ops.frontend_cache.XkeyPurgeBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env.list("VARNISH_PURGE_URL", default=[]), start=1)
}

# ==============================================================================================
# Content-Security-Policy (Django's own middleware). Public pages: no inline script at all; the
# only scripts allowed are the site's own files. No nonce: one cached body must be right for every
# visitor (Varnish, the page cache); JSON-LD data blocks are not executed and need none.
# ==============================================================================================
SECURE_CSP = {
    "default-src": [_CSP.SELF],
    "script-src": [_CSP.SELF],
    "style-src": [_CSP.SELF],
    # Images on S3 are presigned URLs of the bucket's origin (docs/media-storage.md).
    "img-src": [_CSP.SELF, "data:", *_image_origins(STORAGES["default"])],
    "font-src": [_CSP.SELF],
    "connect-src": [_CSP.SELF],
    "media-src": [_CSP.SELF],
    "object-src": [_CSP.NONE],
    "base-uri": [_CSP.SELF],
    "form-action": [_CSP.SELF],
    "frame-ancestors": [_CSP.NONE],
}
if HTTPS:
    SECURE_CSP["upgrade-insecure-requests"] = True
# The Wagtail admin uses inline scripts and styles, blob: previews and same-origin frames.
CSP_ADMIN_PATHS = ["/admin/"]
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "script-src": [_CSP.SELF, _CSP.UNSAFE_INLINE, _CSP.UNSAFE_EVAL],
    "style-src": [_CSP.SELF, _CSP.UNSAFE_INLINE],
    "img-src": [_CSP.SELF, "data:", "blob:", "https:", *_image_origins(STORAGES["default"])],
    "frame-src": [_CSP.SELF],
    "frame-ancestors": [_CSP.SELF],
}
SECURE_CSP_ADMIN.pop("upgrade-insecure-requests", None)
if HTTPS:
    SECURE_CSP_ADMIN["upgrade-insecure-requests"] = True

# ==============================================================================================
# Limits: the one place for every per-visitor limit and the action forms' knobs, with their
# defaults. The code reads these names as they are (settings.ACTIONS_RATE_LIMIT...), never with
# a default of its own; tests change them with pytest-django's `settings` fixture.
# ==============================================================================================

# The client address every per-visitor limit counts (action forms, page and document
# passwords, logins): REMOTE_ADDR, or, when the request comes from a trusted proxy (an address
# or network of TRUSTED_PROXY_IPS), the visitor's own behind at most TRUSTED_PROXY_COUNT
# proxies (opeiu_site.core.client). compose.yaml sets both for its Varnish.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Checked here: a typo must stop the start, not fail every request.
TRUSTED_PROXY_IPS = [
    str(_ip_network(value, strict=False))
    for value in env.list("TRUSTED_PROXY_IPS", default=["127.0.0.0/8", "::1"])
]

# Action forms (sign-ups, petitions; actions/spam.py): submissions accepted per client address
# and window (s); a form sent back sooner than the minimum is a bot, one left open longer than
# the maximum age must be sent again; the largest request body and free-text answer accepted.
ACTIONS_RATE_LIMIT = (env.int("ACTIONS_RATE_LIMIT_COUNT", default=5), 600)
ACTIONS_MIN_SUBMIT_SECONDS = env.int("ACTIONS_MIN_SUBMIT_SECONDS", default=3)
ACTIONS_FORM_MAX_AGE_SECONDS = 24 * 3600
ACTIONS_MAX_POST_BYTES = 64 * 1024
ACTIONS_MAX_TEXT_LENGTH = 5000
# Personal data in their submissions is kept this many days (manage.py purge_submissions).
ACTIONS_SUBMISSION_RETENTION_DAYS = env.int("ACTIONS_SUBMISSION_RETENTION_DAYS", default=365)
# Registrants' names, emails and phones are deleted this many days after their event or meeting
# date ends (manage.py purge_registrations; docs/privacy.md).
REGISTRATIONS_RETENTION_DAYS = env.int("REGISTRATIONS_RETENTION_DAYS", default=90)

# Contract and library PDFs (contracts/extraction.py, read by the task worker in a child
# process): the largest file whose text is read, how long and how many pages one reading may
# take before it stops with what it has, and the memory the reading process may use.
CONTRACTS_PDF_MAX_BYTES = env.int("CONTRACTS_PDF_MAX_BYTES", default=25 * 1024 * 1024)
CONTRACTS_PDF_MAX_SECONDS = env.int("CONTRACTS_PDF_MAX_SECONDS", default=30)
CONTRACTS_PDF_MAX_PAGES = env.int("CONTRACTS_PDF_MAX_PAGES", default=2000)
CONTRACTS_PDF_MAX_MEMORY_MB = env.int("CONTRACTS_PDF_MAX_MEMORY_MB", default=512)

# Wagtail's page-password form: wrong passwords accepted per client address and window (s).
PAGE_PASSWORD_RATE_LIMIT = (env.int("PAGE_PASSWORD_FAILURE_LIMIT", default=5), 900)

# Login lockout (django-axes): 5 failures for one username from one address lock that pair
# (never the username alone) for a cool-down.
AUTHENTICATION_BACKENDS = [
    "opeiu_site.ops.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    # django-allauth's: the one its sign-in by code logs a member in with.
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_CLIENT_IP_CALLABLE = "opeiu_site.core.client.client_ip"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = _dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True

# django-allauth's own limits (members/adapter.py counts the client address as above): failed
# passwords per address only (axes locks a username together with its address: a username
# alone is never locked, so an attacker cannot lock its owner out); sign-in codes per address
# and per email; public verification requests per address and per email.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("ACCOUNT_LOGIN_FAILED_RATE", default="10/m/ip"),
    "request_login_code": env.str("ACCOUNT_LOGIN_CODE_RATE", default="10/10m/ip,3/10m/key"),
    "verification_request": env.str("MEMBERS_VERIFICATION_RATE", default="5/h/ip,2/h/key"),
}
# A sign-in code: good for this many seconds and wrong guesses, then a new one must be asked.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = env.int("ACCOUNT_LOGIN_BY_CODE_TIMEOUT", default=600)
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3

# ==============================================================================================
# Sign-in (django-allauth; members/signin.py, members/adapter.py, members/mfa.py). Members have
# no password: they sign in with a code emailed to an address on their local's roster. Staff
# sign in with username and password, then a second factor; the admin's own login page and
# Wagtail's front-end password login send to allauth's, so there is no way round the second
# factor. Nothing here turns the second factor off.
# ==============================================================================================
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "request_login_code": "members.signin.RequestLoginCodeForm",
    "confirm_login_code": "members.signin.ConfirmLoginCodeForm",
}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# An unknown email gets the same page as a member's and no mail at all: nobody can probe the
# roster, and the site sends no mail to addresses that never asked to be members.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "OPEIU: "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_REAUTHENTICATION_TIMEOUT = 600
LOGIN_URL = "account_request_login_code"
LOGIN_REDIRECT_URL = "/my-union/"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/code/"

MFA_ADAPTER = "members.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "members.mfa.AuthenticateForm",
    "reauthenticate": "members.mfa.ReauthenticateForm",
    "activate_totp": "members.mfa.ActivateTOTPForm",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
# One 30-second step either side: phones whose clocks drift a little still sign in.
MFA_TOTP_TOLERANCE = 1
# WebAuthn wants HTTPS and a domain: locally use http://localhost:PORT (browsers treat it as
# secure; 127.0.0.1 is secure too, but an IP address is refused as the relying party).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool(
    "MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=not HTTPS
)

# The admin's avatars: no Gravatar (it would send a hash of each staff email to a third party);
# Wagtail shows its default avatar, or the picture a user uploads.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
