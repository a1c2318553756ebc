"""The area's name, council, colour and logo: changed by its programme manager, versioned, the logo
checked by content and size and re-encoded, served with safe headers, shown in the header."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from areas.logo import MAX_BYTES, NOT_AN_IMAGE, logo_reencode
from areas.models import LocalArea
from common.uploads import UploadProblem
from history.models import Change


def _image(fmt: str = "PNG", size=(40, 20), comment: str = "") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, "#00707a")
    if fmt == "PNG" and comment:
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", comment)
        image.save(out, format=fmt, pnginfo=info)
    elif fmt == "JPEG" and comment:
        image.save(out, format=fmt, comment=comment.encode())
    else:
        image.save(out, format=fmt)
    return out.getvalue()


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"


def _post(client, area, **data):
    form = {"name": area.name, "council_name": "", "colour": area.colour, "version": area.version, **data}
    return client.post(reverse("areas:branding", kwargs={"area": area.slug}), form)


def test_logo_reencode_keeps_the_pixels_and_drops_the_metadata():
    for fmt in ("PNG", "JPEG"):
        png = logo_reencode(_image(fmt, comment="Taken at 12 Secret Street"))
        assert png.startswith(b"\x89PNG") and b"Secret Street" not in png
        assert Image.open(io.BytesIO(png)).size == (40, 20)


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (_image("GIF"), NOT_AN_IMAGE),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", NOT_AN_IMAGE),
        (b"\x89PNG\r\n\x1a\n not really a png", NOT_AN_IMAGE),
        (_image("PNG", size=(2001, 10)), "The logo is 2001 by 10 pixels. Choose one at most 2000 by 2000"),
        (b"\x89PNG" + b"0" * MAX_BYTES, "Choose a file smaller than 1 MB"),
    ],
    ids=["gif", "svg", "broken png", "too many pixels", "too big"],
)
def test_logo_reencode_refuses_anything_but_a_small_png_or_jpeg_in_words(upload, words):
    with pytest.raises(UploadProblem, match=words):
        logo_reencode(upload)


def test_the_programme_manager_changes_the_name_council_and_colour(client, area, programme_manager):
    client.force_login(programme_manager)
    response = _post(client, area, name="Stockport", council_name="Stockport Council", colour="#AA3300")
    assert response.status_code == 302
    page = client.get(reverse("areas:people", kwargs={"area": "stockport"})).content.decode()
    assert "--app-brand: #aa3300" in page and "Stockport Council" in page
    change = Change.objects.get(subject="Local area Stockport")
    assert change.changes["Colour"] == ["#00707a", "#aa3300"]


def test_a_colour_that_is_not_hex_is_refused_in_words(client, area, programme_manager):
    client.force_login(programme_manager)
    response = _post(client, area, colour="teal")
    assert "Enter a colour as # and six hex digits, like #1d70b8" in response.content.decode()
    assert LocalArea.objects.get(pk=area.pk).colour == "#00707a"


def test_a_logo_is_stored_re_encoded_served_safely_and_shown_in_the_header(client, area, programme_manager):
    client.force_login(programme_manager)
    upload = SimpleUploadedFile("logo.jpg", _image("JPEG", comment="GPS 53.4N"), content_type="image/jpeg")
    assert _post(client, area, logo=upload).status_code == 302
    area.refresh_from_db()
    assert area.logo.name.startswith("logos/") and "logo.jpg" not in area.logo.name
    response = client.get(reverse("areas:logo", kwargs={"area": "stockport"}))
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert body.startswith(b"\x89PNG") and b"GPS" not in body
    page = client.get(reverse("areas:people", kwargs={"area": "stockport"})).content.decode()
    assert 'class="app-header__logo"' in page


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(client, area, programme_manager):
    client.force_login(programme_manager)
    upload = SimpleUploadedFile("logo.png", b"MZ\x90\x00 an executable", content_type="image/png")
    response = _post(client, area, logo=upload)
    assert NOT_AN_IMAGE in response.content.decode()
    assert not LocalArea.objects.get(pk=area.pk).logo


def test_replacing_or_removing_the_logo_deletes_the_old_file(
    client, area, programme_manager, django_capture_on_commit_callbacks
):
    client.force_login(programme_manager)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, area, logo=SimpleUploadedFile("a.png", _image(), content_type="image/png"))
    area.refresh_from_db()
    first = area.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, area, logo=SimpleUploadedFile("b.png", _image(size=(5, 5)), content_type="image/png"))
    area.refresh_from_db()
    assert area.logo.name != first and not area.logo.storage.exists(first)
    second = area.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, area, remove_logo="on")
    area.refresh_from_db()
    assert not area.logo and not area.logo.storage.exists(second)
    assert client.get(reverse("areas:logo", kwargs={"area": "stockport"})).status_code == 404


def test_a_change_saved_by_someone_else_first_is_not_overwritten(client, area, programme_manager):
    client.force_login(programme_manager)
    stale = area.version
    _post(client, area, name="Stockport MBC", version=stale)
    response = _post(client, area, name="Stockport (mine)", version=stale)
    page = response.content.decode()
    assert "Someone else changed the area" in page and "Stockport MBC" in page
    assert LocalArea.objects.get(pk=area.pk).name == "Stockport MBC"
