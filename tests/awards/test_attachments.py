"""Evidence files of a nomination (tệp minh chứng): the unit's head or clerk attaches and
removes them while the nomination is a draft or returned; reviewers and council members open
them from the dossier and the ballot; nobody else may change them, another unit never sees
them, and a file that is not evidence is refused with a Vietnamese message and nothing kept."""

import datetime
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from awards.council.services import create_session
from awards.enums import NominationState
from awards.errors import AwardsError
from awards.models import NominationAttachment
from awards.nominations.attachments import MAX_ATTACHMENTS, attach_evidence, remove_evidence
from config.permissions import NotPermitted
from emulation.enums import Role
from tests.awards.conftest import in_state
from tests.awards.factories import NominationFactory
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="bao-cao.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")


def add_url(nomination):
    return reverse("awards:attachment_add", args=[nomination.pk])


def page_of(client, user, nomination) -> str:
    client.force_login(user)
    url = reverse("awards:nomination_detail", args=[nomination.pk])
    return client.get(url).content.decode()


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.UNIT_CLERK])
def test_the_units_head_or_clerk_attaches_evidence_for_one_nominee(
    client, nomination, other_unit, role
):
    user = UserFactory(role=role, unit=other_unit)
    line = nomination.lines.get()
    assert 'action="' + add_url(nomination) + '"' in page_of(client, user, nomination)

    response = client.post(
        add_url(nomination),
        {"title": "Quyết định công nhận sáng kiến", "line": line.pk, "file": pdf_upload()},
        follow=True,
    )

    attachment = NominationAttachment.objects.get()
    assert (attachment.nomination, attachment.line, attachment.uploaded_by) == (
        nomination,
        line,
        user,
    )
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.size == len(PDF)
    body = response.content.decode()
    assert "Đã đính kèm “Quyết định công nhận sáng kiến”." in body
    download = reverse("awards:attachment_download", args=[nomination.pk, attachment.pk])
    assert f'<a href="{download}">Quyết định công nhận sáng kiến</a>' in body
    assert "PDF · " in body


def test_an_image_is_kept_re_encoded_for_the_whole_dossier(nomination, head):
    attachment = attach_evidence(
        nomination=nomination, user=head, title="Ảnh buổi trao tặng", upload=png_upload()
    )
    assert attachment.line is None
    assert attachment.kind_label == "PNG"
    with attachment.file.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("role", "same_unit"),
    [
        (Role.UNIT_HEAD, False),
        (Role.UNIT_CLERK, False),
        (Role.AUTHORITY_STAFF, True),
        (Role.COUNCIL_MEMBER, True),
        (Role.CHAIRPERSON, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_anyone_else_may_not_attach_or_remove(client, nomination, head, unit, role, same_unit):
    kept = attach_evidence(nomination=nomination, user=head, title="Báo cáo", upload=pdf_upload())
    # A head or clerk of another unit, or a role that never edits nominations.
    client.force_login(UserFactory(role=role, unit=unit))
    added = client.post(add_url(nomination), {"title": "Giả", "file": pdf_upload()})
    removed = client.post(reverse("awards:attachment_remove", args=[nomination.pk, kept.pk]), {})
    assert added.status_code in (403, 404)
    assert removed.status_code in (403, 404)
    assert list(NominationAttachment.objects.all()) == [kept]


def test_another_units_head_cannot_open_the_file(client, nomination, head, authority):
    kept = attach_evidence(nomination=nomination, user=head, title="Báo cáo", upload=pdf_upload())
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=UnitFactory(authority=authority)))
    url = reverse("awards:attachment_download", args=[nomination.pk, kept.pk])
    assert client.get(url).status_code == 404


def test_a_file_of_another_nomination_answers_404(client, nomination, head, other_unit):
    kept = attach_evidence(nomination=nomination, user=head, title="Báo cáo", upload=pdf_upload())
    other = NominationFactory(unit=other_unit, created_by=head)
    client.force_login(head)
    url = reverse("awards:attachment_download", args=[other.pk, kept.pk])
    assert client.get(url).status_code == 404
    remove = reverse("awards:attachment_remove", args=[other.pk, kept.pk])
    assert client.post(remove).status_code == 404
    assert NominationAttachment.objects.filter(pk=kept.pk).exists()


def test_staff_and_the_council_open_the_evidence_from_the_dossier_and_the_ballot(
    client, nomination, head, staff, unit
):
    line = nomination.lines.get()
    kept = attach_evidence(
        nomination=nomination, user=head, title="Bản thành tích", upload=pdf_upload(), line=line
    )
    download = reverse("awards:attachment_download", args=[nomination.pk, kept.pk])
    client.force_login(staff)
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="ban-thanh-tich.pdf"'

    member = UserFactory(role=Role.COUNCIL_MEMBER, unit=unit)
    session = create_session(
        user=staff, title="Phiên họp", held_on=datetime.date(2026, 1, 8), members=[member]
    )
    in_state(nomination, NominationState.IN_COUNCIL, council_session=session)
    client.force_login(member)
    ballot = client.get(reverse("awards:vote", args=[nomination.pk])).content.decode()
    assert f'<a href="{download}">Bản thành tích</a>' in ballot
    # The ballot reads; it offers no removal.
    assert reverse("awards:attachment_remove", args=[nomination.pk, kept.pk]) not in ballot
    assert client.get(download).status_code == 200


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  ", "file": "pdf"}, "Tên tài liệu: Trường này là bắt buộc."),
        ({"title": "Báo cáo"}, "Tệp: Trường này là bắt buộc."),
        ({"title": "Báo cáo", "file": "html"}, "Minh chứng phải là tệp PDF, ảnh JPG/PNG, DOCX"),
        ({"title": "Báo cáo", "file": "empty"}, "Tệp: Tập tin được gửi là rỗng."),
        ({"title": "Báo cáo", "file": "pdf", "line": "999999"}, "Minh chứng của:"),
    ],
)
def test_bad_input_says_what_is_wrong_and_keeps_nothing(client, nomination, head, fields, message):
    files = {
        "pdf": pdf_upload(),
        "html": SimpleUploadedFile("bao-cao.pdf", b"<html><script>alert(1)</script></html>"),
        "empty": SimpleUploadedFile("rong.pdf", b""),
    }
    data = {key: files[value] if key == "file" else value for key, value in fields.items()}
    client.force_login(head)
    response = client.post(add_url(nomination), data, follow=True)
    assert message in response.content.decode()
    assert not NominationAttachment.objects.exists()


def test_a_sent_nomination_keeps_its_evidence_as_it_was(nomination, head):
    kept = attach_evidence(nomination=nomination, user=head, title="Báo cáo", upload=pdf_upload())
    in_state(nomination, NominationState.SUBMITTED)
    with pytest.raises(NotPermitted):
        attach_evidence(nomination=nomination, user=head, title="Muộn", upload=pdf_upload())
    # The file's own copy of the nomination is still a draft: the locked row decides.
    with pytest.raises(AwardsError, match="Hồ sơ đã gửi"):
        remove_evidence(attachment=kept, user=head)
    assert list(NominationAttachment.objects.all()) == [kept]


def test_the_page_of_a_sent_nomination_offers_no_upload(client, nomination, head):
    in_state(nomination, NominationState.SUBMITTED)
    assert add_url(nomination) not in page_of(client, head, nomination)
    client.force_login(head)
    response = client.post(add_url(nomination), {"title": "Muộn", "file": pdf_upload()})
    assert response.status_code == 403
    assert not NominationAttachment.objects.exists()


def test_a_returned_nomination_takes_evidence_again(nomination, head):
    in_state(nomination, NominationState.RETURNED)
    attach_evidence(nomination=nomination, user=head, title="Bổ sung", upload=pdf_upload())
    assert NominationAttachment.objects.count() == 1


def test_removing_takes_the_row_and_its_stored_file(
    client, nomination, head, django_capture_on_commit_callbacks
):
    kept = attach_evidence(nomination=nomination, user=head, title="Báo cáo", upload=pdf_upload())
    storage, name = kept.file.storage, kept.file.name
    client.force_login(head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards:attachment_remove", args=[nomination.pk, kept.pk]), follow=True
        )
    assert "Đã gỡ “Báo cáo” khỏi hồ sơ." in response.content.decode()
    assert not NominationAttachment.objects.exists()
    assert not storage.exists(name)


def test_a_line_of_another_nomination_is_refused(nomination, head, other_unit):
    other = NominationFactory(unit=other_unit, created_by=head)
    with pytest.raises(AwardsError, match="không thuộc hồ sơ này"):
        attach_evidence(
            nomination=other,
            user=head,
            title="Báo cáo",
            upload=pdf_upload(),
            line=nomination.lines.get(),
        )
    assert not NominationAttachment.objects.exists()


def test_the_number_of_files_has_a_ceiling(nomination, head, monkeypatch):
    monkeypatch.setattr("awards.nominations.attachments.MAX_ATTACHMENTS", 2)
    for number in range(2):
        attach_evidence(nomination=nomination, user=head, title=f"T{number}", upload=pdf_upload())
    with pytest.raises(AwardsError, match="là số tối đa"):
        attach_evidence(nomination=nomination, user=head, title="T3", upload=pdf_upload())
    assert NominationAttachment.objects.count() == 2
    assert MAX_ATTACHMENTS == 30
