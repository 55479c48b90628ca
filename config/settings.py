"""Settings, read from the environment.

Defaults serve the quick start (`make run`: SQLite, an embedded broker under var/). With
DJANGO_ENV=production every secret, host and service address must come from the environment, and
start-up stops naming the first variable that is missing.
"""

import importlib.util
import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from kombu import Exchange, Queue

from config.clock import check_offset as check_clock_offset

BASE_DIR = Path(__file__).resolve().parent.parent
# Everything the quick start writes (SQLite, broker queue, media) stays under one folder.
VAR_DIR = Path(os.environ.get("VAR_DIR") or BASE_DIR / "var")

env = environ.Env()
ENVIRONMENT = env.str("DJANGO_ENV", default="development")
PRODUCTION = ENVIRONMENT == "production"


def required(name: str) -> str:
    """Production refuses to start without `name`; the message names the variable."""
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Thiếu biến môi trường {name} (bắt buộc khi DJANGO_ENV=production). "
            f"Missing environment variable {name}, required in production."
        )
    return value


if PRODUCTION:
    SECRET_KEY = required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = [h.strip() for h in required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
    DATABASES = {"default": env.db_url_config(required("DATABASE_URL"))}
    DEBUG = False
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-secret-not-for-production-use-000")
    ALLOWED_HOSTS = env.list(
        "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]
    )
    DATABASES = {
        "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
    }
    DEBUG = env.bool("DJANGO_DEBUG", default=True)

DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The quick start creates its own folder; the server and the worker share the file, so a
    # writer waits for the lock instead of failing.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    # django-import-export is used as a library (emulation/targets/resources.py), not as an
    # app: installed, the admin's start-up discovery imported its admin module and through it
    # every tablib format, openpyxl and lxml (about 13 MB) in every process, the Celery
    # worker's included. The project has no import-export admin page, template or command.
    "documents",
    "emulation",
    "awards",
    # The read API for other systems (issue 19).
    "api",
    # Outgoing e-mail, sent by the mail worker (both apps queue their messages there).
    "outbox",
    # Demo data builders and commands: above the domain apps, which never import it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the others, so that every API call is logged, refused ones included.
    "api.middleware.ApiCallLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.UrlNumberBoundsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.PasswordChangeRequiredMiddleware",
    # Both answer before any view or the CSRF check reads the body (config/limits.py).
    "config.limits.RequestSizeLimitMiddleware",
    "config.limits.PublicRateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "emulation.context_processors.navigation",
            ],
            # Template tags of the project core, loaded as {% load permissions %}.
            "libraries": {"permissions": "config.template_permissions"},
        },
    }
]

AUTH_USER_MODEL = "emulation.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's, with the signed-in user's unit read in the same query (config/authentication.py).
    "config.authentication.UnitModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "emulation:home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (NIST SP 800-63B §5.2.2 allows at most 100): 10 failures lock the username
# for 15 minutes whatever the address they come from, and an address whatever the usernames.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = 0.25  # hours
# Lock an account after its failures from anywhere, and an account at one address; never an
# address as such (behind the proxy every user shares one). Re-authentication on the pledge
# signing form passes the signed-in user's name, so its failures count against that user only.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
# The address as the product believes it: X-Forwarded-For only from a TRUSTED_PROXIES hop.
AXES_CLIENT_IP_CALLABLE = "config.network.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Sessions live in the database so that sign-in and data entry keep working when Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Vietnamese first. Msgids are Vietnamese; locale/en holds the English translation.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# The product's clock (config/clock.py) runs this many days ahead of (or behind) the real time
# for the decisions that depend on the day: a demo or a rehearsal reaches the end of a public
# notice without editing the database. Audit times stay real. Refused with DEBUG off unless
# CLOCK_OFFSET_ALLOWED=true (a rehearsal server).
CLOCK_OFFSET_DAYS = env.int("CLOCK_OFFSET_DAYS", default=0)
CLOCK_OFFSET_ALLOWED = env.bool("CLOCK_OFFSET_ALLOWED", default=False) and not PRODUCTION
check_clock_offset(offset_days=CLOCK_OFFSET_DAYS, debug=DEBUG, allowed=CLOCK_OFFSET_ALLOWED)
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
# The Swagger UI of the read API's page, as the django-ninja package ships it
# (ninja/static/ninja/…): found without importing ninja, which is not an installed app.
NINJA_STATIC = Path(importlib.util.find_spec("ninja").submodule_search_locations[0]) / "static"
STATICFILES_DIRS = [BASE_DIR / "static", NINJA_STATIC]
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Form fields other than files; a larger body of fields is refused (400) before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MEGABYTE = 1024 * 1024
# The largest body a route takes, checked from Content-Length before the body is read
# (config.limits): one 10 MB file and its form by default; the grids that take one evidence
# file per row more. config/nginx.conf sets the same sizes at the proxy.
REQUEST_BODY_LIMIT_DEFAULT = env.int("REQUEST_BODY_LIMIT_MB", default=11) * MEGABYTE
REQUEST_BODY_LIMITS = {
    name: env.int("REQUEST_BODY_LIMIT_GRID_MB", default=60) * MEGABYTE
    for name in ("targets:grid", "targets:grid_authority", "scoring:score")
}
# The public verification pages: requests per window (seconds) per client address.
PUBLIC_RATE_LIMITED_ROUTES = frozenset(
    {
        "awards:certificate_lookup",
        "awards:certificate_verify",
        "awards:certificate_public_file",
        "awards:decision_verify",
        "pledges:verify",
    }
)
PUBLIC_RATE_LIMIT = env.int("PUBLIC_RATE_LIMIT", default=60)
PUBLIC_RATE_WINDOW = env.int("PUBLIC_RATE_WINDOW", default=60)
# Requests a minute for each client system of the read API (api.access).
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=60)
# Images are decoded and encoded again on upload (documents.uploads); larger ones are refused.
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=40_000_000)

# Security headers. No inline script or style anywhere: the policy allows only our own files.
CSP_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [CSP_SELF],
        "base-uri": [CSP_SELF],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Addresses of the reverse proxies in front of the application (e.g. 127.0.0.1 for a local
# nginx). Only requests from these may name the client in X-Forwarded-For (config.network).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Celery. Redis when REDIS_URL is set (required in production); otherwise kombu's filesystem
# transport under var/, so that `make run` has a real worker with nothing else installed.
REDIS_URL = required("REDIS_URL") if PRODUCTION else env.str("REDIS_URL", default="")
CELERY_QUEUE_DIR = VAR_DIR / "broker"
# The cache holds the public pages' request counts: in Redis, so that every web process shares
# them; in this process's memory when there is no Redis (development).
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "thidua",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Longer than the hard time limit, or a long task would be delivered a second time.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 900}
else:
    CELERY_BROKER_URL = "filesystem://"
    # kombu's filesystem transport, which stops polling as soon as its worker is told to stop.
    CELERY_BROKER_TRANSPORT = "config.broker:Transport"
    for folder in (CELERY_QUEUE_DIR, VAR_DIR / "broker-control"):
        folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "control_folder": str(VAR_DIR / "broker-control"),
        "store_processed": False,
    }
# Publishing must not hold a web request for long when the broker is down: the job stays
# queued in the database and the sweeper publishes it again.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# One queue per kind of work, each with workers of its own (docker-compose.yml): a December
# print run fills "documents" and never holds up a sign-in or reminder e-mail on "mail"; the
# imports' jobs go to "imports" (a document job, and its helpers, are published to the queue
# its kind names: documents.registry.queue_for); anything else to the default queue. A worker
# started without -Q (`make run`, the quick start) consumes them all.
CELERY_TASK_DEFAULT_QUEUE = "celery"
TASK_QUEUE_NAMES = ("celery", "documents", "imports", "mail")
CELERY_TASK_QUEUES = [Queue(name, Exchange(name), routing_key=name) for name in TASK_QUEUE_NAMES]
CELERY_TASK_ROUTES = {
    "documents.*": {"queue": "documents"},
    "outbox.*": {"queue": "mail"},
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # job state lives in the database
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
# The worker's settings, read by every command that starts one (docker-compose.yml, `make
# run`, the certificates bench): one pool process per core of the 2-core server. A process
# holds ~140 MB after the largest certificate batch (tests/bench/bench_certificates.py); one
# that has grown past twice that is replaced after its task, as one is after 200 tasks.
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=2)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 300_000  # KiB
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
CELERY_TASK_ALWAYS_EAGER = False
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# E-mail (pledge reminders, declined signatures): e.g. smtp+tls://user:pass@mail.example.gov.vn:587.
# Without EMAIL_URL messages are written to the log instead of being sent.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)  # django-environ's documented way to set the EMAIL_* settings
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="thidua@localhost")
# The product's one public address (scheme, host, port): printed before the path of every QR
# code and link in a document (config/public_address.py). Required when DEBUG is False (system
# check config.E001); `make run` sets it to its own address, development defaults to the quick
# start's. PLEDGE_PUBLIC_BASE_URL, its former name (pledges only), is still read when
# PUBLIC_BASE_URL is not set, for the releases of 2026.
PUBLIC_BASE_URL = (
    env.str("PUBLIC_BASE_URL", default="").strip()
    or env.str("PLEDGE_PUBLIC_BASE_URL", default="").strip()
    or ("http://127.0.0.1:8000" if DEBUG else "")
)

# The cluster's secret vote (awards.cluster_votes). It closes when every member has voted, or
# after its deadline when at least this fraction of the members has (DOMAIN §6.4 R-V3: a
# quorum of 2/3 of the members, the rule the council's sessions use too). Written as a
# fraction ("2/3") so that 2 of 3 members reach it exactly. Never fewer than 2 ballots: one
# ballot alone would be readable from the totals.
CLUSTER_VOTE_QUORUM = env.str("CLUSTER_VOTE_QUORUM", default="2/3")
CLUSTER_VOTE_DAYS = env.int("CLUSTER_VOTE_DAYS", default=7)  # default deadline, from opening

# Document jobs
DOCUMENT_JOB_MAX_ATTEMPTS = 3
# The document core imports no app: this function (user -> authority id, or None) tells it
# which authority a job belongs to, and which authority an administrator sees the jobs of.
DOCUMENTS_AUTHORITY_OF = "emulation.selectors.authority_id_of"
# A published message is lost only if Redis restarts without persistence; re-publishing sooner
# would hand a job still waiting its turn to two workers.
DOCUMENT_JOB_REQUEUE_AFTER_SECONDS = env.int("DOCUMENT_JOB_REQUEUE_AFTER_SECONDS", default=900)
# WeasyPrint may read only these files (fonts, images, stylesheets); nothing else.
PDF_ASSET_DIR = BASE_DIR / "static"

# Digital signatures (PAdES, DOMAIN §10.4): issued documents are signed in the worker with the
# authority's certificate, from a PKCS#12 file or from a PKCS#11 token (HSM), and signed files
# are checked against the trust roots below. Outside production the defaults name the demo
# material that `make run` creates under var/signing/ (documents.signing_ca); a missing file
# there means "not configured": documents are issued unsigned and the checks trust nothing.
SIGNING_DEMO_DIR = VAR_DIR / "signing"
_signing_demo = (
    {}
    if PRODUCTION
    else {
        "pkcs12": str(SIGNING_DEMO_DIR / "authority.p12"),
        "password_file": str(SIGNING_DEMO_DIR / "authority.pass"),
        "roots": str(SIGNING_DEMO_DIR / "ca.pem"),
        "seal": str(SIGNING_DEMO_DIR / "seal.png"),
    }
)
DOCUMENT_SIGNING_PKCS12 = env.str(
    "DOCUMENT_SIGNING_PKCS12", default=_signing_demo.get("pkcs12", "")
)
DOCUMENT_SIGNING_PKCS12_PASSWORD = env.str("DOCUMENT_SIGNING_PKCS12_PASSWORD", default="")
DOCUMENT_SIGNING_PKCS12_PASSWORD_FILE = env.str(
    "DOCUMENT_SIGNING_PKCS12_PASSWORD_FILE", default=_signing_demo.get("password_file", "")
)
# A token instead of a file: the PKCS#11 module (e.g. the HSM vendor's .so), the token's
# label, the key's and certificate's labels and the user PIN. Used when the module is set.
DOCUMENT_SIGNING_PKCS11_MODULE = env.str("DOCUMENT_SIGNING_PKCS11_MODULE", default="")
DOCUMENT_SIGNING_PKCS11_TOKEN = env.str("DOCUMENT_SIGNING_PKCS11_TOKEN", default="")
DOCUMENT_SIGNING_PKCS11_KEY = env.str("DOCUMENT_SIGNING_PKCS11_KEY", default="")
DOCUMENT_SIGNING_PKCS11_CERT = env.str("DOCUMENT_SIGNING_PKCS11_CERT", default="")
DOCUMENT_SIGNING_PKCS11_PIN = env.str("DOCUMENT_SIGNING_PKCS11_PIN", default="")
# An RFC 3161 time-stamping service: with it signatures are PAdES B-T, without it B-B.
DOCUMENT_SIGNING_TSA_URL = env.str("DOCUMENT_SIGNING_TSA_URL", default="")
# PEM files of the CA certificates a signature must chain to (comma-separated).
DOCUMENT_SIGNING_TRUST_ROOTS = env.list(
    "DOCUMENT_SIGNING_TRUST_ROOTS",
    default=[_signing_demo["roots"]] if _signing_demo else [],
)
# The visible signature's box, in millimetres (width, height) [CFG]; the document's template
# places its top-left corner with an element of id "chu-ky-so".
DOCUMENT_SIGNATURE_BOX_MM = (58, 20)
# The seal's image (PNG, red, transparent background) drawn by the body's signature, which
# is added after the signer's own (documents.sealing), and its real diameter in millimetres.
DOCUMENT_SEAL_IMAGE = env.str("DOCUMENT_SEAL_IMAGE", default=_signing_demo.get("seal", ""))
DOCUMENT_SEAL_SIZE_MM = env.float("DOCUMENT_SEAL_SIZE_MM", default=36.0)

# django-import-export: only the formats we check, transactions always, explicit permissions.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
IMPORT_EXPORT_FORMATS = [
    "import_export.formats.base_formats.XLSX",
    "import_export.formats.base_formats.CSV",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
