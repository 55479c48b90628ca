"""The XML form of the exchange document and its XSD, both walked from the declarations of
`api.national.schemas`: one element per field, in the declared order, named as the JSON field;
a list is an element holding one item element per entry (`people` → `person`); an empty value
(JSON null) is an empty element with xsi:nil="true". So the XML and the JSON carry the same
content, and the XSD cannot drift from the JSON schema."""

import datetime
import types
import typing
from decimal import Decimal
from functools import cache
from pathlib import Path

from lxml import etree
from pydantic import BaseModel

from api.national.schemas import NAMESPACE, NationalExportOut

ROOT = "national_export"
XS = "http://www.w3.org/2001/XMLSchema"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
XSD_PATH = Path(__file__).with_name("national_export.xsd")
# The element of one entry of each list field.
ITEM_NAMES = {
    "identities": "identity",
    "units": "unit",
    "people": "person",
    "posts": "post",
    "movements": "movement",
    "unit_refs": "unit_ref",
    "milestones": "milestone",
    "decisions": "decision",
    "lines": "line",
    "titles": "title",
    "statistics": "statistics_form",
    "columns": "column",
    "rows": "row",
    "values": "value",
    "total": "value",
}
SCALAR_TYPES = {
    str: "xs:string",
    int: "xs:integer",
    bool: "xs:boolean",
    datetime.date: "xs:date",
    datetime.datetime: "xs:dateTime",
    Decimal: "xs:decimal",
}


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _unwrap(annotation) -> tuple[typing.Any, bool]:
    """(the type without None, whether None is allowed)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return args[0], True
    return annotation, False


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


# The shape of each field, worked out once per model: ("model", model), ("list", item element,
# item shape) or ("scalar", None).


def _shape(annotation, name: str) -> tuple:
    annotation, _nullable = _unwrap(annotation)
    if _is_model(annotation):
        return ("model", annotation)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return ("list", _q(ITEM_NAMES[name]), _shape(item, ITEM_NAMES[name]))
    return ("scalar", None)


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, tuple], ...]:
    """(name, element tag, shape) of each field of `model`, in the declared order."""
    return tuple(
        (name, _q(name), _shape(field.annotation, name))
        for name, field in model.model_fields.items()
    )


# Writing -----------------------------------------------------------------------------------


def _write_value(element, shape: tuple, value) -> None:
    if value is None:
        element.set(XSI_NIL, "true")
    elif shape[0] == "model":
        _write_fields(element, shape[1], value)
    elif shape[0] == "list":
        _kind, tag, item = shape
        for entry in value:
            _write_value(etree.SubElement(element, tag), item, entry)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        element.text = str(value)


def _write_fields(element, model: type[BaseModel], data: dict) -> None:
    for name, tag, shape in _fields(model):
        _write_value(etree.SubElement(element, tag), shape, data[name])


def to_xml(document: dict) -> bytes:
    """The XML form of `document` (as `national_export` returns it), UTF-8 with a declaration."""
    root = etree.Element(_q(ROOT), nsmap={None: NAMESPACE})
    _write_fields(root, NationalExportOut, document)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# Reading -----------------------------------------------------------------------------------


def _read_value(element, shape: tuple):
    if element.get(XSI_NIL) == "true":
        return None
    if shape[0] == "model":
        return _read_fields(element, shape[1])
    if shape[0] == "list":
        return [_read_value(child, shape[2]) for child in element]
    return element.text or ""


def _read_fields(element, model: type[BaseModel]) -> dict:
    children = {child.tag: child for child in element}
    return {name: _read_value(children[tag], shape) for name, tag, shape in _fields(model)}


def from_xml(root) -> dict:
    """The fields of a parsed document that the XSD accepted, as text (the JSON schema's
    validation turns them into numbers, dates and booleans)."""
    return _read_fields(root, NationalExportOut)


@cache
def xml_schema() -> etree.XMLSchema:
    """The committed XSD, compiled once per process."""
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


# The XSD -----------------------------------------------------------------------------------


def _xs(parent, tag: str, **attributes) -> etree._Element:
    return etree.SubElement(parent, f"{{{XS}}}{tag}", {k: v for k, v in attributes.items() if v})


def _documented(element, text: str) -> None:
    annotation = _xs(element, "annotation")
    documentation = _xs(annotation, "documentation")
    documentation.set("{http://www.w3.org/XML/1998/namespace}lang", "vi")
    documentation.text = text


def _declare(parent, name: str, annotation, description: str, types_wanted: list) -> None:
    annotation, nullable = _unwrap(annotation)
    nillable = "true" if nullable else None
    if _is_model(annotation):
        element = _xs(parent, "element", name=name, type=f"ne:{annotation.__name__}")
        types_wanted.append(annotation)
    elif typing.get_origin(annotation) is list:
        element = _xs(parent, "element", name=name)
        (item,) = typing.get_args(annotation)
        sequence = _xs(_xs(element, "complexType"), "sequence")
        if _is_model(item):
            item_type = f"ne:{item.__name__}"
            types_wanted.append(item)
        else:
            item_type = SCALAR_TYPES[item]
        _xs(
            sequence,
            "element",
            name=ITEM_NAMES[name],
            type=item_type,
            minOccurs="0",
            maxOccurs="unbounded",
        )
    else:
        element = _xs(
            parent, "element", name=name, type=SCALAR_TYPES[annotation], nillable=nillable
        )
    if description:
        element.insert(0, _documentation_of(description))


def _documentation_of(text: str):
    annotation = etree.Element(f"{{{XS}}}annotation")
    documentation = etree.SubElement(annotation, f"{{{XS}}}documentation")
    documentation.set("{http://www.w3.org/XML/1998/namespace}lang", "vi")
    documentation.text = text
    return annotation


def xsd_text() -> str:
    """The XSD of the XML form, generated from the schemas (committed as national_export.xsd)."""
    schema = etree.Element(
        f"{{{XS}}}schema",
        {"targetNamespace": NAMESPACE, "elementFormDefault": "qualified"},
        nsmap={"xs": XS, "ne": NAMESPACE},
    )
    _documented(
        schema,
        "Tài liệu trao đổi với Cơ sở dữ liệu quốc gia về thi đua, khen thưởng: hồ sơ khen "
        "thưởng một năm của một cơ quan. Cùng nội dung với dạng JSON "
        "(national_export.schema.json).",
    )
    _xs(schema, "element", name=ROOT, type=f"ne:{NationalExportOut.__name__}")
    wanted, done = [NationalExportOut], set()
    while wanted:
        model = wanted.pop(0)
        if model in done:
            continue
        done.add(model)
        sequence = _xs(_xs(schema, "complexType", name=model.__name__), "sequence")
        for name, field in model.model_fields.items():
            _declare(sequence, name, field.annotation, field.description or "", wanted)
    return etree.tostring(
        schema, xml_declaration=True, encoding="UTF-8", pretty_print=True
    ).decode()
