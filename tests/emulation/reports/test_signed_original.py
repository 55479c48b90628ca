"""The year-end report's signed original (DOMAIN §10.4): the chairperson signs the issued file
with a personal token outside the product; the copy is filed on the report's page, checked,
and the body's seal is added after the chairperson's signature. Who may file and download it,
per role and authority; what a wrong file is told; what the page shows."""

import hashlib
from dataclasses import dataclass

import pytest
from axes.utils import reset
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pyhanko.pdf_utils.reader import PdfFileReader

from documents.enums import SignedFileOrigin
from documents.models import SignedFile
from documents.sealing import PERSONAL_FIELD
from documents.signing import AUTHORITY_FIELD
from emulation.enums import Role
from emulation.models import User
from emulation.models.reports import AnnualReport
from tests.conftest import rows_for_the_module
from tests.documents.signing_support import sign_externally, signing_settings
from tests.emulation.reports.conftest import (
    YEAR,
    client_for,
    with_test_password,
    write_report_texts,
)
from tests.emulation.reports.test_year_end_signing import issue
from tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_axes")]

PAGE_URL = f"/bao-cao/tong-ket/{YEAR}/"
FILE_URL = f"/bao-cao/tong-ket/{YEAR}/ban-ky-so/"
ORIGINAL_URL = f"/bao-cao/tong-ket/{YEAR}/ban-goc-ky-so.pdf"


@dataclass(frozen=True)
class Issued:
    report_pk: int
    content: bytes
    media_root: str


@pytest.fixture(scope="module")
def issued_once(demo_rows, django_db_blocker, signing_pki, tmp_path_factory):
    """The year's report written, signed by the chairperson and issued once per module (and
    xdist worker): issuing renders and seals the PDF, the costly part of every test here, and
    the tests only file copies of it, each in a savepoint of its own (tests/conftest.py
    `rows_for_the_module`). The issued file lives in the module's media folder."""
    media_root = str(tmp_path_factory.mktemp("signed-original-media"))
    with (
        override_settings(MEDIA_ROOT=media_root, **signing_settings(signing_pki)),
        rows_for_the_module(django_db_blocker),
    ):
        reset()
        report = write_report_texts(User.objects.get(username="canbo.thidua"))
        _job, content = issue(report, with_test_password(User.objects.get(username="chutich")))
        reset()
        yield Issued(report_pk=report.pk, content=content, media_root=media_root)


@pytest.fixture
def issued(issued_once, demo, settings, signing_on):
    """The issued report as the database holds it, and the issued file's bytes; what a test
    files goes to the module's media folder, beside the issued file it is checked against."""
    settings.MEDIA_ROOT = issued_once.media_root
    return AnnualReport.objects.get(pk=issued_once.report_pk), issued_once.content


def _file(user, content):
    return client_for(user).post(
        FILE_URL,
        {"file": SimpleUploadedFile("bao-cao-da-ky.pdf", content, "application/pdf")},
        follow=True,
    )


@pytest.mark.parametrize("who", ["chair", "staff"])
def test_the_chairs_copy_is_kept_and_sealed_after_his_signature(issued, signing_pki, who, request):
    report, content = issued
    user = request.getfixturevalue(who)
    signed = sign_externally(content, signing_pki)
    body = _file(user, signed).content.decode()
    assert f"Đã kiểm tra chữ ký số và lưu bản gốc đã ký của báo cáo tổng kết năm {YEAR}." in body
    copy = SignedFile.objects.get(origin=SignedFileOrigin.UPLOADED)
    original = SignedFile.objects.get(origin=SignedFileOrigin.SEALED)
    assert (copy.job_id, copy.signer, copy.uploaded_by_id) == (
        report.issued_job_id,
        "Nguyễn Văn Hùng",
        user.pk,
    )
    assert original.source_sha256 == hashlib.sha256(signed).hexdigest()
    with original.file.open("rb") as handle:
        sealed = handle.read()
    assert sealed.startswith(signed)
    personal, seal = PdfFileReader(original.file.open("rb")).embedded_signatures
    assert (personal.field_name, seal.field_name) == (PERSONAL_FIELD, AUTHORITY_FIELD)
    assert seal.sig_object["/Reason"] == f"Ban hành Báo cáo số {report.reference}"
    assert body.index("Chữ ký số của người có thẩm quyền") < body.index(
        "Chữ ký số của cơ quan (con dấu)"
    )
    assert "Tải bản gốc đã ký số (PDF)" in body
    download = client_for(user).get(ORIGINAL_URL)
    assert b"".join(download.streaming_content) == sealed
    _file(user, signed)
    assert SignedFile.objects.count() == 2


def test_the_page_says_how_to_sign_before_a_copy_is_filed(issued, staff):
    body = client_for(staff).get(PAGE_URL).content.decode()
    assert "Bản gốc đã ký số" in body
    assert "người có thẩm quyền ký bằng thiết bị ký số (USB token) vào ô chữ ký có sẵn" in body
    assert "Kiểm tra và lưu bản đã ký" in body
    assert client_for(staff).get(ORIGINAL_URL).status_code == 404


@pytest.mark.parametrize(
    ("username", "may_file", "may_download"),
    [
        ("canbo.thidua", True, True),
        ("chutich", True, True),
        ("quantri", False, True),
        ("hoidong", False, False),
        ("thutruong.vhtt", False, False),
    ],
)
def test_own_authority_roles(issued, signing_pki, demo_user, username, may_file, may_download):
    _report, content = issued
    user = demo_user(username)
    signed = sign_externally(content, signing_pki)
    response = client_for(user).post(
        FILE_URL, {"file": SimpleUploadedFile("bao-cao.pdf", signed, "application/pdf")}
    )
    assert (response.status_code == 302) is may_file
    assert SignedFile.objects.filter(origin=SignedFileOrigin.SEALED).exists() is may_file
    if not may_file:
        assert response.status_code == 403
        _file(demo_user("canbo.thidua"), signed)
    download = client_for(user).get(ORIGINAL_URL)
    assert download.status_code == (200 if may_download else 403)
    body = client_for(user).get(PAGE_URL)
    if may_download:
        assert ("Kiểm tra và lưu bản đã ký" in body.content.decode()) is may_file


@pytest.mark.parametrize("role", [Role.AUTHORITY_STAFF, Role.CHAIRPERSON])
def test_another_authority_neither_files_nor_reads_the_original(issued, signing_pki, staff, role):
    _report, content = issued
    signed = sign_externally(content, signing_pki)
    _file(staff, signed)
    outsider = UserFactory(role=role, unit=UnitFactory())
    body = _file(outsider, signed).content.decode()
    assert "Chỉ lưu bản ký số của báo cáo đã ký ban hành." in body
    assert SignedFile.objects.count() == 2
    assert client_for(outsider).get(ORIGINAL_URL).status_code == 404


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda content, pki: b"khong phai PDF", "Tệp không phải tệp PDF."),
        (
            lambda content, pki: content,
            "Tệp là bản đã phát hành, chưa có thêm chữ ký số của người có thẩm quyền.",
        ),
        (
            lambda content, pki: sign_externally(content, pki, signer="stranger"),
            "không do tổ chức chứng thực được tin cậy cấp",
        ),
        (
            lambda content, pki: sign_externally(content, pki, certify=True),
            "chữ ký của người ký không cho phép thêm chữ ký sau nó",
        ),
    ],
    ids=["not-pdf", "issued-as-is", "untrusted", "locked"],
)
def test_wrong_files_are_refused_in_vietnamese_and_nothing_is_kept(
    issued, signing_pki, chair, make, message
):
    _report, content = issued
    body = _file(chair, make(content, signing_pki)).content.decode()
    assert message in body
    assert SignedFile.objects.count() == 0


# test_a_draft_report_takes_no_signed_copy moved, unchanged, to test_year_end_signing.py: this
# module's report is issued for every test (issued_once), and that test needs a draft.
