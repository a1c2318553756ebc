import pytest


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    """Every evidence test keeps its uploaded files in its own folder, removed afterwards."""
    root = tmp_path / "private-uploads"
    settings.PRIVATE_UPLOAD_ROOT = root
    return root
