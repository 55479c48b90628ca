"""Bad input to `export_national` and `import_national`: each refused with a clear Vietnamese
message (English in the English interface), and nothing written: no file, no row."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from api.national import services
from api.national.document import national_export
from api.national.xml_form import to_xml
from awards.models import Decision, DecisionLine, Nomination, TitleHeld
from emulation.enums import Role
from emulation.models import Authority, Employment, Person, Unit, User
from emulation.models.movements import Movement
from tests.factories import AuthorityFactory, UserFactory

NOT_AN_EXPORT = "Tệp không phải là tài liệu xuất dữ liệu thi đua, khen thưởng (JSON hoặc XML)."
WRITTEN = (Authority, Unit, Person, Employment, User, Decision, DecisionLine, Nomination)
WRITTEN += (TitleHeld, Movement)


def _rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITTEN}


@pytest.fixture
def document(world) -> dict:
    """Commune A's 2025 export, as the tests alter it."""
    commune = Authority.objects.get(code=world.records["a"].authority_code)
    return national_export(authority=commune, year=2025)


@pytest.fixture
def importer(world):
    return UserFactory(role=Role.AUTHORITY_STAFF, username="nhap.du.lieu")


def _refused(tmp_path, content: bytes, *, user="nhap.du.lieu", authority="moi") -> str:
    path = tmp_path / "tep"
    path.write_bytes(content)
    before = _rows()
    with pytest.raises(CommandError) as refused:
        call_command("import_national", str(path), user=user, authority=authority)
    assert _rows() == before
    return str(refused.value)


def _json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"Danh s\xc3\xa1ch khen th\xc6\xb0\xe1\xbb\x9fng",
        b'{"items": []}',
        b"[1, 2]",
        b"<html><body>Quy\xe1\xba\xbft \xc4\x91\xe1\xbb\x8bnh</body></html>",
        b'<?xml version="1.0"?><!DOCTYPE national_export [<!ENTITY x SYSTEM '
        b'"file:///etc/passwd">]><national_export xmlns="urn:thidua:national-export:1">'
        b"&x;</national_export>",
        b"PK\x03\x04 a spreadsheet",
    ],
    ids=["empty", "text", "other-json", "json-list", "other-xml", "xml-entity", "zip"],
)
def test_import_refuses_a_file_that_is_not_an_export(tmp_path, importer, content):
    assert _refused(tmp_path, content) == NOT_AN_EXPORT


def test_import_refuses_broken_json_and_xml_naming_where(tmp_path, importer, document):
    assert _refused(tmp_path, _json(document)[:-5]).startswith("Tệp JSON hỏng: ")
    broken = to_xml(document).replace(b"</national_export>", b"")
    assert _refused(tmp_path, broken).startswith("Tệp XML hỏng ở dòng ")


def test_import_refuses_xml_outside_the_xsd_with_its_line(tmp_path, importer, document):
    xml = to_xml(document).replace(b"<year>2025</year>", b"<year>hai ngh\xc3\xacn</year>", 1)
    message = _refused(tmp_path, xml)
    assert message.startswith("Tệp XML không đúng lược đồ tài liệu xuất, dòng ")
    assert "hai nghìn" in message


def test_import_refuses_json_outside_the_schema_with_its_field(tmp_path, importer, document):
    document["decisions"][0]["lines"][0]["amount"] = "một triệu"
    assert _refused(tmp_path, _json(document)).startswith(
        "Tài liệu không đúng lược đồ ở trường decisions.0.lines.0.amount: "
    )


def test_import_refuses_another_version(tmp_path, importer, document):
    document["format_version"] = "2"
    assert _refused(tmp_path, _json(document)) == (
        "Phiên bản định dạng 2 không được hỗ trợ (phiên bản đọc được: 1)."
    )


def test_import_refuses_a_key_naming_no_record(tmp_path, importer, document):
    document["decisions"][0]["lines"][0]["person_ref"] = "P99"
    assert _refused(tmp_path, _json(document)) == (
        "Khóa P99 không trỏ tới bản ghi nào của tài liệu."
    )


def test_import_refuses_a_line_without_its_subject(tmp_path, importer, document):
    document["decisions"][0]["lines"][0]["person_ref"] = None
    assert _refused(tmp_path, _json(document)) == (
        "Dòng L1 không ghi người, tập thể hoặc hộ gia đình được khen."
    )


def test_import_refuses_an_award_outside_the_catalogue(tmp_path, importer, document):
    document["decisions"][0]["lines"][0]["award_code"] = "huan_chuong_sao_hoa"
    assert _refused(tmp_path, _json(document)) == (
        "Danh hiệu không có trong danh mục: huan_chuong_sao_hoa"
    )


def test_import_refuses_an_authority_that_exists(tmp_path, importer, document, world):
    code = world.records["a"].authority_code
    assert _refused(tmp_path, _json(document), authority="") == (
        f"Cơ quan mã {code} đã có trên hệ thống: chỉ nhập được vào một cơ quan mới."
    )


def test_import_refuses_an_unknown_user_and_a_missing_file(tmp_path, importer, document):
    assert _refused(tmp_path, _json(document), user="ai.do") == "Không có người dùng ai.do."
    with pytest.raises(CommandError) as refused:
        call_command("import_national", str(tmp_path / "khong-co.json"), user="nhap.du.lieu")
    assert str(refused.value) == f"Không có tệp {tmp_path / 'khong-co.json'}."


def test_import_writes_the_document_once_accepted(tmp_path, importer, document):
    path = tmp_path / "a.xml"
    path.write_bytes(to_xml(document))
    before = _rows()
    call_command("import_national", str(path), user="nhap.du.lieu", authority="moi")
    after = _rows()
    assert {name: after[name] - before[name] for name in after} == {
        "Authority": 1,
        "Unit": 1,
        "Person": 1,
        "Employment": 0,
        "User": 0,
        "Decision": 1,
        "DecisionLine": 1,
        "Nomination": 1,
        "TitleHeld": 0,
        "Movement": 0,
    }


@pytest.mark.parametrize(
    ("authority", "year", "message"),
    [
        ("khong-co", "2025", "Không có cơ quan mã khong-co."),
        (None, "20x5", "Năm 20x5 không hợp lệ: cần một năm từ 2000 đến 2100."),
        (None, "1999", "Năm 1999 không hợp lệ: cần một năm từ 2000 đến 2100."),
        (None, "-2025", "Năm -2025 không hợp lệ: cần một năm từ 2000 đến 2100."),
    ],
)
def test_export_refuses_an_unknown_authority_and_a_bad_year(
    tmp_path, world, authority, year, message
):
    output = tmp_path / "out.json"
    with pytest.raises(CommandError) as refused:
        call_command(
            "export_national",
            authority=authority or world.records["a"].authority_code,
            year=year,
            form="json",
            output=str(output),
        )
    assert (str(refused.value), output.exists()) == (message, False)


def test_command_messages_read_in_english_in_the_english_interface(tmp_path, importer):
    with translation.override("en"):
        assert _refused(tmp_path, b"") == (
            "The file is not an emulation and commendation export (JSON or XML)."
        )
        with pytest.raises(CommandError) as refused:
            call_command("export_national", authority="x", year="2025", form="xml", output="o")
    assert str(refused.value) == "There is no authority with code x."


def test_import_refuses_an_authority_created_while_it_checked(
    tmp_path, importer, document, monkeypatch
):
    """Two imports of one code at the same moment: the second meets the unique code."""
    checked = services._check

    def check_then_created_elsewhere(document, code):
        plan = checked(document, code)
        AuthorityFactory(code=code)
        return plan

    monkeypatch.setattr(services, "_check", check_then_created_elsewhere)
    before = _rows()
    with pytest.raises(services.ImportRefused) as refused:
        services.import_national_export(document=document, user=importer, authority_code="moi")
    assert str(refused.value) == (
        "Cơ quan mã moi đã có trên hệ thống: chỉ nhập được vào một cơ quan mới."
    )
    assert _rows() == before | {"Authority": before["Authority"] + 1}
