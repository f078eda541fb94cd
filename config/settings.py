"""Settings for the working-group site, read from the environment.

With nothing set, the site runs as a local demo: an SQLite file in the project
folder and DEBUG on. Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL (PostgreSQL).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

# Names (docs/design.md, "Names"): a setting a framework or library reads keeps that
# library's name, and so does its environment variable (SESSION_COOKIE_AGE,
# AXES_COOLOFF_TIME); our own settings are Dutch, as the domain. Variables renamed by that
# rule are read under their old name too, for one release; `manage.py check` says so.
OMGEVING_OUDE_NAMEN = {
    "SESSION_COOKIE_AGE": "SESSION_IDLE_SECONDS",
    "AXES_COOLOFF_TIME": "AXES_COOLOFF_HOURS",
    "SITE_ADRES": "SITE_URL",
    "VERTROUWDE_PROXIES": "TRUSTED_PROXIES",
    "LOGNIVEAU": "LOG_LEVEL",
}
#: Old names the environment still sets, new name → old name (the check's warning).
OMGEVING_OUDE_NAMEN_GEBRUIKT = {}


def _omgeving(naam: str) -> str:
    """The variable to read: ``naam``, or its old name while only that one is set."""
    oud = OMGEVING_OUDE_NAMEN.get(naam)
    if oud and naam not in os.environ and oud in os.environ:
        OMGEVING_OUDE_NAMEN_GEBRUIKT[naam] = oud
        return oud
    return naam


DEBUG = env.bool("DEBUG", default=True)

DEMO_SECRET_KEY = "insecure-demo-key-only-for-local-debug-use"  # noqa: S105


def _zwakte(sleutel: str) -> str:
    """Why ``sleutel`` may not sign production's sessions and links ("" when it may): the
    rules of Django's deploy check (security.W009), plus the demo key."""
    if not sleutel:
        return "is not set"
    if sleutel == DEMO_SECRET_KEY or sleutel.startswith("django-insecure"):
        return "is a demo key, known to anyone who reads the code"
    if len(sleutel) < 50:
        return f"is only {len(sleutel)} characters long (50 at least)"
    if len(set(sleutel)) < 5:
        return f"uses only {len(set(sleutel))} different characters (5 at least)"
    return ""


SECRET_KEY = env.str("SECRET_KEY", default="")
if not DEBUG and (zwakte := _zwakte(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"SECRET_KEY {zwakte}. With DEBUG off the site refuses to start without a strong "
        "secret key: set the SECRET_KEY environment variable to at least 50 random "
        "characters, e.g. the output of: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
SECRET_KEY = SECRET_KEY or DEMO_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "config.apps.WerkgroepAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "config.apps.AxesConfig",
    "rules.apps.AutodiscoverRulesConfig",  # imports every <app>/rules.py
    # Before django_tasks_db: kern's `db_worker` (the library's worker that also takes back
    # the mail of a dead worker) is the one manage.py runs.
    "kern",
    "django_tasks",
    "django_tasks_db",
    "werkgroep",
    "projecten",
    "validering",
    "financien",
    "uitnodigingen",
    "vergaderstukken",
    "rapportage",
    "persoonsgegevens",
    # Second factors (docs/design.md, "Two factors"): django-otp's apps, then ours, which
    # takes their devices out of the admin again.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",  # passkeys: a third kind of second factor
    "tweestaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Says whether the session confirmed its login with a second factor (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # A NUL byte in the address or a form: 400 before any view (config/nulbytes.py).
    "config.nulbytes.NulbytesWeigeren",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Until the second step is done (or, past the grace period, a second factor added), a
    # session reaches nothing else, the admin included (tweestaps/middleware.py).
    "tweestaps.middleware.TweestapsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tweestaps.context_processors.tweestaps",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server processes on one SQLite file (the demo, the load script): take the
    # write lock when a request's transaction begins and wait for it, rather than fail
    # with "database is locked" when a read turns into a write; WAL lets reads go on.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account and address before checking passwords.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The rules of each app (<app>/rules.py), asked by name: user.has_perm("werkgroep.alles_zien").
    "rules.permissions.ObjectPermissionBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "login"

# Dutch (Belgium) first, English second.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands"), ("en", "English")]
# Our own catalogues first; then Dutch for django-axes and django-simple-history, which
# ship none (locale_derden: "third parties").
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_derden"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Files users upload (meeting files: vergaderstukken) go through the default storage: local
# files under MEDIA_ROOT, or an S3-compatible bucket when OPSLAG_S3_BUCKET is set (needs
# django-storages[s3]; docs/operations.md). There is no MEDIA_URL on purpose: no uploaded
# file has a public address; a view serves each after checking who asks.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
if env.str("OPSLAG_S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("OPSLAG_S3_BUCKET"),
            "endpoint_url": env.str("OPSLAG_S3_ENDPOINT", default="") or None,
            "region_name": env.str("OPSLAG_S3_REGIO", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# The largest meeting file the site accepts, in bytes (the proxy's limit must be higher).
VERGADERSTUK_MAX_BYTES = env.int("VERGADERSTUK_MAX_BYTES", default=10 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Who saved a versioned record in between is named by their participant (kern.versies knows
# no domain; this is the domain's naming of an account, with the relation it reads).
VERSIES_OPSTELLER = "werkgroep.namen.OPSTELLER"

# Import and export each need their own permission (import_<model>, export_<model>);
# django-import-export would otherwise let every staff user in.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Formula cells are neutralised by our own formats (kern.spreadsheets); the
# library's setting would turn every cell, numbers and empty ones too, into text.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# A control character that XLSX cannot hold (typed in the admin, say) becomes "�" in an
# XLSX export instead of failing the whole export.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
# Largest spreadsheet the import accepts, in bytes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
# An XLSX is a ZIP archive: refused before parsing when its parts would unpack beyond
# this many bytes, or (above 1 MB) when a part unpacks to more than this many times its size.
IMPORT_XLSX_MAX_UITGEPAKT = env.int("IMPORT_XLSX_MAX_UITGEPAKT", default=20 * 1024 * 1024)
IMPORT_XLSX_MAX_VERHOUDING = env.int("IMPORT_XLSX_MAX_VERHOUDING", default=100)
# The most rows an XLSX sheet may have (an empty sheet can claim a million).
IMPORT_MAX_REGELS = env.int("IMPORT_MAX_REGELS", default=50_000)
# A previewed upload nobody confirmed is removed after this many seconds (a day).
IMPORT_VOORVERTONING_SECONDEN = env.int("IMPORT_VOORVERTONING_SECONDEN", default=24 * 3600)
# The import preview shows this many rows with their values; of a longer file, the counts
# and every error (kern.spreadsheets: a row's diff is built only for these rows).
IMPORT_VOORVERTONING_REGELS = env.int("IMPORT_VOORVERTONING_REGELS", default=100)
# A file with more data rows than this is previewed and imported by a background task
# (kern.importtaken), its page showing how far it is: never a request past the proxy.
IMPORT_ACHTERGROND_REGELS = env.int("IMPORT_ACHTERGROND_REGELS", default=10_000)
# A running background import shows a sign of life this often (seconds); one silent for
# six of these belonged to a worker that died, and is queued again.
IMPORT_HARTSLAG = env.float("IMPORT_HARTSLAG", default=5.0)

# Background tasks (the django-tasks backport of Django's tasks framework): large PDFs and
# every mail. TAKEN_BACKEND=immediate runs a task at once in the process that enqueues it
# (the demo, the tests); TAKEN_BACKEND=database queues it in the database, where
# `python manage.py db_worker` (one or more, on any machine sharing the database) runs it.
_TAKEN_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TAKEN_BACKEND = env.str("TAKEN_BACKEND", default="immediate")
if TAKEN_BACKEND not in _TAKEN_BACKENDS:
    raise ImproperlyConfigured(
        f"TAKEN_BACKEND={TAKEN_BACKEND!r}: choose one of {', '.join(_TAKEN_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": _TAKEN_BACKENDS[TAKEN_BACKEND]}}

# A report being rendered shows a sign of life this often (seconds); one silent for a minute
# counts as stopped (its worker died) and the next request renders it again (rapportage.taken).
VERSLAG_HARTSLAG = env.float("VERSLAG_HARTSLAG", default=10.0)
if not 0 < VERSLAG_HARTSLAG <= 20:
    raise ImproperlyConfigured(
        "VERSLAG_HARTSLAG: between 0 and 20 seconds (a minute counts as stopped)."
    )

# Mail (password resets, new accounts, fiches): the console unless a mail backend is configured.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="werkgroep@localhost")
# A mail that fails is tried again: this many attempts in all, the first retry after this
# many seconds, each next one after twice as long (kern/mail.py).
MAIL_POGINGEN = env.int("MAIL_POGINGEN", default=3)
MAIL_WACHTTIJD = env.int("MAIL_WACHTTIJD", default=300)
# An SMTP server that stops answering holds a send at most this many seconds per step
# (connect, each command, the message), so a worker moves on.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# A mail claimed by a worker longer than this is taken to be the mail of a dead worker
# (killed while sending) and is sent again (kern.mail.terugnemen): a send takes a handful of
# steps of at most EMAIL_TIMEOUT each.
MAIL_CLAIM_SECONDEN = env.int("MAIL_CLAIM_SECONDEN", default=6 * EMAIL_TIMEOUT)
if MAIL_CLAIM_SECONDEN <= 2 * EMAIL_TIMEOUT:
    raise ImproperlyConfigured(
        f"MAIL_CLAIM_SECONDEN={MAIL_CLAIM_SECONDEN} must be well above EMAIL_TIMEOUT="
        f"{EMAIL_TIMEOUT} (a send is several steps): take at least three times as long."
    )
# manage.py herinneringen reminds the invited who did not answer this many days before.
HERINNERING_DAGEN_VOORAF = env.int("HERINNERING_DAGEN_VOORAF", default=3)
# How long personal data is kept, per kind: persoonsgegevens/bewaarbeleid.yaml says what each
# period covers and from when it counts (docs/operations.md, "Personal data").
BEWAREN_ESF_JAREN = env.int("BEWAREN_ESF_JAREN", default=10)
BEWAREN_NA_LIDMAATSCHAP_MAANDEN = env.int("BEWAREN_NA_LIDMAATSCHAP_MAANDEN", default=12)
BEWAREN_ANTWOORDEN_MAANDEN = env.int("BEWAREN_ANTWOORDEN_MAANDEN", default=24)
BEWAREN_MAILS_DAGEN = env.int("BEWAREN_MAILS_DAGEN", default=30)
BEWAREN_AANMELDINGEN_DAGEN = env.int("BEWAREN_AANMELDINGEN_DAGEN", default=90)
BEWAREN_VERSIES_MAANDEN = env.int("BEWAREN_VERSIES_MAANDEN", default=24)
BEWAREN_IMPORTBESTANDEN_DAGEN = env.int("BEWAREN_IMPORTBESTANDEN_DAGEN", default=30)
BEWAREN_TAKEN_DAGEN = env.int("BEWAREN_TAKEN_DAGEN", default=30)
# The privacy page's who and where to ask, until the secretariat writes its own (/privacy/).
PRIVACY_VERANTWOORDELIJKE = env.str("PRIVACY_VERANTWOORDELIJKE", default="")
PRIVACY_CONTACT = env.str("PRIVACY_CONTACT", default="") or DEFAULT_FROM_EMAIL
# The access log (kern.Inzage: who downloaded which list or report naming people).
BEWAREN_INZAGE_MAANDEN = env.int("BEWAREN_INZAGE_MAANDEN", default=24)
# The site's address, for links in mail sent outside a request (manage.py account).
SITE_ADRES = env.str(_omgeving("SITE_ADRES"), default="http://127.0.0.1:8000")
# For the smtp backend.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# ---- Security ---------------------------------------------------------------------------

# Behind a reverse proxy (nginx, Apache) that terminates TLS: set VERTROUWDE_PROXIES to the
# proxy's address(es). Only then are X-Forwarded-Proto and X-Forwarded-For believed.
VERTROUWDE_PROXIES = env.list(_omgeving("VERTROUWDE_PROXIES"), default=[])
if VERTROUWDE_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "config.clientip.client_ip"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31536000  # one year
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# A form refused by the CSRF check: the site's page, saying how to send it again.
CSRF_FAILURE_VIEW = "config.views.csrf_mislukt"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Logged out after this many seconds without a request.
SESSION_COOKIE_AGE = env.int(_omgeving("SESSION_COOKIE_AGE"), default=2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy on every response (django-csp): no inline script, nothing
# from elsewhere; charts are data: images, so img-src allows data:.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],  # style attributes in the Django admin
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Login protection (django-axes): after AXES_FAILURE_LIMIT failures the account and the
# address together are locked for the cool-off time; the secretariat unlocks in the admin.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float(_omgeving("AXES_COOLOFF_TIME"), default=1.0)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True

# Two factors (tweestaps): every account with admin access, the secretariat and the
# coordinators must have an authenticator app this many days after the rule first applied to
# them (recorded per account); until then a banner counts down, after it they can do nothing
# before adding one. 0: at once. Members may add one too. Wrong codes slow the next try
# (django-otp's throttling: 1, 2, 4, … seconds after each wrong code in a row).
TWEESTAPS_GRACE_DAGEN = env.int("TWEESTAPS_GRACE_DAGEN", default=14)
if TWEESTAPS_GRACE_DAGEN < 0:
    raise ImproperlyConfigured("TWEESTAPS_GRACE_DAGEN: 0 or more days.")
OTP_TOTP_ISSUER = "Werkgroepsite"
# Passkeys (django-otp-webauthn) belong to the site's address: its host name is the relying
# party, its origin the one the browser must report (https; http only for localhost, which
# stands in for a loopback IP address: browsers refuse passkeys for an IP address). Only
# as a second step: no passwordless login.
_SITE = urlsplit(SITE_ADRES)
_PASSKEY_HOST = "localhost" if _SITE.hostname in {"127.0.0.1", "::1"} else _SITE.hostname
OTP_WEBAUTHN_RP_ID = _PASSKEY_HOST
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    f"{_SITE.scheme}://{_PASSKEY_HOST}" + (f":{_SITE.port}" if _SITE.port else "")
]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# A new passkey gets a name ("Passkey van 07/12/2026") that its owner may change.
OTP_WEBAUTHN_HELPER_CLASS = "tweestaps.passkeys.Helper"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str(_omgeving("LOGNIVEAU"), default="WARNING")},
}
