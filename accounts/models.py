"""People who sign in. An account belongs to no local area by itself: memberships do that."""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower

from .rules import describe_browser


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    is_installation_admin = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Sets up local areas and sees each one's members (manage.py create_admin).",
    )
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return str(self)


class SignInCounter(models.Model):
    """A count of sign-in attempts for one key (an address, an account, or both) within a window.

    Counted with conditional UPDATEs (accounts/throttle.py), so parallel attempts never pass the limit."""

    key = models.CharField(max_length=400, unique=True)
    window_start = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    # For an account: no attempt is checked before this time (the growing delay).
    wait_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.attempts}"


class SignInEvent(models.Model):
    """One sign-in, failure, refusal or sign-out: who came in, from where, when (kept 12 months)."""

    class Kind(models.TextChoices):
        SUCCESS = "success", "Signed in"
        FAILURE = "failure", "Wrong email or password"
        LOCKOUT = "lockout", "Refused: too many attempts"
        SIGN_OUT = "sign_out", "Signed out"
        SECOND_FACTOR_SUCCESS = "second_factor_success", "Second step passed"
        SECOND_FACTOR_FAILURE = "second_factor_failure", "Second step failed"
        SSO_SUCCESS = "sso_success", "Signed in with single sign-on"
        SSO_REFUSED = "sso_refused", "Single sign-on refused"

    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="sign_in_events"
    )
    email = models.CharField(max_length=254, blank=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    reason = models.CharField(max_length=200, blank=True, default="", db_default="")
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-at"], name="signinevent_user_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def browser(self) -> str:
        return describe_browser(self.user_agent)


class UserSession(models.Model):
    """A signed-in browser: Django's session table has no user column, so this one lists a user's."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="browser_sessions")
    created = models.DateTimeField()
    last_seen = models.DateTimeField()
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.user} since {self.created:%Y-%m-%d %H:%M}"

    @property
    def browser(self) -> str:
        return describe_browser(self.user_agent)
