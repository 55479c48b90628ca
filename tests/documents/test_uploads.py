"""The one door for user files (documents.uploads): kinds decided from the bytes, server names,
images re-encoded under a pixel cap, and responses that never let a user file run as a page.

The last test offers every hostile file of tests/documents/polyglots.py, under every lying name
and content type, to every upload field of the product, and prints how many uploads it tried."""

import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageFile

from awards.enums import DecisionStatus
from awards.models import Decision, PersonYear
from documents import uploads
from documents.enums import JobStatus
from documents.models import SignedFile
from emulation.enums import Role
from emulation.models import Actual, TargetImport
from emulation.models.movements import ExemplaryPhoto, MovementDocument
from emulation.models.scoring import ScoreEntry
from emulation.movements import services as movements
from emulation.movements.enums import ExemplaryKind, MilestoneKind, MovementKind
from emulation.targets.services import get_period
from tests.authz.snapshot import snapshot
from tests.documents.polyglots import (
    DECIDED,
    MARKER,
    MISLEADING,
    PAYLOADS,
    png_header_only,
    zip_bomb,
)
from tests.documents.polyglots import uploads as hostile_uploads
from tests.emulation.scoring.conftest import (  # noqa: F401 (fixtures)
    YEAR,
    cluster,
    heads,
    staff,
    table,
    wards,
    year_end,
)
from tests.emulation.targets.factories import TargetFactory
from tests.factories import EmploymentFactory, JobFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = r"[0-9a-f]{32}"
SANDBOX = "sandbox; default-src 'none'"
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
TOO_MANY_PIXELS = "Ảnh quá lớn: tối đa 40 triệu điểm ảnh; hãy thu nhỏ ảnh rồi tải lại."
EVIDENCE_REFUSED = "Minh chứng phải là tệp PDF, ảnh JPG/PNG, DOCX hoặc XLSX."
PHOTO_REFUSED = "Tệp tải lên không phải là ảnh hợp lệ."
SPREADSHEET_REFUSED = (
    "Chỉ nhận tệp Excel .xlsx hoặc .csv (tệp .xls cũ hay tệp đặt mật khẩu cũng không nhận; "
    "hãy lưu lại thành .xlsx)."
)
NOT_PDF = "Tệp không phải tệp PDF."


def _image(size=(40, 30), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def _file(content: bytes, name="a.png", content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


# ---- Receiving -------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", sorted(DECIDED))
def test_receive_decides_the_kind_from_the_bytes_and_gives_a_server_name(payload):
    received = uploads.receive(
        _file(PAYLOADS[payload], "c.js", "text/javascript"),
        kinds=uploads.EVIDENCE,
        max_bytes=10 * 1024 * 1024,
    )
    assert received.kind == DECIDED[payload]
    assert re.fullmatch(rf"{TOKEN}\.{DECIDED[payload]}", received.name)


@pytest.mark.parametrize("payload", sorted(set(DECIDED) - {"pdf with javascript"}))
def test_receive_reencodes_images_without_what_they_carried(payload):
    received = uploads.receive(
        _file(PAYLOADS[payload], "d.html", "text/html"), kinds=uploads.IMAGES, max_bytes=10**7
    )
    assert MARKER not in received.content and b"<script" not in received.content
    with Image.open(io.BytesIO(received.content)) as image:
        assert (image.format, image.size, image.info.get("comment")) == (
            {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}[DECIDED[payload]],
            (24, 16),
            None,
        )


def test_receive_keeps_a_pdf_byte_for_byte():
    content = PAYLOADS["pdf with javascript"]
    received = uploads.receive_pdf(_file(content, "f.xml"), max_bytes=10**7, too_large="x")
    assert (received.kind, received.content) == ("pdf", content)


@pytest.mark.parametrize(("width", "height"), [(20000, 20000), (10000, 10000), (8000, 5001)])
def test_receive_refuses_a_decompression_bomb_or_an_image_over_the_cap(width, height):
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.receive(
            _file(png_header_only(width, height)), kinds=uploads.IMAGES, max_bytes=10**7
        )
    assert str(refused.value) == TOO_MANY_PIXELS


def test_receive_takes_an_image_at_the_cap(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1200
    received = uploads.receive(_file(_image((40, 30))), kinds=uploads.IMAGES, max_bytes=10**7)
    assert uploads.image_size(received) == (40, 30)
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.receive(_file(_image((41, 30))), kinds=uploads.IMAGES, max_bytes=10**7)
    assert str(refused.value) == (
        "Ảnh quá lớn: tối đa 0 triệu điểm ảnh; hãy thu nhỏ ảnh rồi tải lại."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Tệp rỗng."),
        (_image()[:60], "Tệp tải lên không phải là ảnh hợp lệ."),
        (_image((300, 200), "JPEG")[:-40], "Tệp tải lên không phải là ảnh hợp lệ."),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "Tệp tải lên không phải là ảnh hợp lệ."),
        (
            b"GIF89a" + b"\0" * 40,
            "Loại tệp không được nhận (xét theo nội dung tệp); chỉ nhận: PNG, JPG, WebP.",
        ),
        (b"\0" * (1024 * 1024 + 1), "Tệp lớn hơn 1 MB; không nhận."),
    ],
    ids=["empty", "truncated png", "truncated jpeg", "png magic only", "gif", "over the size"],
)
@pytest.mark.parametrize("load_truncated", [False, True])
def test_receive_refuses_bad_files_with_a_vietnamese_message(
    content, message, load_truncated, monkeypatch
):
    # WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process when imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated)
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.receive(_file(content), kinds=uploads.IMAGES, max_bytes=1024 * 1024)
    assert str(refused.value) == message


# ---- Names and serving ------------------------------------------------------------------------


def test_storage_name_keeps_only_a_server_name():
    assert uploads.storage_name("a/b", "0123456789abcdef0123456789abcdef.png") == (
        "a/b/0123456789abcdef0123456789abcdef.png"
    )
    assert re.fullmatch(rf"a/b/{TOKEN}\.bin", uploads.storage_name("a/b", "d.html"))
    assert re.fullmatch(rf"a/b/{TOKEN}\.bin", uploads.storage_name("a/b", "../x/c.js.png"))


def _photo(exemplary_fixture, name: str, content: bytes) -> ExemplaryPhoto:
    photo = ExemplaryPhoto(exemplary=exemplary_fixture, caption="", width=1, height=1)
    photo.image.save(name, ContentFile(content), save=False)
    photo.save()
    return photo


@pytest.fixture
def clerk(wards):  # noqa: F811 (the imported fixture, requested by name)
    return UserFactory(role=Role.UNIT_CLERK, unit=wards[2])


@pytest.fixture
def exemplary(clerk, wards):  # noqa: F811 (the imported fixture, requested by name)
    person = PersonFactory(authority=wards[2].authority, full_name="Nguyễn Thị Hoa")
    EmploymentFactory(person=person, unit=wards[2])
    return movements.save_exemplary(
        user=clerk,
        unit=wards[2],
        kind=ExemplaryKind.PERSON,
        person=person,
        movement=None,
        title="Trả lại của rơi",
        field="Người tốt việc tốt",
        story="Chị Hoa trả lại ví tiền.",
        period_start=datetime.date(YEAR, 3, 1),
        period_end=datetime.date(YEAR, 3, 31),
    )


def _served(client, url):
    response = client.get(url)
    return response, b"".join(response.streaming_content)


def test_an_old_photo_stored_as_html_is_served_as_opaque_bytes(
    settings, tmp_path, client, clerk, exemplary
):
    """Rows kept before the door existed keep the uploader's name; serving does not trust it."""
    settings.MEDIA_ROOT = tmp_path
    photo = ExemplaryPhoto(exemplary=exemplary, caption="", width=1, height=1)
    photo.image.name = "exemplary/2026/01/7-d.html"
    (tmp_path / "exemplary/2026/01").mkdir(parents=True)
    (tmp_path / photo.image.name).write_bytes(PAYLOADS["png with script text chunk"])
    photo.save()
    client.force_login(clerk)
    response, body = _served(client, reverse("movements:photo", args=[photo.pk]))
    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["X-Content-Type-Options"],
        response["Content-Security-Policy"],
    ) == ("application/octet-stream", 'attachment; filename="7-d.bin"', "nosniff", SANDBOX)
    assert body == PAYLOADS["png with script text chunk"]


def test_a_server_named_image_whose_bytes_disagree_is_served_as_opaque_bytes(
    settings, tmp_path, client, clerk, exemplary
):
    settings.MEDIA_ROOT = tmp_path
    photo = _photo(exemplary, "0123456789abcdef0123456789abcdef.png", PAYLOADS["html"])
    client.force_login(clerk)
    response, _body = _served(client, reverse("movements:photo", args=[photo.pk]))
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/octet-stream",
        'attachment; filename="0123456789abcdef0123456789abcdef.bin"',
    )


def test_a_photo_of_20000_by_20000_pixels_is_a_form_error_not_a_500(client, clerk, exemplary):
    client.force_login(clerk)
    response = client.post(
        reverse("movements:photo_add", args=[exemplary.pk]),
        {"image": _file(png_header_only(20000, 20000), "bom.png")},
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [TOO_MANY_PIXELS]
    assert ExemplaryPhoto.objects.count() == 0


# ---- Every upload field × every hostile file ----------------------------------------------------


@pytest.fixture
def world(settings, tmp_path, wards, heads, staff, clerk, exemplary, year_end):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_RATE_LIMIT = 1_000  # 56 verification posts from one address in one test
    unit = wards[2]
    movement = movements.save_movement(
        user=staff,
        units=[unit],
        kind=MovementKind.REGULAR,
        name="Dân vận khéo",
        launched_by="Ủy ban nhân dân",
        launch_date=datetime.date(YEAR, 1, 15),
        period_start=datetime.date(YEAR, 1, 1),
        period_end=datetime.date(YEAR, 12, 31),
        goals="Vận động nhân dân.",
    )
    milestone = movements.add_milestone(
        movement=movement,
        user=staff,
        kind=MilestoneKind.MID_YEAR,
        due_date=datetime.date(YEAR, 6, 30),
    )
    target = TargetFactory(authority=unit.authority, unit=unit, code="KN")
    decision = Decision.objects.create(
        authority=unit.authority,
        year=YEAR,
        title="Tặng Giấy khen",
        created_by=staff,
        status=DecisionStatus.SIGNED,
        number=1,
        number_year=YEAR + 1,
        symbol="QĐ-UBND",
        signed_on=datetime.date.today(),
        signed_by=staff,
    )
    issued = JobFactory(
        kind="award_decision",
        params={"decision": decision.pk},
        requested_by=staff,
        status=JobStatus.DONE,
        result_sha256="0" * 64,
    )
    issued.result.save("quyet-dinh-01-QD-UBND.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return {
        "decision": decision,
        "unit": unit,
        "movement": movement,
        "milestone": milestone,
        "exemplary": exemplary,
        "target": target,
        "sheet": year_end.sheets.get(unit=unit),
        "staff": staff,
        "clerk": clerk,
        "head": heads[2],
    }


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _assert_served(response, body: bytes, kind: str) -> None:
    if kind in IMAGE_TYPES:
        expected = (IMAGE_TYPES[kind], "inline")
        assert MARKER not in body and b"<script" not in body
    else:
        expected = ("application/pdf", "attachment")
    assert response.status_code == 200
    assert (
        response["Content-Type"],
        response["Content-Disposition"].split(";")[0],
        response["Content-Disposition"].endswith(f'.{kind}"'),
        response["X-Content-Type-Options"],
        response["Content-Security-Policy"],
    ) == (*expected, True, "nosniff", SANDBOX)


def _photo_field(world, upload, payload):
    response = _client(world["clerk"]).post(
        reverse("movements:photo_add", args=[world["exemplary"].pk]), {"image": upload}
    )
    kind = DECIDED.get(payload)
    if kind in IMAGE_TYPES:
        photo = ExemplaryPhoto.objects.latest("pk")
        assert re.fullmatch(
            rf"exemplary/\d{{4}}/\d{{2}}/{world['exemplary'].pk}/{TOKEN}\.{kind}", photo.image.name
        )
        _assert_served(
            *_served(_client(world["clerk"]), reverse("movements:photo", args=[photo.pk])), kind
        )
        return "stored"
    assert _messages(response) == [PHOTO_REFUSED]
    return "refused"


def _evidence_outcome(kind, stored_name, folder, url, user, refused_check):
    if kind is None:
        refused_check()
        return "refused"
    assert re.fullmatch(rf"{folder}/{TOKEN}\.{kind}", stored_name), stored_name
    _assert_served(*_served(_client(user), url), kind)
    return "stored"


def _document_field(world, upload, payload):
    before = MovementDocument.objects.count()
    response = _client(world["staff"]).post(
        reverse("movements:document_add", args=[world["movement"].pk]),
        {"title": "Kế hoạch", "file": upload},
    )
    kind = DECIDED.get(payload)
    if kind is None:
        assert (_messages(response), MovementDocument.objects.count()) == (
            [EVIDENCE_REFUSED],
            before,
        )
        return "refused"
    document = MovementDocument.objects.latest("pk")
    assert re.fullmatch(
        rf"movements/\d{{4}}/\d{{2}}/{world['movement'].pk}/{TOKEN}\.{kind}", document.file.name
    )
    _assert_served(
        *_served(
            _client(world["clerk"]), reverse("movements:document_download", args=[document.pk])
        ),
        kind,
    )
    return "stored"


def _milestone_field(world, upload, payload):
    milestone = world["milestone"]
    previous = type(milestone).objects.get(pk=milestone.pk).report_file.name
    response = _client(world["staff"]).post(
        reverse("movements:milestone_report", args=[world["movement"].pk, milestone.pk]),
        {"report": "Đã sơ kết.", "file": upload},
    )
    milestone.refresh_from_db()
    kind = DECIDED.get(payload)
    if kind is None:
        assert (_messages(response), milestone.report_file.name) == ([EVIDENCE_REFUSED], previous)
        return "refused"
    assert re.fullmatch(
        rf"movements/\d{{4}}/\d{{2}}/{world['movement'].pk}/{TOKEN}\.{kind}",
        milestone.report_file.name,
    )
    _assert_served(
        *_served(
            _client(world["clerk"]), reverse("movements:milestone_download", args=[milestone.pk])
        ),
        kind,
    )
    return "stored"


def _target_field(world, upload, payload):
    target = world["target"]
    before = list(Actual.objects.values_list("pk", "evidence"))
    response = _client(world["clerk"]).post(
        reverse("targets:grid", args=[world["unit"].pk, target.year, "year", "official"]),
        {
            f"value-{target.pk}": "202",
            f"reason-{target.pk}": "Bổ sung minh chứng",
            f"evidence-{target.pk}": upload,
        },
    )
    kind = DECIDED.get(payload)
    if kind is None:
        assert response.status_code == 400
        assert EVIDENCE_REFUSED in response.content.decode()
        assert list(Actual.objects.values_list("pk", "evidence")) == before
        return "refused"
    assert response.status_code == 302
    actual = Actual.objects.get(target=target)
    assert re.fullmatch(
        rf"targets/evidence/\d{{4}}/\d{{2}}/{target.pk}/{TOKEN}\.{kind}", actual.evidence.name
    )
    _assert_served(
        *_served(_client(world["clerk"]), reverse("targets:evidence", args=[actual.pk])), kind
    )
    return "stored"


def _scoring_field(world, upload, payload):
    sheet = world["sheet"]
    item = sheet.round.table.items.get(code="2.2")
    before = ScoreEntry.objects.count()
    response = _client(world["head"]).post(
        reverse("scoring:score", args=[sheet.pk]),
        {f"value_{item.pk}": "1", f"evidence_{item.pk}": upload},
    )
    kind = DECIDED.get(payload)
    if kind is None:
        assert response.status_code == 400
        assert EVIDENCE_REFUSED in response.content.decode()
        assert ScoreEntry.objects.count() == before
        return "refused"
    entry = ScoreEntry.objects.latest("pk")
    assert ScoreEntry.objects.count() == before + 1
    assert re.fullmatch(
        rf"scoring/{sheet.round_id}/{sheet.unit_id}/{TOKEN}\.{kind}", entry.evidence.name
    )
    assert MARKER not in entry.evidence.open("rb").read() or kind == "pdf"
    return "stored"


def _verify_field(url, matched_text):
    def field(world, upload, payload):
        body = Client().post(url, {"file": upload}).content.decode()
        if payload == "pdf with javascript":
            assert matched_text in body
            return "checked"
        assert NOT_PDF in body and matched_text not in body
        return "refused"

    return field


def _signed_decision_field(world, upload, payload):
    """A decision signed outside: hostile bytes are never a signed copy of the issued file."""
    response = _client(world["staff"]).post(
        reverse("awards:decision_file_signed", args=[world["decision"].pk]), {"file": upload}
    )
    [message] = _messages(response)
    assert message == NOT_PDF or message.startswith("Không nhận tệp đã ký: "), message
    assert SignedFile.objects.count() == 0
    return "refused"


def _targets_import_field(world, upload, payload):
    response = _client(world["staff"]).post(reverse("targets:import"), {"file": upload})
    assert (response.status_code, response.context["issues"]) == (400, [SPREADSHEET_REFUSED])
    assert TargetImport.objects.count() == 0
    return "refused"


def _records_import_field(world, upload, payload):
    response = _client(world["staff"]).post(
        reverse("awards:records_import", args=[world["unit"].pk, YEAR]), {"file": upload}
    )
    assert _messages(response) == [SPREADSHEET_REFUSED]
    assert PersonYear.objects.count() == 0
    return "refused"


FIELDS = {
    "exemplary photo": _photo_field,
    "movement document": _document_field,
    "milestone report": _milestone_field,
    "target evidence": _target_field,
    "scoring evidence": _scoring_field,
    "pledge verification": _verify_field(
        "/giao-uoc/xac-thuc/", "Không khớp với văn bản giao ước nào"
    ),
    "decision verification": _verify_field(
        "/khen-thuong/quyet-dinh/xac-thuc/", "Tệp không khớp với quyết định nào đã ban hành."
    ),
    "signed decision": _signed_decision_field,
    "targets import": _targets_import_field,
    "records import": _records_import_field,
}


def test_every_upload_field_takes_hostile_files_only_as_inert_server_named_files(world):
    outcomes: dict[str, int] = {}
    tried = 0
    per_field = {}
    for field, offer in FIELDS.items():
        for payload, _name, upload in hostile_uploads():
            outcome = offer(world, upload, payload)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            per_field.setdefault(field, []).append(outcome[0])
            tried += 1
    assert tried == len(FIELDS) * len(PAYLOADS) * len(MISLEADING) == 280
    print(
        f"\npolyglot_uploads_x_fields: {tried} ({len(PAYLOADS)} files × {len(MISLEADING)} "
        f"lying names/types × {len(FIELDS)} fields); outcomes: {dict(sorted(outcomes.items()))}"
    )
    for field, letters in per_field.items():
        print(f"  {field}: {''.join(letters)}")
    # Images: 4 evidence fields + the photo; PDFs: 4 evidence fields; 2 verification pages.
    assert outcomes == {"stored": 4 * (3 * 5 + 4), "checked": 4 * 2, "refused": 280 - 76 - 8}


# ---- Every upload field × corrupt files (issue 12.6) ------------------------------------------


def _bad_crc_xlsx() -> bytes:
    """A workbook whose sheet entry fails its CRC check: the zip opens, reading the part fails."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Mã cán bộ", "Họ và tên", "Xếp loại", "Số tháng công tác"])
    out = io.BytesIO()
    workbook.save(out)
    content = bytearray(out.getvalue())
    part = b"xl/worksheets/sheet1.xml"
    # The sheet's record in the central directory (what readers check against): its CRC-32
    # sits 16 bytes in, its name 46 bytes in.
    record = content.index(b"PK\x01\x02")
    while content[record + 46 : record + 46 + len(part)] != part:
        record = content.index(b"PK\x01\x02", record + 4)
    content[record + 16] ^= 0xFF
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        assert archive.testzip() == part.decode()
    return bytes(content)


CORRUPT = {
    "xlsx with a bad CRC": ("a.xlsx", _bad_crc_xlsx()),
    "truncated xlsx": ("b.xlsx", _bad_crc_xlsx()[:1500]),
    "xlsx zip bomb": ("c.xlsx", zip_bomb()),
    "truncated png": ("d.png", _image((300, 200))[:200]),
    "truncated jpeg": ("e.jpg", _image((300, 200), "JPEG")[:300]),
    "png of 20000×20000 pixels": ("f.png", png_header_only(20000, 20000)),
    "empty file": ("g.pdf", b""),
}


def _corrupt_posts(world, upload):
    """(user, url, data) of every upload field; `upload()` makes a fresh file for each."""
    target, sheet = world["target"], world["sheet"]
    item = sheet.round.table.items.get(code="2.2")
    movement, milestone = world["movement"], world["milestone"]
    return {
        "exemplary photo": (
            world["clerk"],
            reverse("movements:photo_add", args=[world["exemplary"].pk]),
            {"image": upload()},
        ),
        "movement document": (
            world["staff"],
            reverse("movements:document_add", args=[movement.pk]),
            {"title": "Kế hoạch", "file": upload()},
        ),
        "milestone report": (
            world["staff"],
            reverse("movements:milestone_report", args=[movement.pk, milestone.pk]),
            {"report": "Đã sơ kết.", "file": upload()},
        ),
        "target evidence": (
            world["clerk"],
            reverse("targets:grid", args=[world["unit"].pk, target.year, "year", "official"]),
            {f"value-{target.pk}": "202", f"evidence-{target.pk}": upload()},
        ),
        "scoring evidence": (
            world["head"],
            reverse("scoring:score", args=[sheet.pk]),
            {f"value_{item.pk}": "1", f"evidence_{item.pk}": upload()},
        ),
        "pledge verification": (None, "/giao-uoc/xac-thuc/", {"file": upload()}),
        "decision verification": (None, "/khen-thuong/quyet-dinh/xac-thuc/", {"file": upload()}),
        "signed decision": (
            world["staff"],
            reverse("awards:decision_file_signed", args=[world["decision"].pk]),
            {"file": upload()},
        ),
        "targets import": (world["staff"], reverse("targets:import"), {"file": upload()}),
        "records import": (
            world["staff"],
            reverse("awards:records_import", args=[world["unit"].pk, YEAR]),
            {"file": upload()},
        ),
    }


def test_every_upload_field_answers_corrupt_files_without_a_500_and_writes_nothing(world):
    # The grid creates its reporting period on first use, whatever the upload: make it first.
    get_period(authority=world["unit"].authority, year=world["target"].year, kind="year")
    clients = {key: _client(world[key]) for key in ("clerk", "staff", "head")}
    clients[None] = Client()
    users = {world[key].pk: key for key in ("clerk", "staff", "head")}
    before = snapshot()
    tried, statuses, writes = 0, {}, []
    for case, (name, content) in CORRUPT.items():
        posts = _corrupt_posts(world, lambda content=content, name=name: _file(content, name))
        for field, (user, url, data) in posts.items():
            response = clients[users[user.pk] if user else None].post(url, data)
            tried += 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code < 500, (case, field)
            after = snapshot()
            if after != before:
                writes.append((case, field, sorted(t for t in after if after[t] != before[t])))
                before = after
    assert writes == [], "\n".join(map(str, writes))
    print(f"\ncorrupt_uploads_x_fields: {tried}; statuses: {dict(sorted(statuses.items()))}")
    assert tried == len(CORRUPT) * 10
