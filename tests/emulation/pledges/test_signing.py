"""Signing through the real views: the happy path to the final PDF and every refused case."""

import datetime
import hashlib
import io
import os
import pathlib
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from documents.enums import JobStatus
from documents.services import run_job
from emulation.enums import Role
from emulation.models import Authority, Unit, User
from emulation.models.pledges import Delegation, PledgeEvent, PledgeVersion, Signature
from emulation.pledges.enums import EventKind, SlotStatus, VersionStatus
from emulation.pledges.notices import send_pledge_reminders
from emulation.pledges.selectors import pending_slots_for_head
from emulation.pledges.services import PledgeError, amend_pledge
from emulation.pledges.signing import PLEDGE_FINAL_DOCUMENT, RequestMeta, sign_pledge
from tests.conftest import rows_again, rows_for_the_module
from tests.emulation.pledges.conftest import (
    client_for,
    draft_cluster_pledge,
    make_cluster,
    make_heads,
    make_staff,
    make_wards,
    open_with_pdf,
    sign_post,
)
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Opened:
    authority_pk: int
    ward_pks: list
    head_pks: list
    staff_pk: int
    version_pk: int
    media_root: str


@pytest.fixture(scope="module")
def opened_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Cluster 1's pledge opened for signature, its PDF rendered, and the heads of its three
    wards, once per module (and xdist worker), in the order the fixtures of
    tests/emulation/pledges/conftest.py make them: each test signs, amends or refuses in a
    savepoint of its own, and what it renders goes to the module's media folder."""
    media_root = str(tmp_path_factory.mktemp("pledge-signing-media"))
    with override_settings(MEDIA_ROOT=media_root), rows_for_the_module(django_db_blocker):
        authority = AuthorityFactory()
        wards = make_wards(authority)
        staff = make_staff(authority)
        version = open_with_pdf(draft_cluster_pledge(make_cluster(authority, wards), staff), staff)
        heads = make_heads(wards)
        yield Opened(
            authority_pk=authority.pk,
            ward_pks=[ward.pk for ward in wards],
            head_pks=[head.pk for head in heads],
            staff_pk=staff.pk,
            version_pk=version.pk,
            media_root=media_root,
        )


# The module's rows, read afresh for each test.
@pytest.fixture
def authority(db, opened_once):
    return Authority.objects.get(pk=opened_once.authority_pk)


@pytest.fixture
def wards(db, opened_once):
    return rows_again(Unit, opened_once.ward_pks)


@pytest.fixture
def heads(db, opened_once):
    return rows_again(User, opened_once.head_pks)


@pytest.fixture
def staff(db, opened_once):
    return User.objects.get(pk=opened_once.staff_pk)


@pytest.fixture
def open_version(db, opened_once, settings):
    """The first version opened for signature, with its PDF rendered and stored; the PDF is
    put back as it was rendered after a test that alters it."""
    settings.MEDIA_ROOT = opened_once.media_root
    version = PledgeVersion.objects.get(pk=opened_once.version_pk)
    path = pathlib.Path(version.document_job.result.path)
    rendered = path.read_bytes()
    yield version
    if path.read_bytes() != rendered:
        path.write_bytes(rendered)


@pytest.fixture
def pledge(open_version):
    return open_version.pledge


def _pdf_text(path) -> str:
    """The PDF's text with every run of whitespace (table cells wrap) made one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_all_heads_sign_through_views_final_pdf_rendered(open_version, heads):
    for head in heads:
        client = client_for(head)
        page = client.get(f"/giao-uoc/ban/{open_version.pk}/ky/")
        assert page.status_code == 200
        assert open_version.document_sha256 in page.content.decode()
        response = sign_post(client, open_version)
        assert response.status_code == 302
        assert response["Location"] == f"/giao-uoc/{open_version.pledge_id}/"

    open_version.refresh_from_db()
    assert open_version.status == VersionStatus.COMPLETE
    assert Signature.objects.filter(version=open_version).count() == 3
    assert open_version.final_job.kind == PLEDGE_FINAL_DOCUMENT
    assert open_version.final_job.status == JobStatus.QUEUED

    job = run_job(job_id=open_version.final_job_id, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    text = _pdf_text(job.result.path)
    assert "TRANG CHỮ KÝ ĐIỆN TỬ" in text
    assert "GIAO ƯỚC THI ĐUA NĂM 2026" in text
    assert open_version.verification_code in text
    assert "Lê Văn Trưởng 1" in text and "Lê Văn Trưởng 3" in text
    assert open_version.document_sha256 in text.replace(" ", "")

    final = client_for(heads[0]).get(f"/giao-uoc/ban/{open_version.pk}/ban-da-ky.pdf")
    assert final.status_code == 200
    assert final["Content-Type"] == "application/pdf"
    assert b"".join(final.streaming_content) == job.result.open("rb").read()


def test_signature_evidence_has_every_field(open_version, heads):
    client = client_for(heads[1])
    sign_post(client, open_version)
    signature = Signature.objects.get(version=open_version)
    assert signature.user == heads[1]
    assert signature.unit == heads[1].unit
    assert signature.role == Role.UNIT_HEAD
    assert signature.auth_method == "password"
    assert signature.consent_version == "2026-01"
    assert signature.document_sha256 == open_version.document_sha256
    assert signature.ip_address == "127.0.0.1"
    assert len(signature.session_key_hash) == 64
    assert signature.signer_name == "Lê Văn Trưởng 2"
    event = PledgeEvent.objects.get(kind=EventKind.SIGNED)
    assert event.data["document_sha256"] == open_version.document_sha256
    assert event.data["session_key_hash"] == signature.session_key_hash
    assert event.unit_id == heads[1].unit_id


def test_sign_page_and_pdf_record_view_events_of_signers_only(open_version, heads, staff):
    client = client_for(heads[0])
    client.get(f"/giao-uoc/ban/{open_version.pk}/ky/")
    pdf = client.get(f"/giao-uoc/ban/{open_version.pk}/van-ban.pdf")
    assert hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == (
        open_version.document_sha256
    )
    client_for(staff).get(f"/giao-uoc/ban/{open_version.pk}/van-ban.pdf")
    assert PledgeEvent.objects.filter(kind=EventKind.VIEWED, actor=heads[0]).count() == 2
    assert PledgeEvent.objects.filter(kind=EventKind.VIEWED).count() == 2


def test_sign_head_of_another_unit_forbidden(open_version, authority, outsider_unit):
    outsider = UserFactory(role=Role.UNIT_HEAD, unit=outsider_unit)
    response = sign_post(client_for(outsider), open_version)
    assert response.status_code == 404
    assert Signature.objects.count() == 0


def test_sign_clerk_of_member_unit_forbidden(open_version, wards):
    clerk = UserFactory(role=Role.UNIT_CLERK, unit=wards[0])
    response = sign_post(client_for(clerk), open_version)
    assert response.status_code == 403
    assert Signature.objects.count() == 0


def test_sign_deputy_with_dated_delegation_allowed(open_version, wards, heads):
    deputy = UserFactory(role=Role.UNIT_CLERK, unit=wards[2])
    today = timezone.localdate()
    Delegation.objects.create(
        unit=wards[2],
        delegate=deputy,
        granted_by=heads[2],
        valid_from=today - datetime.timedelta(days=1),
        valid_to=today + datetime.timedelta(days=1),
        reference="Giấy ủy quyền số 12/GUQ",
    )
    response = sign_post(client_for(deputy), open_version)
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.delegation.reference == "Giấy ủy quyền số 12/GUQ"
    assert signature.unit == wards[2]


def test_sign_deputy_with_expired_delegation_forbidden(open_version, wards, heads):
    deputy = UserFactory(role=Role.UNIT_CLERK, unit=wards[2])
    Delegation.objects.create(
        unit=wards[2],
        delegate=deputy,
        granted_by=heads[2],
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2025, 1, 31),
        reference="Giấy ủy quyền cũ",
    )
    assert sign_post(client_for(deputy), open_version).status_code == 403
    assert Signature.objects.count() == 0


def test_sign_wrong_password_refused(open_version, heads):
    response = sign_post(client_for(heads[0]), open_version, password="sai-mat-khau")
    assert response.status_code == 400
    assert "Mật khẩu không đúng" in response.content.decode()
    assert Signature.objects.count() == 0


def test_sign_without_reauthentication_refused(open_version, heads):
    response = sign_post(client_for(heads[0]), open_version, password="")
    assert response.status_code == 400
    assert "chưa nhập lại mật khẩu" in response.content.decode()
    assert Signature.objects.count() == 0


def test_sign_without_consent_refused(open_version, heads):
    response = sign_post(client_for(heads[0]), open_version, consent=False)
    assert response.status_code == 400
    assert "Hãy đánh dấu đồng ý" in response.content.decode()
    assert Signature.objects.count() == 0


def test_sign_without_consent_ties_the_error_to_the_checkbox(open_version, heads):
    """The error list carries the id Django's aria-describedby points at, so it is read out."""
    response = sign_post(client_for(heads[0]), open_version, consent=False)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="id_consent_error"' in page
    assert page.count('id="id_consent_error"') == 1
    errors = page.split('id="id_consent_error">', 1)[1].split("</ul>", 1)[0]
    assert "Hãy đánh dấu đồng ý" in errors
    assert Signature.objects.count() == 0


def test_sign_changed_hash_refused(open_version, heads):
    changed = "f" * 64
    response = sign_post(client_for(heads[0]), open_version, sha=changed)
    assert response.status_code == 400
    assert "Văn bản đã thay đổi" in response.content.decode()
    assert Signature.objects.count() == 0


def test_sign_stored_pdf_altered_refused(open_version, heads):
    path = pathlib.Path(open_version.document_job.result.path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    response = sign_post(client_for(heads[0]), open_version)
    assert response.status_code == 400
    assert "Văn bản đã thay đổi" in response.content.decode()
    assert Signature.objects.count() == 0


@pytest.mark.parametrize(("allowed", "status", "signatures"), [(False, 400, 0), (True, 302, 1)])
def test_sign_after_deadline_follows_setting(
    open_version, heads, settings, allowed, status, signatures
):
    settings.PLEDGE_SIGN_AFTER_DEADLINE = allowed
    type(open_version).objects.filter(pk=open_version.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = sign_post(client_for(heads[0]), open_version)
    assert response.status_code == status
    assert ("Đã quá hạn ký" in response.content.decode()) is not allowed
    assert Signature.objects.count() == signatures


def test_sign_already_complete_refused_for_new_signer(open_version, heads):
    for head in heads:
        sign_post(client_for(head), open_version)
    extra = UserFactory(role=Role.UNIT_HEAD, unit=heads[0].unit)
    response = sign_post(client_for(extra), open_version)
    assert response.status_code == 400
    assert "Đơn vị đã ký giao ước này." in response.content.decode()
    assert Signature.objects.count() == 3


def test_sign_twice_same_user_returns_same_receipt(open_version, heads):
    client = client_for(heads[0])
    first = sign_post(client, open_version)
    second = sign_post(client, open_version)
    assert first["Location"] == second["Location"] == f"/giao-uoc/{open_version.pledge_id}/"
    assert Signature.objects.count() == 1
    assert PledgeEvent.objects.filter(kind=EventKind.SIGNED).count() == 1


def test_recent_reauthentication_signs_without_password(open_version, pledge, heads, staff):
    client = client_for(heads[0])
    session = client.session
    session["pledges_reauthenticated_at"] = timezone.now().isoformat()
    session.save()
    assert sign_post(client, open_version, password="").status_code == 302
    assert Signature.objects.get().auth_method == "recent_password"


def test_stale_reauthentication_refused(open_version, heads):
    client = client_for(heads[0])
    session = client.session
    session["pledges_reauthenticated_at"] = (
        timezone.now() - datetime.timedelta(minutes=6)
    ).isoformat()
    session.save()
    assert sign_post(client, open_version, password="").status_code == 400
    assert Signature.objects.count() == 0


def test_head_signs_last_order_enforced(open_version, heads):
    type(open_version).objects.filter(pk=open_version.pk).update(head_signs_last=True)
    response = sign_post(client_for(heads[0]), open_version)
    assert response.status_code == 400
    assert "ký sau khi các đơn vị khác" in response.content.decode()
    sign_post(client_for(heads[1]), open_version)
    sign_post(client_for(heads[2]), open_version)
    assert sign_post(client_for(heads[0]), open_version).status_code == 302
    open_version.refresh_from_db()
    assert open_version.status == VersionStatus.COMPLETE


def test_decline_with_reason_notifies_staff(
    open_version, heads, staff, django_capture_on_commit_callbacks
):
    client = client_for(heads[1])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/giao-uoc/ban/{open_version.pk}/tu-choi/", {"reason": "Chỉ tiêu chưa phù hợp"}
        )
    assert response.status_code == 302
    slot = open_version.slots.get(unit=heads[1].unit)
    assert slot.status == SlotStatus.DECLINED
    assert slot.decline_reason == "Chỉ tiêu chưa phù hợp"
    assert [m.to for m in mail.outbox] == [["thidua@example.vn"]]
    assert "Phường Bến Thành 2 từ chối ký" in mail.outbox[0].subject


def test_sign_service_refuses_stale_authentication_time(open_version, heads):
    with pytest.raises(PledgeError, match="Cần nhập lại mật khẩu"):
        sign_pledge(
            version=open_version,
            user=heads[0],
            shown_hash=open_version.document_sha256,
            consent_version="2026-01",
            auth_method="password",
            authenticated_at=timezone.now() - datetime.timedelta(seconds=301),
            meta=RequestMeta(ip_address="10.0.0.1", user_agent="test", session_key="k"),
        )
    assert Signature.objects.count() == 0


def test_sign_service_refuses_old_consent_version(open_version, heads):
    with pytest.raises(PledgeError, match="Lời đồng ý đã được cập nhật"):
        sign_pledge(
            version=open_version,
            user=heads[0],
            shown_hash=open_version.document_sha256,
            consent_version="2025-01",
            auth_method="password",
            authenticated_at=timezone.now(),
            meta=RequestMeta(ip_address=None, user_agent="", session_key=""),
        )


def test_amend_open_version_supersedes_and_keeps_signatures(open_version, heads, staff):
    sign_post(client_for(heads[0]), open_version)
    new = amend_pledge(version=open_version, by=staff, reason="Bổ sung chỉ tiêu chuyển đổi số")
    open_version.refresh_from_db()
    assert open_version.status == VersionStatus.SUPERSEDED
    assert new.number == 2
    assert new.status == VersionStatus.DRAFT
    assert list(new.items.values_list("text", flat=True)) == [
        "Thực hiện tốt phong trào “Dân vận khéo”"
    ]
    assert Signature.objects.filter(version=open_version).count() == 1
    response = sign_post(client_for(heads[1]), open_version)
    assert "không còn mở để ký" in response.content.decode()


def test_reminders_once_a_day_to_pending_heads(
    open_version, heads, django_capture_on_commit_callbacks
):
    sign_post(client_for(heads[0]), open_version)
    mail.outbox.clear()
    # The reminders are sent by the mail worker once the command's writes commit.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_pledge_reminders() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["truong2@example.vn", "truong3@example.vn"]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_pledge_reminders() == 0
    assert len(mail.outbox) == 2
    assert PledgeEvent.objects.filter(kind=EventKind.REMINDED).count() == 2


def test_reminder_command_reports_count(open_version, heads, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_pledge_reminders", stdout=out)
    assert out.getvalue() == "Đã nhắc 3 đơn vị chưa ký.\n"
    assert len(mail.outbox) == 3


def test_pending_slots_for_head_drop_after_signing(open_version, heads):
    assert pending_slots_for_head(heads[0]).count() == 1
    sign_post(client_for(heads[0]), open_version)
    assert pending_slots_for_head(heads[0]).count() == 0
    assert pending_slots_for_head(heads[1]).count() == 1


def _sign_link(version) -> str:
    return f'href="/giao-uoc/ban/{version.pk}/ky/"'


def test_pledge_page_says_when_the_unit_signed_instead_of_offering_to_sign(open_version, heads):
    signer, other = client_for(heads[0]), client_for(heads[1])
    before = signer.get(f"/giao-uoc/{open_version.pledge_id}/").content.decode()
    sign_post(signer, open_version)
    signed_at = timezone.localtime(Signature.objects.get(unit=heads[0].unit).signed_at)
    after = signer.get(f"/giao-uoc/{open_version.pledge_id}/").content.decode()
    other_page = other.get(f"/giao-uoc/{open_version.pledge_id}/").content.decode()
    assert (
        _sign_link(open_version) in before,
        _sign_link(open_version) in after,
        f"Đã ký lúc {signed_at:%d/%m/%Y %H:%M}" in after,
        _sign_link(open_version) in other_page,
        "Đã ký lúc" in other_page,
    ) == (True, False, True, True, False)


def test_pledge_history_names_the_actor_not_the_login(open_version, heads, staff):
    staff.last_name, staff.first_name = "Nguyễn Thị", "Oanh"
    staff.save(update_fields=["last_name", "first_name"])
    page = client_for(staff).get(f"/giao-uoc/{open_version.pledge_id}/").content.decode()
    assert ("Nguyễn Thị Oanh" in page, f" · {staff.username}</li>" in page) == (True, False)


def test_final_pdf_carries_the_authoritys_digital_signature(open_version, heads, signing_on):
    """The signed pledge is issued with the authority's PAdES signature (DOMAIN §10.4), on
    its signature page, and validates against the configured roots."""
    from documents.signature_check import read_signatures
    from documents.signing import AUTHORITY_FIELD

    for head in heads:
        assert sign_post(client_for(head), open_version).status_code == 302
    open_version.refresh_from_db()
    job = run_job(job_id=open_version.final_job_id, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    content = job.result.open("rb").read()
    [finding] = read_signatures(content)
    assert finding.field_name == AUTHORITY_FIELD
    assert finding.holds, finding.problem
    assert finding.signer == "Ủy ban nhân dân phường Thử Nghiệm"
    assert "TRANG CHỮ KÝ ĐIỆN TỬ" in _pdf_text(io.BytesIO(content))
