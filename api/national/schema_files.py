"""The published schemas of the exchange document, committed beside the code: the JSON schema
(from the same pydantic declarations that make the OpenAPI document's components) and the XSD
(`api.national.xml_form.xsd_text`). `manage.py national_export_schemas` writes them again after
a change of `api.national.schemas`; a test checks that the committed files are current."""

import json
from pathlib import Path

from api.national.schemas import FORMAT_NAME, FORMAT_VERSION, NationalExportOut
from api.national.xml_form import NAMESPACE, XSD_PATH, xsd_text

JSON_SCHEMA_PATH = Path(__file__).with_name("national_export.schema.json")


def json_schema() -> dict:
    """The JSON schema (2020-12) of the JSON form as the API answers it (the OpenAPI
    components, definitions under $defs)."""
    schema = NationalExportOut.model_json_schema(
        ref_template="#/$defs/{model}", mode="serialization"
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": NAMESPACE,
        "description": f"{FORMAT_NAME}, phiên bản {FORMAT_VERSION}",
        **schema,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schema_files() -> list[Path]:
    """Write both schema files; returns their paths."""
    JSON_SCHEMA_PATH.write_text(json_schema_text(), encoding="utf-8")
    XSD_PATH.write_text(xsd_text(), encoding="utf-8")
    return [JSON_SCHEMA_PATH, XSD_PATH]
