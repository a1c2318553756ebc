"""The single sign-on backend: mozilla-django-oidc's code flow (state, nonce, PKCE, the token request,
the signing key from the provider's JWKS), with what it leaves out added here: the issuer, audience and
expiry of the ID token (`rules.id_token_problem`), a verified email, and who may come in
(`rules.standing_refusal`). Claims are read from the validated ID token only; the userinfo endpoint is
not called. A refusal is kept on the request (`REFUSAL`) for the callback page to record and show."""

import logging
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.utils.module_loading import import_string
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ..models import User
from . import rules

logger = logging.getLogger(__name__)

PATH = "accounts.sso.backend.SingleSignOnBackend"
REFUSAL = "_sso_refusal"  # on the request: the rules.Refusal of this attempt
CLAIMS = "_sso_claims"  # on the request: the validated ID token's claims
EMAIL = "_sso_email"  # on the request: the email address the token gave


class Refused(Exception):
    def __init__(self, refusal: rules.Refusal) -> None:
        super().__init__(refusal.reason)
        self.refusal = refusal


def configured() -> bool:
    """Single sign-on is set up for this installation: a client id and the provider's endpoints."""
    return all(
        getattr(settings, name, "")
        for name in (
            "OIDC_RP_CLIENT_ID",
            "OIDC_OP_ISSUER",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
    )


def standing_of(email: str) -> rules.Standing:
    """What the service knows about `email`: the function named by SSO_STANDING_FOR decides
    (areas.selectors.single_sign_on_standing), so the accounts app need not know about areas."""
    path = getattr(settings, "SSO_STANDING_FOR", "")
    if not path:
        user = User.objects.filter(email__iexact=email).first()
        return rules.Standing(
            has_account=user is not None,
            account_active=bool(user and user.is_active),
            is_installation_admin=bool(user and user.is_installation_admin),
        )
    standing: rules.Standing = import_string(path)(email=email)
    return standing


class SingleSignOnBackend(OIDCAuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:  # type: ignore[override]
        """Only the callback's own call (it passes the nonce): never a password sign-in's."""
        if request is None or "nonce" not in kwargs or not configured():
            return None
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except Refused as refused:
            setattr(request, REFUSAL, refused.refusal)
            return None
        except (SuspiciousOperation, requests.RequestException, jwt.InvalidTokenError, ValueError) as error:
            logger.warning("Single sign-on did not complete: %s", error.__class__.__name__)
            setattr(request, REFUSAL, rules.Refusal(_reason(error), rules.DID_NOT_COMPLETE))
            return None
        return user

    def _verify_jws(self, payload: Any, key: Any) -> dict[str, Any]:
        """The signature, with the algorithm we expect (RS256): exp, aud and iss are the rule's to check."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise Refused(rules.Refusal("ID token signed with another algorithm", rules.DID_NOT_COMPLETE))
        try:
            claims: dict[str, Any] = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                options={"verify_aud": False, "verify_exp": False, "verify_iat": False, "verify_nbf": False},
            )
        except jwt.InvalidTokenError as error:
            raise Refused(rules.Refusal("ID token signature not valid", rules.DID_NOT_COMPLETE)) from error
        return claims

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The signature (the key from the provider's JWKS, by the token's key id), then our rule."""
        if not token:
            raise Refused(rules.Refusal("No ID token from the provider", rules.DID_NOT_COMPLETE))
        claims = self._verify_jws(token, self.retrieve_matching_jwk(token))
        problem = rules.id_token_problem(
            claims,
            issuer=settings.OIDC_OP_ISSUER,
            client_id=self.OIDC_RP_CLIENT_ID,
            nonce=kwargs.get("nonce"),
            now=time.time(),
            leeway=settings.SSO_CLOCK_LEEWAY_SECONDS,
        )
        if problem is not None:
            raise Refused(problem)
        return claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The validated ID token's claims: the userinfo endpoint is not asked."""
        setattr(self.request, CLAIMS, payload)
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        """The account for the token's verified email, when `rules.standing_refusal` lets it in. Never
        creates an account or a membership."""
        claims = self.get_userinfo(access_token, id_token, payload)
        email = rules.token_email(claims, settings.SSO_EMAIL_CLAIM)
        setattr(self.request, EMAIL, email)
        if not rules.email_verified(claims, email, settings.SSO_VERIFIED_DOMAINS):
            raise Refused(rules.unverified_refusal(email))
        refusal = rules.standing_refusal(email, standing_of(email))
        if refusal is not None:
            raise Refused(refusal)
        return User.objects.get(email__iexact=email)

    def get_user(self, user_id: Any) -> User | None:
        """As for a password sign-in: an account switched off is signed out."""
        return ModelBackend.get_user(self, user_id)


def _reason(error: Exception) -> str:
    """Why the exchange with the provider failed, for the sign-in activity (no token contents)."""
    if isinstance(error, requests.RequestException):
        return "The identity provider could not be reached or refused the sign-in"
    if isinstance(error, SuspiciousOperation):
        return "ID token or its signing key not accepted"
    return "ID token not readable"
