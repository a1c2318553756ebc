"""The demo's programme managers sign in in two steps with the published demo key."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.management.commands.load_demo import DEMO_PASSWORD

pytestmark = pytest.mark.password_only


def test_the_demo_prints_its_key_and_its_programme_manager_signs_in_with_demo_code(client, db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (
        "Programme managers then enter a code from an authenticator app holding the demo key"
        in out.getvalue()
    )
    signed_in = client.post(
        reverse("accounts:sign-in"),
        {"username": "pm@stockport.example", "password": DEMO_PASSWORD},
        follow=True,
    )
    assert signed_in.redirect_chain[-1][0].startswith(reverse("two_step:challenge"))
    code = StringIO()
    call_command("demo_code", stdout=code)
    response = client.post(reverse("two_step:challenge"), {"code": code.getvalue().strip()})
    assert response.url == reverse("home")
    assert client.get(reverse("plans:area-home", kwargs={"area": "stockport"})).status_code == 200
    # A viewer of the demo signs in with the password alone.
    viewer = type(client)()
    page = viewer.post(
        reverse("accounts:sign-in"),
        {"username": "viewer@stockport.example", "password": DEMO_PASSWORD},
        follow=True,
    )
    assert page.redirect_chain[-1][0] == reverse("plans:area-home", kwargs={"area": "stockport"})
