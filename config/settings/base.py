"""Settings shared by every environment. Values come from the environment, read once."""

from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("SENDPLAN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "common",
    "history",
    "accounts",
    "areas",
    "jobs",
    "plans",
    "evidence",
    "progress",
    "scorecard",
    "risks",
    "voice",
    "publishing",
    "boardpacks",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.sessions.UserSessionMiddleware",
    "accounts.two_step.middleware.TwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
            "builtins": ["django.templatetags.static", "common.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def database_config(url: str | None, sqlite_path: Path) -> dict[str, Any]:
    """PostgreSQL (or any dj-database-url) when a URL is given, else SQLite in WAL mode."""
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": sqlite_path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


DATABASES = {"default": database_config(env_str("DATABASE_URL", "") or None, VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "accounts.sso.backend.SingleSignOnBackend",
]
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
# Sign-in lockout: this many failures for one email address within the window.
SIGN_IN_FAILURE_LIMIT = 5
SIGN_IN_LOCKOUT_MINUTES = 15
# Sign-in throttling (accounts/throttle.py, docs/security.md): attempts from one address across every
# email in the window; failures of one email from any address before each attempt waits (1 s, 2 s, 4 s...
# up to the cap); password checks at once in one process, and how long an attempt waits for a turn.
SIGN_IN_ADDRESS_LIMIT = 30
SIGN_IN_ACCOUNT_FREE_FAILURES = 10
SIGN_IN_ACCOUNT_DELAY_CAP_SECONDS = 60
SIGN_IN_CONCURRENT_HASHES = 2
SIGN_IN_HASH_WAIT_SECONDS = 5
# The reverse proxy's addresses, whose X-Forwarded-For (last hop) names the client (none in development).
TRUSTED_PROXIES: list[str] = []
# Two-step sign-in (docs/security.md). Who must have a second factor is the areas app's to say.
TWO_STEP_REQUIRED_FOR = "areas.selectors.second_factor_required"
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "SEND programme")
# After each wrong code the next try waits 1, 2, 4, 8... seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# With single sign-on: whether the identity provider's second factor (the token's amr claim) counts.
OTP_TRUST_IDP_AMR = env_bool("OTP_TRUST_IDP_AMR", False)

# Single sign-on by OpenID Connect (accounts/sso/, docs/deploy.md "Single sign-on", docs/security.md):
# off unless a client id is set. OIDC_ENTRA_TENANT_ID fills in Microsoft Entra ID's v2.0 endpoints.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_ENTRA_TENANT_ID = env_str("OIDC_ENTRA_TENANT_ID", "")
_ENTRA = f"https://login.microsoftonline.com/{OIDC_ENTRA_TENANT_ID}" if OIDC_ENTRA_TENANT_ID else ""
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER", f"{_ENTRA}/v2.0" if _ENTRA else "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", f"{_ENTRA}/oauth2/v2.0/authorize" if _ENTRA else ""
)
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", f"{_ENTRA}/oauth2/v2.0/token" if _ENTRA else "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", f"{_ENTRA}/discovery/v2.0/keys" if _ENTRA else "")
OIDC_OP_USER_ENDPOINT = ""  # never called: the email and amr are read from the validated ID token
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso-callback"
LOGIN_REDIRECT_URL_FAILURE = "accounts:sso-refused"
# The name on the sign-in page's button: "Sign in with your council account".
SSO_BUTTON_NAME = env_str("SSO_BUTTON_NAME", "your council account")
# The claim holding the email address ("preferred_username" for Entra ID), and the email domains whose
# addresses count as verified when the token has no email_verified claim (Entra ID: the tenant's
# verified domains, comma-separated).
SSO_EMAIL_CLAIM = env_str("SSO_EMAIL_CLAIM", "email")
SSO_VERIFIED_DOMAINS = env_list("SSO_VERIFIED_DOMAINS")
# Seconds of difference allowed between the provider's clock and ours when checking exp and iat.
SSO_CLOCK_LEEWAY_SECONDS = 60
# Who may sign in by single sign-on is the areas app's to say (memberships, invitations, the area's setting).
SSO_STANDING_FOR = "areas.selectors.single_sign_on_standing"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    BASE_DIR / "build" / "static",
    BASE_DIR / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files live here: outside the static files, never served directly.
PRIVATE_UPLOAD_ROOT = VAR_DIR / "uploads"
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# DfE open data files: a national file of every authority over several years is larger.
DFE_UPLOAD_MAX_BYTES = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "send-programme@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Background work (board packs, large imports): django-tasks with its database backend. `make run`
# starts `manage.py db_worker` beside the web server; production runs it as a service (docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
