"""Single sign-on by OpenID Connect (mozilla-django-oidc): the rules (`rules.py`), the backend that
checks the ID token and who may come in (`backend.py`), and the pages (`views.py`). docs/security.md,
"Single sign-on", has the rules; docs/deploy.md how to connect a Microsoft Entra ID tenant."""
