"""Heavy libraries load where they are used, not at start-up: django-ninja and pydantic with
the API's operations, when an address under /api/v1/ is first resolved or reversed (every web
process loads the URLconf, and one that never serves the API does not carry them), and lxml
only with the national export's XML answer."""

import pytest

from tests.processes import probe

LOAD_URLS = "from django.urls import get_resolver; get_resolver().reverse_dict; "
USE_URLS = (
    LOAD_URLS + "from django.urls import resolve, reverse; resolve('/'); reverse('api_docs'); "
)


@pytest.mark.process
@pytest.mark.parametrize(
    ("loads", "absent"),
    [("", ("ninja", "pydantic")), (USE_URLS, ("lxml", "ninja", "pydantic"))],
    ids=["setup-without-ninja-or-pydantic", "urlconf-without-lxml-or-the-api"],
)
def test_start_up_leaves_out_what_it_does_not_use(loads, absent):
    code = (
        f"import sys, django; django.setup(); {loads}"
        f"print(sorted(m for m in {absent!r} if m in sys.modules))"
    )
    assert probe(code).strip() == "[]"


@pytest.mark.process
def test_the_api_loads_when_one_of_its_addresses_is_first_used():
    code = (
        f"import sys, django; django.setup(); {USE_URLS}"
        "from django.urls import resolve; "
        "print('ninja' in sys.modules, resolve('/api/v1/openapi.json').namespace, "
        "'ninja' in sys.modules)"
    )
    assert probe(code).split() == ["False", "api", "True"]
