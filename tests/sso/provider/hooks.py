"""What the test identity provider says about its users, and how its misbehaving clients sign tokens.

A user's `last_name` lists what their tokens say: "unverified" (email_verified false), "mfa" (amr
["pwd", "mfa"]; otherwise ["pwd"]). The client "wrong-audience" has its ID tokens addressed to another
application; the client "expired" signs tokens that expired ten minutes ago (a provider whose clock is
behind). Everything else is django-oidc-provider's own: the token is signed after these hooks."""

from typing import Any

OTHER_APPLICATION = "another-application"


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["email"] = user.email
    claims["email_verified"] = "unverified" not in user.last_name
    claims["name"] = user.first_name
    return claims


def id_token(id_token: dict[str, Any], user: Any, token: Any, request: Any, **kwargs: Any) -> dict[str, Any]:
    id_token["amr"] = ["pwd", "mfa"] if "mfa" in user.last_name else ["pwd"]
    client_id = token.client.client_id
    if client_id == "wrong-audience":
        id_token["aud"] = OTHER_APPLICATION
    if client_id == "expired":
        id_token["iat"] -= 1200
        id_token["exp"] = id_token["iat"] + 600
    return id_token
