"""The pledge PDF: frozen content, target commitments with their plan values, and the content
staying as opened when the live records change."""

import os
from decimal import Decimal

import pytest
from pypdf import PdfReader

from documents.services import run_job
from emulation.models.pledges import PledgeItem
from emulation.pledges.enums import ItemKind
from emulation.pledges.signing import open_for_signature
from tests.emulation.targets.factories import TargetFactory

pytestmark = pytest.mark.django_db


def _text(job) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(job.result.path).pages).split())


def test_target_commitment_shows_plan_value_as_frozen(pledge, staff, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    target = TargetFactory(
        authority=pledge.cluster.authority,
        year=2026,
        code="THU-NS",
        name="Tổng thu ngân sách",
        plan_value=Decimal("16728.5"),
    )
    version = pledge.versions.get()
    PledgeItem.objects.create(
        version=version,
        kind=ItemKind.TARGET,
        section="Chỉ tiêu kinh tế - xã hội",
        text="Phấn đấu hoàn thành chỉ tiêu thu ngân sách",
        target=target,
        sort_order=1,
    )
    version = open_for_signature(version=version, by=staff)
    target.plan_value = Decimal("99999")
    target.save()

    job = run_job(job_id=version.document_job_id, worker_pid=os.getpid())
    text = _text(job)
    assert version.content["items"][1]["target"]["plan_value"] == "16728.5000"
    assert "THU-NS: Tổng thu ngân sách, kế hoạch 16.728,5 tỷ đồng" in text
    assert "99.999" not in text
    assert "Phường Bến Thành 1 (cụm trưởng)" in text
    assert f"Mã xác thực: {version.verification_code}" in text
