"""The signed pledge (giao ước đã ký đủ): its QR code and printed link hold the full public
address, it embeds the document stylesheet's single font, each member's signature block names
the person who signed, and the file once made is never made again."""

import hashlib
import io
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader

from documents.models import Job
from documents.services import run_job
from emulation.models import User
from emulation.models.pledges import PledgeVersion
from emulation.pledges.documents import verification_url
from tests.conftest import rows_for_the_module
from tests.documents.pdf_checks import pdf_text
from tests.emulation.pledges.conftest import (
    signed_by_every_head,
)
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db

PUBLIC_BASE = "https://thidua.example.gov.vn"
# Where the rasterised pages are kept to be looked at (an artefact of the run).
ARTEFACTS = Path(os.environ.get("PLEDGE_ARTEFACTS") or "var/test/artefacts")


@dataclass(frozen=True)
class Final:
    version_pk: int
    job_pk: int
    head_pks: list[int]
    media_root: str


@pytest.fixture(scope="module")
def final_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Cluster 1's pledge opened, signed by the three heads and its final PDF made, once per
    module (and xdist worker): the renders are the costly part, and the tests read the file
    (the one that makes it again does so in its own savepoint, tests/conftest.py
    `rows_for_the_module`)."""
    media_root = str(tmp_path_factory.mktemp("pledge-final-media"))
    with (
        override_settings(MEDIA_ROOT=media_root, PUBLIC_BASE_URL=PUBLIC_BASE),
        rows_for_the_module(django_db_blocker),
    ):
        version, heads = signed_by_every_head(AuthorityFactory())
        yield Final(version.pk, version.final_job_id, [head.pk for head in heads], media_root)


@pytest.fixture
def final(final_once, db, settings):
    """The signed version and its final job as the database holds them; the file in the
    module's media folder, the public address as it was printed."""
    settings.MEDIA_ROOT = final_once.media_root
    settings.PUBLIC_BASE_URL = PUBLIC_BASE
    return (
        PledgeVersion.objects.get(pk=final_once.version_pk),
        Job.objects.get(pk=final_once.job_pk),
    )


@pytest.fixture
def heads(final_once, db):
    """The three heads who signed the module's pledge, in the order of their wards."""
    by_pk = User.objects.in_bulk(final_once.head_pks)
    return [by_pk[pk] for pk in final_once.head_pks]


def content_of(job) -> bytes:
    with job.result.open("rb") as handle:
        return handle.read()


def rasterise(content: bytes, folder: Path, dpi: int = 70) -> list[Path]:
    source = folder / "pledge.pdf"
    source.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", source, folder / "page"], check=True)
    return sorted(folder.glob("page-*.png"))


def test_link_and_qr_code_hold_the_full_address(final, client, tmp_path):
    version, job = final
    address = f"{PUBLIC_BASE}/giao-uoc/xac-thuc/?ma={version.verification_code}"
    assert verification_url(version.verification_code) == address
    assert address in pdf_text(content_of(job)).replace(" ", "")
    pages = rasterise(content_of(job), tmp_path, dpi=100)
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(pages[-1]))]
    assert decoded == [address]
    parts = urlsplit(decoded[0])
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200
    assert version.verification_code in response.content.decode()


def test_only_the_document_font_is_embedded(final, tmp_path):
    _version, job = final
    source = tmp_path / "pledge.pdf"
    source.write_bytes(content_of(job))
    listing = subprocess.run(
        ["pdffonts", source], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    # "SWSLVQ+Liberation-Serif-Bold": subset prefix, family, face.
    names = [line.split()[0].split("+")[-1] for line in listing]
    assert {name.removesuffix("-Bold").removesuffix("-Italic") for name in names} == {
        "Liberation-Serif"
    }
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in listing)  # embedded
    assert "DejaVu" not in "".join(listing)


def text_heights(page) -> dict[str, float]:
    """Each text run of the page with the height it is drawn at, in points from the bottom."""
    heights: dict[str, float] = {}

    def visit(fragment, cm, tm, font, size):
        if fragment.strip():
            heights.setdefault(fragment.strip(), tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return heights


def test_each_signature_block_names_its_signer_apart_from_the_next(final, heads, tmp_path):
    _version, job = final
    content = content_of(job)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for page in rasterise(content, tmp_path):
        (ARTEFACTS / f"pledge-final-{page.name}").write_bytes(page.read_bytes())
    text = pdf_text(content)
    for index, head in enumerate(heads, start=1):
        title = f"ĐẠI DIỆN PHƯỜNG BẾN THÀNH {index}"
        assert f"{title} (Đã ký điện tử) {head.person.full_name}" in text
    # The rows of blocks do not run into each other: the first row's names stand clear above
    # the second row's title.
    page = next(
        page
        for page in PdfReader(io.BytesIO(content)).pages
        if "ĐẠI DIỆN PHƯỜNG BẾN THÀNH 3" in page.extract_text()
    )
    heights = text_heights(page)
    assert heights["Lê Văn Trưởng 1"] - heights["ĐẠI DIỆN PHƯỜNG BẾN THÀNH 3"] > 14


def test_the_final_file_is_made_once(final):
    version, job = final
    before = hashlib.sha256(content_of(job)).hexdigest()
    assert before == job.result_sha256
    again = run_job(job_id=version.final_job_id, worker_pid=os.getpid())
    assert again.result_sha256 == before == hashlib.sha256(content_of(again)).hexdigest()
    assert again.finished_at == job.finished_at
