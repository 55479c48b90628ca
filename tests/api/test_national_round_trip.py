"""The demo year exported, imported into a new authority and exported again gives the same
document, through the JSON file and through the XML file (the commands `export_national` and
`import_national`); and the demo's export says what the database holds."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Q, Sum

from api.national.document import export_day, national_export
from api.national.reading import read_export
from awards.enums import DecisionStatus
from awards.models import Decision, DecisionLine, TitleHeld
from awards.statistics.figures import Period
from awards.statistics.province import statistics
from emulation.models import Authority, Person, User
from emulation.models.movements import Movement
from tests.demo.conftest import demo_for_the_module

demo_rows = demo_for_the_module("demo_awards", "demo_movements", "demo_province")
DEMO, YEAR = "quan-1", 2026


@pytest.fixture
def demo(db, demo_rows):
    return Authority.objects.get(code=DEMO)


def _recoded(document: dict, old: str, new: str) -> dict:
    """`document` as it reads once the authority `old` is called `new`."""
    recoded = json.loads(json.dumps(document))
    recoded["authority"]["code"] = new
    for record in (*recoded["units"], *recoded["people"]):
        if record["authority_code"] == old:
            record["authority_code"] = new
    return recoded


@pytest.mark.parametrize("form", ["json", "xml"])
def test_demo_year_round_trips_through_a_new_authority(demo, tmp_path, form):
    exported, again = tmp_path / f"demo.{form}", tmp_path / f"again.{form}"
    call_command("export_national", authority=DEMO, year=str(YEAR), form=form, output=str(exported))
    call_command("import_national", str(exported), user="canbo.thidua", authority="ban-sao")
    call_command(
        "export_national", authority="ban-sao", year=str(YEAR), form=form, output=str(again)
    )
    first = read_export(data=exported.read_bytes())
    second = read_export(data=again.read_bytes())
    assert second == _recoded(first, DEMO, "ban-sao")
    assert first == national_export(authority=demo, year=YEAR)
    counts = (len(first["decisions"]), len(first["titles"]), len(first["movements"]))
    assert counts == (1, 11, 2)
    assert first["statistics"][1]["total"][0] == 1


def test_imported_signer_is_an_account_that_can_do_nothing(demo, tmp_path):
    exported = tmp_path / "demo.json"
    call_command(
        "export_national", authority=DEMO, year=str(YEAR), form="json", output=str(exported)
    )
    call_command("import_national", str(exported), user="canbo.thidua", authority="ban-sao")
    decision = Decision.objects.select_related("signed_by").get(authority__code="ban-sao")
    signer = decision.signed_by
    assert (signer.username, signer.get_full_name(), signer.unit_id) == (
        "ban-sao-ky-1",
        "Châu Quốc Bảo Hải",
        None,
    )
    assert (signer.is_active, signer.has_usable_password()) == (False, False)
    assert decision.created_by == User.objects.get(username="canbo.thidua")


def test_demo_export_says_what_the_database_holds(demo):
    document = national_export(authority=demo, year=YEAR)
    decisions = Decision.objects.filter(authority=demo, year=YEAR).exclude(
        status=DecisionStatus.DRAFT
    )
    assert [d["reference"] for d in document["decisions"]] == [d.reference for d in decisions]
    money = DecisionLine.objects.filter(decision__in=decisions).aggregate(total=Sum("amount"))
    assert sum(Decimal(d["total"]) for d in document["decisions"]) == money["total"]
    lines = [line for d in document["decisions"] for line in d["lines"]]
    assert len(lines) == DecisionLine.objects.filter(decision__in=decisions).count()
    held = TitleHeld.objects.filter(Q(person__authority=demo) | Q(unit__authority=demo), year=YEAR)
    assert len(document["titles"]) == held.count()
    for person in document["people"]:
        row = Person.objects.get(authority=demo, staff_code=person["staff_code"])
        assert (row.full_name, row.gender) == (person["full_name"], person["gender"])
    launched = Movement.objects.filter(authority=demo, launch_date__year=YEAR)
    assert [m["name"] for m in document["movements"]] == list(
        launched.order_by("launch_date", "name").values_list("name", flat=True)
    )
    for form, slug in zip(document["statistics"], ("0601", "0603"), strict=True):
        own = statistics(slug, demo, Period(YEAR, export_day(YEAR))).own
        assert form["total"] == own.total_values()
