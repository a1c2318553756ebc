"""A published area (tests/publishing/world.py)."""

import pytest

from publishing import services
from tests.publishing import world


@pytest.fixture
def public_world(area, tree, statuses, programme_manager):
    return world.public_world(area, tree, statuses, programme_manager)


@pytest.fixture
def published(public_world, area):
    publication = services.publication_create(area=area, by=public_world["pm"], note="March 2021 progress")
    return {**public_world, "publication": publication}
