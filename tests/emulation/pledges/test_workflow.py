"""The pledge version's workflow (`VERSION_WORKFLOW`): the table, the rule asked for opening,
the compare-and-set, and the button the detail page shows from the available actions."""

import os

import pytest

from config.workflow import TransitionRefused
from documents.services import run_job
from emulation.models.pledges import PledgeVersion, SignatureSlot
from emulation.pledges.enums import SlotStatus, VersionStatus
from emulation.pledges.services import set_version_status
from emulation.pledges.signing import SLOT_WORKFLOW, open_for_signature
from tests.emulation.pledges.conftest import client_for

pytestmark = pytest.mark.django_db


def test_open_by_a_head_whose_unit_does_not_lead_is_refused_and_the_draft_stays(pledge, heads):
    draft = pledge.versions.get()

    with pytest.raises(TransitionRefused, match=r"^Bạn không có quyền thực hiện thao tác này\.$"):
        open_for_signature(version=draft, by=heads[1])

    assert PledgeVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT
    assert SignatureSlot.objects.filter(version=draft).count() == 0


def test_set_version_status_outside_the_table_is_refused_and_writes_nothing(pledge):
    draft = pledge.versions.get()

    with pytest.raises(
        TransitionRefused, match=r"^Không thể chuyển từ “Dự thảo” sang “Đã ký đủ”\.$"
    ) as refused:
        set_version_status(draft, VersionStatus.COMPLETE)

    assert not refused.value.conflict
    assert PledgeVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_set_version_status_from_a_stale_copy_is_a_conflict(pledge):
    draft = pledge.versions.get()
    stale = PledgeVersion.objects.get(pk=draft.pk)
    set_version_status(draft, VersionStatus.SUPERSEDED)

    with pytest.raises(
        TransitionRefused,
        match=r"^Giao ước vừa được người khác thay đổi\. Vui lòng tải lại trang\.$",
    ) as refused:
        set_version_status(stale, VersionStatus.OPEN, verification_code="ABC")

    assert refused.value.conflict
    saved = PledgeVersion.objects.get(pk=draft.pk)
    assert (saved.status, saved.verification_code) == (VersionStatus.SUPERSEDED, "")


def test_detail_page_offers_opening_to_whom_the_rule_grants_it(pledge, staff, heads):
    open_form = f'action="/giao-uoc/{pledge.pk}/mo-ky/"'

    assert open_form in client_for(staff).get(f"/giao-uoc/{pledge.pk}/").content.decode()
    assert open_form in client_for(heads[0]).get(f"/giao-uoc/{pledge.pk}/").content.decode()
    assert open_form not in client_for(heads[1]).get(f"/giao-uoc/{pledge.pk}/").content.decode()


def test_detail_page_offers_no_opening_once_open(open_version, staff):
    html = client_for(staff).get(f"/giao-uoc/{open_version.pledge_id}/").content.decode()

    assert f'action="/giao-uoc/{open_version.pledge_id}/mo-ky/"' not in html
    assert "Chốt nội dung và mở ký" not in html


def test_a_signed_slot_cannot_be_declined_and_a_stale_slot_loses_the_race(open_version, heads):
    """SLOT_WORKFLOW: a unit that declined may still sign; a signed one never goes back."""
    slot = SignatureSlot.objects.filter(version=open_version).first()
    stale = SignatureSlot.objects.get(pk=slot.pk)
    SLOT_WORKFLOW.apply(slot, SlotStatus.DECLINED, by=heads[0], check=False, decline_reason="x")
    SLOT_WORKFLOW.apply(slot, SlotStatus.SIGNED, by=heads[0], check=False)

    with pytest.raises(TransitionRefused, match=r"^Không thể chuyển từ “Đã ký” sang “Từ chối ký”"):
        SLOT_WORKFLOW.apply(slot, SlotStatus.DECLINED, by=heads[0], check=False)
    with pytest.raises(TransitionRefused, match="vừa được người khác thay đổi") as lost:
        SLOT_WORKFLOW.apply(stale, SlotStatus.SIGNED, by=heads[0], check=False)

    assert lost.value.conflict
    assert SignatureSlot.objects.get(pk=slot.pk).status == SlotStatus.SIGNED


def test_detail_page_asks_again_for_its_documents_only_while_one_is_rendered(
    pledge, staff, heads, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    version = open_for_signature(version=pledge.versions.get(), by=staff)
    page = f"/giao-uoc/{pledge.pk}/"

    rendering = client_for(heads[0]).get(page).content.decode()
    assert 'hx-select="#pledge-documents"' in rendering
    assert 'hx-trigger="every 2s"' in rendering
    assert "Văn bản ký đang được tạo; trang tự cập nhật khi xong." in rendering

    run_job(job_id=version.document_job_id, worker_pid=os.getpid())
    ready = client_for(heads[0]).get(page).content.decode()
    assert 'hx-trigger="every 2s"' not in ready
    assert f'href="/giao-uoc/ban/{version.pk}/van-ban.pdf"' in ready
