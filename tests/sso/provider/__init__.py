"""A real OpenID Connect provider for the single sign-on tests: django-oidc-provider in its own small
Django project, run in a second process (tests/sso/conftest.py). Its users and clients are made by
`prepare.py`; what each test user's ID token says (email verified or not, the second factor in `amr`) and
how the two misbehaving clients sign theirs (for another audience, already expired) is in `hooks.py`."""
