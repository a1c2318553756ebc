"""LibreOffice opens the Word pack and prints it to PDF with every section's heading: a second reader
besides python-docx, as a committee system converting packs would. `make test` installs LibreOffice
(`make libreoffice`); the test skips only where soffice is absent."""

import shutil
import subprocess  # nosec B404 - runs LibreOffice on a file this test wrote
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpacks.formats.docx import render
from tests.boardpacks.samples import sample_content

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: run `make libreoffice`")
def test_libreoffice_converts_the_word_pack_to_a_pdf_with_every_sections_heading(tmp_path: Path):
    source = tmp_path / "stockport-monthly-send-board-pack-march-2021-v1.docx"
    source.write_bytes(render(sample_content(rows=12)))
    profile = tmp_path / "libreoffice-profile"  # its own profile, so parallel runs do not clash

    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    pdf = source.with_suffix(".pdf")
    assert pdf.exists(), f"no PDF written: {done.stdout} {done.stderr}"
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in (
        "SEND Written Statement of Action: progress report",
        "Summary",
        "Progress by area",
        "Exceptions",
        "Highlight reports",
        "Scorecard",
        "Risks",
        "You said, we did",
        "Matters for decision",
        "Table 1: Items by status, March 2021 against February 2021",
        "Figure 1: Items by status in each of the areas of weakness",
    ):
        assert heading in text
    assert "Page 1 of " in reader.pages[0].extract_text()
    widths = {round(page.mediabox.width) for page in reader.pages}
    assert widths == {595, 842}, "portrait A4 pages and landscape ones for the wide tables"
    assert [item.title for item in reader.outline if not isinstance(item, list)][:3] == [
        "Summary",
        "Progress by area",
        "Exceptions",
    ]
