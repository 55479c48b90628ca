"""The province's cluster of communes (issue 18): its pledge is signed online, for each
province unit that stands for a commune, by that commune's chairperson, with the same evidence,
consent and password as a unit head; nobody else of the commune signs it, and no chairperson
signs for another commune."""

import datetime
import os

import pytest
from django.core import mail
from django.utils import timezone

from documents.enums import JobStatus
from documents.services import run_job
from emulation.enums import Role
from emulation.heads import headed_units, unit_heads
from emulation.models.pledges import PledgeEvent, Signature
from emulation.pledges.enums import EventKind, SlotStatus, VersionStatus
from emulation.pledges.notices import send_pledge_reminders
from emulation.pledges.selectors import pending_slots_for_head
from emulation.pledges.services import PledgeError
from emulation.pledges.signing import RequestMeta, sign_pledge
from tests.documents.pdf_checks import pdf_text
from tests.emulation.pledges.conftest import client_for, sign_post

pytestmark = pytest.mark.django_db


def _content(job) -> bytes:
    with job.result.open("rb") as handle:
        return handle.read()


def test_each_chairperson_signs_for_their_communes_unit(province, province_version):
    saigon, binhkhanh, _bt = province["communes"]
    for commune in (saigon, binhkhanh):
        client = client_for(commune.chair)
        page = client.get(f"/giao-uoc/ban/{province_version.pk}/ky/").content.decode()
        assert f"Thay mặt {commune.unit.name}" in page
        assert province_version.document_sha256 in page
        response = sign_post(client, province_version)
        assert (response.status_code, response["Location"]) == (
            302,
            f"/giao-uoc/{province_version.pledge_id}/",
        )

    signatures = Signature.objects.filter(version=province_version).order_by("slot__sort_order")
    assert [(s.unit_id, s.user_id, s.role, s.signer_name) for s in signatures] == [
        (saigon.unit.pk, saigon.chair.pk, Role.CHAIRPERSON, "Nguyễn Thị Thu Hà"),
        (binhkhanh.unit.pk, binhkhanh.chair.pk, Role.CHAIRPERSON, "Lê Minh Khôi"),
    ]
    first = signatures[0]
    assert (first.auth_method, first.consent_version, first.document_sha256) == (
        "password",
        "2026-01",
        province_version.document_sha256,
    )
    assert (first.ip_address, len(first.session_key_hash)) == ("127.0.0.1", 64)
    signed = PledgeEvent.objects.filter(kind=EventKind.SIGNED).order_by("sequence")
    assert [(event.actor_id, event.unit_id) for event in signed] == [
        (saigon.chair.pk, saigon.unit.pk),
        (binhkhanh.chair.pk, binhkhanh.unit.pk),
    ]
    # Opening the signing page is noted under the unit signed for, not the commune's office.
    viewed = PledgeEvent.objects.filter(kind=EventKind.VIEWED).order_by("sequence")
    assert [event.unit_id for event in viewed] == [saigon.unit.pk, binhkhanh.unit.pk]
    province_version.refresh_from_db()
    assert province_version.status == VersionStatus.COMPLETE


def test_a_wrong_password_or_missing_consent_writes_nothing(province, province_version):
    chair = province["communes"][0].chair
    assert sign_post(client_for(chair), province_version, password="sai").status_code == 400
    assert sign_post(client_for(chair), province_version, consent=False).status_code == 400
    assert Signature.objects.count() == 0
    assert PledgeEvent.objects.filter(kind=EventKind.SIGNED).count() == 0


def test_a_chairperson_never_signs_for_another_communes_unit(province, province_version):
    saigon, binhkhanh, bento = province["communes"]
    # Bến Thành's unit is in no cluster: its chairperson does not even see the pledge.
    response = sign_post(client_for(bento.chair), province_version)
    assert response.status_code == 404
    assert client_for(bento.chair).get(f"/giao-uoc/{province_version.pledge_id}/").status_code == (
        404
    )
    # Sài Gòn's chairperson signs, twice: one signature, Sài Gòn's; Bình Khánh's slot waits.
    assert sign_post(client_for(saigon.chair), province_version).status_code == 302
    assert sign_post(client_for(saigon.chair), province_version).status_code == 302
    slots = {slot.unit_id: slot.status for slot in province_version.slots.all()}
    assert slots == {saigon.unit.pk: SlotStatus.SIGNED, binhkhanh.unit.pk: SlotStatus.PENDING}
    assert list(Signature.objects.values_list("unit_id", "user_id")) == [
        (saigon.unit.pk, saigon.chair.pk)
    ]


def test_the_chairperson_of_a_commune_no_longer_represented_cannot_sign(province, province_version):
    saigon = province["communes"][0]
    saigon.unit.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    saigon.unit.save()
    assert sign_post(client_for(saigon.chair), province_version).status_code == 404
    meta = RequestMeta(ip_address="127.0.0.1", user_agent="pytest", session_key="k")
    with pytest.raises(PledgeError, match="không có quyền ký"):
        sign_pledge(
            version=province_version,
            user=saigon.chair,
            shown_hash=province_version.document_sha256,
            consent_version="2026-01",
            auth_method="password",
            authenticated_at=timezone.now(),
            meta=meta,
        )
    assert Signature.objects.count() == 0


@pytest.mark.parametrize("who", ["staff", "head", "clerk", "council"])
def test_nobody_else_of_the_commune_signs_or_declines(province, province_version, who):
    user = getattr(province["communes"][0], who)
    client = client_for(user)
    assert client.get(f"/giao-uoc/ban/{province_version.pk}/ky/").status_code == 404
    assert sign_post(client, province_version).status_code == 404
    declined = client.post(f"/giao-uoc/ban/{province_version.pk}/tu-choi/", {"reason": "Bận"})
    assert declined.status_code == 404
    assert Signature.objects.count() == 0
    assert set(province_version.slots.values_list("status", flat=True)) == {SlotStatus.PENDING}
    assert PledgeEvent.objects.filter(actor=user).count() == 0


def test_the_chairperson_declines_for_their_commune_and_province_staff_hear_of_it(
    province, province_version, django_capture_on_commit_callbacks
):
    binhkhanh = province["communes"][1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(binhkhanh.chair).post(
            f"/giao-uoc/ban/{province_version.pk}/tu-choi/",
            {"reason": "Chờ Đảng ủy xã cho ý kiến"},
        )
    assert response.status_code == 302
    slot = province_version.slots.get(unit=binhkhanh.unit)
    assert (slot.status, slot.decline_reason) == (
        SlotStatus.DECLINED,
        "Chờ Đảng ủy xã cho ý kiến",
    )
    assert [message.to for message in mail.outbox] == [["snv@example.vn"]]
    assert mail.outbox[0].subject == (
        "UBND Xã Bình Khánh từ chối ký giao ước thi đua Cụm thi đua các xã, phường số 1"
    )


def test_the_pledge_waits_in_the_chairpersons_lists_until_signed(province, province_version):
    saigon = province["communes"][0]
    client = client_for(saigon.chair)
    home = client.get("/").content.decode()
    assert "Giao ước của cụm, khối thi đua cấp trên, Chủ tịch ký thay mặt địa phương." in home
    assert [slot.unit_id for slot in pending_slots_for_head(saigon.chair)] == [saigon.unit.pk]
    listing = client.get("/giao-uoc/", {"nam": 2026}).content.decode()
    assert f'href="/giao-uoc/ban/{province_version.pk}/ky/"' in listing
    assert "Thay mặt UBND Phường Sài Gòn" in listing
    assert province_version.title in listing
    detail = client.get(f"/giao-uoc/{province_version.pledge_id}/").content.decode()
    assert "Ký giao ước</a>" in detail
    pdf = client.get(f"/giao-uoc/ban/{province_version.pk}/van-ban.pdf")
    assert pdf.status_code == 200

    assert sign_post(client, province_version).status_code == 302
    assert pending_slots_for_head(saigon.chair).count() == 0
    assert "Giao ước chờ bạn ký" not in client.get("/giao-uoc/").content.decode()
    detail = client.get(f"/giao-uoc/{province_version.pledge_id}/").content.decode()
    assert "Đã ký lúc" in detail and "Ký giao ước</a>" not in detail


def test_only_a_chairperson_whose_commune_is_represented_gets_the_card(province, make_user, unit):
    bento = province["communes"][2]
    assert "Giao ước chờ ký" in client_for(bento.chair).get("/").content.decode()
    assert pending_slots_for_head(bento.chair).count() == 0
    alone = make_user(Role.CHAIRPERSON, unit)
    assert "Giao ước chờ ký" not in client_for(alone).get("/").content.decode()


def test_reminders_go_to_the_communes_chairpersons(
    province, province_version, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_pledge_reminders() == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bk-chu-tich@example.vn",
        "sg-chu-tich@example.vn",
    ]


def test_heads_of_a_unit_both_ways(province):
    saigon, binhkhanh, _bt = province["communes"]
    today = timezone.localdate()
    assert list(headed_units(saigon.chair, today)) == [saigon.unit]
    assert list(headed_units(saigon.head, today)) == [saigon.head.unit]
    assert list(headed_units(saigon.staff, today)) == []
    assert list(unit_heads(saigon.unit, today)) == [saigon.chair]
    assert list(unit_heads(saigon.head.unit, today)) == [saigon.head]
    # Before the province's unit for Bình Khánh existed, nobody headed it for the commune.
    binhkhanh.unit.valid_from = today + datetime.timedelta(days=1)
    binhkhanh.unit.save()
    assert list(headed_units(binhkhanh.chair, today)) == []
    assert list(unit_heads(binhkhanh.unit, today)) == []


def test_the_signed_pledge_names_each_commune_and_its_chairperson(province, province_version):
    for commune in province["communes"][:2]:
        assert sign_post(client_for(commune.chair), province_version).status_code == 302
    province_version.refresh_from_db()
    job = run_job(job_id=province_version.final_job_id, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    text = pdf_text(_content(job))
    assert "TM. ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN CHỦ TỊCH (Đã ký điện tử) Nguyễn Thị Thu Hà" in text
    assert "TM. ỦY BAN NHÂN DÂN XÃ BÌNH KHÁNH CHỦ TỊCH (Đã ký điện tử) Lê Minh Khôi" in text
    # The signature page: each signer beside the province's unit for their commune.
    assert "1 UBND Phường Sài Gòn Nguyễn Thị Thu Hà" in text
    assert "2 UBND Xã Bình Khánh Lê Minh Khôi" in text
    # The header is the province's, who runs the cluster.
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ THỬ NGHIỆM" in text
    # The commune's own office never appears as the signer's unit.
    assert "Văn phòng HĐND và UBND" not in text


def test_the_text_opened_for_signature_frozen_with_the_communes_names(province_version):
    members = province_version.content["members"]
    assert [(m["name"], m["represented_issuer"], m["is_head"]) for m in members] == [
        ("UBND Phường Sài Gòn", "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN", True),
        ("UBND Xã Bình Khánh", "ỦY BAN NHÂN DÂN XÃ BÌNH KHÁNH", False),
    ]
    text = pdf_text(_content(province_version.document_job))
    assert "TM. ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN CHỦ TỊCH (Ký điện tử)" in text
    assert "ĐẠI DIỆN" not in text
