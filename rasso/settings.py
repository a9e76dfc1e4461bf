"""Settings, all read from the environment.

With nothing set the service runs on one machine: a SQLite file and Celery on kombu's filesystem broker, both under
``var/``. ``DATABASE_URL`` and ``REDIS_URL`` switch to PostgreSQL and Redis. ``RASSO_ENVIRONMENT=production``
turns on the production posture (no DEBUG, HTTPS only, a strong secret key required), which passes
``manage.py check --deploy --fail-level WARNING``.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

VAR_DIR = Path(env.str("RASSO_VAR_DIR", default=str(BASE_DIR / "var")))
# Each parallel test process (pytest-xdist's gw0, gw1, …) keeps its own files, cache and broker: below its own var/
# folder and in its own Redis database. Its test database is named apart by pytest-django.
TEST_WORKER = int(env.str("PYTEST_XDIST_WORKER", default="gw-1").removeprefix("gw"))
if TEST_WORKER >= 0:
    VAR_DIR = VAR_DIR / f"test-worker-{TEST_WORKER}"
PRODUCTION = env.str("RASSO_ENVIRONMENT", default="development") == "production"
DEBUG = False if PRODUCTION else env.bool("DJANGO_DEBUG", default=True)
# Demo mode prints the demo users' sign-in details; never in production.
DEMO_MODE = not PRODUCTION

_MINIMUM_SECRET_KEY_LENGTH = 50
if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    if len(SECRET_KEY) < _MINIMUM_SECRET_KEY_LENGTH or len(set(SECRET_KEY)) < 5:  # noqa: PLR2004
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random string of at least 50 characters.")
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="django-insecure-development-only-key-never-used-in-production")

# Complainants' identity is encrypted at rest (django-fernet-encrypted-fields): the key is derived from
# SECRET_KEY and COMPLAINANT_IDENTITY_KEYS. Rotation: put a new key first in the list and keep the old ones after it
# (and an old SECRET_KEY in DJANGO_SECRET_KEY_FALLBACKS) until `manage.py reencrypt_identities` has run.
if PRODUCTION:
    SALT_KEY = env.list("COMPLAINANT_IDENTITY_KEYS", default=[])
    if not SALT_KEY or any(len(key) < 32 for key in SALT_KEY):  # noqa: PLR2004
        raise ImproperlyConfigured(
            "Set COMPLAINANT_IDENTITY_KEYS to one or more random strings of 32 characters or more."
        )
else:
    SALT_KEY = env.list("COMPLAINANT_IDENTITY_KEYS", default=["development-only-identity-key-not-for-production"])
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "knox",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "simple_history",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "govuk",
    "deadlines",
    "accounts",
    "web",
    "cases",
    "victims",
    "actionplans",
    "audit",
    "corrections",
    "reminders",
    "scrutiny",
    "scorecards",
    "dashboards",
    "portal",
    "administration",
    "operations",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so that static files stay cacheable and everything else is not.
    "accounts.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language: the switch's cookie, else the browser's; portal.language keeps staff pages English unless
    # the switch chose Welsh, and gives a complainant who asked for Welsh the own view in Welsh.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.OwnViewMiddleware",
    "portal.language.PageLanguageMiddleware",
    "accounts.middleware.SignInRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rasso.urls"
WSGI_APPLICATION = "rasso.wsgi.application"

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
                "accounts.context_processors.navigation",
                "reminders.context_processors.unread_notifications",
                "victims.context_processors.exit_this_page",
                "web.context_processors.content_language",
            ],
        },
    },
]

FORM_RENDERER = "govuk.forms.GovukFormRenderer"

# The database part by part: DATABASE_HOST and its companions give the connection part by part, so that a password
# may hold any character (an @ or / breaks a URL). The password is read as it stands: django-environ would take one
# beginning with $ for the name of another variable. Without DATABASE_HOST, DATABASE_URL (or the SQLite file).
if not env.str("DATABASE_HOST", default=""):
    DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": env.str("DATABASE_HOST"),
            "PORT": env.int("DATABASE_PORT", default=5432),
            "NAME": env.str("DATABASE_NAME"),
            "USER": env.str("DATABASE_USER"),
            "PASSWORD": os.environ.get("DATABASE_PASSWORD", ""),
        }
    }
SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if SQLITE:
    # SQLite creates its file but not the folder it lives in: on a fresh clone var/ does not exist yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Web, worker and beat write to one file: each transaction takes the write lock when it begins, so two writers
    # wait for each other instead of failing half-way ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    # Tests use a file too: an in-memory database shares one cache between threads, whose table locks ignore the
    # timeout, so concurrent sweepers would not be tested the way they run. One file per test run, so that two runs
    # never share one.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env.bool("DATABASE_PARALLEL_QUERY", True):
    # The web process (rasso/wsgi.py turns this off) answers many people a page each: a query that takes every core
    # in parallel workers for one page makes everyone else's wait. Celery's scorecard work keeps parallel query.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c max_parallel_workers_per_gather=0"
# Read replica: DATABASE_REPLICA_URL, or DATABASE_REPLICA_HOST with the primary's other parts, is a streaming copy that
# the scorecards' and downloads' reads go to (operations/replica.py) while it is no more than
# DATABASE_REPLICA_MAX_LAG_SECONDS behind; otherwise they read from the primary. Unset: no replica, no router.
DATABASE_REPLICA_MAX_LAG_SECONDS = env.float("DATABASE_REPLICA_MAX_LAG_SECONDS", default=300)
if env.str("DATABASE_REPLICA_URL", default="") or env.str("DATABASE_REPLICA_HOST", default=""):
    _replica = (
        env.db("DATABASE_REPLICA_URL")
        if env.str("DATABASE_REPLICA_URL", default="")
        else {**DATABASES["default"], "HOST": env.str("DATABASE_REPLICA_HOST")}
    )
    DATABASES["replica"] = {
        **_replica,
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        # A replica that does not answer is passed over quickly.
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), **_replica.get("OPTIONS", {}), "connect_timeout": 2},
        # pytest-django's test database has no replica of its own.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["operations.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Passwords as LOCAL_SIGN_IN allows, and the identity provider's sign-in (see "Single sign-on" below).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.local_sign_in.PasswordBackend",
    "accounts.oidc.IdentityProviderBackend",
    "accounts.one_login.OneLoginBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The complainant's own view is in English and Welsh (locale/cy, `make messages`); staff pages are in English.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch's choice lasts until the browser closes; scripts cannot read it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
# Outside production, static files are found as they are asked for: a middleware built scanning every app's static
# files (each test client builds its own) took over half of a signed-out page's time in the suite.
WHITENOISE_AUTOREFRESH = not PRODUCTION
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

# Uploads. Journey files go to the default storage under RASSO_UPLOAD_DIR, a volume the web
# and worker processes share (never served: there is no MEDIA_URL), and are deleted once their import ends. An upload
# over FILE_UPLOAD_MAX_MEMORY_SIZE is written to a temporary file, never held in memory. Nothing in Django caps a
# file's size (DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out), so the import page stops reading a file once it passes
# JOURNEY_IMPORT_MAX_BYTES (scorecards.journey_files.CappedUpload). A running import that has not been heard from for
# JOURNEY_IMPORT_LEASE_SECONDS is taken to have died with its worker, and is started again by beat's sweep.
MEDIA_ROOT = Path(env.str("RASSO_UPLOAD_DIR", default=str(VAR_DIR / "uploads")))
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
JOURNEY_IMPORT_MAX_BYTES = env.int("JOURNEY_IMPORT_MAX_BYTES", default=50 * 2**20)
JOURNEY_IMPORT_LEASE_SECONDS = env.int("JOURNEY_IMPORT_LEASE_SECONDS", default=5 * 60)

# API tokens and throttling. Systems call the API with "Authorization: Token <token>": tokens an
# administrator issues (`manage.py issue_api_token`), stored as a SHA-512 digest only (django-rest-knox), each expiring
# API_TOKEN_TTL_DAYS after it is issued and revoked by `manage.py revoke_api_token` or in the admin. Every
# authenticated request counts against its user's rate (API_THROTTLE_USER, session and token alike) and a token's
# request against that token's rate too (API_THROTTLE_TOKEN), in the default cache; over either is a 429 with
# Retry-After (web.throttles).
REST_KNOX = {"TOKEN_TTL": timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=90)), "AUTH_HEADER_PREFIX": "Token"}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_auth.ApiTokenAuthentication",
        "accounts.api_auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["web.throttles.UserThrottle", "web.throttles.TokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_THROTTLE_USER", default="1200/minute"),
        "token": env.str("API_THROTTLE_TOKEN", default="600/minute"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "web.pagination.BoundedPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies bounded in size and nesting (a 400, never the parser's recursion); forms as REST framework reads.
    "DEFAULT_PARSER_CLASSES": [
        "web.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "web.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "RASSO case-journey tracker API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every operation lists the 429 its throttles answer, after the default enum hook.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "web.schema.add_throttled_response"],
    "ENUM_NAME_OVERRIDES": {
        "YesNoNotRecordedEnum": "cases.characteristics.YesNo",
        "PlanStatusEnum": "actionplans.models.PlanStatus",
        "ActionStatusEnum": "actionplans.models.ActionStatus",
        "SpecialMeasureStatusEnum": "victims.models.court.MeasureStatus",
        "DecisionOutcomeEnum": "cases.models.precharge.DecisionOutcome",
        "VrrOutcomeEnum": "victims.models.review.VrrOutcome",
        "ReferralKindEnum": "cases.models.precharge.ReferralKind",
        "LetterKindEnum": "victims.models.communications.CommunicationKind",
        "AdviserKindEnum": "victims.models.complainant.IsvaKind",
        "TimelineStageEnum": "cases.models.timeline.Stage",
        "WithdrawalStageEnum": "victims.models.complainant.WithdrawalStage",
        "TrialOutcomeEnum": "cases.models.court.TrialOutcome",
        "HearingKindEnum": "cases.models.court.HearingKind",
    },
}

# Scheduled work. Without REDIS_URL, kombu's filesystem transport lets one machine run web, worker and beat.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and TEST_WORKER >= 0:
    REDIS_URL = f"{REDIS_URL.rsplit('/', 1)[0]}/{TEST_WORKER + 1}"
CELERY_FILESYSTEM_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT = "rasso.filesystem_broker:Transport"  # kombu's, each message written whole
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_FILESYSTEM_BROKER_DIR / "processed"),
        "store_processed": False,
        "control_folder": str(CELERY_FILESYSTEM_BROKER_DIR / "control"),
    }
# The cache carries progress between processes (a journey import's, from the worker to the page).
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
REMINDER_SWEEP_SECONDS = env.int("REMINDER_SWEEP_SECONDS", default=60)
# What every reminder and notification is about: reminders holds a foreign key to it, named here so that it imports
# nothing of the app that owns it.
REMINDERS_ABOUT_MODEL = "cases.Case"
CELERY_BEAT_SCHEDULE = {
    # Everything that falls due, of every kind each app registers (reminders.due); the e-mail outbox is "send-emails".
    "sweep-due-items": {"task": "reminders.tasks.sweep_due_items", "schedule": REMINDER_SWEEP_SECONDS},
    "start-queued-journey-imports": {
        "task": "scorecards.tasks.start_queued_imports",
        "schedule": REMINDER_SWEEP_SECONDS,
    },
}

# Every deadline the service works to, read through deadlines.settings() (DOMAIN.md says which are published and which
# are defaults). These are the initial values: once an administrator changes a number in the service (Administration,
# Deadlines: deadlines.models.DeadlineSetting, with its history), the service's record wins over the environment.
# Pre-charge, in calendar days: the 21 and 28 days are published targets; the custody priority and the
# Threshold Test review period are defaults. After charge: PTPH about 28 days after sending, Better Case Management
# stages and the 182-day custody time limit are published; the warnings before the limit and the readiness look-ahead
# are defaults. Victims' Code: letters reporting a decision within 1 working day (enhanced rights) or 5 (others), both
# published; the VRR response time and the follow-up of an unanswered meeting offer are defaults.
RASSO_DEADLINES = {
    "early_advice_days": env.int("EARLY_ADVICE_DAYS", default=21),
    "charging_decision_days": env.int("CHARGING_DECISION_DAYS", default=28),
    "custody_decision_days": env.int("CUSTODY_DECISION_DAYS", default=0),
    "threshold_review_days": env.int("THRESHOLD_REVIEW_DAYS", default=28),
    "ptph_days": env.int("PTPH_DAYS", default=28),
    "prosecution_case_days_custody": env.int("PROSECUTION_CASE_DAYS_CUSTODY", default=50),
    "prosecution_case_days_bail": env.int("PROSECUTION_CASE_DAYS_BAIL", default=70),
    "defence_response_days": env.int("DEFENCE_RESPONSE_DAYS", default=28),
    "custody_time_limit_days": env.int("CUSTODY_TIME_LIMIT_DAYS", default=182),
    "custody_time_limit_warning_days": env.list("CUSTODY_TIME_LIMIT_WARNING_DAYS", cast=int, default=[28, 7]),
    "readiness_warning_days": env.int("READINESS_WARNING_DAYS", default=14),
    "trials_at_risk_weeks": env.int("TRIALS_AT_RISK_WEEKS", default=6),
    # How far ahead a hearing or trial may be listed.
    "listing_ahead_days": env.int("LISTING_AHEAD_DAYS", default=730),
    "letter_working_days_enhanced": env.int("LETTER_WORKING_DAYS_ENHANCED", default=1),
    "letter_working_days_standard": env.int("LETTER_WORKING_DAYS_STANDARD", default=5),
    "vrr_months": env.int("VRR_MONTHS", default=3),
    "vrr_response_working_days": env.int("VRR_RESPONSE_WORKING_DAYS", default=30),
    "meeting_follow_up_days": env.int("MEETING_FOLLOW_UP_DAYS", default=14),
}

# E-mail outbox: any Django backend; in production GOV.UK Notify (reminders.notify), with the service's API
# key and a plain template whose subject is ((subject)) and body ((body)). SMTP: Django's backend with EMAIL_HOST and
# friends. EMAIL_TIMEOUT bounds every connection (SMTP and Notify's HTTP alike); a message is tried
# EMAIL_MAX_ATTEMPTS times with exponential backoff, then waits in the dead letter for an administrator.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="reminders.notify.NotifyEmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=8)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="rasso-tracker@localhost")
GOVUK_NOTIFY_API_KEY = env.str("GOVUK_NOTIFY_API_KEY", default="")
GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = env.str("GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID", default="")
# Its plain text-message template (one ((body)) field) for the own view's messages by text.
GOVUK_NOTIFY_PLAIN_SMS_TEMPLATE_ID = env.str("GOVUK_NOTIFY_PLAIN_SMS_TEMPLATE_ID", default="")
GOVUK_NOTIFY_BASE_URL = env.str("GOVUK_NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
# The outbox is sent on a queue of its own (the "mailer" worker), so in-app work never waits on a mail server.
CELERY_TASK_ROUTES = {
    "reminders.tasks.send_emails": {"queue": "email"},
    # The own view's invitations and news (victims.own_view_outbox), e-mails and texts, with the outbox's mailer.
    "victims.tasks.send_own_view_messages": {"queue": "email"},
}
CELERY_BEAT_SCHEDULE["send-emails"] = {"task": "reminders.tasks.send_emails", "schedule": REMINDER_SWEEP_SECONDS}
CELERY_BEAT_SCHEDULE["send-own-view-messages"] = {
    "task": "victims.tasks.send_own_view_messages",
    "schedule": REMINDER_SWEEP_SECONDS,
}
# The service's address as people reach it, for links in e-mails (which name a case by URN only).
SERVICE_URL = env.str("SERVICE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Operations: logs, metrics, probes. LOG_FORMAT=json (the default in production) writes one
# JSON object a line with the request id or Celery task id (operations.logs); every request gets one access-log line
# from operations.middleware, first in MIDDLEWARE, which also answers with its X-Request-ID. /metrics needs
# "Authorization: Bearer $METRICS_TOKEN" and is a 404 while METRICS_TOKEN is unset (operations.metrics).
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "plain")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured("Set LOG_FORMAT to json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "operations.logs.Context"}},
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
        "json": {"()": "operations.logs.Json"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["context"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
MIDDLEWARE.insert(0, "operations.middleware.RequestLogMiddleware")
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# Sessions and cookies: the session lives in the database, so pages keep working when Redis is down. Each session row
# names its user, so that signing a user out everywhere (disabling them, resetting their second factor) is one delete.
# A session ends after 30 minutes without a request (the cookie's age, renewed by every request) and 12 hours after
# sign-in whatever happens (accounts.middleware.SessionLifetimeMiddleware).
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False  # accounts.middleware.SessionLifetimeMiddleware renews it once a minute
SESSION_REFRESH_SECONDS = 60
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "dashboards.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style anywhere: every script and stylesheet is a file served from the service itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Multi-factor sign-in (django-otp): a TOTP app for every user, ten single-use recovery codes, and failed codes slowed
# down by the device's own throttle. The issuer is the name an authenticator app shows.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="RASSO case-journey tracker")
RECOVERY_CODE_COUNT = 10

# Lockout (django-axes): the fifth failed sign-in in a row for one username locks that username for 15 minutes,
# whether or not an account has it, so the answer never tells anyone which accounts exist. AXES_ENABLED=false only
# for API fuzzing.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the IP address in the lockout: but whole police stations and CPS offices reach the service from
# one address, so one person's typing would lock out everyone behind it; and a username's lockout does not depend on
# the user agent or cookies that the warning is about.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
if SQLITE:
    # models.W040: the open referrals' indexes carry their suspect (INCLUDE) for PostgreSQL's index-only reads at
    # national size; SQLite builds the same indexes without it.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Single sign-on: staff sign in with their organisation account (Microsoft Entra ID) over OpenID
# Connect (accounts.oidc, mozilla-django-oidc): code flow with PKCE, state and nonce, RS256 ID tokens checked against
# the provider's JWKS. Only accounts an administrator made; the provider's MFA is the second factor. Unset
# OIDC_RP_CLIENT_ID means no single sign-on. LOCAL_SIGN_IN says who may still use a password (and TOTP): `everyone`
# (the default without single sign-on), `administrators` (the default with it: the way in when the provider is down),
# or `off`.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="") or "RS256"  # empty (as compose passes it) too
_OIDC_PROVIDER = [OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT, OIDC_OP_JWKS_ENDPOINT]
if OIDC_RP_CLIENT_ID and not (OIDC_RP_CLIENT_SECRET and all(_OIDC_PROVIDER)):
    raise ImproperlyConfigured(
        "With OIDC_RP_CLIENT_ID set, set OIDC_RP_CLIENT_SECRET and the provider's OIDC_OP_AUTHORIZATION_ENDPOINT, "
        "OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT and OIDC_OP_JWKS_ENDPOINT."
    )
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:organisation-sign-in-callback"
LOCAL_SIGN_IN = env.str("LOCAL_SIGN_IN", default="") or ("administrators" if OIDC_RP_CLIENT_ID else "everyone")
if LOCAL_SIGN_IN not in ("everyone", "administrators", "off") or (LOCAL_SIGN_IN == "off" and not OIDC_RP_CLIENT_ID):
    raise ImproperlyConfigured(
        "Set LOCAL_SIGN_IN to everyone, administrators or off (off only with single sign-on: OIDC_RP_CLIENT_ID)."
    )

# The complainant's own view (portal, victims.models.own_view): complainants and their ISVAs sign in with GOV.UK One
# Login, through the same library as staff sign-in with a separate client (accounts.one_login). One Login
# authenticates the client with private_key_jwt: ONE_LOGIN_PRIVATE_KEY is the PEM of the key whose public half is
# registered with it, as the tests' local provider's One Login client does too (a client secret, client_secret_post,
# only when no key is set). Unset ONE_LOGIN_CLIENT_ID means no own view: invitations cannot be made.
ONE_LOGIN_CLIENT_ID = env.str("ONE_LOGIN_CLIENT_ID", default="")
ONE_LOGIN_CLIENT_SECRET = env.str("ONE_LOGIN_CLIENT_SECRET", default="")
ONE_LOGIN_PRIVATE_KEY = env.str("ONE_LOGIN_PRIVATE_KEY", default="", multiline=True)
ONE_LOGIN_ISSUER = env.str("ONE_LOGIN_ISSUER", default="") or "https://oidc.account.gov.uk/"  # empty from compose too
ONE_LOGIN_AUTHORIZATION_ENDPOINT = env.str("ONE_LOGIN_AUTHORIZATION_ENDPOINT", default="")
ONE_LOGIN_TOKEN_ENDPOINT = env.str("ONE_LOGIN_TOKEN_ENDPOINT", default="")
ONE_LOGIN_USER_ENDPOINT = env.str("ONE_LOGIN_USER_ENDPOINT", default="")
ONE_LOGIN_JWKS_ENDPOINT = env.str("ONE_LOGIN_JWKS_ENDPOINT", default="")
_ONE_LOGIN = [
    ONE_LOGIN_AUTHORIZATION_ENDPOINT,
    ONE_LOGIN_TOKEN_ENDPOINT,
    ONE_LOGIN_USER_ENDPOINT,
    ONE_LOGIN_JWKS_ENDPOINT,
]
if ONE_LOGIN_CLIENT_ID and not ((ONE_LOGIN_PRIVATE_KEY or ONE_LOGIN_CLIENT_SECRET) and all(_ONE_LOGIN)):
    raise ImproperlyConfigured(
        "With ONE_LOGIN_CLIENT_ID set, set ONE_LOGIN_PRIVATE_KEY (or ONE_LOGIN_CLIENT_SECRET) and "
        "ONE_LOGIN_AUTHORIZATION_ENDPOINT, ONE_LOGIN_TOKEN_ENDPOINT, ONE_LOGIN_USER_ENDPOINT and "
        "ONE_LOGIN_JWKS_ENDPOINT."
    )
# Medium confidence (Cl.Cm: a password and a second factor), as One Login's "vtr" authentication parameter.
ONE_LOGIN_VECTOR_OF_TRUST = env.str("ONE_LOGIN_VECTOR_OF_TRUST", default='["Cl.Cm"]')
# One Login signs its ID tokens with ES256 unless the client's registration asks for RS256.
ONE_LOGIN_SIGN_ALGO = env.str("ONE_LOGIN_SIGN_ALGO", default="") or "ES256"
# How long an invitation's link works, and how long a complainant's or ISVA's session lasts idle (short: someone
# else may pick up their phone) and at most.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)
OWN_VIEW_IDLE_SECONDS = env.int("OWN_VIEW_IDLE_SECONDS", default=15 * 60)
OWN_VIEW_ABSOLUTE_SECONDS = env.int("OWN_VIEW_ABSOLUTE_SECONDS", default=60 * 60)
# Where a complainant is sent when they press "Exit this page" (their session is ended first).
EXIT_THIS_PAGE_URL = "https://www.bbc.co.uk/weather"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The probes and Prometheus' scrape come from inside the cluster over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
