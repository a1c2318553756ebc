"""Two people editing one piece of evidence at once: the second sees what the first saved beside what
they typed, keeps their typing, and is told to choose their file again."""

import pytest

from evidence.models import Evidence

from .factories import PDF, EvidenceFactory, upload
from .test_evidence_pages import edit

pytestmark = pytest.mark.django_db


def test_evidence_changed_meanwhile_shows_their_details_beside_yours_and_keeps_yours(
    client, area, contributor, programme_manager
):
    evidence = EvidenceFactory(area=area, added_by=contributor, title="Board minutes")
    client.force_login(programme_manager)
    edit(client, evidence, title="Board minutes, March")
    client.force_login(contributor)

    page = edit(
        client, evidence, title="Board minutes, April", file=upload("April.pdf", PDF)
    ).content.decode()

    assert "<strong>Theirs:</strong> Board minutes, March" in page
    assert "<strong>Yours:</strong> Board minutes, April" in page
    assert "<strong>Yours:</strong> April.pdf" in page
    assert 'value="Board minutes, April"' in page
    assert "Choose your file again before you save" in page
    assert Evidence.objects.get(pk=evidence.pk).title == "Board minutes, March"
