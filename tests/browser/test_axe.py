"""The axe-core helper itself: it finds what it is meant to find, and says where."""

import pytest

from tests.browser.axe import assert_accessible, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CSP = "default-src 'none'; style-src 'unsafe-inline'"
FAULTY = f"""<!doctype html><html lang="vi"><head>
<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>Trang thử</title></head>
<body><main><h1>Trang thử</h1>
<p style="color:#cccccc;background:#ffffff">Chữ quá mờ</p>
<input type="text" name="so_lieu"></main></body></html>"""
CLEAN = f"""<!doctype html><html lang="vi"><head>
<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>Trang thử</title></head>
<body><main><h1>Trang thử</h1><p>Chữ đủ đậm</p>
<label for="so">Số liệu</label><input id="so" type="text" name="so_lieu"></main></body></html>"""


MISSING_ERROR = f"""<!doctype html><html lang="vi"><head>
<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>Trang thử</title></head>
<body><main><h1>Trang thử</h1><label for="so">Số liệu</label>
<input id="so" type="text" name="so_lieu" aria-describedby="so_error"></main></body></html>"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_assert_accessible_names_each_serious_violation_under_a_strict_csp(page):
    page.set_content(FAULTY)

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "trang thử")

    message = str(failure.value)
    assert message.startswith("axe-core: 2 serious or critical WCAG A/AA violation(s) on trang thử")
    assert "- color-contrast (serious): Elements must meet minimum color contrast" in message
    assert "- label (critical): Form elements must have labels" in message
    assert "    input: Fix any of the following:" in message


def test_assert_accessible_fails_on_a_reference_to_an_error_that_is_not_shown(page):
    """axe leaves the missing id "to review"; on a page the server renders it is a fault."""
    page.set_content(MISSING_ERROR)

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "trang thử")

    message = str(failure.value)
    assert "- aria-valid-attr-value (to review) (critical): ARIA attributes must" in message
    assert "    #so: Fix all of the following: ARIA attribute element ID does not exist" in message


def test_assert_accessible_returns_the_result_of_a_clean_page(page):
    page.set_content(CLEAN)

    result = assert_accessible(page, "trang thử")

    assert result["violations"] == []
    assert {"label", "color-contrast", "html-has-lang"} <= set(result["passes"])


def test_run_axe_loads_axe_once_per_document(page):
    page.set_content(CLEAN)
    run_axe(page)
    page.evaluate("window.axe.loadedHere = true")

    run_axe(page)

    assert page.evaluate("window.axe.loadedHere") is True


def test_after_the_first_run_new_documents_of_the_context_have_axe_already(page):
    page.set_content(CLEAN)
    run_axe(page)

    later = page.context.new_page()
    later.goto("data:text/html;charset=utf-8,<title>Sau</title><main><h1>Sau</h1></main>")

    assert later.evaluate("typeof window.axe.run") == "function"
