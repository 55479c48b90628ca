"""The units import: the tree by parent code (parents in the same file too), cycles refused,
the cluster or bloc of this year, the head by staff code."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config import clock
from emulation.enums import Role
from emulation.imports import services
from emulation.imports.engine import check_file
from emulation.imports.registry import kind_or_404
from emulation.models import DataImport, Unit
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.pledges.enums import ClusterKind
from emulation.spreadsheet_reading import ImportRejected
from tests.emulation.imports.conftest import xlsx
from tests.factories import PersonFactory, UnitFactory

UNITS = kind_or_404("don-vi")
OFFICE = "Cơ quan chuyên môn"


def row(code, name, parent="", cluster="", head="", order=0, kind=OFFICE):
    return [code, name, kind, parent, cluster, head, "", "", order]


def test_a_tree_is_built_from_parent_codes_in_the_same_file(authority, staff, run_import):
    run_import(
        "don-vi",
        staff,
        xlsx(
            [
                UNITS.headers,
                row("KP1", "Khu phố 1", parent="UB", kind="Khu phố, tổ dân phố"),
                row("UB", "Ủy ban nhân dân phường"),
            ]
        ),
    )

    tree = dict(Unit.objects.filter(code__in=["KP1", "UB"]).values_list("code", "parent__code"))
    assert tree == {"KP1": "UB", "UB": None}
    assert Unit.objects.get(code="KP1").kind == "residential"


def test_a_cycle_in_the_tree_is_refused_at_the_parent_cell(authority, staff):
    content = xlsx(
        [UNITS.headers, row("A", "Đơn vị A", parent="B"), row("B", "Đơn vị B", parent="A")]
    )

    with pytest.raises(ImportRejected) as caught:
        check_file(UNITS, authority=authority, filename="a.xlsx", content=content)

    assert [str(i) for i in caught.value.issues] == [
        "Dòng 2, cột D (Mã đơn vị cấp trên): Cây đơn vị bị vòng: “A” lại là cấp dưới của chính nó.",
        "Dòng 3, cột D (Mã đơn vị cấp trên): Cây đơn vị bị vòng: “B” lại là cấp dưới của chính nó.",
    ]


def test_the_cluster_of_this_year_and_the_head_are_set(authority, unit, staff, run_import):
    year = clock.today().year
    bloc = Cluster.objects.create(
        authority=authority, kind=ClusterKind.BLOC, year=year, code="KHOI-CQ", name="Khối cơ quan"
    )
    head = PersonFactory(authority=authority, staff_code="NV7", full_name="Võ Thị Sáu")

    run_import(
        "don-vi",
        staff,
        xlsx([UNITS.headers, row(unit.code, unit.name, cluster="KHOI-CQ", head="NV7")]),
    )

    unit.refresh_from_db()
    assert unit.head == head
    assert list(ClusterMembership.objects.values_list("cluster", "unit")) == [(bloc.pk, unit.pk)]
    assert UNITS.export_rows(authority).__next__()[4:6] == ["KHOI-CQ", "NV7"]


def test_an_unknown_cluster_or_head_is_refused_by_name(authority, unit):
    content = xlsx([UNITS.headers, row(unit.code, unit.name, cluster="CUM-9", head="NV404")])

    with pytest.raises(ImportRejected) as caught:
        check_file(UNITS, authority=authority, filename="a.xlsx", content=content)

    year = clock.today().year
    assert [str(i) for i in caught.value.issues] == [
        f"Dòng 2, cột E (Mã cụm, khối thi đua): Không có cụm, khối mã “CUM-9” năm {year}; "
        "hãy tạo cụm, khối ở trang Giao ước trước.",
        "Dòng 2, cột F (Mã cán bộ thủ trưởng): Không có cán bộ mã “NV404”; hãy nhập cán bộ trước.",
    ]


def test_a_unit_of_another_authority_is_never_touched(
    authority, other_authority, staff, run_import
):
    theirs = UnitFactory(authority=other_authority, code="PNV", name="Phòng Nội vụ khác")

    run_import("don-vi", staff, xlsx([UNITS.headers, row("PNV", "Phòng Nội vụ")]))

    theirs.refresh_from_db()
    assert theirs.name == "Phòng Nội vụ khác"
    assert Unit.objects.get(authority=authority, code="PNV").name == "Phòng Nội vụ"


def test_a_file_that_loses_a_race_writes_nothing_and_says_so(
    authority, staff, make_user, unit, monkeypatch
):
    """Two staff confirm files creating the same unit: the second was checked before the first
    was written, so its write meets the unique code; it is refused whole, with a sentence."""
    content = xlsx([UNITS.headers, row("PNV", "Phòng Nội vụ")])
    first, _plan = services.start_import(kind=UNITS, user=staff, filename="a.xlsx", content=content)
    other = make_user(Role.ADMINISTRATOR, unit)
    second, _plan = services.start_import(
        kind=UNITS, user=other, filename="b.xlsx", content=content
    )
    checked = services.check_file

    def checked_then_overtaken(*args, **kwargs):
        plan = checked(*args, **kwargs)
        monkeypatch.setattr(services, "check_file", checked)
        services.confirm_import(kind=UNITS, user=staff, upload=first, sha256=first.sha256)
        return plan

    monkeypatch.setattr(services, "check_file", checked_then_overtaken)

    with pytest.raises(ImportRejected) as caught:
        services.confirm_import(kind=UNITS, user=other, upload=second, sha256=second.sha256)

    assert str(caught.value.issues[0]) == (
        "Dữ liệu vừa được thay đổi trong lúc ghi (có thể do một lần nhập khác); chưa ghi dòng "
        "nào. Hãy tải tệp lên lại để xem trước."
    )
    assert Unit.objects.filter(authority=authority, code="PNV").count() == 1
    written = [stored.is_written for stored in DataImport.objects.order_by("pk")]
    assert written == [True, False]


def _unit_import_queries(run_import, staff, count: int, prefix: str) -> tuple[int, set]:
    """Queries other than INSERT, and the tables inserted into. SQLite caps a statement at 999
    parameters, so Django splits a bulk insert of many wide rows (a unit has 13 columns) into
    batches; PostgreSQL inserts them at once. Everything else is the same whatever the rows."""
    rows = [UNITS.headers] + [
        row(f"{prefix}{n}", f"Tổ dân phố {prefix} {n}", parent=f"{prefix}0" if n else "")
        for n in range(count)
    ]
    content = xlsx(rows)
    with CaptureQueriesContext(connection) as captured:
        run_import("don-vi", staff, content)
    statements = [query["sql"] for query in captured.captured_queries]
    inserts = {sql.split('"')[1] for sql in statements if sql.startswith("INSERT")}
    return len([sql for sql in statements if not sql.startswith("INSERT")]), inserts


def test_unit_import_queries_stay_the_same_for_10_and_100_rows(authority, staff, run_import):
    assert _unit_import_queries(run_import, staff, 10, "A") == _unit_import_queries(
        run_import, staff, 100, "B"
    )
