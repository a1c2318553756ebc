"""Make the test identity provider's database: its tables, a signing key, its clients and users.

Run as `python -m tests.sso.provider.prepare <redirect_uri> <client_secret>` with the provider's settings."""

import sys

import django


def main(redirect_uri: str, secret: str) -> None:
    django.setup()
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    call_command("migrate", verbosity=0)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    RSAKey.objects.create(key=pem.decode())
    code, _ = ResponseType.objects.get_or_create(value="code")
    for client_id in ("send-programme", "wrong-audience", "expired"):
        client = Client.objects.create(
            name=client_id,
            client_type="confidential",
            client_id=client_id,
            client_secret=secret,
            jwt_alg="RS256",
            require_consent=False,
            _redirect_uris=redirect_uri,
        )
        client.response_types.add(code)
    for username, flags in (
        ("member", ""),
        ("stranger", ""),
        ("unverified", "unverified"),
        ("mfa", "mfa"),
    ):
        User.objects.create_user(
            username, email=f"{username}@council.example", password="provider-password", last_name=flags
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
