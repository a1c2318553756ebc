"""Argon2 at 19 MiB a hash (accounts/hashers.py): passwords hashed with Django's 100 MiB still sign in,
and are hashed again at the new cost when they do."""

from django.contrib.auth.hashers import Argon2PasswordHasher as DjangosArgon2
from django.contrib.auth.hashers import check_password, identify_hasher

from accounts.hashers import Argon2PasswordHasher
from tests.conftest import PASSWORD

HASHERS = ["accounts.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_the_settings_hash_passwords_with_argon2_at_19_mib():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == HASHERS[0]
    encoded = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    assert "$m=19456,t=2,p=1$" in encoded


def test_a_password_hashed_at_djangos_cost_still_signs_in_and_is_hashed_again_at_the_new_one(settings):
    settings.PASSWORD_HASHERS = HASHERS
    old = DjangosArgon2().encode(PASSWORD, DjangosArgon2().salt())
    assert "m=102400" in old
    rehashed = []

    assert check_password(PASSWORD, old, setter=rehashed.append)
    assert rehashed == [PASSWORD]
    assert isinstance(identify_hasher(old), Argon2PasswordHasher)
    assert not check_password("wrong", old)
