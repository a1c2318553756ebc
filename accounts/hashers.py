"""Password hashing: Argon2 with a memory cost a small server can afford (docs/security.md)."""

from django.contrib.auth import hashers


class Argon2PasswordHasher(hashers.Argon2PasswordHasher):
    """Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane) instead of Django's 100 MiB.

    The algorithm's name is unchanged, so passwords hashed with Django's costs still verify; they are
    hashed again with these costs the next time their owner signs in (Django's `must_update`)."""

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
