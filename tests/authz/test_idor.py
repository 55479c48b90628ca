"""S6 of RELIABILITY.md: another unit's or authority's ids placed in form fields, files and
URLs are refused and write nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from awards.models import Award, Nomination, NominationLine
from emulation.enums import Role
from emulation.models import Person, Unit
from tests.authz.snapshot import snapshot
from tests.authz.world import build_world
from tests.awards.factories import NominationFactory
from tests.security.test_security import _workbook


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_world()


def test_foreign_ids_in_payloads_are_refused(world):
    head = world.users[(Role.UNIT_HEAD, "own")]
    unit = world.unit
    draft = NominationFactory(unit=unit, created_by=head, year=2025)
    sibling_person = Person.objects.filter(employments__unit__authority=world.authority).exclude(
        employments__unit=unit
    )[0]
    foreign_unit = world.users[(Role.UNIT_HEAD, "other")].unit
    other_draft = Nomination.objects.exclude(unit=unit).filter(state="draft").first()
    award = Award.objects.get(code="ldtt")
    client = Client()
    client.force_login(head)
    add = reverse("awards:nominee_add", args=[draft.pk])
    vectors = [
        (
            "person of another unit",
            add,
            {"award": award.pk, "subject_kind": "individual", "person": sibling_person.pk},
        ),
        (
            "unit of another authority",
            add,
            {"award": award.pk, "subject_kind": "collective", "subject_unit": foreign_unit.pk},
        ),
        (
            "another unit's nomination",
            reverse("awards:nominee_add", args=[other_draft.pk]),
            {"award": award.pk, "subject_kind": "individual", "person": sibling_person.pk},
        ),
        (
            "records file of another unit",
            reverse("awards:records_import", args=[foreign_unit.pk, 2025]),
            {},
        ),
        (
            "job of another user",
            reverse("documents:job_download", args=[world.objects["job"].pk]),
            {},
        ),
    ]
    roll_file = _workbook(
        [
            ["Mã cán bộ", "Họ và tên", "Xếp loại", "Số tháng công tác"],
            ["", sibling_person.full_name, "Hoàn thành tốt nhiệm vụ", 12],
        ]
    )
    before = snapshot(skip={"django_session"})
    answers = {}
    for label, url, data in vectors:
        response = client.post(url, data) if "job" not in label else client.get(url)
        answers[label] = response.status_code
    response = client.post(
        reverse("awards:records_import", args=[unit.pk, 2025]),
        {"file": SimpleUploadedFile("ket-qua.xlsx", roll_file)},
        follow=True,
    )
    answers["person of another unit in a records file"] = response.status_code
    after = snapshot(skip={"django_session"})
    changed = sorted(t for t in before if before[t] != after[t])
    print(f"\nidor_vectors: {len(answers)}\nidor_tables_changed: {len(changed)}\n{answers}")
    assert NominationLine.objects.filter(nomination=draft).count() == 0
    assert answers["another unit's nomination"] == 404
    assert answers["records file of another unit"] == 404
    assert answers["job of another user"] == 404
    assert "Không có người này trong danh sách cán bộ của đơn vị." in response.content.decode()
    assert not changed, f"foreign ids changed {changed}"
    assert Unit.objects.filter(pk=foreign_unit.pk).exists()
