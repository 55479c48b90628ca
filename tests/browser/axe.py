"""axe-core accessibility checks for the browser tests.

    from tests.browser.axe import assert_accessible

    tab.open(reverse("pledges:sign", args=[version.pk]))
    assert_accessible(tab.page, "pledge signing page")

`assert_accessible(page, where)` runs axe-core (vendored under `tests/browser/vendor/axe-core/`,
for the tests only: no page of the product loads it) on the page as it is now, with the WCAG 2.0
and 2.1 level A and AA rules, and fails when axe finds a serious or critical violation. The
failure names `where`, then one line per violation: the rule id, its impact, the help text and
the selectors of the offending elements. Two checks that axe leaves "to review" (incomplete)
have one answer on a page the server renders, and fail too when serious or critical: an ARIA
attribute pointing at an id that no element has (`aria-valid-attr-value`, e.g. an
`aria-describedby` naming an error that is not shown), and an `aria-label` that assistive
technology ignores on an element without a role (`aria-prohibited-attr`).

Call it after the page has settled (after navigation, after a form was submitted and its
errors are shown). It returns axe's result dictionary for callers that want more
(`result["violations"]`, `result["incomplete"]`, `result["passes"]`).

axe is evaluated through the DevTools protocol, not added as a `<script>`, so the pages' strict
Content-Security-Policy (no inline script) stays as it is in production. After the first call
the page's browser context loads axe into each new document itself (an init script).
"""

import weakref
from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_A_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING = ("serious", "critical")
DECIDED_WHEN_INCOMPLETE = ("aria-valid-attr-value", "aria-prohibited-attr")

_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    const keep = (rule) => ({
        id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
        nodes: rule.nodes.map((node) => ({
            target: node.target.map(String), summary: node.failureSummary || ""
        }))
    });
    return {
        url: result.url,
        violations: result.violations.map(keep),
        incomplete: result.incomplete.map(keep),
        passes: result.passes.map((rule) => rule.id)
    };
}"""


_preloading = weakref.WeakSet()  # browser contexts whose new documents get axe


def _load_axe(page) -> None:
    """axe in the page as it is now, and in every later document of its browser context:
    evaluated once here, then through an init script, which Chromium compiles once (about
    ten times faster than evaluating the 650 kB again on each page)."""
    if page.evaluate("typeof window.axe === 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8") + "\n;true")
    if page.context not in _preloading:
        page.context.add_init_script(path=str(AXE_SOURCE))
        _preloading.add(page.context)


def run_axe(page) -> dict:
    """axe-core's WCAG 2.0/2.1 A and AA result for the page as it is now: `violations` and
    `incomplete` (each rule with id, impact, help, helpUrl and its nodes' targets and
    failure summaries), `passes` (rule ids) and `url`."""
    _load_axe(page)
    return page.evaluate(_RUN, list(WCAG_A_AA))


def describe(violations: list[dict]) -> str:
    """One line per violation, then one indented line per offending element."""
    lines = []
    for rule in violations:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>")
        for node in rule["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {' '.join(node['target'])}: {summary}")
    return "\n".join(lines)


def blocking_violations(result: dict) -> list[dict]:
    """The serious and critical violations of an axe result, with its serious and critical
    results to review of the rules in DECIDED_WHEN_INCOMPLETE (their id ends in " (to review)")."""
    reviewed = [
        {**rule, "id": f"{rule['id']} (to review)"}
        for rule in result["incomplete"]
        if rule["id"] in DECIDED_WHEN_INCOMPLETE
    ]
    return [rule for rule in result["violations"] + reviewed if rule["impact"] in BLOCKING]


def failure_message(result: dict, where: str) -> str | None:
    """What `assert_accessible` fails with for this result, None when nothing blocks."""
    blocking = blocking_violations(result)
    if not blocking:
        return None
    return (
        f"axe-core: {len(blocking)} serious or critical WCAG A/AA violation(s) on {where} "
        f"({result['url']}):\n{describe(blocking)}"
    )


def assert_accessible(page, where: str) -> dict:
    """Fail, naming `where`, when axe-core finds a serious or critical WCAG 2.0/2.1 A/AA
    violation on the page; return axe's result otherwise."""
    result = run_axe(page)
    message = failure_message(result, where)
    assert message is None, message
    return result
