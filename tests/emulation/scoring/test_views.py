"""Pages of cluster scoring: each role × own / other unit; a unit cannot see another's
unpublished sheet; bad input writes nothing; the exports."""

import os
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from emulation.enums import Role
from emulation.models import Target
from emulation.models.scoring import ScoreEntry
from emulation.scoring.enums import SheetState
from emulation.scoring.services import move_sheet
from tests.emulation.scoring.conftest import item
from tests.emulation.scoring.test_services import self_score
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_sign_in(year_end):
    sheet = year_end.sheets.first()
    for url in (
        reverse("scoring:list"),
        reverse("scoring:round", args=[year_end.pk]),
        reverse("scoring:sheet", args=[sheet.pk]),
        reverse("scoring:export", args=[year_end.pk]),
    ):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_round_of_another_cluster_is_not_found(year_end, authority, other_authority):
    outsider = UserFactory(role=Role.UNIT_HEAD, unit=UnitFactory(authority=authority))
    foreign_staff = UserFactory(
        role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=other_authority)
    )
    for user in (outsider, foreign_staff):
        client = client_for(user)
        assert client.get(reverse("scoring:round", args=[year_end.pk])).status_code == 404
        sheet = year_end.sheets.first()
        assert client.get(reverse("scoring:sheet", args=[sheet.pk])).status_code == 404


def test_member_sees_own_sheet_but_not_anothers_unpublished(year_end, wards, heads, clerks):
    own = year_end.sheets.get(unit=wards[2])
    other = year_end.sheets.get(unit=wards[1])
    for user in (heads[2], clerks[2]):
        client = client_for(user)
        assert client.get(reverse("scoring:sheet", args=[own.pk])).status_code == 200
        assert client.get(reverse("scoring:sheet", args=[other.pk])).status_code == 404
        page = client.get(reverse("scoring:round", args=[year_end.pk])).content.decode()
        assert "Phường 3" in page and "Phường 2" not in page


def test_round_heading_names_the_year_once(year_end, heads):
    page = client_for(heads[0]).get(reverse("scoring:round", args=[year_end.pk])).content.decode()

    heading = f"{year_end.table.cluster.name} – Tổng kết năm {year_end.table.cluster.year}</h1>"
    assert heading in page


def test_head_unit_sees_other_sheets_once_submitted(table, targets, year_end, wards, heads):
    client = client_for(heads[0])
    draft = year_end.sheets.get(unit=wards[2])
    assert client.get(reverse("scoring:sheet", args=[draft.pk])).status_code == 404
    self_score(table, draft, heads[2])
    move_sheet(sheet=draft, to=SheetState.SUBMITTED, user=heads[2])
    assert client.get(reverse("scoring:sheet", args=[draft.pk])).status_code == 200
    own = year_end.sheets.get(unit=wards[0])
    assert client.get(reverse("scoring:sheet", args=[own.pk])).status_code == 200


def test_sheet_page_offers_the_moves_its_viewer_may_make(table, targets, year_end, wards, heads):
    sheet = year_end.sheets.get(unit=wards[2])
    self_score(table, sheet, heads[2])
    url = reverse("scoring:sheet", args=[sheet.pk])

    def offered(user) -> list[str]:
        html = client_for(user).get(url).content.decode()
        return [to for to in ("submitted", "checked", "draft") if f'value="{to}"' in html]

    assert (offered(heads[2]), offered(heads[0])) == (["submitted"], [])
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[2])
    assert (offered(heads[2]), offered(heads[0])) == ([], ["checked", "draft"])


def test_published_sheet_visible_to_other_members(table, targets, year_end, wards, heads, staff):
    sheet = year_end.sheets.get(unit=wards[1])
    self_score(table, sheet, heads[1])
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[1])
    move_sheet(sheet=sheet, to=SheetState.CHECKED, user=heads[0])
    client = client_for(heads[2])
    assert client.get(reverse("scoring:sheet", args=[sheet.pk])).status_code == 404
    move_sheet(sheet=sheet, to=SheetState.FINAL, user=staff)
    assert client.get(reverse("scoring:sheet", args=[sheet.pk])).status_code == 200


def test_self_scoring_through_the_page(table, year_end, wards, clerks):
    sheet = year_end.sheets.get(unit=wards[2])
    response = client_for(clerks[2]).post(
        reverse("scoring:score", args=[sheet.pk]),
        {f"value_{item(table, '1.2').pk}": "7,5", f"value_{item(table, '2.2').pk}": "1"},
    )
    assert response.status_code == 302
    assert sorted(
        ScoreEntry.objects.filter(sheet=sheet).values_list("criterion__code", "points")
    ) == [("1.2", Decimal("7.50")), ("2.2", Decimal("10.00"))]


def test_another_unit_cannot_post_scores(table, year_end, wards, heads, clerks, staff):
    sheet = year_end.sheets.get(unit=wards[2])
    url = reverse("scoring:score", args=[sheet.pk])
    data = {f"value_{item(table, '1.2').pk}": "5"}
    # Staff see the draft but may not self-score it.
    assert client_for(staff).post(url, data).status_code == 403
    # The head and deputy units do not see another unit's draft; nor does a unit outside.
    assert client_for(heads[0]).post(url, data).status_code == 404
    assert client_for(clerks[1]).post(url, data).status_code == 404
    outsider = UserFactory(role=Role.UNIT_CLERK, unit=UnitFactory(authority=wards[0].authority))
    assert client_for(outsider).post(url, data).status_code == 404
    assert not ScoreEntry.objects.exists()


def test_bad_score_is_refused_with_a_message_and_nothing_written(table, year_end, wards, heads):
    sheet = year_end.sheets.get(unit=wards[2])
    response = client_for(heads[2]).post(
        reverse("scoring:score", args=[sheet.pk]),
        {f"value_{item(table, '1.2').pk}": "12", f"value_{item(table, '2.1').pk}": "abc"},
    )
    assert response.status_code == 400
    assert "Dữ liệu chưa hợp lệ" in response.content.decode()
    response = client_for(heads[2]).post(
        reverse("scoring:score", args=[sheet.pk]), {f"value_{item(table, '1.2').pk}": "12"}
    )
    assert response.status_code == 400
    assert "1.2: Điểm phải từ 0 đến 10." in response.content.decode()
    assert not ScoreEntry.objects.exists()


def test_move_refused_shows_the_reason(table, targets, year_end, wards, heads, clerks):
    sheet = year_end.sheets.get(unit=wards[2])
    url = reverse("scoring:move", args=[sheet.pk])
    # A clerk has no part in the moves.
    assert client_for(clerks[2]).post(url, {"to": "submitted"}).status_code == 403
    response = client_for(heads[2]).post(url, {"to": "submitted"}, follow=True)
    assert "Chưa chấm đủ tiêu chí, còn thiếu: 1.2, 2.1, 2.2." in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DRAFT


def test_head_unit_cannot_finalise_through_the_page(table, targets, year_end, wards, heads):
    sheet = year_end.sheets.get(unit=wards[2])
    self_score(table, sheet, heads[2])
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[2])
    client = client_for(heads[0])
    client.post(reverse("scoring:move", args=[sheet.pk]), {"to": "checked"})
    response = client.post(reverse("scoring:move", args=[sheet.pk]), {"to": "final"}, follow=True)
    assert "Chỉ cán bộ thi đua của cơ quan được chốt điểm." in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.state == SheetState.CHECKED


def test_export_neutralises_formula_text_and_lists_the_ranking(
    table, targets, year_end, wards, heads, staff
):
    wards[1].name = '=HYPERLINK("http://x")'
    wards[1].save()
    sheet = year_end.sheets.get(unit=wards[1])
    self_score(table, sheet, heads[1])
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[1])
    move_sheet(sheet=sheet, to=SheetState.CHECKED, user=heads[0])
    move_sheet(sheet=sheet, to=SheetState.FINAL, user=staff)
    response = client_for(heads[2]).get(reverse("scoring:export", args=[year_end.pk]))
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    rows = list(workbook.active.iter_rows(min_row=3, values_only=True))
    assert rows == [(1, "P2", '\'=HYPERLINK("http://x")', 90, 68, "Xuất sắc", "Cờ thi đua")]
    assert all(cell.data_type != "f" for row in workbook.active.iter_rows() for cell in row)


def test_pdf_ranking_is_a_document_job(year_end, heads):
    response = client_for(heads[2]).post(reverse("scoring:print", args=[year_end.pk]))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:job_detail", args=[job.pk])
    assert (job.kind, job.params) == ("cluster_ranking", {"round_id": year_end.pk})


def test_pdf_ranking_renders(table, targets, year_end, wards, heads, staff, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    sheet = year_end.sheets.get(unit=wards[1])
    self_score(table, sheet, heads[1])
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[1])
    move_sheet(sheet=sheet, to=SheetState.CHECKED, user=heads[0])
    move_sheet(sheet=sheet, to=SheetState.FINAL, user=staff)
    client_for(heads[2]).post(reverse("scoring:print", args=[year_end.pk]))
    job = run_job(job_id=Job.objects.get().pk, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    assert len(job.result_sha256) == 64


def test_cross_check_through_the_page_needs_a_reason(
    table, targets, year_end, wards, heads, clerks
):
    sheet = year_end.sheets.get(unit=wards[2])
    self_score(table, sheet, heads[2])
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[2])
    client = client_for(clerks[1])
    page = client.get(reverse("scoring:sheet", args=[sheet.pk])).content.decode()
    assert "Chấm chéo (ghi lý do cho mỗi điểm thay đổi)" in page
    url = reverse("scoring:score", args=[sheet.pk])
    value = f"value_{item(table, '1.2').pk}"
    response = client.post(url, {value: "5"})
    assert response.status_code == 400
    assert "1.2: cần ghi lý do khi đổi điểm từ 8.00 thành 5.00." in response.content.decode()
    response = client.post(url, {value: "5", f"note_{item(table, '1.2').pk}": "Thiếu biên bản"})
    assert response.status_code == 302
    entry = ScoreEntry.objects.get(sheet=sheet, stage="cross")
    assert (entry.points, entry.author, entry.note) == (
        Decimal("5.00"),
        clerks[1],
        "Thiếu biên bản",
    )


def test_evidence_of_another_type_is_refused(table, year_end, wards, heads):
    sheet = year_end.sheets.get(unit=wards[2])
    upload = SimpleUploadedFile("chay.exe", b"MZ", content_type="application/octet-stream")
    response = client_for(heads[2]).post(
        reverse("scoring:score", args=[sheet.pk]),
        {f"value_{item(table, '2.2').pk}": "1", f"evidence_{item(table, '2.2').pk}": upload},
    )
    assert response.status_code == 400
    assert "Dữ liệu chưa hợp lệ" in response.content.decode()
    assert not ScoreEntry.objects.exists()


# Queries of the round page, pinned: the same with 3 units and with 7.
ROUND_QUERIES = 9


def test_round_page_queries_do_not_grow_with_units(
    table, targets, year_end, wards, heads, staff, authority, django_assert_num_queries
):
    def finalise(sheet, head, checker):
        self_score(table, sheet, head)
        move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=head)
        move_sheet(sheet=sheet, to=SheetState.CHECKED, user=checker)
        move_sheet(sheet=sheet, to=SheetState.FINAL, user=staff)

    finalise(year_end.sheets.get(unit=wards[2]), heads[2], heads[0])
    client = client_for(staff)
    url = reverse("scoring:round", args=[year_end.pk])
    with django_assert_num_queries(ROUND_QUERIES):
        assert client.get(url).status_code == 200
    first = targets[0]
    first_actual = first.actuals.get()
    for n in range(4, 8):
        ward = UnitFactory(authority=authority, code=f"P{n}", name=f"Phường {n}")
        year_end.table.cluster.memberships.create(unit=ward, sort_order=n)
        head = UserFactory(role=Role.UNIT_HEAD, unit=ward)
        target = Target.objects.get(pk=first.pk)
        target.pk = None
        target.unit = ward
        target.save()
        target.actuals.create(
            period=first_actual.period,
            value=Decimal(100),
            submitted_by=staff,
            submitted_at=first_actual.submitted_at,
            updated_at=first_actual.updated_at,
        )
        sheet = year_end.sheets.create(unit=ward)
        finalise(sheet, head, heads[0])
    with django_assert_num_queries(ROUND_QUERIES):
        page = client.get(url).content.decode()
    assert "Phường 7" in page
