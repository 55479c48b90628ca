"""What each operation answers, value by value, on the world of tests/api/world.py."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.enums import AwardCode
from emulation.models import Authority, Person
from emulation.targets.enums import Status
from tests.api.world import SIGNED_ON
from tests.awards.statistics_world import award_line, decision


def test_decision_has_its_lines_and_money(call, world):
    a = world.records["a"]
    body = call(f"/api/v1/decisions/{a.decision_id}", "commune_a").json()
    line = body.pop("lines")
    assert body == {
        "id": a.decision_id,
        "authority": {"code": a.authority_code, "name": "Phường An Khánh"},
        "reference": "01/QĐ-UBND",
        "number_year": 2025,
        "year": 2025,
        "title": "Quyết định khen thưởng",
        "status": "signed",
        "signed_on": "2025-06-10",
        "revoked_on": None,
        "base_salary": "2340000",
        "total": "1170000",
    }
    assert [
        (item["award_code"], item["person_id"], item["person_name"], item["amount"])
        for item in line
    ] == [("bang_khen_tinh", a.person_id, "Trần Văn A", "1170000")]


def test_decisions_filter_by_year(call, world):
    assert call("/api/v1/decisions", "province_tree", year=2024).json() == {"count": 0, "items": []}
    page = call("/api/v1/decisions", "province_tree", year=2025).json()
    assert (page["count"], {d["year"] for d in page["items"]}) == (3, {2025})


def test_decisions_come_by_pages(call, world):
    whole = [d["id"] for d in call("/api/v1/decisions", "province_tree").json()["items"]]
    pages = [
        call("/api/v1/decisions", "province_tree", limit=2, offset=offset).json()
        for offset in (0, 2)
    ]
    assert [page["count"] for page in pages] == [3, 3]
    assert [d["id"] for page in pages for d in page["items"]] == whole
    too_many = call("/api/v1/decisions", "province_tree", limit=501)
    assert too_many.status_code == 422


def test_person_award_history(call, world):
    a = world.records["a"]
    body = call(f"/api/v1/people/{a.person_id}/awards", "commune_a").json()
    assert body == {
        "id": a.person_id,
        "name": "Trần Văn A",
        "authority_code": a.authority_code,
        "titles": [
            {
                "award_code": "ldtt",
                "award_name": body["titles"][0]["award_name"],
                "year": 2024,
                "decision_reference": "12/QĐ-UBND",
                "decided_on": "2024-12-20",
                "issuer_level": "",
                "decision_id": None,
                "revoked": False,
            }
        ],
    }
    assert body["titles"][0]["award_name"] == "Lao động tiên tiến"


def test_unit_award_history(call, world):
    a = world.records["a"]
    body = call(f"/api/v1/units/{a.unit_id}/awards", "province_tree").json()
    assert (body["name"], [(t["award_code"], t["year"]) for t in body["titles"]]) == (
        "Văn phòng A",
        [("ttldtt", 2024)],
    )


def test_targets_carry_the_dashboard_verdict(call, world):
    for principal, label, ratio, status in (
        ("commune_a", "a", "1.2", Status.EXCEEDED),
        ("commune_b", "b", "0.8", Status.NOT_MET),
        ("province_tree", "p", "1", Status.MET),
    ):
        [target] = call("/api/v1/targets", principal, year=2025).json()
        assert target["id"] == world.records[label].target_id
        assert (Decimal(target["ratio"]), target["status"]) == (Decimal(ratio), status)
        assert Decimal(target["plan_value"]) == Decimal(100)
        assert target["is_estimate"] is False


def test_statistics_form_of_the_tree_sums_its_communes(call, world):
    p = world.records["p"]
    body = call("/api/v1/statistics/0603.N", "province_tree", year=2025, day="2025-12-31").json()
    assert (body["form"], body["authority"]["code"], body["day"]) == (
        "0603.N",
        p.authority_code,
        "2025-12-31",
    )
    columns = [column["key"] for column in body["columns"]]
    individual = columns.index("individual")
    bang_khen = next(row for row in body["rows"] if row["key"] == "bang_khen_tinh")
    # One Bằng khen to a person at each of the province, commune A and commune B.
    assert bang_khen["values"][individual] == 3
    assert [(part["authority"]["name"], part["total"][individual]) for part in body["parts"]] == [
        ("Phường An Khánh", 1),
        ("Phường Bình Trưng", 1),
    ]
    assert body["total"][columns.index("total")] == 3


def test_statistics_form_of_an_authority_token_is_its_own_records_only(call, world):
    own = call("/api/v1/statistics/0603", "commune_a", year=2025).json()
    assert own["parts"] == []
    assert own["total"][0] == 1


def test_statistics_refuses_an_unknown_form_and_a_day_outside_the_year(call, world):
    assert call("/api/v1/statistics/0602", "commune_a", year=2025).status_code == 404
    response = call("/api/v1/statistics/0603", "commune_a", year=2025, day="2024-12-31")
    assert (response.status_code, response.json()) == (
        422,
        {"detail": "Ngày lấy số liệu phải thuộc năm báo cáo."},
    )


def test_certificate_verification(call, world):
    a = world.records["a"]
    body = call(f"/api/v1/verify/certificates/{a.certificate_code.lower()}", "commune_a").json()
    assert body == {
        "code": a.certificate_code,
        "version": 1,
        "issuer_name": "ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH",
        "holder_name": "Trần Văn A",
        "award_name": body["award_name"],
        "decision_id": a.decision_id,
        "decision_reference": "01/QĐ-UBND",
        "signed_on": "2025-06-10",
        "valid": True,
        "replaced_by": None,
    }


def test_decision_verification_by_number_and_year(call, world):
    a = world.records["a"]
    [found] = call(
        "/api/v1/verify/decisions", "commune_a", reference="01/qđ-ubnd", year=2025
    ).json()
    assert found == {
        "id": a.decision_id,
        "reference": "01/QĐ-UBND",
        "number_year": 2025,
        "issuer_name": "ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH",
        "title": "Quyết định khen thưởng",
        "signed_on": "2025-06-10",
        "in_force": True,
        "line_count": 1,
        "file_sha256": [],
    }
    assert (
        call("/api/v1/verify/decisions", "commune_a", reference="1/QĐ-UBND", year=2024).json() == []
    )
    assert (
        call("/api/v1/verify/decisions", "commune_a", reference="nonsense", year=2025).status_code
        == 404
    )


def _queries(call, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert call(path, "province_tree").status_code == 200
    return len(queries)


def test_decisions_list_reads_in_a_constant_number_of_queries(call, world):
    before = _queries(call, "/api/v1/decisions")
    commune = Authority.objects.get(code=world.records["a"].authority_code)
    for _ in range(3):
        paper = decision(commune, SIGNED_ON)
        for person in Person.objects.filter(authority=commune):
            award_line(paper, AwardCode.LDTT, person=person)
    assert call("/api/v1/decisions", "province_tree").json()["count"] == 6
    assert _queries(call, "/api/v1/decisions") == before
