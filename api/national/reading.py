"""Reading an exchange document back (JSON or XML, told apart by its first character): the XML
is checked against the XSD, both forms against the JSON schema's declarations, and the result
is the document as `national_export` gives it. Anything else is refused with a Vietnamese
message that says where the file is wrong."""

import json

from django.utils.translation import gettext as _
from lxml import etree
from pydantic import ValidationError

from api.national.schemas import FORMAT_NAME, FORMAT_VERSION, NationalExportOut
from api.national.xml_form import NAMESPACE, ROOT, from_xml, xml_schema

# A year of one authority is a few megabytes; a file far beyond is not an export.
MAX_BYTES = 200 * 1024 * 1024


class ExportFileError(Exception):
    """The file is not an exchange document this version reads; the message says why."""


def _not_an_export() -> ExportFileError:
    return ExportFileError(
        _("Tệp không phải là tài liệu xuất dữ liệu thi đua, khen thưởng (JSON hoặc XML).")
    )


def _parsed_xml(data: bytes) -> dict:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as error:
        raise ExportFileError(
            _("Tệp XML hỏng ở dòng %(line)s: %(error)s") % {"line": error.lineno, "error": error}
        ) from error
    root = tree.getroot()
    if tree.docinfo.doctype or etree.QName(root).text != f"{{{NAMESPACE}}}{ROOT}":
        raise _not_an_export()
    schema = xml_schema()
    if not schema.validate(tree):
        error = schema.error_log.last_error
        raise ExportFileError(
            _("Tệp XML không đúng lược đồ tài liệu xuất, dòng %(line)s: %(error)s")
            % {"line": error.line, "error": error.message}
        )
    return from_xml(root)


def _parsed_json(data: bytes) -> dict:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExportFileError(_("Tệp JSON hỏng: %(error)s") % {"error": error}) from error
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT_NAME:
        raise _not_an_export()
    return parsed


def read_export(*, data: bytes) -> dict:
    """The document in `data` (a file's bytes, JSON or XML), as `national_export` gives it.
    Raises ExportFileError when it is not an exchange document of this format and version."""
    if len(data) > MAX_BYTES:
        raise _not_an_export()
    start = data.lstrip()[:1]
    if data.startswith(b"\xef\xbb\xbf"):
        start = data[3:].lstrip()[:1]
    if start == b"<":
        parsed = _parsed_xml(data)
    elif start == b"{":
        parsed = _parsed_json(data)
    else:
        raise _not_an_export()
    if parsed.get("format") != FORMAT_NAME:
        raise _not_an_export()
    if parsed.get("format_version") != FORMAT_VERSION:
        raise ExportFileError(
            _("Phiên bản định dạng %(version)s không được hỗ trợ (phiên bản đọc được: %(known)s).")
            % {"version": parsed.get("format_version"), "known": FORMAT_VERSION}
        )
    try:
        document = NationalExportOut.model_validate(parsed)
    except ValidationError as error:
        first = error.errors()[0]
        raise ExportFileError(
            _("Tài liệu không đúng lược đồ ở trường %(field)s: %(error)s")
            % {"field": ".".join(str(part) for part in first["loc"]), "error": first["msg"]}
        ) from error
    return document.model_dump(mode="json")
