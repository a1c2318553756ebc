"""The demo's board packs: Stockport's monthly SEND board pack (the default, sent to its meeting) and
its quarterly Health and Wellbeing Board pack, each with a March 2021 pack ready to download; loading
the demo again makes nothing twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from boardpacks import rules
from boardpacks.models import Pack, PackTemplate


@pytest.mark.django_db
def test_the_demo_has_stockports_two_packs_for_march_ready_to_download_once(client, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "board packs for March 2021 made" in out.getvalue()
    monthly = PackTemplate.objects.get(area__slug="stockport", name="Monthly SEND board pack")
    quarterly = PackTemplate.objects.get(area__slug="stockport", name="Health and Wellbeing Board: quarterly")
    assert monthly.is_default and not quarterly.is_default
    assert monthly.sections == list(rules.DEFAULT_SECTIONS)
    assert (quarterly.frequency, quarterly.sections) == ("quarterly", list(rules.QUARTERLY_SECTIONS))
    sent = Pack.objects.get(template=monthly)
    unsent = Pack.objects.get(template=quarterly)
    assert sent.period.name == "March 2021" and sent.sent_at is not None and unsent.sent_at is None
    assert sent.meeting_date.month == 4 and "The SEND Improvement Board is asked to" in sent.matters
    assert sent.files.count() == 3 and unsent.files.count() == 3

    client.force_login(User.objects.get(email="viewer@stockport.example"))
    home = client.get(reverse("boardpacks:home", kwargs={"area": "stockport"})).content.decode()
    assert "Monthly SEND board pack" in home and "Health and Wellbeing Board: quarterly" not in home
    download = reverse("boardpacks:download", kwargs={"area": "stockport", "pk": sent.pk, "fmt": "pdf"})
    assert client.get(download).status_code == 200

    call_command("load_demo", stdout=StringIO())
    assert PackTemplate.objects.filter(area__slug="stockport").count() == 2
    assert Pack.objects.count() == 2
