"""The export for the national database on the API's world (tests/api/world.py): what the JSON
holds value by value, the XML with the same content and valid against the XSD, the JSON valid
against its schema, the committed schema files current and equal to the OpenAPI components,
and the export read in a constant number of queries."""

import json
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator
from lxml import etree

from api.models import ApiCall
from api.national.document import national_export
from api.national.reading import read_export
from api.national.schema_files import JSON_SCHEMA_PATH, json_schema, json_schema_text
from api.national.xml_form import XSD_PATH, to_xml, xml_schema, xsd_text
from awards.enums import AwardCode
from awards.models import DecisionLine, NominationLine
from emulation.models import Authority, Person
from tests.api.world import SIGNED_ON
from tests.awards.statistics_world import award_line, decision


def _export(call, world, label="a", year=2025, form="json", principal="commune_a"):
    code = world.records[label].authority_code
    return call(f"/api/v1/exports/{year}.{form}", principal, authority=code)


def test_json_export_holds_the_decision_its_line_and_recipient(call, world):
    a = world.records["a"]
    body = _export(call, world).json()
    [paper] = body["decisions"]
    [line] = paper.pop("lines")
    assert paper == {
        "reference": "01/QĐ-UBND",
        "number": 1,
        "symbol": "QĐ-UBND",
        "number_year": 2025,
        "year": 2025,
        "title": "Quyết định khen thưởng",
        "status": "signed",
        "signed_on": "2025-06-10",
        "signer_name": "",
        "signer_capacity": "chair",
        "issuer_name": "ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH",
        "issuer_level": body["authority"]["identities"][0]["level"],
        "revoked_on": None,
        "revocation_reason": "",
        "base_salary": "2340000",
        "total": "1170000",
    }
    person = next(p for p in body["people"] if p["ref"] == line["person_ref"])
    proposer = next(u for u in body["units"] if u["ref"] == line["proposing_unit_ref"])
    assert (line["ref"], line["award_code"], line["subject_kind"], line["amount"]) == (
        "L1",
        AwardCode.BANG_KHEN_TINH,
        "individual",
        "1170000",
    )
    assert (person["full_name"], person["authority_code"]) == ("Trần Văn A", a.authority_code)
    assert proposer["authority_code"] == a.authority_code
    assert (body["format"], body["format_version"], body["year"], body["day"]) == (
        "thidua-national-export",
        "1",
        2025,
        "2025-12-31",
    )
    assert body["titles"] == []
    assert body["movements"] == []


def test_json_export_of_a_year_holds_the_titles_held_that_year(call, world):
    body = _export(call, world, year=2024).json()
    names = {p["ref"]: p["full_name"] for p in body["people"]}
    units = {u["ref"]: u["name"] for u in body["units"]}
    assert body["decisions"] == []
    assert [
        (names.get(t["person_ref"]), units.get(t["unit_ref"]), t["award_code"], t["line_ref"])
        for t in body["titles"]
    ] == [
        ("Trần Văn A", None, AwardCode.LDTT, None),
        (None, "Văn phòng A", AwardCode.TTLDTT, None),
    ]


def test_statistics_of_the_export_are_the_authority_own_forms(call, world):
    body = _export(call, world, label="p", principal="province_tree").json()
    assert [form["form"] for form in body["statistics"]] == ["0601.N", "0603.N"]
    awards = body["statistics"][1]
    columns = [column["key"] for column in awards["columns"]]
    # The province's own Bằng khen only: its communes send their own exports.
    assert awards["total"][columns.index("individual")] == 1


def test_xml_export_has_the_same_content_and_validates_against_the_xsd(call, world):
    as_json = _export(call, world).json()
    response = _export(call, world, form="xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    tree = etree.fromstring(response.content).getroottree()
    assert xml_schema().validate(tree), xml_schema().error_log
    assert read_export(data=response.content) == as_json


def test_json_export_validates_against_the_committed_json_schema(call, world):
    schema = json.loads(JSON_SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(_export(call, world).json()))
    assert errors == []


def test_committed_schema_files_are_those_the_schemas_give():
    """After a change of api/national/schemas.py: manage.py national_export_schemas."""
    assert JSON_SCHEMA_PATH.read_text(encoding="utf-8") == json_schema_text()
    assert XSD_PATH.read_text(encoding="utf-8") == xsd_text()


def test_json_schema_is_the_openapi_components(client, db):
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    schema = json.loads(json.dumps(json_schema()).replace('"#/$defs/', '"#/components/schemas/'))
    definitions = schema.pop("$defs")
    assert {name: components[name] for name in definitions} == definitions
    assert {key: schema[key] for key in ("properties", "required", "title", "type")} == {
        key: components["NationalExportOut"][key]
        for key in ("properties", "required", "title", "type")
    }


def test_every_element_of_the_xsd_is_described_in_vietnamese():
    schema = etree.parse(str(XSD_PATH))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    undocumented = [
        element.get("name")
        for element in schema.iterfind(".//xs:complexType[@name]/xs:sequence/xs:element", xs)
        if not element.findtext("xs:annotation/xs:documentation", namespaces=xs)
    ]
    assert undocumented == []


def test_hostile_text_says_the_same_in_both_forms(call, world):
    a = world.records["a"]
    nominated = DecisionLine.objects.get(decision_id=a.decision_id).nomination_line
    text = " <b>“Đạt”</b> &amp; 100 %\r\n\tdòng hai\x0b\x1f ]]> "
    NominationLine.objects.filter(pk=nominated.pk).update(achievement=text)
    document = _export(call, world).json()
    [line] = document["decisions"][0]["lines"]
    assert line["achievement"] == " <b>“Đạt”</b> &amp; 100 %\r\n\tdòng hai ]]> "
    assert read_export(data=_export(call, world, form="xml").content) == document


def test_export_is_logged_and_rate_limited_as_every_call(call, world, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    assert _export(call, world).status_code == 200
    refused = _export(call, world, form="xml")
    assert (refused.status_code, refused.json()) == (
        429,
        {"detail": "Quá nhiều yêu cầu trong một phút. Hãy thử lại sau ít phút."},
    )
    code = world.records["a"].authority_code
    logged = ApiCall.objects.filter(path__startswith="/api/v1/exports/").order_by("pk")
    assert [(c.path, c.status, c.client.name) for c in logged] == [
        (f"/api/v1/exports/2025.json?authority={code}", 200, "Hệ thống commune_a"),
        (f"/api/v1/exports/2025.xml?authority={code}", 429, "Hệ thống commune_a"),
    ]


def test_export_refuses_a_year_out_of_range_and_another_authority(call, world):
    assert call("/api/v1/exports/1999.json", "commune_a").status_code == 422
    assert call("/api/v1/exports/năm.xml", "commune_a").status_code == 422
    huge = "99999999999999999999999"
    assert call(f"/api/v1/exports/{huge}.xml", "commune_a").status_code == 422
    assert call("/api/v1/exports/2025.json", "commune_a", authority=huge).status_code == 404
    outsider = call("/api/v1/exports/2025.json", "province_tree", authority=world.outsider_code)
    assert (outsider.status_code, outsider.json()) == (
        404,
        {"detail": "Không tìm thấy trong phạm vi của mã truy cập."},
    )


def _queries(authority) -> int:
    with CaptureQueriesContext(connection) as queries:
        to_xml(national_export(authority=authority, year=2025))
    return len(queries)


def test_export_reads_in_a_constant_number_of_queries(world):
    commune = Authority.objects.get(code=world.records["a"].authority_code)
    before = _queries(commune)
    for _ in range(3):
        paper = decision(commune, SIGNED_ON)
        for person in Person.objects.filter(authority=commune):
            award_line(paper, AwardCode.BANG_KHEN_TINH, person=person)
    document = national_export(authority=commune, year=2025)
    assert (len(document["decisions"]), len(document["units"])) == (4, 4)
    assert sum(Decimal(d["total"]) for d in document["decisions"]) == Decimal(1170000)
    assert _queries(commune) == before
