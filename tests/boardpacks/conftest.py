"""Shared by the board pack tests."""

from typing import Any

import pytest

from boardpacks import services
from tests.boardpacks.samples import sample_content


def fake_content(*, template: Any, period: Any, meeting_date: Any, matters: str, made_at: Any) -> dict:
    """The sample content, saying the template, period, meeting date and matters it was made with."""
    content = sample_content(sections=list(template.sections))
    content["pack"].update(
        template=template.name,
        title=template.title,
        audience=template.audience,
        meeting=template.meeting,
        meeting_date=meeting_date.isoformat() if meeting_date else None,
        frequency=template.frequency,
        made_at=made_at.isoformat(),
    )
    content["period"].update(id=period.pk, name=period.name)
    if "matters" in content["sections"]:
        content["sections"]["matters"] = {"text": matters}
    return content


def fake_renderer(fmt: str) -> Any:
    """Small bytes, different for each format and each pack made."""

    def render(content: dict) -> bytes:
        pack, period = content["pack"], content["period"]
        return f"{fmt} {pack['template']} {period['name']} {pack['made_at']}".encode()

    return render


# removed by the lead after merging
@pytest.fixture(autouse=True)
def until_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until the content builder and the renderers are merged: packs made from the sample content."""
    monkeypatch.setattr(services, "build_content", fake_content)
    monkeypatch.setattr(services, "renderer", fake_renderer)
