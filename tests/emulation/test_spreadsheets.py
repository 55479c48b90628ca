"""Issue 12 §4: one writer neutralises every text cell of every export. Formula probes planted in
every text column of the demo authority (unit codes and names, target codes, names and units of
measure, cluster names, people's names and staff codes) come back from each export as text
with a leading apostrophe: no cell is a formula, and the text is kept."""

import io

import openpyxl
import pytest

from emulation.models import Person, Target, Unit, User
from emulation.models.clusters import Cluster
from emulation.models.scoring import ScoreSheet
from emulation.spreadsheets import FORMULA_TRIGGERS, Sheet, cell_value, neutralise, xlsx_bytes
from tests.conftest import fixture_rows_for_the_module
from tests.emulation.targets.factories import TargetFactory

DEMO = (
    "fixtures/demo.json",
    "fixtures/demo_awards.json",
    "fixtures/demo_pledges.json",
    "fixtures/demo_targets.json",
    "fixtures/demo_scoring.json",
)
PROBES = (
    "=1+1",
    # Short enough for the 30-character code columns, with its distinguishing number.
    '=HYPERLINK("//e.vn","c")',
    "+1",
    "-1+1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
)


def _probe(index: int) -> str:
    """A distinct probe (unique codes stay unique): the seven shapes in turn."""
    return f"{PROBES[index % len(PROBES)]}{index // len(PROBES) or ''}"


def read_back(content: bytes) -> list:
    """Every non-empty cell of every sheet; none may be a formula."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert [t for t in texts if t.startswith(FORMULA_TRIGGERS)] == []
    return texts


@pytest.mark.parametrize("probe", PROBES)
def test_writer_neutralises_every_probe_and_keeps_numbers(probe):
    content = xlsx_bytes([Sheet("Thử", [["Tên", "Số"], [probe, 5], [f"{probe} x", -3.5]])])
    assert read_back(content) == ["Tên", "Số", "'" + probe, f"'{probe} x"]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert (sheet["B2"].value, sheet["B3"].value, sheet["B2"].data_type) == (5, -3.5, "n")


def test_cell_value_turns_objects_into_neutralised_text():
    class Label:
        def __str__(self):
            return "=cmd|' /C calc'!A0"

    assert cell_value(Label()) == "'=cmd|' /C calc'!A0"
    assert cell_value(None) is None
    assert cell_value("Phường Bến Thành") == "Phường Bến Thành"
    assert neutralise("'=1+1") == "'=1+1"  # already neutral: not doubled


demo_rows = fixture_rows_for_the_module(*DEMO)


@pytest.fixture
def probed(db, demo_rows):
    """The demo authority with a probe in every text column the exports write (the probes
    are rolled back after each test)."""
    planted: dict = {}
    counter = iter(range(1000))

    def plant(model, pk, **fields):
        values = {name: _probe(next(counter)) for name in fields}
        model.objects.filter(pk=pk).update(**values)
        return list(values.values())

    # The demo's units keep no targets of their own in 2026 (its wards were dissolved): an
    # office outside the scored bloc (whose units are probed below) gets six.
    unit = Unit.objects.get(code="TP")
    for _ in range(6):
        TargetFactory(authority=unit.authority, unit=unit, year=2026)
    planted["unit_id"] = unit.pk
    planted["unit"] = plant(Unit, unit.pk, code=1, name=1)
    planted["unit_targets"] = []
    for target in Target.objects.filter(unit=unit, year=2026):
        planted["unit_targets"] += plant(Target, target.pk, code=1, name=1, unit_of_measure=1)
    planted["district_targets"] = []
    for target in Target.objects.filter(unit=None, year=2026).order_by("pk")[:7]:
        planted["district_targets"] += plant(Target, target.pk, code=1, name=1, unit_of_measure=1)
    planted["cluster"] = plant(Cluster, 2, name=1)
    planted["ranked_units"] = []
    for unit_id in ScoreSheet.objects.filter(round_id=1).values_list("unit_id", flat=True):
        planted["ranked_units"] += plant(Unit, unit_id, code=1, name=1)
    planted["people"] = []
    for person in Person.objects.filter(employments__unit_id=17).distinct().order_by("pk")[:7]:
        planted["people"] += plant(Person, person.pk, staff_code=1, full_name=1)
    return planted


def _download(client, url: str) -> bytes:
    client.force_login(User.objects.get(username="canbo.thidua"))
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def _neutral(values: list[str]) -> set[str]:
    return {"'" + value for value in values}


def test_targets_export(client, probed):
    url = f"/chi-tieu/excel/tai-ve/?year=2026&unit={probed['unit_id']}"
    texts = read_back(_download(client, url))
    expected = _neutral(probed["unit"] + probed["unit_targets"])
    assert len(expected) == 2 + 3 * 6
    assert expected <= set(texts)


def test_ranking_export(client, probed):
    texts = read_back(_download(client, "/cham-diem/1/xep-hang.xlsx"))
    assert texts[0].startswith("'" + probed["cluster"][0] + " – ")
    expected = _neutral(probed["ranked_units"])
    assert len(expected) == 2 * 4
    assert expected <= set(texts)


def test_year_end_annex(client, probed):
    texts = read_back(_download(client, "/bao-cao/tong-ket/2026/phu-luc.xlsx"))
    expected = _neutral(probed["district_targets"] + probed["unit"][1:])
    assert len(expected) == 3 * 7 + 1
    assert expected <= set(texts)


def test_records_export(client, probed):
    texts = read_back(_download(client, "/khen-thuong/ket-qua/17/2025/excel/"))
    expected = _neutral(probed["people"])
    assert len(expected) == 2 * 7
    assert expected <= set(texts)
