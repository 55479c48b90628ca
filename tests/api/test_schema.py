"""The OpenAPI document of the read API validates, describes every operation, parameter and
field in Vietnamese, and its page is served without a CDN."""

import re

from openapi_spec_validator import validate

SCHEMA = "/api/v1/openapi.json"


# Every route of the read API, as its schema and its docs page list them.
API_PATHS = [
    "/api/v1/decisions",
    "/api/v1/decisions/{decision_id}",
    "/api/v1/exports/{year}.json",
    "/api/v1/exports/{year}.xml",
    "/api/v1/people/{person_id}/awards",
    "/api/v1/statistics/{form}",
    "/api/v1/targets",
    "/api/v1/units/{unit_id}/awards",
    "/api/v1/verify/certificates/{code}",
    "/api/v1/verify/decisions",
]


def test_openapi_schema_validates(client, db):
    response = client.get(SCHEMA)
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["info"]["version"] == "1"
    assert sorted(schema["paths"]) == API_PATHS


def test_openapi_operations_are_read_only_and_described(client, db):
    schema = client.get(SCHEMA).json()
    undescribed = []
    for route, operations in schema["paths"].items():
        assert list(operations) == ["get"], route
        operation = operations["get"]
        if not operation.get("summary") or not operation.get("description"):
            undescribed.append(route)
        undescribed += [
            f"{route} {parameter['name']}"
            for parameter in operation.get("parameters", [])
            if not parameter.get("description")
        ]
        assert operation["security"] == [{"ClientToken": []}]
        assert {"401", "429"} <= set(operation["responses"]), route
    assert undescribed == []


def test_openapi_fields_are_english_with_vietnamese_descriptions(client, db):
    components = client.get(SCHEMA).json()["components"]["schemas"]
    undescribed = [
        f"{name}.{field}"
        for name, component in components.items()
        for field, spec in component["properties"].items()
        if not spec.get("description")
    ]
    assert undescribed == []
    names = [field for c in components.values() for field in c["properties"]]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in names), names
    assert components["DecisionOut"]["properties"]["total"]["description"] == (
        "Tổng tiền thưởng của quyết định (đồng)"
    )


def test_docs_page_serves_swagger_ui_from_the_product_without_a_cdn(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in page
    assert '"url": "/api/v1/openapi.json"' in page
    assert re.findall(r"(?:src|href)=\"(https?:[^\"]*)\"", page) == []
